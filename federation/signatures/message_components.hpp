// The parts of a request that RFC 9421 signs: header fields (section 2.1) and the derived
// components of section 2.2, computed from the request target exactly as it travelled and from
// the public origin it was sent to, never from a decoded path or a Host header.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hindsight::federation {

// Every value of one header field, in the order of its field lines; empty when absent.
using FieldLookup = std::function<std::vector<std::string_view>(std::string_view lower_name)>;

using HeaderFields = std::vector<std::pair<std::string, std::string>>;
// A lookup over `fields`, which must outlive it; names compare case-insensitively.
FieldLookup field_lookup(const HeaderFields& fields);

// scheme://host[:port], normalized as RFC 9110 section 4.2.3 normalizes an authority: scheme and
// host in lower case, the scheme's default port left out.
struct Origin {
  std::string scheme;
  std::string authority;

  // Throws std::invalid_argument unless `text` is http(s)://host[:port] and nothing more.
  static Origin parse(std::string_view text);
  std::string to_string() const { return scheme + "://" + authority; }
  friend bool operator==(const Origin&, const Origin&) = default;
};

// An absolute URL split into its origin and its origin-form request target ("/" for an empty
// path). Throws std::invalid_argument for a URL with userinfo, a fragment or a bad origin.
std::pair<Origin, std::string> split_url(std::string_view url);

struct RequestParts {
  std::string_view method;
  std::string_view target;  // the request target as on the wire: "/path?query", not decoded
  Origin origin;            // the public origin the request was sent to
  FieldLookup fields;
};

// The value of the covered component `name` (section 2.5, step 2.5): a field's lines combined
// (section 2.1), or a derived component (section 2.2). Throws SignatureError when the component
// is unknown or absent, or its value holds a character the signature base cannot carry.
std::string component_value(const RequestParts& request, std::string_view name);

}  // namespace hindsight::federation
