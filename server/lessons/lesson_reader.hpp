// Reading lessons for reviewers: one lesson with the original text of its source version
// beside it (read from postmortem_versions, never stored in the lesson) and its rules, and the
// list of lessons, newest change first, with a keyset cursor.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"

namespace hindsight::server {

struct LessonListQuery {
  std::optional<std::string> status;
  std::optional<std::string> cursor;
  int limit = 20;
};

class LessonReader {
 public:
  explicit LessonReader(common::db::ConnectionPool& pool) : pool_(pool) {}

  // Throws 404.
  nlohmann::json get(const std::string& id) const;
  // {"items": [{id, postmortem_id, status, title, severity, tags, revision, published_version,
  //  updated_at}], "next_cursor"}
  nlohmann::json list(const LessonListQuery& query) const;

 private:
  common::db::ConnectionPool& pool_;
};

// The lesson as the API shows it, read in `tx`; nullopt when there is no such lesson.
std::optional<nlohmann::json> read_lesson_view(common::db::Transaction& tx, const std::string& id);

}  // namespace hindsight::server
