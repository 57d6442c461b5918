// Argon2id password hashes in the PHC string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash),
// so the parameters travel with each hash and can be raised later without breaking old ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hindsight::common::crypto {

struct Argon2Params {
  uint32_t time_cost = 3;           // passes
  uint32_t memory_kib = 64 * 1024;  // RFC 9106 section 4, second recommended option
  uint32_t parallelism = 1;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(Argon2Params params = {}) : params_(params) {}

  std::string hash(std::string_view password) const;
  // False for a wrong password or a hash that is not ours; never throws on bad input.
  bool verify(std::string_view password, const std::string& encoded) const;

 private:
  Argon2Params params_;
};

}  // namespace hindsight::common::crypto
