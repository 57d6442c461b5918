#include "federation/documents/canonical_json.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "common/util/json_escape.hpp"
#include "common/util/utf8_sequence.hpp"
#include "federation/documents/ecmascript_number.hpp"

namespace hindsight::federation {
namespace {

// UTF-8 to UTF-16 code units, for sorting; throws for text that is not well-formed UTF-8.
std::u16string utf16_units(std::string_view text) {
  std::u16string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = common::utf8_sequence_length(text, i);
    if (length == 0) throw CanonicalJsonError("a JSON string is not well-formed UTF-8");
    auto byte = [&](std::size_t j) {
      return static_cast<char32_t>(static_cast<unsigned char>(text[j]));
    };
    char32_t code_point = length == 1 ? byte(i) : byte(i) & (0xFF >> (length + 1));
    for (std::size_t j = 1; j < length; ++j)
      code_point = (code_point << 6) | (byte(i + j) & 0x3F);
    if (code_point >= 0x10000) {
      code_point -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (code_point >> 10));
      out += static_cast<char16_t>(0xDC00 + (code_point & 0x3FF));
    } else {
      out += static_cast<char16_t>(code_point);
    }
    i += length;
  }
  return out;
}

// Section 3.2.2.2.
void append_string(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = common::utf8_sequence_length(text, i);
    if (length == 0) throw CanonicalJsonError("a JSON string is not well-formed UTF-8");
    if (length > 1 || !common::append_json_escape(out, static_cast<unsigned char>(text[i])))
      out.append(text.substr(i, length));
    i += length;
  }
  out += '"';
}

// Far beyond any lesson document, and short of what the stack can take from a stranger's input.
constexpr int kMaxDepth = 256;

void append_value(std::string& out, const nlohmann::json& value, int depth) {
  using Type = nlohmann::json::value_t;
  if (depth > kMaxDepth)
    throw CanonicalJsonError("JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
  switch (value.type()) {
    case Type::null:
      out += "null";
      return;
    case Type::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Type::number_integer:
      out += ecmascript_number(static_cast<double>(value.get<std::int64_t>()));
      return;
    case Type::number_unsigned:
      out += ecmascript_number(static_cast<double>(value.get<std::uint64_t>()));
      return;
    case Type::number_float: {
      double number = value.get<double>();
      if (!std::isfinite(number)) throw CanonicalJsonError("NaN and Infinity are not JSON");
      out += ecmascript_number(number);
      return;
    }
    case Type::string:
      append_string(out, value.get_ref<const std::string&>());
      return;
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value) {
        if (!first) out += ',';
        first = false;
        append_value(out, element, depth + 1);
      }
      out += ']';
      return;
    }
    case Type::object: {
      // Section 3.2.3: by UTF-16 code units, which differs from UTF-8 byte order above U+FFFF.
      using Member = std::pair<std::u16string, const nlohmann::json::object_t::value_type*>;
      std::vector<Member> members;
      for (const auto& member : value.get_ref<const nlohmann::json::object_t&>())
        members.emplace_back(utf16_units(member.first), &member);
      std::sort(members.begin(), members.end(),
                [](const Member& a, const Member& b) { return a.first < b.first; });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += ',';
        append_string(out, members[i].second->first);
        out += ':';
        append_value(out, members[i].second->second, depth + 1);
      }
      out += '}';
      return;
    }
    case Type::binary:
      throw CanonicalJsonError("binary values have no JSON form");
    case Type::discarded:
      throw CanonicalJsonError("a discarded value has no JSON form");
  }
}

}  // namespace

std::string canonical_json(const nlohmann::json& value) {
  std::string out;
  append_value(out, value, 0);
  return out;
}

}  // namespace hindsight::federation
