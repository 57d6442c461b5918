#include "federation/identity/key_encryption_key.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "common/crypto/encoding.hpp"
#include "common/crypto/random.hpp"
#include "common/crypto/sealed_box.hpp"
#include "common/error/api_error.hpp"

namespace hindsight::federation {
namespace fs = std::filesystem;
namespace crypto = common::crypto;

namespace {

std::optional<std::string> decode_key(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  auto raw = crypto::base64_decode(text);
  if (!raw) raw = crypto::base64url_decode(text);
  if (!raw || raw->size() != crypto::kSealKeySize) return std::nullopt;
  return raw;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Written beside the final name and linked into place, so a second process starting at the
// same moment either wins the link or reads the first one's complete file.
void create_key_file(const fs::path& path) {
  fs::path staged = path;
  staged += fmt::format(".{}", ::getpid());
  std::string content = crypto::base64_encode(crypto::random_bytes(crypto::kSealKeySize)) + "\n";
  int fd = ::open(staged.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), staged.string());
  bool written =
      ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    ::unlink(staged.c_str());
    throw std::runtime_error("cannot write " + staged.string());
  }
  int linked = ::link(staged.c_str(), path.c_str());
  int link_error = errno;
  ::unlink(staged.c_str());
  if (linked != 0 && link_error != EEXIST)
    throw std::system_error(link_error, std::generic_category(), path.string());
}

}  // namespace

std::string load_key_encryption_key(const std::optional<common::SettingValue>& configured,
                                    const fs::path& data_dir) {
  if (configured) {
    auto key = decode_key(configured->value);
    if (!key)
      throw common::UsageError(fmt::format(
          "{}: key_encryption_key must be base64 of 32 random bytes (openssl rand -base64 32)",
          configured->origin));
    return *key;
  }
  fs::path dir = data_dir / "keys";
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  fs::path path = dir / "key-encryption-key";
  if (!fs::exists(path)) create_key_file(path);
  auto key = decode_key(read_file(path));
  if (!key) throw std::runtime_error(path.string() + " does not hold base64 of 32 bytes");
  return *key;
}

}  // namespace hindsight::federation
