#include "common/anonymizer/account_finders.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "common/anonymizer/finder_support.hpp"
#include "common/util/utf8_sequence.hpp"

namespace hindsight::common::anonymizer {
namespace {

using namespace finder;

constexpr std::size_t kAccountDigits = 12;

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

// `[a-z0-9._-]`, what chat nicks and @handles are made of.
bool is_user_name_byte(char c) {
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
  std::size_t nick_end = run_end(text, nick + 1, is_user_name_byte);
  std::size_t length = nick_end - nick;
  if (length < 2 || length > 32 || nick_end >= text.size() || text[nick_end] != '>')
    return {npos, npos};
  return {nick, nick_end};
}

// A handle opens and ends with `[a-z0-9]`.
bool is_handle_end(char c) {
  return is_ascii_lower(c) || is_ascii_digit(c);
}

// The words of a login field, in the pattern's order: where one is a prefix of another
// (`user`, `username`), the first whose field goes on to a login is the match.
constexpr std::array<std::string_view, 7> kLoginWords = {
    "user", "username", "user_name", "login", "usename", "assignee", "author"};

bool is_quote(char c) {
  return c == '"' || c == '\'';
}

// `["']?\s*[:=]\s*["']?([a-z][a-z0-9._-]{1,31})\b` under `(?i)` from `at`: the login, or
// {npos, npos}. The quote, blanks and operator leave no choice; the login's run gives back
// characters until a `\b` follows it.
std::pair<std::size_t, std::size_t> login_after(std::string_view text, std::size_t at) {
  constexpr std::size_t kMaxMore = 31;
  if (at < text.size() && is_quote(text[at])) ++at;
  at = run_end(text, at, is_space);
  if (at >= text.size() || (text[at] != ':' && text[at] != '=')) return {npos, npos};
  at = run_end(text, at + 1, is_space);
  if (at < text.size() && is_quote(text[at])) ++at;
  std::size_t login = at;
  std::size_t first = folded_char_at(text, at, is_letter);
  if (first == 0) return {npos, npos};
  std::array<std::size_t, kMaxMore> ends{};
  std::size_t count = 0;
  at += first;
  for (std::size_t length; count < kMaxMore && (length = folded_char_at(text, at, is_name_byte));
       at += length)
    ends[count++] = at + length;
  while (count > 0 && !word_boundary(text, ends[count - 1]))
    --count;
  if (count == 0) return {npos, npos};
  return {login, ends[count - 1]};
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

bool find_at_handle(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  constexpr std::size_t kMaxMiddle = 38;
  for (std::size_t at = next_byte(text, pos, '@'); at != npos; at = next_byte(text, at + 1, '@')) {
    // The match starts at the text's start (`^`) or at the character before the `@`, which
    // must be no address byte; either way not before `pos`. That character starts where a cut
    // before the byte ahead of the `@`, moved back to fall between characters, lands.
    bool opens = at == 0
                     ? pos == 0
                     : !is_mailbox_byte(text[at - 1]) && utf8_prefix(text, at - 1).size() >= pos;
    if (!opens || at + 1 >= text.size() || !is_handle_end(text[at + 1])) continue;
    // The greedy middle run gives back bytes until a letter or digit can end the handle.
    std::size_t middle = at + 2;
    std::size_t run = run_end(text.substr(0, std::min(text.size(), middle + kMaxMiddle + 1)),
                              middle, is_user_name_byte);
    for (std::size_t last = run; last > middle + 1; --last) {
      if (!is_handle_end(text[last - 1])) continue;
      start = at;
      end = last;
      return true;
    }
  }
  return false;
}

bool find_login_field(std::string_view text, std::size_t pos, std::size_t& start,
                      std::size_t& end) {
  // Each word opens with `u`, `l` or `a` (either case) after a `\b`; an optional quote before
  // it moves the match's start, never its login.
  for (std::size_t at = pos; at < text.size(); ++at) {
    char first = ascii_lower(text[at]);
    if ((first != 'u' && first != 'l' && first != 'a') || !word_starts_at(text, at)) continue;
    for (auto word : kLoginWords) {
      std::size_t length = word[0] == first ? folded_word_length(text, at, word) : 0;
      if (length == 0) continue;
      auto [login, login_end] = login_after(text, at + length);
      if (login == npos) continue;
      start = login;
      end = login_end;
      return true;
    }
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
