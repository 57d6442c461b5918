// Statements whose text depends on which optional filters a request uses (searches): one text
// per combination, assembled from fixed fragments on first use and kept for the process's life,
// so each combination is prepared once per connection like any other statement and the planner
// sees only the conditions in use. Values still travel only as parameters.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "common/db/statement.hpp"

namespace hindsight::common::db {

class StatementVariants {
 public:
  // The statement called `name`; `build()` gives its text the first time that name is asked for.
  template <typename Build>
  Statement get(const std::string& name, Build&& build) {
    std::lock_guard lock(mutex_);
    auto [it, added] = texts_.try_emplace(name);
    if (added) it->second = build();
    // Entries are never removed, so both views stay valid.
    return Statement{it->first, it->second};
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> texts_;
};

// `fragment` with each "$N" made the placeholder of parameter `position` ("$3").
inline std::string numbered(std::string_view fragment, std::size_t position) {
  std::string sql(fragment);
  std::string placeholder = "$" + std::to_string(position);
  for (std::size_t at = sql.find("$N"); at != std::string::npos;
       at = sql.find("$N", at + placeholder.size()))
    sql.replace(at, 2, placeholder);
  return sql;
}

}  // namespace hindsight::common::db
