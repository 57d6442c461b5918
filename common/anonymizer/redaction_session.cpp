#include "anonymizer/redaction_session.hpp"

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

std::string RedactionSession::placeholder_for(EntityType type, std::string_view original) {
  // Names and hosts compare case-insensitively ("Marlowe" and "marlowe" are one org); secrets
  // exactly, since a secret's case is part of it.
  std::string key = type == EntityType::kSecret ? std::string(original) : ascii_lowercase(original);
  if (type == EntityType::kUsername && !key.empty() && key.front() == '@') key.erase(0, 1);
  auto [it, inserted] = placeholders_.try_emplace({type, std::move(key)});
  if (inserted) {
    auto n = ++counters_[static_cast<std::size_t>(type)];
    auto& placeholder = it->second;
    placeholder.reserve(24);
    placeholder.append("[").append(entity_type_name(type)).append("-");
    placeholder.append(std::to_string(n)).append("]");
  }
  return it->second;
}

RedactedText RedactionSession::apply(std::string_view text, const std::vector<Finding>& findings) {
  RedactedText out;
  out.text.reserve(text.size());
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
