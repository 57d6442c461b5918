// Ed25519 (RFC 8032) keys over their raw 32-byte forms, the keys that sign federation requests
// and lesson documents. OpenSSL's EVP interface does the work; its types stay in the .cpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>

struct evp_pkey_st;  // OpenSSL's EVP_PKEY

namespace hindsight::common::crypto {

inline constexpr std::size_t kEd25519KeyBytes = 32;
inline constexpr std::size_t kEd25519SignatureBytes = 64;

// Copies share one immutable OpenSSL key, which may sign from several threads at once.
class Ed25519PrivateKey {
 public:
  static Ed25519PrivateKey generate();
  // The 32-byte seed of RFC 8032 section 5.1.5; throws CryptoError for any other length.
  static Ed25519PrivateKey from_raw(std::string_view seed);

  std::string raw() const;                           // the 32-byte seed: a secret
  std::string public_key() const;                    // the raw 32-byte public key
  std::string sign(std::string_view message) const;  // 64 bytes

 private:
  explicit Ed25519PrivateKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

class Ed25519PublicKey {
 public:
  // Throws CryptoError unless `bytes` is 32 bytes long.
  static Ed25519PublicKey from_raw(std::string_view bytes);

  std::string raw() const;
  // False for a wrong signature, and for one of the wrong length; never throws for either.
  bool verify(std::string_view message, std::string_view signature) const;

 private:
  explicit Ed25519PublicKey(std::shared_ptr<evp_pkey_st> key) : key_(std::move(key)) {}
  std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace hindsight::common::crypto
