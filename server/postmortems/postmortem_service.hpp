// Filing postmortems: create, read, replace (optimistic concurrency on the version), the
// review workflow draft -> in_review -> published, and the kept history of versions. Every
// change writes a new version and an audit entry in the same transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "auth/principal.hpp"
#include "db/connection_pool.hpp"

namespace hindsight::server {

class PostmortemService {
 public:
  explicit PostmortemService(common::db::ConnectionPool& pool) : pool_(pool) {}

  // `fields` come from parse_postmortem_input. Returns the stored document.
  nlohmann::json create(const Principal& caller, const nlohmann::json& fields) const;
  // The current document; throws 404.
  nlohmann::json get(const std::string& id) const;
  // Replaces the fields if the current version is `expected_version` (else 409 carrying the
  // current document); published postmortems need a reviewer.
  nlohmann::json update(const Principal& caller, const std::string& id, int expected_version,
                        const nlohmann::json& fields) const;
  nlohmann::json change_status(const Principal& caller, const std::string& id,
                               const std::string& status, const std::string& reason) const;
  nlohmann::json versions(const std::string& id) const;
  nlohmann::json version(const std::string& id, int version) const;

 private:
  common::db::ConnectionPool& pool_;
};

// Postmortem ids are UUIDs; anything else cannot exist (404 without a query).
bool looks_like_uuid(const std::string& text);

}  // namespace hindsight::server
