#include "server/http/tls_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/url/parse.hpp>
#include <fstream>

#include "common/crypto/certificates.hpp"

namespace hindsight::server {
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& content, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) throw std::runtime_error("cannot write " + path.string());
  bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

TlsFiles resolve_tls_files(const ServerConfig& config, common::Logger& logger) {
  if (config.tls_cert && config.tls_key) return {*config.tls_cert, *config.tls_key};
  fs::path dir = config.database.data_dir / "tls";
  TlsFiles files{(dir / "cert.pem").string(), (dir / "key.pem").string()};
  if (fs::exists(files.certificate_file) && fs::exists(files.private_key_file)) return files;

  std::vector<std::string> hosts = {"localhost", "127.0.0.1", "::1"};
  auto add_host = [&](const std::string& h) {
    if (!h.empty() && h != "0.0.0.0" && h != "::" &&
        std::find(hosts.begin(), hosts.end(), h) == hosts.end())
      hosts.push_back(h);
  };
  add_host(config.listen.host);
  if (auto url = boost::urls::parse_absolute_uri(config.public_url)) add_host(url->host_address());

  auto pem = common::crypto::make_self_signed_certificate({hosts.back(), hosts, false, 825});
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  write_file(files.private_key_file, pem.private_key_pem, 0600);
  write_file(files.certificate_file, pem.certificate_pem, 0644);
  logger.info("generated a self-signed TLS certificate", {{"certificate", files.certificate_file}});
  return files;
}

}  // namespace hindsight::server
