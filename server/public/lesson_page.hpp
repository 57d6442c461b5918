// The HTML page of a public lesson (docs/federation.md, "Public lessons"): plain, accessible and
// script-free, every value escaped, the licence named and linked, the version and its dates. A
// retracted lesson's page says so and shows no content.
#pragma once

#include <string>

#include "server/lessons/public_lessons.hpp"
#include "server/public/public_site.hpp"

namespace hindsight::server {

std::string lesson_page(const PublicLesson& lesson, const PublicSite& site);
// The answer for an id that is no public lesson, whatever the reason.
std::string lesson_not_found_page(const PublicSite& site);

// The Content-Security-Policy of these pages: nothing may run or load but their own stylesheet.
const std::string& public_page_policy();

// "PT1H30M" -> "1h30m", "-PT5M" -> "-5m", "P1DT2H" -> "1d2h"; the text itself when it is no
// ISO 8601 duration of days, hours, minutes and seconds.
std::string compact_duration(const std::string& iso);

}  // namespace hindsight::server
