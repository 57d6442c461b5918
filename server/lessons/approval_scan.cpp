#include "server/lessons/approval_scan.hpp"

#include <algorithm>

#include "server/lessons/directory_emails.hpp"
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
  std::vector<BlockingFinding> out;
  for (const auto& field : text_fields(scanned)) {
    auto found = anonymizer.detect(field.text, context);
    auto emails = directory_emails(field.text, context);
    found.insert(found.end(), emails.begin(), emails.end());
    for (const auto& f : found) {
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
