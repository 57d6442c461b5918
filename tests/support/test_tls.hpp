// A test certificate authority and a server certificate it issued for 127.0.0.1/localhost,
// written to a temporary directory, so clients can verify servers the way peers do.
#pragma once

#include <filesystem>
#include <string>

namespace hindsight::test {

struct TestPki {
  std::filesystem::path dir;
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
};

// Made once per test process, and removed when it exits.
const TestPki& test_pki();

// A fresh temporary directory, removed by the caller (or left in /tmp on failure).
std::filesystem::path make_temp_dir(const std::string& prefix);

}  // namespace hindsight::test
