#include "common/anonymizer/account_finders.hpp"

#include <utility>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using namespace finder;

constexpr std::size_t kAccountDigits = 12;

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool is_nick_byte(char c) {
  return is_ascii_lower(c) || is_ascii_digit(c) || c == '.' || c == '_' || c == '-';
}

// The nick of a chat line that starts at `line`: [start, end), or {npos, npos}. Each part is a
// whole run, as a shorter one would leave a byte that cannot open the next.
std::pair<std::size_t, std::size_t> nick_at_line(std::string_view text, std::size_t line) {
  std::size_t at = line;
  if (at < text.size() && text[at] == '[') {
    std::size_t close = run_end(text, at + 1, [](char c) { return is_ascii_digit(c) || c == ':'; });
    if (close > at + 1 && close < text.size() && text[close] == ']')
      at = run_end(text, close + 1, is_space);
  }
  if (at + 1 >= text.size() || text[at] != '<' || !is_ascii_lower(text[at + 1]))
    return {npos, npos};
  std::size_t nick = at + 1;
  std::size_t nick_end = run_end(text, nick + 1, is_nick_byte);
  std::size_t length = nick_end - nick;
  if (length < 2 || length > 32 || nick_end >= text.size() || text[nick_end] != '>')
    return {npos, npos};
  return {nick, nick_end};
}

}  // namespace

bool find_ticket_id(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  // The letters are the whole run before a `-` (only its first byte has a `\b` before it), and
  // the digits the whole run after it (fewer would be followed by a digit, never a boundary).
  for (std::size_t from = pos; from < text.size();) {
    std::size_t dash = next_byte(text, from, '-');
    if (dash == npos) return false;
    std::size_t first = run_start(text, dash, from, is_upper);
    std::size_t letters = dash - first;
    if (letters >= 2 && letters <= 10 && word_starts_at(text, first)) {
      std::size_t digits = run_end(text, dash + 1, is_ascii_digit);
      std::size_t count = digits - dash - 1;
      if (count >= 2 && count <= 8 && word_boundary(text, digits)) {
        start = first;
        end = digits;
        return true;
      }
    }
    from = dash + 1;
  }
  return false;
}

bool find_twelve_digits(std::string_view text, std::size_t pos, std::size_t& start,
                        std::size_t& end) {
  // A run of exactly twelve digits with a boundary on both sides.
  return probe_runs(text, pos, kAccountDigits, is_ascii_digit,
                    [&](std::size_t first, std::size_t last) {
                      if (last - first != kAccountDigits || !word_starts_at(text, first) ||
                          !word_boundary(text, last))
                        return false;
                      start = first;
                      end = last;
                      return true;
                    });
}

bool find_chat_nick(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  // `^` holds at `pos` after a line break, and after every later line break.
  auto after_line_break = [&](std::size_t from) {
    std::size_t line_break = next_byte(text, from, '\n');
    return line_break == npos ? npos : line_break + 1;
  };
  std::size_t line = pos == 0 || text[pos - 1] == '\n' ? pos : after_line_break(pos);
  for (; line != npos; line = after_line_break(line)) {
    auto [nick, nick_end] = nick_at_line(text, line);
    if (nick == npos) continue;
    start = nick;
    end = nick_end;
    return true;
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
