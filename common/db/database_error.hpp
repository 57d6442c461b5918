// Raised when PostgreSQL cannot be reached (down, restarting, pool exhausted): the server maps
// it to 503 `unavailable`, never to a crash.
#pragma once

#include <stdexcept>

namespace hindsight::common::db {

class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace hindsight::common::db
