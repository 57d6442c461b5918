// The serializer of RFC 8941 section 4.1: one function per algorithm of the RFC, in its order.
#include <cstdlib>

#include "common/crypto/encoding.hpp"
#include "federation/signatures/structured_fields.hpp"

namespace hindsight::federation::sf {
namespace {

using Reason = StructuredFieldError::Reason;

[[noreturn]] void refuse(const std::string& what) {
  throw StructuredFieldError(Reason::kNotSerializable, "structured field: " + what);
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

void append_bare_item(std::string& out, const BareItem& value);

// Section 4.1.1.3.
void append_key(std::string& out, std::string_view key) {
  bool ok = !key.empty() && ((key[0] >= 'a' && key[0] <= 'z') || key[0] == '*');
  for (char c : key)
    ok = ok &&
         ((c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-' || c == '.' || c == '*');
  if (!ok) refuse("'" + std::string(key) + "' is not a key");
  out += key;
}

// Section 4.1.1.2.
void append_parameters(std::string& out, const Parameters& parameters) {
  for (const auto& [key, value] : parameters) {
    out += ';';
    append_key(out, key);
    if (value != BareItem(true)) {
      out += '=';
      append_bare_item(out, value);
    }
  }
}

// Section 4.1.3.
void append_item(std::string& out, const Item& item) {
  append_bare_item(out, item.value);
  append_parameters(out, item.parameters);
}

// Section 4.1.1.1.
void append_inner_list(std::string& out, const InnerList& inner_list) {
  out += '(';
  for (std::size_t i = 0; i < inner_list.items.size(); ++i) {
    if (i > 0) out += ' ';
    append_item(out, inner_list.items[i]);
  }
  out += ')';
  append_parameters(out, inner_list.parameters);
}

void append_member(std::string& out, const ListMember& member) {
  if (const auto* inner_list = std::get_if<InnerList>(&member))
    append_inner_list(out, *inner_list);
  else
    append_item(out, std::get<Item>(member));
}

// Section 4.1.4.
void append_integer(std::string& out, std::int64_t value) {
  if (value < -999'999'999'999'999 || value > 999'999'999'999'999)
    refuse("an integer has more than 15 digits");
  out += std::to_string(value);
}

// Section 4.1.5. The value is already exact to three places, so step 2's rounding never applies.
void append_decimal(std::string& out, Decimal value) {
  if (value.thousandths < -999'999'999'999'999 || value.thousandths > 999'999'999'999'999)
    refuse("a decimal has more than 12 integer digits");
  std::int64_t magnitude = std::llabs(value.thousandths);
  std::int64_t integer = magnitude / 1000;
  if (value.thousandths < 0) out += '-';
  out += std::to_string(integer);
  out += '.';
  std::int64_t fraction = magnitude % 1000;
  std::string digits = std::to_string(1000 + fraction).substr(1);  // three digits
  while (digits.size() > 1 && digits.back() == '0')
    digits.pop_back();
  out += digits;
}

// Section 4.1.6.
void append_string(std::string& out, std::string_view value) {
  out += '"';
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) refuse("a string holds a byte outside printable ASCII");
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  out += '"';
}

// Section 4.1.7.
void append_token(std::string& out, std::string_view token) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~:/";
  bool ok = !token.empty() && (is_alpha(token[0]) || token[0] == '*');
  for (char c : token)
    ok = ok && (is_alpha(c) || is_digit(c) || kSymbols.find(c) != std::string_view::npos);
  if (!ok) refuse("'" + std::string(token) + "' is not a token");
  out += token;
}

// Sections 4.1.8 and 4.1.9, and 4.1.3.1 for the choice of type.
void append_bare_item(std::string& out, const BareItem& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) {
    append_integer(out, *integer);
  } else if (const auto* decimal = std::get_if<Decimal>(&value)) {
    append_decimal(out, *decimal);
  } else if (const auto* string = std::get_if<std::string>(&value)) {
    append_string(out, *string);
  } else if (const auto* token = std::get_if<Token>(&value)) {
    append_token(out, token->value);
  } else if (const auto* bytes = std::get_if<ByteSequence>(&value)) {
    out += ':';
    out += common::crypto::base64_encode(bytes->bytes);
    out += ':';
  } else {
    out += std::get<bool>(value) ? "?1" : "?0";
  }
}

}  // namespace

std::string serialize_item(const Item& item) {
  std::string out;
  append_item(out, item);
  return out;
}

std::string serialize_inner_list(const InnerList& inner_list) {
  std::string out;
  append_inner_list(out, inner_list);
  return out;
}

// Section 4.1.1.
std::string serialize_list(const List& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += ", ";
    append_member(out, list[i]);
  }
  return out;
}

// Section 4.1.2: a member whose value is Boolean true shows only its key and parameters.
std::string serialize_dictionary(const Dictionary& dictionary) {
  std::string out;
  for (const auto& [key, member] : dictionary) {
    if (!out.empty()) out += ", ";
    append_key(out, key);
    const auto* item = std::get_if<Item>(&member);
    if (item != nullptr && item->value == BareItem(true)) {
      append_parameters(out, item->parameters);
    } else {
      out += '=';
      append_member(out, member);
    }
  }
  return out;
}

std::string serialize_bare_item(const BareItem& value) {
  std::string out;
  append_bare_item(out, value);
  return out;
}

}  // namespace hindsight::federation::sf
