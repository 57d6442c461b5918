#include "server/public/markup.hpp"

#include <array>
#include <utility>

#include "common/util/utf8_sequence.hpp"

namespace hindsight::server {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

constexpr std::array<std::pair<char, std::string_view>, 5> kReferences = {{
    {'&', "&amp;"},
    {'<', "&lt;"},
    {'>', "&gt;"},
    {'"', "&quot;"},
    {'\'', "&#39;"},
}};

// Not characters of XML 1.0 (section 2.2: controls other than tab, line feed and carriage
// return; U+FFFE and U+FFFF), and the C0 and C1 controls HTML reports as errors.
bool unusable(std::string_view sequence) {
  if (sequence.size() == 1) {
    unsigned char c = static_cast<unsigned char>(sequence[0]);
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }
  if (sequence.size() == 2)  // U+0080 to U+009F
    return sequence[0] == '\xC2' && static_cast<unsigned char>(sequence[1]) <= 0x9F;
  return sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF";
}

}  // namespace

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t at = 0; at < text.size();) {
    std::size_t length = common::utf8_sequence_length(text, at);
    if (length == 0) {  // no UTF-8 here: one byte at a time
      out += kReplacement;
      ++at;
      continue;
    }
    std::string_view sequence = text.substr(at, length);
    at += length;
    if (unusable(sequence)) {
      out += kReplacement;
      continue;
    }
    std::string_view reference;
    for (const auto& [c, ref] : kReferences)
      if (sequence.size() == 1 && sequence[0] == c) reference = ref;
    out += reference.empty() ? sequence : reference;
  }
  return out;
}

}  // namespace hindsight::server
