// What the public pages and the public feed say about the instance that publishes them, and
// where they live.
#pragma once

#include <string>

namespace hindsight::server {

inline constexpr const char* kPublicLessonPath = "/public/lessons/{id}";
inline constexpr const char* kPublicFeedPath = "/public/feed.atom";

struct PublicSite {
  std::string origin;  // https://a.example
  // The name peers see (peer_name), never the organization's own name unless they are one: the
  // anonymizer takes that name out of every lesson.
  std::string name;
  std::string license_name;
  std::string license_url;

  std::string lesson_url(const std::string& id) const { return origin + "/public/lessons/" + id; }
  std::string feed_url() const { return origin + kPublicFeedPath; }
};

}  // namespace hindsight::server
