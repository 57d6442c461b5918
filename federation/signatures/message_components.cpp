#include "federation/signatures/message_components.hpp"

#include <stdexcept>

#include "federation/signatures/signature_error.hpp"

namespace hindsight::federation {
namespace {

using Reason = SignatureError::Reason;

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = lower(c);
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool is_field_name_char(char c) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         kSymbols.find(c) != std::string_view::npos;
}

// A value enters the base between "name: " and "\n"; a line break or any byte outside printable
// ASCII could make two different messages share one base (section 2.5 step 4 and section 7.5).
void check_value_fits_base(std::string_view name, std::string_view value) {
  for (char c : value) {
    auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte > 0x7E)
      throw SignatureError(Reason::kComponentUnavailable,
                           "the value of \"" + std::string(name) +
                               "\" holds a character a signature base cannot carry");
  }
}

// Section 2.1 steps 2 and 3: trim the line and turn each obsolete line folding into one space.
std::string normalize_field_line(std::string_view line) {
  auto is_ws = [](char c) { return c == ' ' || c == '\t'; };
  while (!line.empty() && is_ws(line.front()))
    line.remove_prefix(1);
  while (!line.empty() && is_ws(line.back()))
    line.remove_suffix(1);
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\r' && i + 2 < line.size() && line[i + 1] == '\n' && is_ws(line[i + 2])) {
      i += 2;
      while (i + 1 < line.size() && is_ws(line[i + 1]))
        ++i;
      out += ' ';
    } else {
      out += line[i];
    }
  }
  return out;
}

// Section 2.1.
std::string field_value(const RequestParts& request, std::string_view name) {
  if (name.empty())
    throw SignatureError(Reason::kMalformed, "a covered component has an empty name");
  for (char c : name) {
    if (!is_field_name_char(c))
      throw SignatureError(Reason::kMalformed,
                           "\"" + std::string(name) + "\" is not a lowercase field name");
  }
  auto lines = request.fields(name);
  if (lines.empty())
    throw SignatureError(Reason::kComponentUnavailable,
                         "the covered field \"" + std::string(name) + "\" is absent");
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += ", ";
    out += normalize_field_line(lines[i]);
  }
  return out;
}

std::string_view origin_form_target(const RequestParts& request, std::string_view name) {
  if (request.target.empty() || request.target.front() != '/')
    throw SignatureError(Reason::kUnsupportedComponent,
                         std::string(name) + " needs a request target in origin form");
  return request.target;
}

// Section 2.2.
std::string derived_value(const RequestParts& request, std::string_view name) {
  if (name == "@method") return std::string(request.method);  // 2.2.1: case kept
  if (name == "@target-uri")                                  // 2.2.2
    return request.origin.to_string() + std::string(origin_form_target(request, name));
  if (name == "@authority") return request.origin.authority;          // 2.2.3
  if (name == "@scheme") return request.origin.scheme;                // 2.2.4
  if (name == "@request-target") return std::string(request.target);  // 2.2.5
  if (name == "@path") {                                              // 2.2.6
    auto target = origin_form_target(request, name);
    return std::string(target.substr(0, target.find('?')));
  }
  if (name == "@query") {  // 2.2.7: with its '?', or "?" alone when there is no query
    auto target = origin_form_target(request, name);
    auto question = target.find('?');
    return question == std::string_view::npos ? "?" : std::string(target.substr(question));
  }
  throw SignatureError(Reason::kUnsupportedComponent,
                       "the derived component \"" + std::string(name) + "\" is not supported");
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

FieldLookup field_lookup(const HeaderFields& fields) {
  return [&fields](std::string_view lower_name) {
    std::vector<std::string_view> values;
    for (const auto& [name, value] : fields)
      if (equal_ignoring_case(name, lower_name)) values.emplace_back(value);
    return values;
  };
}

Origin Origin::parse(std::string_view text) {
  auto bad = [&](const char* why) {
    return std::invalid_argument("'" + std::string(text) + "' is not an origin: " + why);
  };
  auto separator = text.find("://");
  if (separator == std::string_view::npos) throw bad("no scheme");
  Origin origin{lowercase(text.substr(0, separator)), {}};
  if (origin.scheme != "https" && origin.scheme != "http") throw bad("not http or https");
  std::string_view authority = text.substr(separator + 3);
  if (authority.find_first_of("/?#@") != std::string_view::npos)
    throw bad("only scheme, host and port are allowed");
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // an IPv6 literal
    auto close = authority.find(']');
    if (close == std::string_view::npos) throw bad("unterminated IPv6 literal");
    host = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') throw bad("characters after the IPv6 literal");
    if (!rest.empty()) port = rest.substr(1);
    if (rest.size() == 1) throw bad("empty port");
  } else if (auto colon = authority.find(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) throw bad("empty port");
  }
  bool ipv6 = !host.empty() && host.front() == '[';
  if (host.empty() || host == "[]") throw bad("no host");
  for (char c : ipv6 ? host.substr(1, host.size() - 2) : host) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    bool ok = ipv6 ? (alnum || c == ':' || c == '.')
                   : (alnum || c == '-' || c == '.' || c == '_' || c == '~');
    if (!ok) throw bad("a character a host name cannot hold");
  }
  origin.authority = lowercase(host);
  if (!port.empty()) {
    if (!is_digits(port) || port.size() > 5) throw bad("bad port");
    auto number = std::stoul(std::string(port));
    if (number == 0 || number > 65535) throw bad("bad port");
    bool is_default = number == (origin.scheme == "https" ? 443u : 80u);
    if (!is_default) origin.authority += ":" + std::to_string(number);
  }
  return origin;
}

std::pair<Origin, std::string> split_url(std::string_view url) {
  auto separator = url.find("://");
  if (separator == std::string_view::npos)
    throw std::invalid_argument("'" + std::string(url) + "' is not an absolute URL");
  if (url.find('#') != std::string_view::npos)
    throw std::invalid_argument("'" + std::string(url) + "' has a fragment");
  auto target_start = url.find_first_of("/?", separator + 3);
  if (target_start == std::string_view::npos) target_start = url.size();
  Origin origin = Origin::parse(url.substr(0, target_start));
  std::string target(url.substr(target_start));
  if (target.empty() || target.front() == '?') target.insert(0, "/");
  return {std::move(origin), std::move(target)};
}

std::string component_value(const RequestParts& request, std::string_view name) {
  std::string value = !name.empty() && name.front() == '@' ? derived_value(request, name)
                                                           : field_value(request, name);
  check_value_fits_base(name, value);
  return value;
}

}  // namespace hindsight::federation
