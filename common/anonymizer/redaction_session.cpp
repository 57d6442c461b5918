#include "anonymizer/redaction_session.hpp"

#include <array>

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

std::string RedactionSession::placeholder_for(EntityType type, std::string_view original) {
  // Names and hosts compare case-insensitively ("Marlowe" and "marlowe" are one org); secrets
  // exactly, since a secret's case is part of it.
  if (type == EntityType::kUsername && !original.empty() && original.front() == '@')
    original.remove_prefix(1);
  // The key is built on the stack; it is copied only for an original not seen before.
  std::array<char, 256> buffer;
  std::string long_key;
  char* key_data = buffer.data();
  if (original.size() + 1 > buffer.size()) {
    long_key.resize(original.size() + 1);
    key_data = long_key.data();
  }
  key_data[0] = static_cast<char>(type);
  for (std::size_t i = 0; i < original.size(); ++i)
    key_data[i + 1] = type == EntityType::kSecret ? original[i] : ascii_lower(original[i]);
  std::string_view key(key_data, original.size() + 1);
  auto it = placeholders_.find(key);
  if (it == placeholders_.end()) {
    auto n = ++counters_[static_cast<std::size_t>(type)];
    std::string placeholder = "[";
    placeholder.append(entity_type_name(type)).append("-").append(std::to_string(n)).append("]");
    it = placeholders_.emplace(std::string(key), std::move(placeholder)).first;
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
