// X.509 certificates for TLS: the self-signed certificate a server makes for itself at first
// start, and a small CA used by tests to issue certificates a client can verify.
#pragma once

#include <string>
#include <vector>

namespace hindsight::common::crypto {

struct PemCertificate {
  std::string certificate_pem;
  std::string private_key_pem;
};

struct CertificateSpec {
  std::string common_name;
  std::vector<std::string> hosts;  // subjectAltName entries: IP literals or DNS names
  bool is_ca = false;
  int valid_days = 825;
};

// ECDSA P-256 key, SHA-256 signature.
PemCertificate make_self_signed_certificate(const CertificateSpec& spec);
PemCertificate issue_certificate(const CertificateSpec& spec, const PemCertificate& issuer);

}  // namespace hindsight::common::crypto
