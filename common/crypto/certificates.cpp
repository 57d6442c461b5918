#include "common/crypto/certificates.hpp"

#include <arpa/inet.h>
#include <openssl/pem.h>

#include "common/crypto/openssl_handles.hpp"
#include "common/crypto/random.hpp"

namespace hindsight::common::crypto {
namespace {

PKeyPtr generate_key() {
  PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  check(key != nullptr, "generate P-256 key");
  return key;
}

std::string subject_alt_names(const std::vector<std::string>& hosts) {
  std::string out;
  for (const auto& host : hosts) {
    unsigned char buffer[16];
    bool is_ip = inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
                 inet_pton(AF_INET6, host.c_str(), buffer) == 1;
    if (!out.empty()) out += ',';
    out += (is_ip ? "IP:" : "DNS:") + host;
  }
  return out;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str()));
  check(ext != nullptr, "build certificate extension");
  check(X509_add_ext(cert, ext.get(), -1) == 1, "add certificate extension");
}

std::string to_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "write certificate PEM");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string to_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
        "write key PEM");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

X509Ptr read_certificate(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  check(cert != nullptr, "read issuer certificate");
  return cert;
}

PKeyPtr read_private_key(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  check(key != nullptr, "read issuer key");
  return key;
}

// Signs a new certificate for `spec` with issuer_key; a null issuer_cert means self-signed.
PemCertificate build(const CertificateSpec& spec, X509* issuer_cert, EVP_PKEY* issuer_key) {
  PKeyPtr key = generate_key();
  X509Ptr cert(X509_new());
  check(cert != nullptr, "X509_new");
  check(X509_set_version(cert.get(), 2) == 1, "set version");

  std::string serial = random_bytes(16);
  serial[0] = static_cast<char>(serial[0] & 0x7F);  // positive, as RFC 5280 requires
  BIGNUM* bn = BN_bin2bn(reinterpret_cast<const unsigned char*>(serial.data()), 16, nullptr);
  check(bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get())) != nullptr,
        "set serial");
  BN_free(bn);

  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(spec.valid_days) * 86400);
  check(X509_set_pubkey(cert.get(), key.get()) == 1, "set public key");

  X509_NAME* name = X509_get_subject_name(cert.get());
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(spec.common_name.c_str()),
                                   -1, -1, 0) == 1,
        "set subject");
  X509* issuer = issuer_cert != nullptr ? issuer_cert : cert.get();
  check(X509_set_issuer_name(cert.get(), X509_get_subject_name(issuer)) == 1, "set issuer");

  add_extension(cert.get(), issuer, NID_basic_constraints,
                spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_extension(cert.get(), issuer, NID_key_usage,
                spec.is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  add_extension(cert.get(), issuer, NID_subject_key_identifier, "hash");
  if (!spec.is_ca) add_extension(cert.get(), issuer, NID_ext_key_usage, "serverAuth,clientAuth");
  if (!spec.hosts.empty())
    add_extension(cert.get(), issuer, NID_subject_alt_name, subject_alt_names(spec.hosts));

  EVP_PKEY* signer = issuer_key != nullptr ? issuer_key : key.get();
  check(X509_sign(cert.get(), signer, EVP_sha256()) > 0, "sign certificate");
  return {to_pem(cert.get()), to_pem(key.get())};
}

}  // namespace

PemCertificate make_self_signed_certificate(const CertificateSpec& spec) {
  return build(spec, nullptr, nullptr);
}

PemCertificate issue_certificate(const CertificateSpec& spec, const PemCertificate& issuer) {
  X509Ptr issuer_cert = read_certificate(issuer.certificate_pem);
  PKeyPtr issuer_key = read_private_key(issuer.private_key_pem);
  return build(spec, issuer_cert.get(), issuer_key.get());
}

}  // namespace hindsight::common::crypto
