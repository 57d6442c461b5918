#include "common/anonymizer/url_finders.hpp"

#include <array>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using finder::npos;

constexpr std::array<std::string_view, 17> kSchemes = {
    "http",  "https", "ftp",     "s3",   "gs",    "ws",   "wss", "postgres", "postgresql",
    "mysql", "redis", "mongodb", "amqp", "amqps", "sftp", "ssh", "git"};
constexpr std::string_view kSrvScheme = "mongodb+srv";

// The next `://` at or after `from`, or npos.
std::size_t next_separator(std::string_view text, std::size_t from) {
  return from > text.size() ? npos : text.find("://", from);
}

// The start, not before `pos`, of a listed scheme that ends at `separator`, or npos. A scheme
// opens with `\b` and, but for `mongodb+srv`, is a whole run of word bytes.
std::size_t listed_scheme_start(std::string_view text, std::size_t pos, std::size_t separator) {
  if (separator >= pos + kSrvScheme.size()) {
    std::size_t srv = separator - kSrvScheme.size();
    if (text.substr(srv, kSrvScheme.size()) == kSrvScheme && finder::word_starts_at(text, srv))
      return srv;
  }
  std::size_t first = finder::run_start(text, separator, pos, finder::is_word);
  if (!finder::word_starts_at(text, first)) return npos;
  std::string_view scheme = text.substr(first, separator - first);
  for (auto listed : kSchemes)
    if (scheme == listed) return first;
  return npos;
}

bool is_url_byte(char c) {
  return !finder::is_space(c) && c != '<' && c != '>' && c != '"' && c != '\'' && c != '`';
}

bool is_scheme_byte(char c) {
  return is_ascii_alnum(c) || c == '+' || c == '.' || c == '-';
}

// The leftmost start, not before `pos`, of `\b[a-zA-Z][a-zA-Z0-9+.-]*` ending at `separator`,
// or npos.
std::size_t any_scheme_start(std::string_view text, std::size_t pos, std::size_t separator) {
  for (std::size_t at = finder::run_start(text, separator, pos, is_scheme_byte); at < separator;
       ++at)
    if (finder::is_letter(text[at]) && finder::word_starts_at(text, at)) return at;
  return npos;
}

bool is_user_byte(char c) {
  return !finder::is_space(c) && c != ':' && c != '/' && c != '@' && c != '"' && c != '\'' &&
         c != '`';
}

bool is_password_byte(char c) {
  return !finder::is_space(c) && c != '@' && c != '/';
}

}  // namespace

// Neither pattern's scheme can hold `:` or `/`, so a match's scheme lies between its `://` and
// the one before: the first `://` that leads to a match gives the leftmost match. What follows
// the `://` does not depend on where the scheme starts.
bool find_url(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  for (std::size_t at = next_separator(text, pos); at != npos; at = next_separator(text, at + 1)) {
    std::size_t scheme = listed_scheme_start(text, pos, at);
    if (scheme == npos) continue;
    std::size_t body_end = finder::run_end(text, at + 3, is_url_byte);
    if (body_end == at + 3) continue;
    start = scheme;
    end = body_end;
    return true;
  }
  return false;
}

// The user and the password are whole runs: each class excludes the byte that must follow it.
bool find_url_password(std::string_view text, std::size_t pos, std::size_t& start,
                       std::size_t& end) {
  for (std::size_t at = next_separator(text, pos); at != npos; at = next_separator(text, at + 1)) {
    if (any_scheme_start(text, pos, at) == npos) continue;
    std::size_t user_end = finder::run_end(text, at + 3, is_user_byte);
    if (user_end >= text.size() || text[user_end] != ':') continue;
    std::size_t password_end = finder::run_end(text, user_end + 1, is_password_byte);
    if (password_end == user_end + 1 || password_end >= text.size() || text[password_end] != '@')
      continue;
    start = user_end + 1;
    end = password_end;
    return true;
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
