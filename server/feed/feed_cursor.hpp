// The feed's opaque page cursor: the position after the last lesson shown. Newest first, that is
// (received_at, id); ranked, it is (rank, received_at, id) plus the newest candidate of the first
// page, so later pages rank the same candidates while new lessons arrive.
#pragma once

#include <optional>
#include <string>

namespace hindsight::server {

struct FeedCursor {
  std::string received_at;  // RFC 3339, UTC
  std::string id;
  // Ranked pages only.
  std::optional<std::string> rank;
  std::string newest_received_at;
  std::string newest_id;
};

std::string encode_feed_cursor(const FeedCursor& cursor);
// Throws 400 naming `cursor` for text this server did not give out, or one given out for the
// other order (`ranked` says which the request uses).
FeedCursor decode_feed_cursor(const std::string& text, bool ranked);

}  // namespace hindsight::server
