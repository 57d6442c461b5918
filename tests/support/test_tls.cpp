#include "tests/support/test_tls.hpp"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

#include "common/crypto/certificates.hpp"

namespace hindsight::test {
namespace fs = std::filesystem;

fs::path make_temp_dir(const std::string& prefix) {
  std::string pattern = "/tmp/" + prefix + "-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  fs::permissions(pattern, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
  return pattern;
}

namespace {

// Removes the directory when the test process exits. Servers and clients read the files when
// they start, so one still running then is not disturbed.
struct OwnedPki {
  TestPki pki;
  ~OwnedPki() {
    std::error_code ignored;
    fs::remove_all(pki.dir, ignored);
  }
};

}  // namespace

const TestPki& test_pki() {
  static const OwnedPki owned{[] {
    TestPki p;
    p.dir = make_temp_dir("hindsight-pki");
    auto ca = common::crypto::make_self_signed_certificate({"Hindsight Test CA", {}, true, 30});
    auto leaf = common::crypto::issue_certificate(
        {"localhost", {"localhost", "127.0.0.1", "::1"}, false, 30}, ca);
    p.ca_file = (p.dir / "ca.pem").string();
    p.cert_file = (p.dir / "cert.pem").string();
    p.key_file = (p.dir / "key.pem").string();
    std::ofstream(p.ca_file) << ca.certificate_pem;
    std::ofstream(p.cert_file) << leaf.certificate_pem;
    std::ofstream(p.key_file) << leaf.private_key_pem;
    return p;
  }()};
  return owned.pki;
}

}  // namespace hindsight::test
