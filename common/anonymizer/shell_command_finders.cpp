#include "common/anonymizer/shell_command_finders.hpp"

#include <array>
#include <tuple>
#include <utility>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using finder::npos;
using Span = std::pair<std::size_t, std::size_t>;
constexpr Span kNone = {npos, npos};

// Command names, and the bytes they open with (the search looks at no other byte).
template <std::size_t N>
struct CommandNames {
  std::array<std::string_view, N> names;
  std::array<bool, 256> opens{};

  constexpr explicit CommandNames(const std::array<std::string_view, N>& list) : names(list) {
    for (auto name : names)
      opens[static_cast<unsigned char>(name[0])] = true;
  }
};

// In the pattern's order. No name starts at a `\b` inside another, and no two can both end at a
// `\b` from one start, so the order never decides.
constexpr CommandNames kPasswordCommands(std::array<std::string_view, 12>{
    "mysqldump", "mysqladmin", "mysqlimport", "mysql", "mariadb", "sshpass", "mongosh", "mongo",
    "docker login", "podman login", "skopeo login", "oras login"});
constexpr CommandNames kRedisCli(std::array<std::string_view, 1>{"redis-cli"});

// The end of the first of `names` at `at` with a `\b` on both sides, or npos.
template <std::size_t N>
std::size_t command_end(std::string_view text, std::size_t at,
                        const std::array<std::string_view, N>& names) {
  if (!finder::word_starts_at(text, at)) return npos;
  for (auto name : names) {
    std::size_t end = at + name.size();
    if (text.substr(at, name.size()) == name && (end == text.size() || !finder::is_word(text[end])))
      return end;
  }
  return npos;
}

// `[^\n]*?[ \t]-<letter>[ \t]*(\S+)` from `from` (`[ \t]+` when `blank_required`): the value of
// the first such option on the line, or kNone. The value is a whole run of non-space bytes.
Span option_value(std::string_view text, std::size_t from, char letter, bool blank_required) {
  std::size_t line_end = finder::next_byte(text, from, '\n');
  if (line_end == npos) line_end = text.size();
  for (std::size_t dash = from + 1; dash + 1 < line_end; ++dash) {
    if (text[dash] != '-' || !finder::is_blank(text[dash - 1]) || text[dash + 1] != letter)
      continue;
    std::size_t value = finder::run_end(text, dash + 2, finder::is_blank);
    if (blank_required && value == dash + 2) continue;
    std::size_t value_end = finder::run_end(text, value, finder::is_non_space);
    if (value_end > value) return {value, value_end};
  }
  return kNone;
}

// The leftmost command named in `names` at or after `pos` whose line gives the option its
// value. A later command on the same line could only find an option this one found too, so a
// command without one sends the search to the next line.
template <std::size_t N>
Span command_option(std::string_view text, std::size_t pos, const CommandNames<N>& commands,
                    char letter, bool blank_required) {
  for (std::size_t at = pos; at < text.size(); ++at) {
    if (!commands.opens[static_cast<unsigned char>(text[at])]) continue;
    std::size_t end = command_end(text, at, commands.names);
    if (end == npos) continue;
    if (auto value = option_value(text, end, letter, blank_required); value != kNone) return value;
    at = finder::next_byte(text, end, '\n');
    if (at == npos) break;
  }
  return kNone;
}

bool found(Span span, std::size_t& start, std::size_t& end) {
  if (span == kNone) return false;
  std::tie(start, end) = span;
  return true;
}

// `[ \t]+\S+` from `from`: where the run of non-space bytes ends, or npos. The blanks end at
// no blank, and the run at a space byte, so each is whole.
std::size_t blanks_then_word(std::string_view text, std::size_t from) {
  std::size_t word = finder::run_end(text, from, finder::is_blank);
  if (word == from) return npos;
  std::size_t word_end = finder::run_end(text, word, finder::is_non_space);
  return word_end == word ? npos : word_end;
}

// `-[a-zA-Z]*b[a-zA-Z]*` at `at`: where its letters end, or npos.
std::size_t batch_flag_end(std::string_view text, std::size_t at) {
  if (at >= text.size() || text[at] != '-') return npos;
  std::size_t letters_end = finder::run_end(text, at + 1, finder::is_letter);
  if (text.substr(at + 1, letters_end - at - 1).find('b') == npos) return npos;
  return letters_end;
}

bool is_user_byte(char c) {
  return !finder::is_space(c) && c != ':' && c != '"' && c != '\'' && c != '@';
}

bool is_password_byte(char c) {
  return !finder::is_space(c) && c != '"' && c != '\'';
}

}  // namespace

bool find_password_argument(std::string_view text, std::size_t pos, std::size_t& start,
                            std::size_t& end) {
  return found(command_option(text, pos, kPasswordCommands, 'p', false), start, end);
}

bool find_redis_cli_password(std::string_view text, std::size_t pos, std::size_t& start,
                             std::size_t& end) {
  return found(command_option(text, pos, kRedisCli, 'a', true), start, end);
}

// Every part after `htpasswd` is a whole run, so each has one way to match.
bool find_htpasswd_password(std::string_view text, std::size_t pos, std::size_t& start,
                            std::size_t& end) {
  constexpr std::string_view kHtpasswd = "htpasswd";
  for (std::size_t at = text.find(kHtpasswd, pos); at != npos; at = text.find(kHtpasswd, at + 1)) {
    if (!finder::word_starts_at(text, at)) continue;
    std::size_t flag = finder::run_end(text, at + kHtpasswd.size(), finder::is_blank);
    if (flag == at + kHtpasswd.size()) continue;
    std::size_t part = batch_flag_end(text, flag);
    for (int word = 0; word < 3 && part != npos; ++word)
      part = blanks_then_word(text, part);
    if (part == npos) continue;
    end = part;
    start = finder::run_start(text, part, 0, finder::is_non_space);
    return true;
  }
  return false;
}

// The flag opens with `-` after a blank, or at the start of the text; the rest leaves little
// choice: an optional quote, then the user and the password as whole runs.
bool find_user_password_flag(std::string_view text, std::size_t pos, std::size_t& start,
                             std::size_t& end) {
  for (std::size_t dash = finder::next_byte(text, pos, '-'); dash != npos;
       dash = finder::next_byte(text, dash + 1, '-')) {
    if (dash > 0 && (dash - 1 < pos || !finder::is_blank(text[dash - 1]))) continue;
    std::size_t flag_end = text.substr(dash, 2) == "-u"       ? dash + 2
                           : text.substr(dash, 6) == "--user" ? dash + 6
                                                              : npos;
    if (flag_end == npos) continue;
    std::size_t separator_end =
        finder::run_end(text, flag_end, [](char c) { return finder::is_blank(c) || c == '='; });
    if (separator_end == flag_end) continue;
    std::size_t user = separator_end;
    if (user < text.size() && (text[user] == '"' || text[user] == '\'')) ++user;
    std::size_t colon = finder::run_end(text, user, is_user_byte);
    // With no user after the separator, `[ \t=]+` gives its last `=` back to be the user; that
    // user ends where the empty one did, so only a `:` there changes the outcome.
    bool gives_back_equals =
        user == separator_end && separator_end - flag_end >= 2 && text[separator_end - 1] == '=';
    if (colon == user && !gives_back_equals) continue;
    if (colon >= text.size() || text[colon] != ':') continue;
    std::size_t password_end = finder::run_end(text, colon + 1, is_password_byte);
    if (password_end == colon + 1) continue;
    start = colon + 1;
    end = password_end;
    return true;
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
