#include "common/crypto/openssl_handles.hpp"

#include <openssl/err.h>

namespace hindsight::common::crypto {
namespace {

std::string with_openssl_errors(const std::string& what) {
  std::string out = what;
  while (unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    out += ": ";
    out += buffer;
  }
  return out;
}

}  // namespace

CryptoError::CryptoError(const std::string& what) : std::runtime_error(with_openssl_errors(what)) {}

}  // namespace hindsight::common::crypto
