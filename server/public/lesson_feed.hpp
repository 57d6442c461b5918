// The Atom feed of public lessons (RFC 4287; docs/federation.md, "Public lessons"): one entry per
// public lesson at its latest version, a retracted one saying so without its content, each with
// the instance's licence as its rights (and an RFC 4946 license link).
#pragma once

#include <string>

#include "server/lessons/public_lessons.hpp"
#include "server/public/public_site.hpp"

namespace hindsight::server {

inline constexpr const char* kAtomContentType = "application/atom+xml; charset=utf-8";

std::string lesson_feed(const PublicFeed& feed, const PublicSite& site);

}  // namespace hindsight::server
