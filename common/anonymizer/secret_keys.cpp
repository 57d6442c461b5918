#include "common/anonymizer/secret_keys.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Whether `word` is one of `Words`. A mask of the lengths the list holds rules out most words
// asked (random values are longer than any of them) before any is compared.
template <const auto& Words>
bool one_of(std::string_view word) {
  static constexpr std::uint64_t kLengths = [] {
    std::uint64_t lengths = 0;
    for (auto w : Words)
      lengths |= std::uint64_t{1} << w.size();
    return lengths;
  }();
  if (word.size() >= 64 || ((kLengths >> word.size()) & 1) == 0) return false;
  return std::find(Words.begin(), Words.end(), word) != Words.end();
}

// The lower-cased words of a key: split at separators and at camel-case humps
// (`sharedAccessKey`, `APIKey` -> api key). Each word is a view into one lower-cased copy of the
// key; every assignment the secret rows find asks this of its key.
class KeyWords {
 public:
  explicit KeyWords(std::string_view key) : lowered_(key) {
    std::string_view lower = lowered_.view();
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
      if (end > start) {
        if (count_ == words_.size()) {  // keep the last words: they decide
          std::rotate(words_.begin(), words_.begin() + 1, words_.end());
          --count_;
        }
        words_[count_++] = lower.substr(start, end - start);
      }
      start = end;
    };
    for (std::size_t i = 0; i < key.size(); ++i) {
      char c = key[i];
      if (!is_ascii_alnum(c)) {
        flush(i);
        start = i + 1;
        continue;
      }
      if (is_ascii_upper(c) && i > start) {
        char prev = key[i - 1];
        bool next_lower = i + 1 < key.size() && is_ascii_lower(key[i + 1]);
        if (is_ascii_lower(prev) || is_ascii_digit(prev) || (is_ascii_upper(prev) && next_lower))
          flush(i);
      }
    }
    flush(key.size());
  }
  KeyWords(const KeyWords&) = delete;
  KeyWords& operator=(const KeyWords&) = delete;

  std::size_t count() const { return count_; }
  std::string_view last() const { return count_ ? words_[count_ - 1] : ""; }
  std::string_view before_last() const { return count_ > 1 ? words_[count_ - 2] : ""; }
  std::string_view first() const { return count_ ? words_[0] : ""; }

 private:
  AsciiLowered lowered_;
  std::array<std::string_view, 8> words_;
  std::size_t count_ = 0;
};

// Last words that name a secret alone.
constexpr std::array<std::string_view, 21> kSecretWords = {
    "password",    "passwd",    "pwd",       "pass",       "passphrase",
    "secret",      "secrets",   "token",     "apikey",     "credential",
    "credentials", "auth",      "accesskey", "accountkey", "sharedaccesskey",
    "privatekey",  "secretkey", "authkey",   "masterkey",  "psk",
    "passcode"};
// One-word keys that end with a secret word (`PGPASSWORD`, `authtoken`, `stripeapikey`).
constexpr std::array<std::string_view, 11> kSecretSuffixes = {
    "password",   "passwd",     "secret",    "token",   "apikey",    "accesskey",
    "accountkey", "privatekey", "secretkey", "authkey", "passphrase"};
// Words that make `key` a secret key: `api key`, `AccountKey`, `signing_key`.
constexpr std::array<std::string_view, 27> kKeyQualifiers = {
    "api",     "access",   "secret",       "private",     "account", "signing",  "encryption",
    "master",  "client",   "auth",         "shared",      "app",     "license",  "webhook",
    "service", "storage",  "subscription", "admin",       "root",    "sas",      "hmac",
    "session", "consumer", "ingest",       "integration", "primary", "secondary"};
// First words of switches, not settings: `--no-auth`, `--skip-password`.
constexpr std::array<std::string_view, 9> kSwitchWords = {
    "no", "skip", "disable", "enable", "without", "with", "require", "ignore", "use"};

// Settings whose value names a mode, never a secret: `auth: basic`, `token: bearer`.
constexpr std::array<std::string_view, 38> kModeWords = {
    "true",      "false",         "yes",       "no",      "on",       "off",      "null",
    "none",      "nil",           "undefined", "enabled", "disabled", "required", "optional",
    "unset",     "empty",         "n/a",       "basic",   "bearer",   "digest",   "oauth",
    "oauth2",    "jwt",           "md5",       "trust",   "peer",     "ident",    "ldap",
    "kerberos",  "iam",           "env",       "file",    "vault",    "kms",      "plain",
    "plaintext", "scram-sha-256", "tbd"};

constexpr std::array<std::string_view, 13> kDurationUnits = {
    "ms", "s", "m", "h", "d", "w", "y", "us", "ns", "sec", "secs", "min", "mins"};

bool is_number(std::string_view v) {
  std::size_t i = (v.front() == '-' || v.front() == '+') ? 1 : 0;
  if (i == v.size()) return false;
  bool digit = false;
  for (; i < v.size(); ++i) {
    if (is_ascii_digit(v[i]))
      digit = true;
    else if (v[i] != '.' && v[i] != '_' && v[i] != ',')
      return false;
  }
  return digit;
}

// `30s`, `250ms`, `1.5h`, `2d`, `PT15M`, `10 minutes` is two tokens and never reaches here.
bool is_duration(std::string_view v) {
  std::size_t i = 0;
  while (i < v.size() && (is_ascii_digit(v[i]) || v[i] == '.'))
    ++i;
  if (i == 0) {
    if (v.size() > 2 && (v[0] == 'P' || v[0] == 'p') && (v[1] == 'T' || v[1] == 't'))
      return std::all_of(v.begin() + 2, v.end(), [](char c) {
        return is_ascii_digit(c) || c == 'H' || c == 'M' || c == 'S' || c == '.';
      });
    return false;
  }
  AsciiLowered folded(v.substr(i));
  std::string_view unit = folded.view();
  return !unit.empty() && (one_of<kDurationUnits>(unit) || unit == "hour" || unit == "hours" ||
                           unit == "day" || unit == "days" || unit == "minutes");
}

// `${VAR}`, `{{ vault_x }}`, `$(cmd)`, `$VAR`, `<PASSWORD>`, `[SECRET-1]`, `ENC[...]`, and the
// secret managers' reference forms. An opener counts only with its closer after it, so a random
// password holding `$(` stays a password.
bool is_reference(std::string_view v, bool any_variable = true) {
  // Every bracketed form, and every variable, opens with one of these bytes; most values, random
  // secrets, hold none, and one pass over them spares a search for each form.
  static constexpr std::array<bool, 256> kOpens = [] {
    std::array<bool, 256> opens{};
    for (unsigned char c : std::string_view("${#%"))
      opens[c] = true;
    return opens;
  }();
  struct Pair {
    std::string_view open, close;
  };
  static constexpr std::array<Pair, 7> kBracketed = {
      Pair{"${", "}"}, Pair{"{{", "}}"}, Pair{"$(", ")"}, Pair{"#{", "}"},
      Pair{"%(", ")"}, Pair{"%{", "}"},  Pair{"{%", "%}"}};
  if (std::any_of(v.begin(), v.end(), [](char c) { return kOpens[static_cast<unsigned char>(c)]; }))
    for (auto [open, close] : kBracketed) {
      auto at = v.find(open);
      if (at != std::string_view::npos && v.find(close, at + open.size()) != std::string_view::npos)
        return true;
    }
  // `$DB_PASSWORD`; where a short random value is likelier (URLs), only an environment
  // variable's name of four or more capitals, digits and underscores after a letter.
  if (v.front() == '$' && v.size() > 1 &&
      std::all_of(v.begin() + 1, v.end(), [](char c) { return is_ascii_alnum(c) || c == '_'; }) &&
      (any_variable ||
       (v.size() >= 5 && is_ascii_upper(v[1]) && std::none_of(v.begin(), v.end(), is_ascii_lower))))
    return true;
  if ((v.front() == '<' && v.back() == '>') || (v.front() == '[' && v.back() == ']') ||
      (v.front() == '{' && v.back() == '}'))
    return true;
  static constexpr std::array<std::string_view, 14> kPrefixes = {
      "${",    "{{",       "$(",     "ENC[",  "vault:",    "ref+",      "secret://",
      "op://", "arn:aws:", "awssm:", "sops:", "projects/", "keyvault:", "%env("};
  return std::any_of(kPrefixes.begin(), kPrefixes.end(), [&](std::string_view prefix) {
    return prefix.front() == v.front() && v.starts_with(prefix);
  });
}

// Paths (`/run/secrets/db`, `~/.pgpass`): a path's characters only.
bool is_path(std::string_view v) {
  bool rooted = v.starts_with("/") && std::count(v.begin(), v.end(), '/') >= 2;
  if (!rooted && !v.starts_with("~/") && !v.starts_with("./") && !v.starts_with("../"))
    return false;
  // A path's characters, and few capitals: `/PT6stgcfNGbY4YQZ` is a base64 password.
  return std::count_if(v.begin(), v.end(), is_ascii_upper) <= 3 &&
         std::all_of(v.begin(), v.end(), [](char c) {
           return is_ascii_alnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~';
         });
}

bool is_placeholder(std::string_view lower) {
  if (lower.size() >= 3 &&
      (std::all_of(lower.begin(), lower.end(), [](char c) { return c == '*' || c == 'x'; }) ||
       lower.find_first_not_of('.') == std::string_view::npos))
    return true;
  static constexpr WordsInside kPlaceholderParts(std::array<std::string_view, 16>{
      "xxxx", "****", "changeme", "change_me", "change-me", "redacted", "placeholder", "your_",
      "your-", "yourpassword", "dummy", "replace_me", "replace-me", "notset", "not-set",
      "example"});
  if (kPlaceholderParts.any_in(lower)) return true;
  // The value names its key (`key: password` under `secretKeyRef`).
  return one_of<kSecretWords>(lower) || lower == "key" || lower == "api_key" ||
         lower == "api-key" || lower == "access_key";
}

}  // namespace

bool key_names_secret(std::string_view key) {
  KeyWords words(key);
  if (words.count() == 0) return false;
  std::string_view last = words.last();
  std::string_view before = words.before_last();
  if (one_of<kSwitchWords>(words.first()) && words.count() > 1) return false;
  if (before == "existing" || before == "public" || before == "publishable") return false;
  if (one_of<kSecretWords>(last) || last == "authorization") return true;
  if (last == "key" && one_of<kKeyQualifiers>(before)) return true;
  if (words.count() == 1)
    return std::any_of(kSecretSuffixes.begin(), kSecretSuffixes.end(), [&](std::string_view s) {
      return last.size() > s.size() && last.ends_with(s);
    });
  return false;
}

ValueSpan assigned_value(std::string_view text, std::size_t pos) {
  constexpr std::size_t kMaxValue = 2048;  // bounds the scan; longer values are cut
  if (pos >= text.size()) return {pos, pos};
  std::size_t limit = std::min(text.size(), pos + kMaxValue);
  char quote = text[pos];
  if (quote == '"' || quote == '\'' || quote == '`') {
    for (std::size_t i = pos + 1; i < limit && text[i] != '\n'; ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;
        continue;
      }
      if (text[i] == quote) return {pos + 1, i};
    }
    ++pos;  // no closing quote on the line: the bare run after it
  }
  std::size_t end = pos;
  while (end < limit && !is_space(text[end]))
    ++end;
  // `;` ends the value when a `Key=` or the end of the line follows.
  for (std::size_t i = pos; i < end; ++i) {
    if (text[i] != ';' && text[i] != ',') continue;
    std::size_t j = i + 1;
    if (j == end) {
      end = i;
      break;
    }
    if (text[i] == ',') {
      if (text[j] == '"' || text[j] == '\'') {
        end = i;
        break;
      }
      continue;
    }
    std::size_t k = j;
    while (k < end && k < j + 40 && (is_ascii_alnum(text[k]) || text[k] == '_' || text[k] == '.'))
      ++k;
    if (k > j && k < end && text[k] == '=') {
      end = i;
      break;
    }
  }
  // A quote or bracket that closes something opened before the value is not part of it. The
  // bytes of the value are counted once, and uncounted as the end moves back.
  if (end == pos || std::string_view("\"'`)]},").find(text[end - 1]) == std::string_view::npos)
    return {pos, end};
  std::array<std::size_t, 256> counts{};
  for (std::size_t i = pos; i < end; ++i)
    ++counts[static_cast<unsigned char>(text[i])];
  auto count = [&](char x) { return counts[static_cast<unsigned char>(x)]; };
  while (end > pos) {
    char c = text[end - 1];
    bool closes = ((c == '"' || c == '\'' || c == '`') && count(c) % 2 == 1) ||
                  (c == ')' && count('(') < count(')')) || (c == ']' && count('[') < count(']')) ||
                  (c == '}' && count('{') < count('}') && end - pos > 1 &&
                   (end == text.size() || is_space(text[end]) || text[end] == ',')) ||
                  c == ',';
    if (!closes) break;
    --counts[static_cast<unsigned char>(c)];
    --end;
  }
  return {pos, end};
}

bool is_non_secret_value(std::string_view value, const Gazetteer& names) {
  if (value.size() < 3) return true;
  // The kinds of bytes the value holds, in one pass: most values here are random secrets, which
  // then skip the checks that need a kind they lack.
  constexpr unsigned kDigit = 1, kUpper = 2, kLower = 4, kOther = 8;
  static constexpr std::array<unsigned char, 256> kKinds = [] {
    std::array<unsigned char, 256> kinds{};
    for (int c = 0; c < 256; ++c) {
      char b = static_cast<char>(c);
      kinds[static_cast<std::size_t>(c)] = is_ascii_digit(b)   ? kDigit
                                           : is_ascii_upper(b) ? kUpper
                                           : is_ascii_lower(b) ? kLower
                                           : (b == '-' || b == '_' || b == '.' || b == '/')
                                               ? 0
                                               : kOther;
    }
    return kinds;
  }();
  unsigned kinds = 0;
  for (char c : value)
    kinds |= kKinds[static_cast<unsigned char>(c)];
  bool letters = (kinds & (kUpper | kLower)) != 0;
  if ((!letters && is_number(value)) || is_duration(value) || is_reference(value)) return true;
  AsciiLowered folded(value);
  std::string_view lower = folded.view();
  if (one_of<kModeWords>(lower) || is_placeholder(lower)) return true;
  if (value.starts_with("--") || is_path(value) || value.find("://") != std::string_view::npos)
    return true;  // another flag, a path, a URL (whose password has its own row)
  bool upper = (kinds & kUpper) != 0, lower_letter = (kinds & kLower) != 0;
  if ((kinds & (kDigit | kOther)) == 0) {
    // A word, a resource name (`orders-db-credentials`) or an environment variable's name.
    if (!upper && (names.is_common_word(value) || value.find('-') != std::string_view::npos ||
                   value.find('/') != std::string_view::npos))
      return true;
    if (!lower_letter && value.find('_') != std::string_view::npos) return true;
  }
  return false;
}

bool is_placeholder_password(std::string_view value) {
  if (value.empty()) return true;
  if (is_reference(value, false)) return true;
  AsciiLowered folded(value);
  std::string_view lower = folded.view();
  return is_placeholder(lower) || lower == "pass" || lower == "pw" || lower == "pwd" ||
         lower == "secret" || lower == "user" || lower == "username";
}

}  // namespace hindsight::common::anonymizer
