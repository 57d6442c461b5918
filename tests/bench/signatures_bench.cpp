// Request signatures per second on one thread: the whole RFC 9421 path as a sender runs it
// (RequestSigner::sign: parameters, nonce, signature base, Ed25519, the two fields) and as a
// receiver runs it (read_signature, which parses both fields, then verify_signature, which
// rebuilds the base and checks Ed25519), and raw Ed25519 through common/crypto's wrapper over a
// 20-byte message, the message `openssl speed ed25519` signs. Rates are per CPU second of this
// thread, as openssl speed counts user CPU time. tests/bench/signatures_bench.sh runs it beside
// openssl speed.
//
//   signatures_bench [--seconds N]      N seconds for each of the four measures (default 3)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/crypto/ed25519.hpp"
#include "federation/signatures/content_digest.hpp"
#include "federation/signatures/http_message_signature.hpp"
#include "tests/bench/thread_cpu_time.hpp"

namespace {

using namespace hindsight;
using bench::thread_cpu_seconds;

// Runs `operation` in batches until `seconds` of this thread's CPU time have passed, and prints
// one line: name, operations, CPU seconds, wall seconds, operations per CPU second.
void measure(const char* name, double seconds, const std::function<void()>& operation) {
  constexpr int kBatch = 64;
  for (int i = 0; i < kBatch; ++i)  // warm caches and OpenSSL's fetched algorithms
    operation();
  long long count = 0;
  auto wall_start = std::chrono::steady_clock::now();
  double cpu_start = thread_cpu_seconds(), cpu = 0;
  do {
    for (int i = 0; i < kBatch; ++i)
      operation();
    count += kBatch;
    cpu = thread_cpu_seconds() - cpu_start;
  } while (cpu < seconds);
  double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::printf("%-16s %10lld ops %8.3f cpu-s %8.3f wall-s %12.1f ops/cpu-s\n", name, count, cpu,
              wall, static_cast<double>(count) / cpu);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: signatures_bench [--seconds N]\n");
      return 2;
    }
  }
  if (!(seconds > 0)) {
    std::fprintf(stderr, "--seconds must be positive\n");
    return 2;
  }

  using namespace hindsight::federation;
  auto key = common::crypto::Ed25519PrivateKey::generate();
  auto public_key = common::crypto::Ed25519PublicKey::from_raw(key.public_key());
  RequestSigner signer("https://a.example/.well-known/hindsight#k0123456789abcdef", key);

  // A lesson event of about 1 KiB to another instance's inbox, as the protocol sends it.
  std::string body =
      R"({"type":"lesson.published","lesson":{"summary":")" + std::string(1000, 'x') + "\"}}";
  HeaderFields headers = {{"Host", "b.example"},
                          {"Content-Type", "application/json"},
                          {"Content-Digest", content_digest_field(body)}};
  RequestParts request{"POST", "/federation/v1/inbox", Origin::parse("https://b.example"),
                       field_lookup(headers)};
  auto fields = signer.sign(request, true, std::chrono::system_clock::now());
  headers.emplace_back("Signature-Input", fields.signature_input);
  headers.emplace_back("Signature", fields.signature);

  std::size_t sink = 0;
  measure("rfc9421-sign", seconds, [&] {
    sink += signer.sign(request, true, std::chrono::system_clock::now()).signature.size();
  });
  measure("rfc9421-verify", seconds, [&] {
    auto received = read_signature(request.fields);
    if (!received) throw std::logic_error("no signature");
    verify_signature(*received, request, public_key);  // throws unless it verifies
  });

  const std::string message(20, '\x5a');
  std::string signature = key.sign(message);
  measure("ed25519-sign", seconds, [&] { sink += key.sign(message).size(); });
  measure("ed25519-verify", seconds, [&] {
    if (!public_key.verify(message, signature)) throw std::logic_error("did not verify");
  });
  return sink == 0 ? 1 : 0;
}
