// Filing postmortems: create, read, replace (optimistic concurrency on the version), the
// review workflow draft -> in_review -> published, and the kept history of versions. Every
// change writes a new version and an audit entry in the caller's transaction; reads open
// their own.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "common/util/uuid_text.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

// The stored JSON text of a document, served without parsing it again.
struct StoredDocument {
  std::string document;
  int version;
};

class PostmortemService {
 public:
  explicit PostmortemService(common::db::ConnectionPool& pool) : pool_(pool) {}

  // `fields` come from parse_postmortem_input. Returns the stored document.
  nlohmann::json create(common::db::Transaction& tx, const Principal& caller,
                        const nlohmann::json& fields) const;
  // The current document; throws 404.
  nlohmann::json get(const std::string& id) const;
  StoredDocument get_stored(const std::string& id) const;
  // Replaces the fields if the current version is `expected_version` (else 409 carrying the
  // current document); published postmortems need a reviewer.
  nlohmann::json update(common::db::Transaction& tx, const Principal& caller, const std::string& id,
                        int expected_version, const nlohmann::json& fields) const;
  nlohmann::json change_status(common::db::Transaction& tx, const Principal& caller,
                               const std::string& id, const std::string& status,
                               const std::string& reason) const;
  // Changes one action item's status, owner, due date or link (fields present in `patch`);
  // like any change it makes a new version of its postmortem. Any member may: action items
  // are worked on after publication.
  nlohmann::json update_action_item(common::db::Transaction& tx, const Principal& caller,
                                    const std::string& item_id, const nlohmann::json& patch) const;
  nlohmann::json versions(const std::string& id) const;
  nlohmann::json version(const std::string& id, int version) const;

 private:
  common::db::ConnectionPool& pool_;
};

// Postmortem ids are UUIDs; anything else cannot exist (404 without a query).
using common::looks_like_uuid;

}  // namespace hindsight::server
