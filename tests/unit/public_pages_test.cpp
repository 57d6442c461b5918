// The public lesson page and the Atom feed as text: every value escaped wherever it lands,
// characters XML cannot carry replaced, a retraction without content, and a policy whose style
// hash is the page's own stylesheet.
#include <gtest/gtest.h>

#include <regex>

#include "common/crypto/digest.hpp"
#include "common/crypto/encoding.hpp"
#include "server/public/lesson_feed.hpp"
#include "server/public/lesson_page.hpp"
#include "server/public/markup.hpp"

namespace hindsight::server {
namespace {

const std::string kEvil = "<script>alert('x')</script> & \"quoted\"";

PublicSite site() {
  return {"https://a.example", "Team <A> & co", "CC BY 4.0", "https://example.org/licence?a=1&b=2"};
}

PublicLesson lesson(bool retracted) {
  federation::LessonFields fields;
  fields.title = kEvil;
  fields.services = {kEvil};
  fields.summary = kEvil + "\n\nsecond paragraph\nsame paragraph";
  fields.impact = kEvil;
  fields.timeline = {{"PT6M", kEvil}, {std::nullopt, "unknown time"}, {"-PT5M", "before"}};
  fields.trigger = kEvil;
  fields.contributing_factors = {{"capacity", kEvil}};
  fields.detection = kEvil;
  fields.action_items = {{kEvil, "assigned engineer", "open"}};
  fields.lessons_learned = kEvil;
  fields.durations = federation::LessonDurations{"PT6M", std::nullopt, "PT2H"};
  PublicLesson out;
  out.id = "0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c";
  out.document = federation::make_lesson_document(
      "https://a.example", out.id, retracted ? 2 : 1, "2026-12-01T10:00:00Z", {kEvil, "database"},
      "SEV2", retracted ? std::nullopt : std::optional(fields));
  out.first_published_at = "2026-11-30T09:15:00Z";
  return out;
}

TEST(EscapeMarkup, EscapesEveryCharacterWithAMeaningInMarkup) {
  EXPECT_EQ(escape_markup("<a href=\"x\" title='y'>&amp;</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  EXPECT_EQ(escape_markup("plain text, ünïcödé, 漢字 😀"), "plain text, ünïcödé, 漢字 😀");
}

TEST(EscapeMarkup, ReplacesWhatXmlCannotCarry) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(escape_markup(std::string("a\0b", 3)), "a" + replacement + "b");
  EXPECT_EQ(escape_markup("\x01\x1f\x7f"), replacement + replacement + replacement);
  EXPECT_EQ(escape_markup("tab\tline\ncr\r"), "tab\tline\ncr\r");
  EXPECT_EQ(escape_markup("\xC2\x85"), replacement);  // U+0085, a C1 control
  EXPECT_EQ(escape_markup("\xEF\xBF\xBE\xEF\xBF\xBF"), replacement + replacement);
  EXPECT_EQ(escape_markup("\xC3\x28 \xFF"), replacement + "( " + replacement);  // no UTF-8
}

TEST(CompactDuration, WritesIsoDurationsShortAndLeavesAnythingElse) {
  EXPECT_EQ(compact_duration("PT6M"), "6m");
  EXPECT_EQ(compact_duration("PT1H30M"), "1h30m");
  EXPECT_EQ(compact_duration("P1DT2H"), "1d2h");
  EXPECT_EQ(compact_duration("-PT5M"), "-5m");
  EXPECT_EQ(compact_duration("PT1.5S"), "1.5s");
  EXPECT_EQ(compact_duration("P1Y"), "P1Y");
  EXPECT_EQ(compact_duration("PT"), "PT");
  EXPECT_EQ(compact_duration("soon"), "soon");
}

TEST(LessonPage, EveryValueIsEscapedAndNothingCanRun) {
  std::string html = lesson_page(lesson(false), site());
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("Team <A>"), std::string::npos);
  EXPECT_NE(html.find("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                      "&quot;quoted&quot;</h1>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("href=\"https://example.org/licence?a=1&amp;b=2\">CC BY 4.0</a>"),
            std::string::npos);
  EXPECT_NE(html.find("<p>second paragraph<br>\nsame paragraph</p>"), std::string::npos) << html;
  EXPECT_NE(html.find("T+6m &lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("T+? unknown time"), std::string::npos);
  EXPECT_NE(html.find("T-5m before"), std::string::npos);
  EXPECT_NE(html.find("<dt>Time to detect</dt><dd>6m</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>First published</dt><dd><time datetime=\"2026-11-30T09:15:00Z\">"
                      "2026-11-30 09:15 UTC</time></dd>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<dt>Version</dt><dd>1</dd>"), std::string::npos);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
}

TEST(LessonPage, ARetractedLessonShowsNoContent) {
  std::string html = lesson_page(lesson(true), site());
  EXPECT_NE(html.find("<h1>Retracted lesson</h1>"), std::string::npos);
  EXPECT_EQ(html.find("script"), std::string::npos);
  EXPECT_EQ(html.find("database"), std::string::npos);
  EXPECT_NE(html.find("<dt>Retracted</dt>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Version</dt><dd>2</dd>"), std::string::npos);
}

TEST(LessonPage, ThePolicyAllowsExactlyThePagesOwnStylesheet) {
  std::string html = lesson_not_found_page(site());
  std::smatch style;
  ASSERT_TRUE(std::regex_search(html, style, std::regex("<style>([^<]*)</style>")));
  std::string hash =
      "'sha256-" + common::crypto::base64_encode(common::crypto::sha256(style[1].str())) + "'";
  const std::string& policy = public_page_policy();
  EXPECT_NE(policy.find("style-src " + hash), std::string::npos) << policy;
  EXPECT_TRUE(policy.starts_with("default-src 'none';")) << policy;
  EXPECT_EQ(policy.find("script"), std::string::npos);
}

TEST(LessonFeed, ValuesAreEscapedAndTheFeedHasItsRequiredElements) {
  PublicFeed feed{{lesson(false)}, "2026-12-01T10:00:00Z"};
  std::string xml = lesson_feed(feed, site());
  EXPECT_TRUE(
      xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                      "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  EXPECT_EQ(xml.find("<script"), std::string::npos);
  EXPECT_NE(xml.find("<title>Team &lt;A&gt; &amp; co: public lessons</title>"), std::string::npos);
  EXPECT_NE(xml.find("<id>https://a.example/public/feed.atom</id>"), std::string::npos);
  EXPECT_NE(xml.find("<link rel=\"self\" type=\"application/atom+xml\" "
                     "href=\"https://a.example/public/feed.atom\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<id>https://a.example/lessons/0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c</id>"),
            std::string::npos);
  EXPECT_NE(xml.find("<published>2026-11-30T09:15:00Z</published>"), std::string::npos);
  EXPECT_NE(xml.find("<updated>2026-12-01T10:00:00Z</updated>"), std::string::npos);
  EXPECT_NE(xml.find("<rights>CC BY 4.0</rights>"), std::string::npos);
  EXPECT_NE(xml.find("href=\"https://a.example/public/lessons/"
                     "0b7e4c2a-1f3d-4e5a-9c8b-7d6e5f4a3b2c\""),
            std::string::npos);
  EXPECT_NE(xml.find("<category term=\"&lt;script&gt;"), std::string::npos);
}

TEST(LessonFeed, AnEmptyFeedStillHasAnUpdatedDate) {
  std::string xml = lesson_feed(PublicFeed{}, site());
  EXPECT_NE(xml.find("<updated>1970-01-01T00:00:00Z</updated>"), std::string::npos);
  EXPECT_EQ(xml.find("<entry>"), std::string::npos);
}

TEST(LessonFeed, ARetractedEntryCarriesNoContent) {
  std::string xml = lesson_feed(PublicFeed{{lesson(true)}, "2026-12-01T10:00:00Z"}, site());
  EXPECT_NE(xml.find("<title>Retracted lesson</title>"), std::string::npos);
  EXPECT_EQ(xml.find("script"), std::string::npos);
  EXPECT_EQ(xml.find("<category"), std::string::npos);
}

}  // namespace
}  // namespace hindsight::server
