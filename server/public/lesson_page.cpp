#include "server/public/lesson_page.hpp"

#include <fmt/format.h>

#include <cctype>
#include <chrono>

#include "common/crypto/digest.hpp"
#include "common/crypto/encoding.hpp"
#include "common/util/time_format.hpp"
#include "server/public/markup.hpp"

namespace hindsight::server {
namespace {

using federation::LessonDocument;
using federation::LessonFields;

// The pages' one stylesheet, allowed by its hash (CSP Level 3, "hash-source").
constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:0 auto;"
    "padding:1rem;color:#1a1a1a;background:#fff}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}"
    "dt{font-weight:600}dd{margin:0}"
    "footer{margin-top:2rem;padding-top:.5rem;border-top:1px solid #767676;font-size:.9rem}";

std::string e(std::string_view text) {
  return escape_markup(text);
}

// "2026-12-01 10:00 UTC" for people, inside <time> with the exact instant for programs.
std::string time_element(const std::string& rfc3339) {
  auto at = common::parse_rfc3339(rfc3339);
  if (!at) return e(rfc3339);
  auto day = std::chrono::floor<std::chrono::days>(*at);
  std::chrono::year_month_day date{day};
  std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(*at - day)};
  return fmt::format("<time datetime=\"{}\">{:04}-{:02}-{:02} {:02}:{:02} UTC</time>", e(rfc3339),
                     static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()), time.hours().count(),
                     time.minutes().count());
}

// Text as paragraphs: a blank line separates them, a single line break stays one.
std::string paragraphs(const std::string& text) {
  std::string normalized;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n'))
      normalized += text[i] == '\r' ? '\n' : text[i];
  std::string out;
  std::size_t start = 0;
  while (start <= normalized.size()) {
    std::size_t end = normalized.find("\n\n", start);
    if (end == std::string::npos) end = normalized.size();
    std::string_view block(normalized.data() + start, end - start);
    while (!block.empty() && block.front() == '\n')
      block.remove_prefix(1);
    while (!block.empty() && block.back() == '\n')
      block.remove_suffix(1);
    if (!block.empty()) {
      std::string escaped = e(block);
      std::string with_breaks;
      for (char c : escaped)
        with_breaks += c == '\n' ? std::string("<br>\n") : std::string(1, c);
      out += "<p>" + with_breaks + "</p>\n";
    }
    start = end + 2;
  }
  return out;
}

std::string head(const std::string& title, const PublicSite& site) {
  return fmt::format(
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} · {}</title>\n"
      "<link rel=\"license\" href=\"{}\">\n"
      "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}: public lessons\" "
      "href=\"{}\">\n"
      "<style>{}</style>\n</head>\n<body>\n",
      e(title), e(site.name), e(site.license_url), e(site.name), kPublicFeedPath, kStyle);
}

std::string footer(const PublicSite& site) {
  return fmt::format(
      "<footer>\n<p>Shared by {} ({}) under the licence <a rel=\"license\" "
      "href=\"{}\">{}</a>.</p>\n"
      "<p>Every public lesson is in the <a href=\"{}\">Atom feed</a>. This address answers "
      "<code>Accept: application/json</code> with the lesson's signed document.</p>\n"
      "</footer>\n</body>\n</html>\n",
      e(site.name), e(site.origin), e(site.license_url), e(site.license_name), kPublicFeedPath);
}

// One <dt>/<dd> pair; the value is markup already.
std::string term(std::string_view name, const std::string& value) {
  return fmt::format("<dt>{}</dt><dd>{}</dd>\n", name, value);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items)
    out += (out.empty() ? "" : ", ") + e(item);
  return out;
}

std::string text_section(std::string_view id, std::string_view heading, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return "";
  return fmt::format("<section aria-labelledby=\"{0}\">\n<h2 id=\"{0}\">{1}</h2>\n{2}</section>\n",
                     id, heading, paragraphs(text));
}

std::string list_section(std::string_view id, std::string_view heading, std::string_view list_tag,
                         const std::vector<std::string>& items) {
  if (items.empty()) return "";
  std::string out = fmt::format(
      "<section aria-labelledby=\"{0}\">\n<h2 id=\"{0}\">{1}</h2>\n<{2}>\n", id, heading, list_tag);
  for (const auto& item : items)
    out += "<li>" + item + "</li>\n";
  return out + fmt::format("</{}>\n</section>\n", list_tag);
}

std::string offset_text(const std::optional<std::string>& offset) {
  if (!offset) return "T+?";
  std::string compact = compact_duration(*offset);
  return compact.starts_with('-') ? "T" + compact : "T+" + compact;
}

std::string dates(const PublicLesson& lesson) {
  const LessonDocument& d = lesson.document;
  return term("Version", std::to_string(d.version)) +
         term("First published", time_element(lesson.first_published_at)) +
         term(d.retracted ? "Retracted" : "This version", time_element(d.published_at));
}

std::string approved_body(const PublicLesson& lesson, const PublicSite& site) {
  const LessonDocument& d = lesson.document;
  const LessonFields& f = *d.fields;
  std::string title = f.title.empty() ? "Untitled lesson" : f.title;
  std::string out = head(title, site) + "<main>\n<article>\n<h1>" + e(title) + "</h1>\n<dl>\n";
  out += term("Severity", e(d.severity)) + dates(lesson);
  if (!d.tags.empty()) out += term("Tags", joined(d.tags));
  if (!f.services.empty()) out += term("Services", joined(f.services));
  if (f.durations) {
    auto duration = [&](std::string_view name, const std::optional<std::string>& value) {
      if (value) out += term(name, e(compact_duration(*value)));
    };
    duration("Time to detect", f.durations->time_to_detect);
    duration("Time to mitigate", f.durations->time_to_mitigate);
    duration("Time to resolve", f.durations->time_to_resolve);
  }
  out += "</dl>\n";
  out += text_section("summary", "Summary", f.summary);
  out += text_section("impact", "Impact", f.impact);
  std::vector<std::string> timeline;
  for (const auto& entry : f.timeline)
    timeline.push_back(e(offset_text(entry.offset)) + " " + e(entry.text));
  out += list_section("timeline", "Timeline (time from the incident's start)", "ol", timeline);
  out += text_section("trigger", "Trigger", f.trigger);
  std::vector<std::string> factors;
  for (const auto& factor : f.contributing_factors)
    factors.push_back("<strong>" + e(factor.category) + "</strong>: " + e(factor.text));
  out += list_section("factors", "Contributing factors", "ul", factors);
  out += text_section("detection", "Detection", f.detection);
  out += text_section("resolution", "Resolution", f.resolution);
  out += text_section("went-well", "What went well", f.went_well);
  out += text_section("went-poorly", "What went poorly", f.went_poorly);
  out += text_section("lucky", "Where we got lucky", f.lucky);
  std::vector<std::string> actions;
  for (const auto& item : f.action_items)
    actions.push_back(e(item.text) + " (" + e(item.owner_role) + ", " + e(item.status) + ")");
  out += list_section("action-items", "Action items", "ul", actions);
  out += text_section("lessons-learned", "Lessons learned", f.lessons_learned);
  return out + "</article>\n</main>\n" + footer(site);
}

std::string retracted_body(const PublicLesson& lesson, const PublicSite& site) {
  return head("Retracted lesson", site) + "<main>\n<article>\n<h1>Retracted lesson</h1>\n" +
         fmt::format("<p>{} retracted this lesson on {}. Its content is no longer shared.</p>\n",
                     e(site.name), time_element(lesson.document.published_at)) +
         "<dl>\n" + dates(lesson) + "</dl>\n</article>\n</main>\n" + footer(site);
}

}  // namespace

std::string lesson_page(const PublicLesson& lesson, const PublicSite& site) {
  if (lesson.document.retracted || !lesson.document.fields) return retracted_body(lesson, site);
  return approved_body(lesson, site);
}

std::string lesson_not_found_page(const PublicSite& site) {
  return head("No such public lesson", site) +
         "<main>\n<h1>No such public lesson</h1>\n"
         "<p>There is no public lesson at this address.</p>\n</main>\n" +
         footer(site);
}

const std::string& public_page_policy() {
  static const std::string policy =
      "default-src 'none'; style-src 'sha256-" +
      common::crypto::base64_encode(common::crypto::sha256(kStyle)) +
      "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  return policy;
}

std::string compact_duration(const std::string& iso) {
  std::string_view s(iso);
  bool negative = s.starts_with('-');
  if (negative) s.remove_prefix(1);
  if (!s.starts_with('P') || s.size() < 3) return iso;
  s.remove_prefix(1);
  std::string out;
  bool in_time = false;
  while (!s.empty()) {
    if (s.front() == 'T') {
      if (in_time) return iso;
      in_time = true;
      s.remove_prefix(1);
      continue;
    }
    std::size_t digits = 0;
    while (digits < s.size() &&
           (std::isdigit(static_cast<unsigned char>(s[digits])) || (in_time && s[digits] == '.')))
      ++digits;
    if (digits == 0 || digits == s.size()) return iso;
    char unit = s[digits];
    bool known = in_time ? (unit == 'H' || unit == 'M' || unit == 'S') : unit == 'D';
    if (!known) return iso;
    out += std::string(s.substr(0, digits)) +
           static_cast<char>(std::tolower(static_cast<unsigned char>(unit)));
    s.remove_prefix(digits + 1);
  }
  if (out.empty()) return iso;
  return negative ? "-" + out : out;
}

}  // namespace hindsight::server
