#include "server/cli/anonymize_line_reader.hpp"

#include "common/util/json_plain_run.hpp"
#include "common/util/utf8_sequence.hpp"

#include <cstdint>
#include <vector>

namespace hindsight::server {
namespace {

namespace anon = common::anonymizer;

// A cursor over one line. Every `read_*` returns false on anything outside the usual shape,
// including what nlohmann would reject (raw control characters, ill-formed UTF-8, lone
// surrogates), so declining never changes what the caller answers.
class Cursor {
 public:
  explicit Cursor(std::string_view line) : s_(line) {}

  void skip_space() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\n' || s_[p_] == '\r'))
      ++p_;
  }
  bool consume(char c) {
    skip_space();
    if (p_ >= s_.size() || s_[p_] != c) return false;
    ++p_;
    return true;
  }
  bool at_end() {
    skip_space();
    return p_ == s_.size();
  }
  bool read_null() {
    skip_space();
    if (s_.substr(p_, 4) != "null") return false;
    p_ += 4;
    return true;
  }
  bool peek(char c) {
    skip_space();
    return p_ < s_.size() && s_[p_] == c;
  }

  bool read_string(std::string& out) {
    out.clear();
    if (!consume('"')) return false;
    while (p_ < s_.size()) {
      // Copy the plain run up to the next quote, escape, control or non-ASCII byte at once.
      std::size_t run = common::json_plain_run_end(s_, p_);
      out.append(s_.data() + p_, run - p_);
      p_ = run;
      if (p_ >= s_.size()) return false;
      auto c = static_cast<unsigned char>(s_[p_]);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (!read_escape(out)) return false;
      } else if (!read_utf8(out)) {
        return false;
      }
    }
    return false;
  }

 private:
  bool read_hex4(std::uint32_t& value) {
    if (p_ + 4 > s_.size()) return false;
    value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = s_[p_++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return false;
    }
    return true;
  }

  bool read_escape(std::string& out) {
    ++p_;  // the backslash
    if (p_ >= s_.size()) return false;
    char c = s_[p_++];
    switch (c) {
      case '"':
        out += '"';
        return true;
      case '\\':
        out += '\\';
        return true;
      case '/':
        out += '/';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    std::uint32_t cp = 0;
    if (!read_hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (s_.substr(p_, 2) != "\\u") return false;
      p_ += 2;
      if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    common::append_utf8(out, cp);
    return true;
  }

  // One well-formed UTF-8 sequence; anything else makes the line one for the general parser.
  bool read_utf8(std::string& out) {
    std::size_t length = common::utf8_sequence_length(s_, p_);
    if (length == 0) return false;
    out.append(s_.data() + p_, length);
    p_ += length;
    return true;
  }

  std::string_view s_;
  std::size_t p_ = 0;
};

// Reads `"key": value` pairs of an object, calling `field(key)` for each; false on a repeated
// key (nlohmann keeps the last, which this reader does not try to mimic).
template <typename Field>
bool read_object(Cursor& in, Field field) {
  if (!in.consume('{')) return false;
  if (in.consume('}')) return true;
  std::vector<std::string> seen;
  std::string key;
  do {
    if (!in.read_string(key) || !in.consume(':')) return false;
    for (const auto& k : seen)
      if (k == key) return false;
    seen.push_back(key);
    if (!field(key)) return false;
  } while (in.consume(','));
  return in.consume('}');
}

bool read_string_list(Cursor& in, std::vector<std::string>& out) {
  out.clear();
  if (in.read_null()) return true;
  if (!in.consume('[')) return false;
  if (in.consume(']')) return true;
  do {
    if (!in.read_string(out.emplace_back())) return false;
  } while (in.consume(','));
  return in.consume(']');
}

bool read_optional_string(Cursor& in, std::string& out) {
  out.clear();
  return in.read_null() || in.read_string(out);
}

bool read_people(Cursor& in, std::vector<anon::Person>& people) {
  people.clear();
  if (in.read_null()) return true;
  if (!in.consume('[')) return false;
  if (in.consume(']')) return true;
  do {
    auto& person = people.emplace_back();
    bool ok = read_object(in, [&](const std::string& key) {
      if (key == "name") return read_optional_string(in, person.name);
      if (key == "username") return read_optional_string(in, person.username);
      if (key == "email") return read_optional_string(in, person.email);
      return false;
    });
    if (!ok) return false;
  } while (in.consume(','));
  return in.consume(']');
}

bool read_context(Cursor& in, anon::DocumentContext& context) {
  if (in.read_null()) return true;
  return read_object(in, [&](const std::string& key) {
    if (key == "people") return read_people(in, context.people);
    if (key == "org_names") return read_string_list(in, context.org_names);
    if (key == "terms") return read_string_list(in, context.terms);
    if (key == "customers") return read_string_list(in, context.customers);
    if (key == "internal_domains") return read_string_list(in, context.internal_domains);
    return false;
  });
}

}  // namespace

bool read_anonymize_line(std::string_view line, AnonymizeInput& input) {
  input.id.reset();
  input.text.clear();
  input.context = {};
  Cursor in(line);
  bool has_text = false;
  bool ok = read_object(in, [&](const std::string& key) {
    if (key == "id") {
      if (in.read_null()) return true;
      return in.peek('"') && in.read_string(input.id.emplace());
    }
    if (key == "text") return has_text = in.read_string(input.text);
    if (key == "context") return read_context(in, input.context);
    return false;
  });
  return ok && has_text && in.at_end();
}

}  // namespace hindsight::server
