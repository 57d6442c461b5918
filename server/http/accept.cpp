#include "server/http/accept.hpp"

#include <cctype>
#include <charconv>
#include <string>

namespace hindsight::server {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A weight: "0" to "1" with at most three decimals (RFC 9110 section 12.4.2); anything else
// counts as 1, as if the parameter were absent.
double weight_of(std::string_view text) {
  double q = 1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), q);
  if (ec != std::errc() || end != text.data() + text.size() || q < 0 || q > 1) return 1;
  return q;
}

struct Range {
  std::string type;     // "text", or "*"
  std::string subtype;  // "html", or "*"
  double q = 1;
};

std::vector<Range> parse_accept(std::string_view accept) {
  std::vector<Range> out;
  while (!accept.empty()) {
    std::size_t comma = accept.find(',');
    std::string_view item = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    std::size_t semicolon = item.find(';');
    std::string media = lower(trim(item.substr(0, semicolon)));
    std::size_t slash = media.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == media.size()) continue;
    Range range{media.substr(0, slash), media.substr(slash + 1)};
    while (semicolon != std::string_view::npos) {
      item = item.substr(semicolon + 1);
      semicolon = item.find(';');
      std::string_view parameter = trim(item.substr(0, semicolon));
      std::size_t equals = parameter.find('=');
      if (equals != std::string_view::npos && lower(trim(parameter.substr(0, equals))) == "q")
        range.q = weight_of(trim(parameter.substr(equals + 1)));
    }
    out.push_back(std::move(range));
  }
  return out;
}

// The weight `ranges` give `media` ("type/subtype"): the most specific match's, 0 when none.
double weight_for(const std::vector<Range>& ranges, std::string_view media) {
  std::string wanted = lower(media);
  std::size_t slash = wanted.find('/');
  std::string_view type = std::string_view(wanted).substr(0, slash);
  std::string_view subtype = std::string_view(wanted).substr(slash + 1);
  int best_specificity = -1;
  double q = 0;
  for (const auto& r : ranges) {
    int specificity = r.type == type && r.subtype == subtype ? 2
                      : r.type == type && r.subtype == "*"   ? 1
                      : r.type == "*" && r.subtype == "*"    ? 0
                                                             : -1;
    if (specificity > best_specificity) {
      best_specificity = specificity;
      q = r.q;
    }
  }
  return q;
}

}  // namespace

std::string_view preferred_media_type(std::optional<std::string_view> accept,
                                      const std::vector<std::string_view>& offered) {
  if (offered.empty()) return {};
  if (!accept || trim(*accept).empty()) return offered.front();
  auto ranges = parse_accept(*accept);
  std::string_view best = offered.front();
  double best_q = weight_for(ranges, best);
  for (std::size_t i = 1; i < offered.size(); ++i) {
    double q = weight_for(ranges, offered[i]);
    if (q > best_q) {
      best = offered[i];
      best_q = q;
    }
  }
  return best;
}

}  // namespace hindsight::server
