// The validators of the secret rows that read around their match: values of keys that name a
// secret, passwords in URLs, keys handed over in a sentence, and provider tokens checked by
// their checksum or by their body after the prefix.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "common/anonymizer/secret_keys.hpp"
#include "common/anonymizer/text_utils.hpp"
#include "common/anonymizer/token_checksums.hpp"
#include "common/anonymizer/validator_support.hpp"
#include "common/anonymizer/validators.hpp"

namespace hindsight::common::anonymizer::validators {
namespace {

bool is_key_char(char c) {
  return is_ascii_alnum(c) || c == '_' || c == '.' || c == '-';
}

void emit_secret(std::vector<Finding>& out, std::size_t start, std::size_t end) {
  emit(out, EntityType::kSecret, start, end);
}

constexpr std::array<std::string_view, 6> kSchemes = {"bearer", "basic",  "token",
                                                      "ssws",   "digest", "apikey"};

// The value after the separator, an authorization scheme word (`Bearer`, `Basic`) skipped.
ValueSpan value_after(std::string_view text, std::size_t pos) {
  ValueSpan value = assigned_value(text, pos);
  std::string_view word = text.substr(value.start, value.end - value.start);
  bool scheme = std::any_of(kSchemes.begin(), kSchemes.end(),
                            [&](std::string_view s) { return iequals_ascii(word, s); });
  if (scheme && value.end < text.size() && text[value.end] == ' ') {
    std::size_t next = value.end;
    while (next < text.size() && text[next] == ' ')
      ++next;
    return assigned_value(text, next);
  }
  return value;
}

// `-v`, `--verbose`, `--retries=3`: a command-line option.
bool looks_like_flag(std::string_view v) {
  std::size_t i = v.size() > 1 && v[1] == '-' ? 2 : 1;
  if (i >= v.size() || !std::isalpha(static_cast<unsigned char>(v[i]))) return false;
  auto end = v.find('=');
  return std::all_of(
      v.begin() + static_cast<std::ptrdiff_t>(i),
      end == std::string_view::npos ? v.end() : v.begin() + static_cast<std::ptrdiff_t>(end),
      [](char c) { return is_ascii_alnum(c) || c == '-' || c == '_'; });
}

// Checks and emits the value assigned at `value_pos` to `key`.
void emit_keyed_value(std::string_view key, std::size_t value_pos, const DetectorEnv& env,
                      std::vector<Finding>& out) {
  if (!key_names_secret(key)) return;
  std::string_view text = env.scan.text;
  ValueSpan value = value_after(text, value_pos);
  std::string_view v = text.substr(value.start, value.end - value.start);
  if (is_non_secret_value(v, env.names)) return;
  // After a flag and a space, `-x` is the next flag; after `Token:`, `:kind` is C++.
  std::size_t sep = value.start;
  while (sep > 0 && (text[sep - 1] == ' ' || text[sep - 1] == '\t' || text[sep - 1] == '"' ||
                     text[sep - 1] == '\''))
    --sep;
  char separator = sep > 0 ? text[sep - 1] : '\0';
  if (v.front() == '-' && separator != '=' && separator != ':' && looks_like_flag(v)) return;
  if (v.front() == ':' && value.start > 0 && text[value.start - 1] == ':') return;
  // A command in backticks (`KEY=`vault read ...``) produces the secret; it is not one.
  if (value.start > 0 && text[value.start - 1] == '`' && v.find(' ') != std::string_view::npos)
    return;
  emit_secret(out, value.start, value.end);
}

// The secret-looking body of a prefixed token: what follows the last `_`, `-` or `.` of its
// first 16 bytes (the prefix), else all but the first 4 bytes.
std::string_view token_body(std::string_view token) {
  std::size_t cut = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(token.size(), 16); ++i)
    if (token[i] == '_' || token[i] == '-' || token[i] == '.') cut = i + 1;
  if (cut == 0) cut = std::min<std::size_t>(4, token.size());
  return token.substr(cut);
}

}  // namespace

void keyed_secret(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = env.scan.text;
  std::size_t key_start = m.start;
  while (key_start < m.end && !is_key_char(text[key_start]))
    ++key_start;
  while (key_start < m.end && text[key_start] == '-')  // a flag's dashes
    ++key_start;
  std::size_t key_end = key_start;
  while (key_end < m.end && is_key_char(text[key_end]))
    ++key_end;
  std::string_view key = text.substr(key_start, key_end - key_start);
  // `${API_TOKEN:?missing}`, `${KEY:=$2}`: a default inside a reference, not an assignment.
  if (key_start > 0 && text[key_start - 1] == '{') return;
  // `API key: ...`, `access key = ...`: the word before a lone `key` qualifies it.
  if (key.find_first_of("_.-") == std::string_view::npos && key_start >= 2 &&
      text[key_start - 1] == ' ') {
    std::size_t word_start = key_start - 1;
    while (word_start > 0 && key_start - word_start < 24 && is_ascii_alnum(text[word_start - 1]))
      --word_start;
    std::string joined(text.substr(word_start, key_start - 1 - word_start));
    joined += '_';
    joined += key;
    if (key_names_secret(joined)) key = text.substr(word_start, key_end - word_start);
  }
  emit_keyed_value(key, m.end, env, out);
}

void password_argument(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = env.scan.text;
  ValueSpan value = assigned_value(text, m.start);
  std::string_view v = text.substr(value.start, value.end - value.start);
  if (is_non_secret_value(v, env.names)) return;
  // `mysql -p-Fp7u1` is a password; `ssh -p -v` is the next option.
  bool spaced = m.start > 0 && (text[m.start - 1] == ' ' || text[m.start - 1] == '\t');
  if (v.front() == '-' && spaced && looks_like_flag(v)) return;
  emit_secret(out, value.start, value.end);
}

void set_command_value(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  // `aws configure set aws_secret_access_key VALUE`: the key is the match, the value follows.
  std::size_t pos = m.end;
  while (pos < env.scan.text.size() && (env.scan.text[pos] == ' ' || env.scan.text[pos] == '\t'))
    ++pos;
  if (pos == m.end) return;
  emit_keyed_value(env.scan.text.substr(m.start, m.end - m.start), pos, env, out);
}

void named_value(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  // `default = "..."` in a Terraform `variable "db_password" {`, `value: ...` after
  // `- name: DB_PASSWORD`, `{"name": "API_TOKEN", "value": "..."}`: the name is at most a few
  // lines back, and the nearer of the two forms is the one that applies.
  constexpr std::size_t kLookBack = 320;
  std::string_view text = env.scan.text;
  std::size_t from = m.start > kLookBack ? m.start - kLookBack : 0;
  std::string_view window = text.substr(from, m.start - from);
  std::size_t variable = window.rfind("variable \"");
  std::size_t name = std::string_view::npos;
  for (std::size_t pos = window.size(); pos > 0;) {
    std::size_t found = window.rfind("name", pos - 1);
    if (found == std::string_view::npos) break;
    std::size_t after = found + 4;
    if (after < window.size() && (window[after] == '"' || window[after] == '\'')) ++after;
    while (after < window.size() && window[after] == ' ')
      ++after;
    bool prev_ok = found == 0 || !is_key_char(window[found - 1]) || window[found - 1] == '"';
    if (prev_ok && after < window.size() && (window[after] == ':' || window[after] == '=')) {
      name = after + 1;
      break;
    }
    pos = found;
  }
  std::size_t name_start;
  if (variable != std::string_view::npos &&
      (name == std::string_view::npos || variable + 10 > name)) {
    name_start = variable + 10;
  } else if (name != std::string_view::npos) {
    name_start = name;
    while (name_start < window.size() &&
           (window[name_start] == ' ' || window[name_start] == '"' || window[name_start] == '\''))
      ++name_start;
  } else {
    return;
  }
  std::size_t name_end = name_start;
  while (name_end < window.size() && is_key_char(window[name_end]))
    ++name_end;
  emit_keyed_value(window.substr(name_start, name_end - name_start), m.end, env, out);
}

void url_password(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view value = env.scan.text.substr(m.start, m.end - m.start);
  // `"redis://cache:6379","backup":"a@b"`: quotes and JSON punctuation spilled into the match.
  for (std::string_view spill : {"\",\"", "\":\"", "','", "':'", "\", \""})
    if (value.find(spill) != std::string_view::npos) return;
  if (!value.empty() && is_ascii_digit(value.front())) {
    auto digits_end = value.find_first_not_of("0123456789");
    if (digits_end != std::string_view::npos && digits_end + 1 < value.size() &&
        (value[digits_end] == '"' || value[digits_end] == '\'') &&
        (value[digits_end + 1] == ',' || value[digits_end + 1] == '}'))
      return;  // a port, then the end of a quoted URL
  }
  if (is_placeholder_password(value)) return;
  emit_secret(out, m.start, m.end);
}

void handed_over_key(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = env.scan.text;
  std::string_view value = text.substr(m.start, m.end - m.start);
  if (value.size() < 16) return;
  std::size_t digits = 0, upper = 0, lower = 0, hex = 0, marks = 0;
  for (char c : value) {
    digits += is_ascii_digit(c);
    upper += is_ascii_upper(c);
    lower += is_ascii_lower(c);
    hex += is_ascii_hex(c);
    marks += c == '+' || c == '/';
  }
  bool hex_key = hex == value.size() && digits >= 2 && digits < value.size();
  bool base64_key =
      upper >= 2 && lower >= 2 && (digits >= 2 || (value.size() >= 20 && digits + marks >= 1));
  if (!hex_key && !base64_key) return;
  if (looks_like_template(value)) return;
  // Presented as a key: a secret word shortly before (the question in the line above, too),
  // and no word saying it is a commit, hash or trace id right before it.
  AsciiLowered lowered = before(env, m.start, 200);
  std::string_view context = lowered.view();
  if (!contains_any(context, {"password", "passwd", "pwd", "secret", "token", "key", "credential",
                              "passphrase", "pw "}))
    return;
  std::string_view near =
      context.substr(context.size() - std::min<std::size_t>(context.size(), 40));
  if (contains_any(near, {"commit", "sha", "hash", "revision", "rev ", "digest", "checksum",
                          "trace", "request", "span", "build", "version", "image", "uuid"}))
    return;
  emit_secret(out, m.start, m.end);
}

void prefixed_token(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view token = env.scan.text.substr(m.start, m.end - m.start);
  std::string_view body = token_body(token);
  if (body.size() < 8 || looks_like_template(body)) return;
  // A random body holds digits or both cases; `live_migration_window` holds neither.
  bool digit = std::any_of(body.begin(), body.end(), is_ascii_digit);
  bool upper = std::any_of(body.begin(), body.end(), is_ascii_upper);
  bool lower = std::any_of(body.begin(), body.end(), is_ascii_lower);
  if (!digit && !(upper && lower)) return;
  if (shannon_entropy(body) < 2.8) return;
  emit_secret(out, m.start, m.end);
}

// A valid checksum makes a token certain whatever it looks like; without one (a made-up token in
// a document is still a leak when it is real) the usual check of its row decides.
void checksummed_token(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  // GitHub's and npm's tokens (their patterns hold a `_`): the CRC32 of what follows the first.
  std::string_view token = env.scan.text.substr(m.start, m.end - m.start);
  if (has_crc32_base62_checksum(token.substr(token.find('_') + 1)))
    emit_secret(out, m.start, m.end);
  else
    provider_token(m, env, out);
}

void bech32_key(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  if (is_valid_bech32(env.scan.text.substr(m.start, m.end - m.start)))
    emit_secret(out, m.start, m.end);
  else
    prefixed_token(m, env, out);
}

}  // namespace hindsight::common::anonymizer::validators
