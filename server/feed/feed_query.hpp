// What a reader of the peer feed asks for: filters already checked by the route (values known,
// the peer's origin in normal form, instants in UTC), a page size and the cursor it was given.
#pragma once

#include <optional>
#include <string>

namespace hindsight::server {

struct FeedQuery {
  std::optional<std::string> text;  // websearch syntax: words, "phrases", -excluded, or
  std::optional<std::string> tag;
  std::optional<std::string> peer;      // the publishing instance's origin, normalized
  std::optional<std::string> severity;  // SEV1 to SEV4
  std::optional<std::string> factor;    // a contributing-factor category
  std::optional<std::string> since;     // published_at >= since (RFC 3339, UTC)
  std::optional<std::string> until;     // published_at < until
  bool hidden = false;                  // the lessons reviewers hid, instead of the others
  std::optional<std::string> cursor;
  int limit = 20;
};

}  // namespace hindsight::server
