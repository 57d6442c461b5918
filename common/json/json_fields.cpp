#include "common/json/json_fields.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"

namespace hindsight::common {

bool utf8_length(std::string_view text, std::size_t& length) {
  // RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
  length = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    uint32_t code = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 2) return false;
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[n] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += n;
    ++length;
  }
  return true;
}

void check_text(std::string_view text, const std::string& field, std::size_t max_chars) {
  std::size_t length = 0;
  if (!utf8_length(text, length)) throw ApiError::validation(field, field + " is not valid UTF-8");
  if (text.find('\0') != std::string_view::npos)
    throw ApiError::validation(field, field + " must not contain the NUL character");
  if (length > max_chars)
    throw ApiError::validation(field,
                               fmt::format("{} is longer than {} characters", field, max_chars));
}

std::optional<std::string> optional_string(const nlohmann::json& object, const std::string& field,
                                           std::size_t max_chars) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw ApiError::validation(field, field + " must be a string");
  const auto& text = it->get_ref<const std::string&>();
  check_text(text, field, max_chars);
  return text;
}

std::string required_string(const nlohmann::json& object, const std::string& field,
                            std::size_t max_chars) {
  auto value = optional_string(object, field, max_chars);
  if (!value || value->empty()) throw ApiError::validation(field, field + " is required");
  return *value;
}

void reject_nul(const nlohmann::json& value, const std::string& path) {
  auto refuse = [](const std::string& where) {
    std::string field = where.empty() ? "(body)" : where;
    return ApiError::validation(field, field + " must not contain the NUL character");
  };
  if (value.is_string()) {
    if (value.get_ref<const std::string&>().find('\0') != std::string::npos) throw refuse(path);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      reject_nul(value[i], fmt::format("{}[{}]", path, i));
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      std::string where = path.empty() ? key : path + "." + key;
      if (key.find('\0') != std::string::npos) throw refuse(where);
      reject_nul(member, where);
    }
  }
}

}  // namespace hindsight::common
