// The org dictionary the anonymizer uses (docs/anonymizer.md, "Configuration"): reviewers read
// it, admins replace it with If-Match; every change is validated by compiling it and is audited.
#pragma once

#include <nlohmann/json.hpp>

#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

class DictionaryService {
 public:
  explicit DictionaryService(common::db::ConnectionPool& pool) : pool_(pool) {}

  // {"version", "dictionary": {org_names, terms, customers, internal_domains, allowed_terms,
  //  patterns}, "updated_by", "updated_at"}
  nlohmann::json get() const;
  // 400 when the anonymizer cannot use it (a pattern that does not compile, a wrong shape),
  // 409 with the current one when `expected_version` is stale.
  nlohmann::json replace(common::db::Transaction& tx, const Principal& admin, int expected_version,
                         const nlohmann::json& dictionary) const;

 private:
  common::db::ConnectionPool& pool_;
};

}  // namespace hindsight::server
