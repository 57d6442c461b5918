#include "server/cli/anonymize_line_writer.hpp"

#include "common/util/json_escape.hpp"
#include "common/util/json_plain_run.hpp"
#include "common/util/utf8_sequence.hpp"

#include <charconv>

namespace hindsight::server {
namespace {

namespace anon = common::anonymizer;

void append_number(std::string& out, std::size_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), value);
  out.append(digits, end);
}

}  // namespace

bool append_json_string(std::string& out, std::string_view value) {
  std::size_t mark = out.size();
  out += '"';
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t run = common::json_plain_run_end(value, pos);
    out.append(value.data() + pos, run - pos);
    pos = run;
    if (pos >= value.size()) break;
    auto c = static_cast<unsigned char>(value[pos]);
    if (c >= 0x80) {
      std::size_t length = common::utf8_sequence_length(value, pos);
      if (length == 0) {
        out.resize(mark);
        return false;
      }
      out.append(value.data() + pos, length);
      pos += length;
      continue;
    }
    common::append_json_escape(out, c);  // a quote, backslash or control character
    ++pos;
  }
  out += '"';
  return true;
}

bool append_anonymize_result(std::string& out, const std::optional<std::string>& id,
                             const anon::RedactedText& redacted) {
  std::size_t mark = out.size();
  out += "{\"findings\":[";
  bool first = true;
  for (const auto& f : redacted.findings) {
    if (!first) out += ',';
    first = false;
    out += "{\"end\":";
    append_number(out, f.finding.end);
    out += ",\"start\":";
    append_number(out, f.finding.start);
    out += ",\"type\":\"";
    out += anon::entity_type_name(f.finding.type);
    out += "\"}";
  }
  out += "],\"id\":";
  bool ok = true;
  if (id)
    ok = append_json_string(out, *id);
  else
    out += "null";
  out += ",\"text\":";
  ok = ok && append_json_string(out, redacted.text);
  out += '}';
  if (!ok) out.resize(mark);
  return ok;
}

}  // namespace hindsight::server
