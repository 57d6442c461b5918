#include "common/anonymizer/validators.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>

#include "common/anonymizer/text_utils.hpp"
#include "common/anonymizer/validator_support.hpp"

namespace hindsight::common::anonymizer::validators {
namespace {

std::string_view slice(const DetectorEnv& env, std::size_t start, std::size_t end) {
  return env.scan.text.substr(start, end - start);
}

char char_before(const DetectorEnv& env, std::size_t pos) {
  return pos == 0 ? '\0' : env.scan.text[pos - 1];
}

char char_at(const DetectorEnv& env, std::size_t pos) {
  return pos < env.scan.text.size() ? env.scan.text[pos] : '\0';
}

std::size_t count_if_class(std::string_view s, bool (*pred)(char)) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), pred));
}

bool is_loopback_or_any_v4(const unsigned char* a) {
  return a[0] == 127 || a[0] == 0 || a[0] == 255 || (a[0] >= 224 && a[0] < 240);
}

}  // namespace

bool looks_like_template(std::string_view value) {
  static constexpr std::array<bool, 256> kTemplateBytes = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view("{}<>[]$%"))
      table[c] = true;
    return table;
  }();
  static constexpr WordsInside kPlaceholderWords(std::array<std::string_view, 13>{
      "xxxx", "****", "....", "0000000", "changeme", "example", "redacted", "your_", "your-",
      "placeholder", "dummy", "password", "secret"});
  // One pass over the value, which the token rows ask of every candidate: a template's byte, a
  // placeholder word in any case, or the same byte six times in a row.
  for (std::size_t i = 0, run = 0; i < value.size(); ++i) {
    if (kTemplateBytes[static_cast<unsigned char>(value[i])]) return true;
    run = i > 0 && value[i] == value[i - 1] ? run + 1 : 1;
    if (run >= 6 || kPlaceholderWords.opens_folded_at(value, i)) return true;
  }
  return false;
}

void accept(const DetectorMatch& m, const DetectorEnv&, std::vector<Finding>& out) {
  emit(out, m.type, m.start, m.end);
}

void ipv4(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = slice(env, m.start, m.end);
  auto slash = text.find('/');
  std::string address(text.substr(0, slash));
  unsigned char bytes[4];
  if (inet_pton(AF_INET, address.c_str(), bytes) != 1) return;
  if (is_loopback_or_any_v4(bytes)) return;
  char prev = char_before(env, m.start);
  if (prev == '.' || prev == '-' || prev == '_' || is_ascii_alnum(prev)) return;
  if (char_at(env, m.end) == '.' && is_ascii_digit(char_at(env, m.end + 1))) return;
  if (slash != std::string_view::npos && std::stoi(std::string(text.substr(slash + 1))) > 32)
    return;
  // A four-part version number (`version 1.2.3.4`, `v1.2.3.4`) is not an address.
  AsciiLowered cue(before(env, m.start, 12));
  if (prev == 'v' || contains_any(cue.view(), {"version", "release", "build", " ver "})) return;
  emit(out, m.type, m.start, m.end);
}

void ipv6(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  char prev = char_before(env, m.start);
  if (is_ascii_hex(prev) || prev == ':' || prev == '.' || prev == '-' || is_ascii_alnum(prev))
    return;
  std::string_view text = slice(env, m.start, m.end);
  std::size_t end = m.end;
  auto try_parse = [](std::string_view candidate) {
    auto cut = candidate.find_first_of("%/");
    std::string address(candidate.substr(0, cut));
    unsigned char bytes[16];
    if (address.size() < 3 || inet_pton(AF_INET6, address.c_str(), bytes) != 1) return false;
    static const unsigned char kZero[16] = {};
    bool loopback = std::equal(bytes, bytes + 15, kZero) && bytes[15] <= 1;
    return !loopback;
  };
  while (!text.empty() && text.back() == '.') {
    text.remove_suffix(1);
    --end;
  }
  if (!try_parse(text)) {
    // `addr:port` without brackets: drop the last group and try again.
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || text[colon - 1] == ':') return;
    text = text.substr(0, colon);
    end = m.start + colon;
    if (!try_parse(text)) return;
  }
  if (std::count(text.begin(), text.end(), ':') < 2) return;
  emit(out, m.type, m.start, end);
}

void mac(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  char prev = char_before(env, m.start);
  char next = char_at(env, m.end);
  if (prev == ':' || prev == '-' || prev == '.' || next == ':' || next == '-') return;
  std::string_view text = slice(env, m.start, m.end);
  if (text.size() == 14 && std::none_of(text.begin(), text.end(), [](char c) {
        return (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f');
      }))
    return;  // `1234.5678.9012` is more likely a number than a Cisco-style MAC
  emit(out, m.type, m.start, m.end);
}

void email(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  // `scheme://user:password@host`: the password and host are found by their own detectors.
  // The look back is bounded, so a text without spaces stays linear in its length.
  constexpr std::size_t kMaxTokenBefore = 4096;
  std::size_t token_start = m.start;
  std::size_t floor = m.start > kMaxTokenBefore ? m.start - kMaxTokenBefore : 0;
  while (token_start > floor &&
         !std::isspace(static_cast<unsigned char>(env.scan.text[token_start - 1])))
    --token_start;
  std::string_view token = slice(env, token_start, m.start);
  if (token.find("://") != std::string_view::npos || (!token.empty() && token.back() == ':'))
    return;
  // Every well-formed address is personal data, reserved domains (`corp.example.org`) included:
  // documents anonymized by hand use them for real people.
  emit(out, m.type, m.start, m.end);
}

void url(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::size_t end = m.end;
  std::string_view text = env.scan.text;
  // Sentence punctuation and unbalanced closing brackets after a URL are not part of it.
  while (end > m.start) {
    char c = text[end - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '*') {
      --end;
      continue;
    }
    if (c == ')' || c == ']') {
      std::string_view body = text.substr(m.start, end - m.start);
      char open = c == ')' ? '(' : '[';
      if (std::count(body.begin(), body.end(), open) < std::count(body.begin(), body.end(), c)) {
        --end;
        continue;
      }
    }
    break;
  }
  std::string_view link = text.substr(m.start, end - m.start);
  auto scheme_end = link.find("://");
  std::size_t authority_start = scheme_end + 3;
  // `user:password@host` (a password may hold `#` or `?`): split into SECRET + HOSTNAME.
  std::size_t slash = link.find('/', authority_start);
  if (link.substr(authority_start, slash - authority_start).find('@') != std::string_view::npos)
    return;
  // A password holding a quote or `<` ends the match early (`redis://:p"w@host`); the rest of
  // the authority, up to white space or `/`, then holds the `@` of the credentials.
  if (slash == std::string_view::npos)
    for (std::size_t i = m.end, limit = std::min(text.size(), m.end + 256); i < limit; ++i) {
      char c = text[i];
      if (c == '@') return;
      if (c == '/' || std::isspace(static_cast<unsigned char>(c))) break;
    }
  std::size_t authority_end = link.find_first_of("/?#", authority_start);
  if (authority_end == std::string_view::npos) authority_end = link.size();
  std::string_view authority = link.substr(authority_start, authority_end - authority_start);
  std::string_view host =
      authority.substr(0, authority.rfind(':') == std::string_view::npos || authority.front() == '['
                              ? authority.size()
                              : authority.rfind(':'));
  if (host.empty() || env.hosts.is_neutral_host(host) || looks_like_template(host)) return;
  if (link.find("${") != std::string_view::npos || link.find("{{") != std::string_view::npos)
    return;
  auto query = link.find('?');
  if (query != std::string_view::npos) {
    // A token in the query string is a SECRET of its own; the URL stops at `?`.
    bool split = false;
    std::size_t pos = query + 1;
    while (pos < link.size()) {
      auto amp = link.find('&', pos);
      if (amp == std::string_view::npos) amp = link.size();
      std::string_view pair = link.substr(pos, amp - pos);
      auto eq = pair.find('=');
      if (eq != std::string_view::npos && eq + 1 < pair.size()) {
        std::string key = ascii_lowercase(pair.substr(0, eq));
        if (contains_any(key, {"token", "key", "secret", "sig", "password", "pwd", "auth",
                               "credential", "session", "code"})) {
          split = true;
          emit(out, EntityType::kSecret, m.start + pos + eq + 1, m.start + amp);
        }
      }
      pos = amp + 1;
    }
    if (split) {
      emit(out, m.type, m.start, m.start + query);
      return;
    }
  }
  emit(out, m.type, m.start, end);
}

void dotted_host(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  char prev = char_before(env, m.start);
  if (prev == '.' || prev == '-' || prev == '_' || prev == '/' || prev == '\\') return;
  char next = char_at(env, m.end);
  if (next == '(' || next == '@' || next == '_' || next == '-') return;
  std::string_view text = slice(env, m.start, m.end);
  auto type = env.hosts.classify(text, env.scan);
  if (type) emit(out, *type, m.start, m.end);
}

void short_host(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  char prev = char_before(env, m.start);
  if (prev == '.' || prev == '-' || prev == '_' || prev == '/' || prev == '$' || prev == '=')
    if (prev != '/' || char_before(env, m.start - 1) != '/') return;
  char next = char_at(env, m.end);
  if (next == '(' || next == '_' || next == '-' ||
      (next == '.' && is_ascii_alnum(char_at(env, m.end + 1))))
    return;
  std::string_view text = slice(env, m.start, m.end);
  std::string_view label = text.substr(0, text.find('.'));
  if (!HostRules::is_host_label(label)) return;
  emit(out, m.type, m.start, m.end);
}

void phone(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::size_t end = m.end;
  while (end > m.start && !is_ascii_digit(env.scan.text[end - 1]) && env.scan.text[end - 1] != ')')
    --end;
  std::string_view text = slice(env, m.start, end);
  std::size_t digits = count_if_class(text, is_ascii_digit);
  if (digits < 8 || digits > 15) return;
  char prev = char_before(env, m.start);
  char next = char_at(env, end);
  if (is_ascii_alnum(prev) || prev == '-' || prev == ':' || prev == '.' || next == '-' ||
      is_ascii_alnum(next) || next == ':')
    return;  // part of an ID, a GUID or a timestamp
  if (text.front() != '+') {
    AsciiLowered cue(before(env, m.start, 32));
    if (!contains_any(cue.view(), {"call", "phone", "tel", "mobile", "cell", "sms", "whatsapp",
                                   "contact", "reach", "dial", "fax"}))
      return;
  }
  emit(out, m.type, m.start, end);
}

void cloud_account(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  char prev = char_before(env, m.start);
  char next = char_at(env, m.end);
  if (prev == '.' || prev == '-' || prev == '/' || prev == '_' || prev == '+') return;
  if (next == '-' || next == '/' || next == '_' || next == '+') return;
  if (next == '.' && is_ascii_digit(char_at(env, m.end + 1))) return;
  if (prev == ':' && next != ':') return;  // times and ports
  emit(out, m.type, m.start, m.end);
}

void subscription_guid(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  AsciiLowered cue(before(env, m.start, 48));
  if (!contains_any(cue.view(), {"subscription", "tenant", "account", "directory", "project id",
                                 "organization id", "org id"}))
    return;
  emit(out, m.type, m.start, m.end);
}

void ticket_id(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = slice(env, m.start, m.end);
  std::string_view prefix = text.substr(0, text.find('-'));
  // Public identifiers and standards keep their meaning (CVE-2024-3094, RFC-9110, SEV-1).
  static constexpr std::array<std::string_view, 26> kPublic = {
      "CVE", "CWE", "GHSA", "RFC", "ISO",  "UTF",  "SHA", "SEV", "HTTP",
      "TLS", "SSL", "ORA",  "AES", "RSA",  "MD",   "IPV", "TCP", "UDP",
      "PEP", "JSR", "KB",   "MS",  "ECMA", "IEEE", "CA",  "DSA"};
  if (std::find(kPublic.begin(), kPublic.end(), prefix) != kPublic.end()) return;
  char next = char_at(env, m.end);
  if (next == '.' && is_ascii_digit(char_at(env, m.end + 1))) return;
  emit(out, m.type, m.start, m.end);
}

void provider_token(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = slice(env, m.start, m.end);
  if (looks_like_template(text)) return;
  std::string_view body = text.substr(std::min<std::size_t>(text.size(), 4));
  if (shannon_entropy(body) < 2.8) return;
  emit(out, m.type, m.start, m.end);
}

void secret_value(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::size_t end = m.end;
  while (end > m.start &&
         std::string_view(".,)]").find(env.scan.text[end - 1]) != std::string_view::npos)
    --end;
  std::string_view value = slice(env, m.start, end);
  // Every check must pass; the cheap ones go first.
  if (value.size() < 6) return;
  if (value.find("://") != std::string_view::npos) return;
  if (value.front() == '/' || value.front() == '-' || value.front() == '.') return;  // paths, flags
  if (value == "true" || value == "false" || value == "null" || value == "none") return;
  bool has_digit = count_if_class(value, is_ascii_digit) > 0;
  bool mixed =
      count_if_class(value, is_ascii_upper) > 0 && count_if_class(value, is_ascii_lower) > 0;
  bool symbol = std::any_of(value.begin(), value.end(), [](char c) { return !is_ascii_alnum(c); });
  if (!has_digit && !mixed && !symbol) return;  // a plain word
  if (env.names.is_common_word(value) || looks_like_template(value)) return;
  if (shannon_entropy(value) < 2.5) return;
  emit(out, m.type, m.start, end);
}

void high_entropy(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::size_t end = m.end;
  while (end > m.start && (env.scan.text[end - 1] == '-' || env.scan.text[end - 1] == '_'))
    --end;
  std::string_view value = slice(env, m.start, end);
  if (value.size() < 20) return;
  char next = char_at(env, end);
  if (next == '.' || next == '@') return;  // a host or an address
  // Every check below must pass; the cheap ones on the character classes go first, counted in
  // one pass (every candidate of the row is asked).
  enum Class : unsigned char { kOther, kUpper, kHexLower, kLower, kDigit, kDash, kUnderscore };
  static constexpr std::array<unsigned char, 256> kClasses = [] {
    std::array<unsigned char, 256> classes{};
    for (int c = 0; c < 128; ++c) {
      char b = static_cast<char>(c);
      auto& to = classes[static_cast<std::size_t>(c)];
      if (is_ascii_upper(b))
        to = kUpper;
      else if (is_ascii_digit(b))
        to = kDigit;
      else if (is_ascii_hex(b))
        to = kHexLower;
      else if (is_ascii_lower(b))
        to = kLower;
      else if (b == '-')
        to = kDash;
      else if (b == '_')
        to = kUnderscore;
    }
    return classes;
  }();
  std::array<std::size_t, 7> counts{};
  for (char c : value)
    ++counts[kClasses[static_cast<unsigned char>(c)]];
  std::size_t upper = counts[kUpper], digits = counts[kDigit];
  std::size_t lower = counts[kHexLower] + counts[kLower];
  if (upper == 0 && counts[kHexLower] + digits == value.size()) return;  // SHAs, trace IDs
  bool mixed_shape = upper >= 2 && lower >= 2 && digits >= 2;
  bool lower_shape = upper == 0 && counts[kDash] <= 1 && digits * 5 >= value.size() &&
                     lower * 3 >= value.size() && counts[kUnderscore] == 0;
  if (!mixed_shape && !lower_shape) return;
  if (looks_like_template(value) || shannon_entropy(value) < 3.6) return;
  emit(out, m.type, m.start, end);
}

namespace {
// Pseudonymous and shared accounts that name nobody.
bool is_service_account(std::string_view name) {
  static constexpr std::array<std::string_view, 30> kService = {
      "postgres", "root",     "admin",    "administrator", "replicator", "nobody",
      "ubuntu",   "ec2-user", "www-data", "deploy",        "jenkins",    "git",
      "system",   "service",  "daemon",   "readonly",      "backup",     "monitor",
      "nginx",    "mysql",    "redis",    "here",          "channel",    "everyone",
      "all",      "oncall",   "on-call",  "team",          "null",       "unknown"};
  std::string lower = ascii_lowercase(name);
  if (std::find(kService.begin(), kService.end(), lower) != kService.end()) return true;
  return lower.find('_') != std::string::npos || lower.rfind("svc", 0) == 0 ||
         lower.rfind("team-", 0) == 0 || lower.rfind("bot", 0) == 0;
}
}  // namespace

void handle(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = slice(env, m.start + 1, m.end);
  if (is_service_account(text)) return;
  char next = char_at(env, m.end);
  if (next == '/' || next == '@') return;  // npm scopes, `pkg@version`
  // A handle follows a space or an opening mark, never `${user}@host`.
  char prev = char_before(env, m.start);
  if (prev != '\0' && std::string_view(" \t\n\r([\"',;:>|/*`").find(prev) == std::string_view::npos)
    return;
  if (is_ascii_digit(text.front())) return;
  emit(out, m.type, m.start, m.end);
}

void login_name(const DetectorMatch& m, const DetectorEnv& env, std::vector<Finding>& out) {
  std::string_view text = slice(env, m.start, m.end);
  if (is_service_account(text) || env.names.is_common_word(text)) return;
  if (HostRules::is_host_label(text)) return;
  emit(out, m.type, m.start, m.end);
}

}  // namespace hindsight::common::anonymizer::validators
