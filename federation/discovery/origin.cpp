#include "federation/discovery/origin.hpp"

#include <boost/url/parse.hpp>
#include <cctype>
#include <charconv>

#include "federation/discovery/discovery_document.hpp"

namespace hindsight::federation {

std::optional<std::string> normalize_origin(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || parsed->scheme_id() != boost::urls::scheme::https) return std::nullopt;
  if (parsed->has_userinfo() || parsed->has_query() || parsed->has_fragment()) return std::nullopt;
  if (!parsed->encoded_path().empty() && parsed->encoded_path() != "/") return std::nullopt;
  std::string host(parsed->encoded_host());
  if (host.empty() || host.find('%') != std::string::npos) return std::nullopt;
  for (auto& c : host)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string origin = "https://" + host;
  if (parsed->has_port()) {
    std::string_view port = parsed->port();
    unsigned number = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    // Port 0 stands for "the port the listener gets" until the server knows it.
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || number > 65535)
      return std::nullopt;
    if (number != 443) origin += ":" + std::to_string(number);
  }
  return origin;
}

std::optional<std::string> origin_of_key_id(std::string_view key_id) {
  std::string suffix = std::string(kDiscoveryPath) + "#";
  auto at = key_id.find(suffix);
  if (at == std::string_view::npos || at + suffix.size() == key_id.size()) return std::nullopt;
  auto origin = normalize_origin(key_id.substr(0, at));
  if (!origin || *origin != key_id.substr(0, at)) return std::nullopt;
  return origin;
}

}  // namespace hindsight::federation
