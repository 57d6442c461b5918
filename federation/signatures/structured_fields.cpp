// The parser of RFC 8941 section 4.2: one function per algorithm of the RFC, in its order.
#include "federation/signatures/structured_fields.hpp"

#include "common/crypto/encoding.hpp"

namespace hindsight::federation::sf {
namespace {

using Reason = StructuredFieldError::Reason;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_lcalpha(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_alpha(char c) {
  return is_lcalpha(c) || (c >= 'A' && c <= 'Z');
}
// tchar of RFC 9110 section 5.6.2.
bool is_tchar(char c) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return is_alpha(c) || is_digit(c) || kSymbols.find(c) != std::string_view::npos;
}
bool is_key_char(char c) {
  return is_lcalpha(c) || is_digit(c) || c == '_' || c == '-' || c == '.' || c == '*';
}

class Parser {
 public:
  explicit Parser(std::string_view input) : input_(input) {}

  // Section 4.2, steps 1, 2, 4 and 5 around the parse of the value itself.
  template <typename ParseValue>
  auto parse_field(ParseValue parse_value) {
    if (input_.size() > kMaxFieldBytes)
      fail(Reason::kTooLarge, "the field is longer than " + std::to_string(kMaxFieldBytes));
    for (std::size_t i = 0; i < input_.size(); ++i) {
      auto c = static_cast<unsigned char>(input_[i]);
      if (c > 0x7F) {
        pos_ = i;
        fail(Reason::kNotAscii, "a byte is not ASCII");
      }
    }
    discard_sp();
    auto value = parse_value(*this);
    discard_sp();
    if (!at_end()) fail(Reason::kTrailingCharacters, "unexpected characters after the value");
    return value;
  }

  // Section 4.2.1.
  List parse_list() {
    List members;
    while (!at_end()) {
      if (members.size() == kMaxMembers)
        fail(Reason::kTooLarge, "more than " + std::to_string(kMaxMembers) + " list members");
      members.push_back(parse_item_or_inner_list());
      if (end_of_member()) return members;
    }
    return members;
  }

  // Section 4.2.2.
  Dictionary parse_dictionary() {
    Dictionary dictionary;
    while (!at_end()) {
      std::string key = parse_key();
      ListMember member;
      if (peek() == '=') {
        ++pos_;
        member = parse_item_or_inner_list();
      } else {
        member = Item{true, parse_parameters()};
      }
      dictionary.set(std::move(key), std::move(member));
      if (dictionary.size() > kMaxMembers)
        fail(Reason::kTooLarge, "more than " + std::to_string(kMaxMembers) + " dictionary members");
      if (end_of_member()) return dictionary;
    }
    return dictionary;
  }

  // Section 4.2.3.
  Item parse_item() {
    BareItem value = parse_bare_item();
    return Item{std::move(value), parse_parameters()};
  }

 private:
  // The end of a List or Dictionary member (sections 4.2.1 and 4.2.2, the steps after the
  // member): true at the end of input, false after a comma with more to come.
  bool end_of_member() {
    discard_ows();
    if (at_end()) return true;
    if (peek() != ',') fail(Reason::kExpectedComma, "expected ',' between members");
    ++pos_;
    discard_ows();
    if (at_end()) fail(Reason::kTrailingComma, "a comma ends the field");
    return false;
  }

  // Section 4.2.1.1.
  ListMember parse_item_or_inner_list() {
    if (peek() == '(') return parse_inner_list();
    return parse_item();
  }

  // Section 4.2.1.2.
  InnerList parse_inner_list() {
    ++pos_;  // the '(' that parse_item_or_inner_list saw
    InnerList inner_list;
    while (!at_end()) {
      discard_sp();
      if (peek() == ')') {
        ++pos_;
        inner_list.parameters = parse_parameters();
        return inner_list;
      }
      if (inner_list.items.size() == kMaxInnerListItems)
        fail(Reason::kTooLarge,
             "more than " + std::to_string(kMaxInnerListItems) + " items in an inner list");
      inner_list.items.push_back(parse_item());
      if (peek() != ' ' && peek() != ')')
        fail(Reason::kBadInnerList, "expected ' ' or ')' after an inner list item");
    }
    fail(Reason::kBadInnerList, "an inner list has no ')'");
  }

  // Section 4.2.3.1.
  BareItem parse_bare_item() {
    char c = peek();
    if (c == '-' || is_digit(c)) return parse_number();
    if (c == '"') return parse_string();
    if (is_alpha(c) || c == '*') return parse_token();
    if (c == ':') return parse_byte_sequence();
    if (c == '?') return parse_boolean();
    fail(Reason::kBadBareItem, at_end() ? std::string("expected an item, found the end")
                                        : "no item starts with '" + std::string(1, c) + "'");
  }

  // Section 4.2.3.2.
  Parameters parse_parameters() {
    Parameters parameters;
    while (peek() == ';') {
      ++pos_;
      discard_sp();
      std::string key = parse_key();
      BareItem value = true;
      if (peek() == '=') {
        ++pos_;
        value = parse_bare_item();
      }
      parameters.set(std::move(key), std::move(value));
      if (parameters.size() > kMaxParameters)
        fail(Reason::kTooLarge, "more than " + std::to_string(kMaxParameters) + " parameters");
    }
    return parameters;
  }

  // Section 4.2.3.3.
  std::string parse_key() {
    char first = peek();
    if (!is_lcalpha(first) && first != '*')
      fail(Reason::kBadKey, "a key must start with a lowercase letter or '*'");
    std::size_t start = pos_;
    while (!at_end() && is_key_char(input_[pos_]))
      ++pos_;
    return std::string(input_.substr(start, pos_ - start));
  }

  // Section 4.2.4.
  BareItem parse_number() {
    bool is_decimal = false;
    std::int64_t sign = 1;
    if (peek() == '-') {
      ++pos_;
      sign = -1;
    }
    if (at_end()) fail(Reason::kBadNumber, "a number has no digits");
    if (!is_digit(peek())) fail(Reason::kBadNumber, "a number must start with a digit");
    std::size_t start = pos_;
    std::size_t dot = 0;
    while (!at_end()) {
      char c = input_[pos_];
      std::size_t length = pos_ - start;  // characters of input_number so far
      if (is_digit(c)) {
        ++pos_;
      } else if (!is_decimal && c == '.') {
        if (length > 12) fail(Reason::kBadNumber, "a decimal has more than 12 integer digits");
        is_decimal = true;
        dot = pos_;
        ++pos_;
      } else {
        break;
      }
      length = pos_ - start;
      if (!is_decimal && length > 15) fail(Reason::kBadNumber, "an integer has over 15 digits");
      if (is_decimal && length > 16) fail(Reason::kBadNumber, "a decimal has over 16 characters");
    }
    auto digits_value = [&](std::size_t from, std::size_t to) {
      std::int64_t value = 0;
      for (std::size_t i = from; i < to; ++i)
        value = value * 10 + (input_[i] - '0');
      return value;
    };
    if (!is_decimal) return sign * digits_value(start, pos_);
    std::size_t fraction_digits = pos_ - dot - 1;
    if (fraction_digits == 0) fail(Reason::kBadNumber, "a decimal ends with '.'");
    if (fraction_digits > 3) fail(Reason::kBadNumber, "a decimal has over 3 fraction digits");
    std::int64_t fraction = digits_value(dot + 1, pos_);
    for (std::size_t i = fraction_digits; i < 3; ++i)
      fraction *= 10;
    return Decimal{sign * (digits_value(start, dot) * 1000 + fraction)};
  }

  // Section 4.2.5.
  BareItem parse_string() {
    ++pos_;  // the opening DQUOTE that parse_bare_item saw
    std::string out;
    while (!at_end()) {
      char c = input_[pos_++];
      if (c == '\\') {
        if (at_end()) fail(Reason::kBadString, "a string ends inside an escape");
        char next = input_[pos_++];
        if (next != '"' && next != '\\')
          fail(Reason::kBadString, "only '\"' and '\\' may follow '\\' in a string");
        out += next;
      } else if (c == '"') {
        return out;
      } else if (c < 0x20 || c == 0x7F) {
        --pos_;
        fail(Reason::kBadString, "a string holds a control character");
      } else {
        out += c;
      }
    }
    fail(Reason::kBadString, "a string has no closing '\"'");
  }

  // Section 4.2.6; parse_bare_item routes here only on ALPHA or '*', step 1's test.
  BareItem parse_token() {
    std::size_t start = pos_;
    while (!at_end() && (is_tchar(input_[pos_]) || input_[pos_] == ':' || input_[pos_] == '/'))
      ++pos_;
    return Token{std::string(input_.substr(start, pos_ - start))};
  }

  // Section 4.2.7. Missing '=' padding and non-zero pad bits are accepted, as the RFC asks.
  BareItem parse_byte_sequence() {
    ++pos_;  // the opening ':' that parse_bare_item saw
    std::size_t end = input_.find(':', pos_);
    if (end == std::string_view::npos) fail(Reason::kBadByteSequence, "no closing ':'");
    std::string_view content = input_.substr(pos_, end - pos_);
    for (char c : content) {
      if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '/' && c != '=')
        fail(Reason::kBadByteSequence, "a byte sequence holds a character base64 does not use");
    }
    auto bytes = common::crypto::base64_decode_forgiving(content);
    if (!bytes) fail(Reason::kBadByteSequence, "a byte sequence is not valid base64");
    pos_ = end + 1;
    return ByteSequence{std::move(*bytes)};
  }

  // Section 4.2.8.
  BareItem parse_boolean() {
    ++pos_;  // the '?' that parse_bare_item saw
    char c = peek();
    if (c != '0' && c != '1') fail(Reason::kBadBoolean, "'?' must be followed by '0' or '1'");
    ++pos_;
    return c == '1';
  }

  bool at_end() const { return pos_ >= input_.size(); }
  char peek() const { return at_end() ? '\0' : input_[pos_]; }
  void discard_sp() {
    while (!at_end() && input_[pos_] == ' ')
      ++pos_;
  }
  void discard_ows() {
    while (!at_end() && (input_[pos_] == ' ' || input_[pos_] == '\t'))
      ++pos_;
  }

  [[noreturn]] void fail(Reason reason, const std::string& what) const {
    throw StructuredFieldError(
        reason, "structured field: " + what + " (at offset " + std::to_string(pos_) + ")");
  }

  std::string_view input_;
  std::size_t pos_ = 0;
};

}  // namespace

Item parse_item(std::string_view field_value) {
  return Parser(field_value).parse_field([](Parser& p) { return p.parse_item(); });
}

List parse_list(std::string_view field_value) {
  return Parser(field_value).parse_field([](Parser& p) { return p.parse_list(); });
}

Dictionary parse_dictionary(std::string_view field_value) {
  return Parser(field_value).parse_field([](Parser& p) { return p.parse_dictionary(); });
}

}  // namespace hindsight::federation::sf
