#include "server/feed/feed_cursor.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "common/crypto/encoding.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "common/util/uuid_text.hpp"

namespace hindsight::server {
using common::ApiError;
using nlohmann::json;

namespace {

bool is_real(const std::string& text) {
  float value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// The member as a canonical instant or uuid; nullopt when absent or malformed.
std::optional<std::string> instant_member(const json& c, const char* name) {
  auto it = c.find(name);
  if (it == c.end() || !it->is_string()) return std::nullopt;
  return common::canonical_instant(it->get<std::string>());
}

std::optional<std::string> uuid_member(const json& c, const char* name) {
  auto it = c.find(name);
  if (it == c.end() || !it->is_string() || !common::looks_like_uuid(it->get<std::string>()))
    return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

std::string encode_feed_cursor(const FeedCursor& cursor) {
  json c{{"u", cursor.received_at}, {"i", cursor.id}};
  if (cursor.rank) {
    c["r"] = *cursor.rank;
    c["nu"] = cursor.newest_received_at;
    c["ni"] = cursor.newest_id;
  }
  return common::crypto::base64url_encode(c.dump());
}

FeedCursor decode_feed_cursor(const std::string& text, bool ranked) {
  auto bad = [] {
    return ApiError::validation("cursor", "cursor is not one this server gave out for this order");
  };
  auto raw = common::crypto::base64url_decode(text);
  if (!raw) throw bad();
  json c = json::parse(*raw, nullptr, false);
  if (!c.is_object() || c.contains("r") != ranked) throw bad();
  auto received_at = instant_member(c, "u");
  auto id = uuid_member(c, "i");
  if (!received_at || !id) throw bad();
  FeedCursor out{*received_at, *id, std::nullopt, {}, {}};
  if (ranked) {
    auto newest_received_at = instant_member(c, "nu");
    auto newest_id = uuid_member(c, "ni");
    if (!c["r"].is_string() || !is_real(c["r"].get<std::string>()) || !newest_received_at ||
        !newest_id)
      throw bad();
    out.rank = c["r"].get<std::string>();
    out.newest_received_at = *newest_received_at;
    out.newest_id = *newest_id;
  }
  return out;
}

}  // namespace hindsight::server
