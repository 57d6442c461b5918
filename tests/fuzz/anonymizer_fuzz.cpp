// libFuzzer target for the anonymizer: whatever the input, findings are in range, on UTF-8
// boundaries, sorted and non-overlapping, and no finding's original text survives in the
// redacted output.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/anonymizer/anonymizer.hpp"
#include "common/anonymizer/occurrence_propagation.hpp"
#include "common/anonymizer/text_utils.hpp"

namespace {

namespace anon = hindsight::common::anonymizer;

const anon::Anonymizer& fuzz_anonymizer() {
  static const anon::Anonymizer anonymizer;
  return anonymizer;
}

anon::DocumentContext fuzz_context() {
  anon::DocumentContext context;
  context.people = {{"Søren Dahl", "sdahl", "sdahl@marlowe.ai"}, {"王芳", "wfang", ""}};
  context.org_names = {"Marlowe Analytics", "Marlowe"};
  context.customers = {"Wayne Aerospace"};
  context.terms = {"Project Nimbus"};
  context.internal_domains = {"mrl.internal"};
  return context;
}

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::cerr << "anonymizer property violated: " << what << "\ninput: " << text << "\n";
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const auto context = fuzz_context();
  anon::RedactionSession session;
  auto redacted = fuzz_anonymizer().anonymize(text, context, session);
  std::size_t previous_end = 0;
  for (const auto& r : redacted.findings) {
    const auto& f = r.finding;
    if (f.start >= f.end || f.end > text.size()) fail("offsets out of range", text);
    if (f.start < previous_end) fail("findings overlap or are unsorted", text);
    if (!anon::is_utf8_boundary(text, f.start) || !anon::is_utf8_boundary(text, f.end))
      fail("offset inside a UTF-8 sequence", text);
    previous_end = f.end;
  }
  // The output is the kept text with each finding replaced by its placeholder.
  std::string expected;
  std::vector<std::string_view> kept;  // the output between placeholders
  std::size_t pos = 0;
  for (const auto& r : redacted.findings) {
    expected.append(text.substr(pos, r.finding.start - pos)).append(r.placeholder);
    kept.push_back(text.substr(pos, r.finding.start - pos));
    pos = r.finding.end;
  }
  expected.append(text.substr(pos));
  kept.push_back(text.substr(pos));
  if (expected != redacted.text) fail("output is not the text with placeholders", text);
  // Propagation to further occurrences is capped per document to stay linear; so is this check.
  if (redacted.findings.size() > 200) return 0;
  for (const auto& r : redacted.findings) {
    const auto& f = r.finding;
    auto original = text.substr(f.start, f.size());
    if (original.size() < 4) continue;
    bool exact = f.type == anon::EntityType::kPerson;
    bool survives = false;
    for (auto segment : kept)
      survives |= anon::occurs_unglued(segment, original, exact);
    if (survives) {
      std::cerr << "finding " << anon::entity_type_name(f.type) << " '" << original << "'\n"
                << "output: " << redacted.text << "\n";
      fail("a finding's text survives in the output", text);
    }
  }
  return 0;
}
