// The built-in detectors' Hyperscan prefilter is read from the blob compiled at build time. It
// must lead the detectors to exactly the findings of a prefilter compiled at start, and a blob
// that does not fit (corrupt, cut short, from another detector table) must never be read: the
// prefilter is then compiled, and findings stay the same.
#include <gtest/gtest.h>
#include <hs/hs.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/anonymizer/builtin_prefilter.hpp"
#include "common/anonymizer/pattern_engine.hpp"

namespace hindsight::common::anonymizer {
namespace {

struct Document {
  std::string text;
  DocumentContext context;
};

const std::vector<Detector>& builtins() {
  static const std::vector<Detector> table = builtin_detectors();
  return table;
}

std::unique_ptr<PatternEngine> engine_with(PrefilterDatabase prefilter) {
  return std::make_unique<PatternEngine>(builtins(), builtins().size(), std::move(prefilter));
}

std::unique_ptr<PatternEngine> compiled_engine() {
  return engine_with(compile_prefilter(prefilter_set(builtins(), 0, true), nullptr));
}

std::vector<Finding> scan(const PatternEngine& engine, const Document& document) {
  static const Gazetteer names;
  static const HostRules hosts;
  ScanContext context = ScanContext::build(document.text, document.context);
  std::vector<Finding> out;
  engine.scan({context, hosts, names}, out);
  return out;
}

// Lines that many detectors fire on, the secrets the dev corpus holds few of among them.
const Document kSamples{
    "token ghp_R2d2C3poBb8Kk1Ll9Mm0Nn7Oo6Pp5Qq4Rr3Ss here\n"
    "key AKIAQWERTYUIOPASDFGH and xoxb-2048-4096-Zm9vYmFyYmF6cXV4\n"
    "psql postgres://app:Wint3r-Is-C0ming@db-7.prod.marlowe.io:5432/ledger\n"
    "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n"
    "export DB_PASSWORD=Correct-Horse-Battery-9\n"
    "mysql -u root -pS3cretRootPw prod\n"
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7vbqajDw4o6gJy8UtmIbkcpnkO3Kwc4qsEnSZp\n"
    "-----END RSA PRIVATE KEY-----\n"
    "mail jane.doe@marlowe.io, open https://grafana.marlowe.io/d/abc?x=1\n"
    "hosts 10.20.30.40/24, fe80::1ff:fe23:4567:890a and aa:bb:cc:dd:ee:ff on pg-primary-2\n"
    "call +1 415 555 0142 or (212) 555-0199\n"
    "arn:aws:iam::123456789012:role/deploy in 123e4567-e89b-12d3-a456-426614174000, OPS-4521\n"
    "[10:42] <mkowalski> restarting now\n"
    "user: jdoe assumed by svc-deploy, ping @alice.smith\n",
    {}};

// The dev corpus's documents (../shared/anonymizer-corpus; none where it is absent).
std::vector<Document> corpus_documents() {
  std::vector<Document> out;
  std::ifstream corpus(std::string(HINDSIGHT_ANONYMIZER_CORPUS) + "/input.jsonl");
  for (std::string line; std::getline(corpus, line);) {
    if (line.empty()) continue;
    auto json = nlohmann::json::parse(line);
    out.push_back({json.at("text").get<std::string>(),
                   DocumentContext::from_json(json.value("context", nlohmann::json::object()))});
  }
  return out;
}

TEST(BuiltinPrefilter, IsReadFromTheBlobBuiltForAnyX8664) {
  auto embedded = embedded_prefilter();
  auto prefilter = builtin_prefilter(builtins());
  EXPECT_TRUE(prefilter.deserialized);
  ASSERT_NE(prefilter.database, nullptr);
  auto compiled = compile_prefilter(prefilter_set(builtins(), 0, true), nullptr);
  EXPECT_EQ(prefilter.detectors, compiled.detectors);
  char* info = nullptr;
  ASSERT_EQ(hs_serialized_database_info(embedded.bytes.data(), embedded.bytes.size(), &info),
            HS_SUCCESS);
  std::string description = info;
  std::free(info);
  EXPECT_EQ(description.find("AVX"), std::string::npos) << description;
}

TEST(BuiltinPrefilter, FindsWhatAPrefilterCompiledAtStartFinds) {
  auto docs = corpus_documents();
  if (docs.empty()) GTEST_SKIP() << "no corpus at " << HINDSIGHT_ANONYMIZER_CORPUS;
  docs.push_back(kSamples);
  auto from_blob = engine_with(builtin_prefilter(builtins()));
  auto compiled = compiled_engine();
  std::size_t findings = 0;
  for (const auto& doc : docs) {
    auto expected = scan(*compiled, doc);
    EXPECT_EQ(scan(*from_blob, doc), expected) << doc.text.substr(0, 200);
    findings += expected.size();
  }
  EXPECT_GT(findings, 500u);
}

// The embedded blob's bytes with `change` applied, under its own fingerprint and detectors.
PrefilterDatabase from_altered_blob(void (*change)(std::string&)) {
  auto embedded = embedded_prefilter();
  std::string bytes(embedded.bytes);
  change(bytes);
  return builtin_prefilter(builtins(), {bytes, embedded.fingerprint, embedded.detectors});
}

void expect_compiled_and_equivalent(PrefilterDatabase prefilter) {
  EXPECT_FALSE(prefilter.deserialized);
  ASSERT_NE(prefilter.database, nullptr);
  auto engine = engine_with(std::move(prefilter));
  auto expected = scan(*compiled_engine(), kSamples);
  EXPECT_GT(expected.size(), 20u);
  EXPECT_EQ(scan(*engine, kSamples), expected);
}

TEST(BuiltinPrefilter, CorruptBlobIsCompiledInstead) {
  expect_compiled_and_equivalent(from_altered_blob([](std::string& b) { b[0] ^= 0x5a; }));
  expect_compiled_and_equivalent(from_altered_blob([](std::string& b) { b[b.size() / 2] ^= 1; }));
  expect_compiled_and_equivalent(from_altered_blob([](std::string& b) { b.resize(b.size() / 2); }));
  expect_compiled_and_equivalent(from_altered_blob([](std::string& b) { b.clear(); }));
}

TEST(BuiltinPrefilter, BlobOfAnotherTableIsNeverRead) {
  auto embedded = embedded_prefilter();
  expect_compiled_and_equivalent(builtin_prefilter(
      builtins(), {embedded.bytes, embedded.fingerprint + 1, embedded.detectors}));

  // A table whose JWT row was edited after the blob was built: the edit is what prefilters.
  auto edited = builtins();
  for (auto& d : edited)
    if (d.name == "jwt") d.pattern = R"(\bJWT-[0-9]{6}\b)";
  auto prefilter = builtin_prefilter(edited, embedded);
  EXPECT_FALSE(prefilter.deserialized);
  PatternEngine engine(edited, edited.size(), std::move(prefilter));
  auto found = scan(engine, {"issued JWT-123456 to the runner", {}});
  EXPECT_NE(std::find(found.begin(), found.end(), Finding{EntityType::kSecret, 7, 17}),
            found.end());
}

}  // namespace
}  // namespace hindsight::common::anonymizer
