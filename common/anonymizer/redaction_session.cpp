#include "common/anonymizer/redaction_session.hpp"

#include <algorithm>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

const char* finding_source_name(FindingSource source) {
  switch (source) {
    case FindingSource::kDirectory:
      return "directory";
    case FindingSource::kReviewer:
      return "reviewer";
    case FindingSource::kDetector:
      break;
  }
  return "detector";
}

std::string RedactionSession::placeholder_for(EntityType type, std::string_view original) {
  // Names and hosts compare case-insensitively ("Marlowe" and "marlowe" are one org); secrets
  // exactly, since a secret's case is part of it.
  if (type == EntityType::kUsername && !original.empty() && original.front() == '@')
    original.remove_prefix(1);
  key_.assign(1, static_cast<char>(type));  // the type, then the original as compared
  key_ += original;
  if (type != EntityType::kSecret)
    std::transform(key_.begin() + 1, key_.end(), key_.begin() + 1, ascii_lower);
  auto it = placeholders_.find(std::string_view(key_));
  if (it == placeholders_.end()) {
    auto n = ++counters_[static_cast<std::size_t>(type)];
    std::string placeholder = "[";
    placeholder.append(entity_type_name(type)).append("-").append(std::to_string(n)).append("]");
    it = placeholders_.emplace(key_, std::move(placeholder)).first;
  }
  return it->second;
}

RedactedText RedactionSession::apply(std::string_view text, const std::vector<Finding>& findings) {
  RedactedText out;
  out.text.reserve(text.size());
  out.findings.reserve(findings.size());
  std::size_t pos = 0;
  for (const auto& f : findings) {
    out.text.append(text.substr(pos, f.start - pos));
    auto placeholder = placeholder_for(f.type, text.substr(f.start, f.size()));
    out.text += placeholder;
    out.findings.push_back({f, std::move(placeholder)});
    pos = f.end;
  }
  out.text.append(text.substr(pos));
  return out;
}

}  // namespace hindsight::common::anonymizer
