#include "server/public/lesson_feed.hpp"

#include <fmt/format.h>

#include "common/util/time_format.hpp"
#include "server/public/markup.hpp"

namespace hindsight::server {
namespace {

std::string e(std::string_view text) {
  return escape_markup(text);
}

// An Atom date (RFC 4287 section 3.3: RFC 3339 with an upper-case T and Z).
std::string atom_date(const std::string& rfc3339) {
  return e(common::canonical_instant(rfc3339).value_or(rfc3339));
}

// The feed's `updated` before any lesson was ever public: the feed has never changed.
constexpr const char* kNeverUpdated = "1970-01-01T00:00:00Z";

std::string entry(const PublicLesson& lesson, const PublicSite& site) {
  const auto& d = lesson.document;
  std::string title, summary, categories;
  if (d.retracted || !d.fields) {
    title = "Retracted lesson";
    summary =
        fmt::format("Retracted on {} (version {}); its content is no longer shared.",
                    common::canonical_instant(d.published_at).value_or(d.published_at), d.version);
  } else {
    title = d.fields->title.empty() ? "Untitled lesson" : d.fields->title;
    summary = d.fields->summary.empty() ? d.fields->lessons_learned : d.fields->summary;
    for (const auto& tag : d.tags)
      categories += fmt::format("<category term=\"{}\"/>\n", e(tag));
  }
  return fmt::format(
      "<entry>\n<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n"
      "<published>{}</published>\n"
      "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n"
      "<link rel=\"license\" href=\"{}\"/>\n{}<summary>{}</summary>\n<rights>{}</rights>\n"
      "</entry>\n",
      e(d.id), e(title), atom_date(d.published_at), atom_date(lesson.first_published_at),
      e(site.lesson_url(lesson.id)), e(site.license_url), categories, e(summary),
      e(site.license_name));
}

}  // namespace

std::string lesson_feed(const PublicFeed& feed, const PublicSite& site) {
  std::string out = fmt::format(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "<id>{0}</id>\n<title>{1}: public lessons</title>\n<updated>{2}</updated>\n"
      "<link rel=\"self\" type=\"application/atom+xml\" href=\"{0}\"/>\n"
      "<link rel=\"license\" href=\"{3}\"/>\n"
      "<author><name>{1}</name><uri>{4}</uri></author>\n<rights>{5}</rights>\n",
      e(site.feed_url()), e(site.name), feed.updated ? atom_date(*feed.updated) : kNeverUpdated,
      e(site.license_url), e(site.origin), e(site.license_name));
  for (const auto& lesson : feed.lessons)
    out += entry(lesson, site);
  return out + "</feed>\n";
}

}  // namespace hindsight::server
