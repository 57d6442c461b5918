#include "server/lessons/approval_scan.hpp"

#include <algorithm>

#include "server/lessons/text_fields.hpp"

namespace hindsight::server {
namespace anon = common::anonymizer;
using nlohmann::json;

namespace {

bool blocks(anon::EntityType type) {
  return type == anon::EntityType::kSecret || type == anon::EntityType::kEmail ||
         type == anon::EntityType::kIpAddress || type == anon::EntityType::kMacAddress;
}

}  // namespace

std::vector<BlockingFinding> approval_blockers(const json& fields, const json& tags,
                                               const anon::Anonymizer& anonymizer,
                                               const anon::DocumentContext& context) {
  json scanned = fields;
  scanned["tags"] = tags;
  anon::DocumentContext undated = context;
  undated.incident.reset();
  std::vector<BlockingFinding> out;
  for (const auto& field : text_fields(scanned)) {
    // The same pipeline as the draft's, without the reviewer's rules (a keep never approves an
    // address or a secret) and without coarsening (nothing left to date).
    anon::RedactionSession session;
    auto scanned_text = anonymizer.anonymize(field.text, undated, session);
    for (const auto& redacted : scanned_text.findings) {
      const auto& f = redacted.finding;
      if (!blocks(f.type)) continue;
      bool seen = std::any_of(out.begin(), out.end(), [&](const BlockingFinding& b) {
        return b.field == field.path && b.type == f.type;
      });
      if (!seen) out.push_back({field.path, f.type});
    }
  }
  return out;
}

}  // namespace hindsight::server
