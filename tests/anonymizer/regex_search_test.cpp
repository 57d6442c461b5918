// Anchoring RE2 at each occurrence of a row's opening bytes, or matching a token-shaped row by
// hand there, must find exactly what the unanchored search finds: the same spans, from the same
// resume points, for every row of the table that has an opening.
#include "common/anonymizer/regex_search.hpp"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "common/anonymizer/detector.hpp"
#include "common/anonymizer/finder_support.hpp"
#include "common/anonymizer/token_pattern.hpp"

namespace hindsight::common::anonymizer {
namespace {

TEST(OpeningOf, TakesTheLiteralBytesAfterALeadingWordBoundary) {
  using Literals = std::vector<std::string>;
  auto sentry = opening_of(R"(\bsntryu_[a-f0-9]{64}\b)");
  EXPECT_EQ(sentry.literals, Literals{"sntryu_"});
  EXPECT_TRUE(sentry.at_word_start);
  // A small class is spelled out, as is a group, each read on with what follows it.
  EXPECT_EQ(opening_of(R"(\bhv[sbr]\.[A-Za-z0-9_-]{24,})").literals,
            (Literals{"hvb.", "hvr.", "hvs."}));
  EXPECT_EQ(opening_of(R"(\bdp\.(?:pt|st)\.)").literals, (Literals{"dp.pt.", "dp.st."}));
  EXPECT_EQ(opening_of(R"(\bx(?:keysib|smtpsib)-[a-f0-9]{64})").literals,
            (Literals{"xkeysib-", "xsmtpsib-"}));
  auto literal = opening_of(R"(-----BEGIN [A-Z ]*PRIVATE KEY)");
  EXPECT_EQ(literal.literals, Literals{"-----BEGIN "});
  EXPECT_FALSE(literal.at_word_start);
  // `\b` before a byte that is no word byte says nothing about the byte before the match.
  EXPECT_FALSE(opening_of(R"(\b--x)").at_word_start);
}

TEST(OpeningOf, TakesEachAlternativeOfALeadingGroup) {
  using Literals = std::vector<std::string>;
  auto stripe = opening_of(R"(\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,})");
  EXPECT_EQ(stripe.literals,
            (Literals{"sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_"}));
  EXPECT_TRUE(stripe.at_word_start);
  EXPECT_EQ(opening_of(R"(\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}))").literals,
            (Literals{"gho_", "ghp_", "ghr_", "ghs_", "ghu_", "github_pat_"}));
  auto flutterwave = opening_of(R"(\b(?:FLWSECK(?:_TEST)?-|a\|b|[|]x))");
  EXPECT_EQ(flutterwave.literals, (Literals{"FLWSECK_TEST-", "FLWSECK-", "a|b", "|x"}));
  EXPECT_FALSE(flutterwave.at_word_start);  // `|x` opens with no word byte
  // An optional group, with it and without it.
  EXPECT_EQ(opening_of(R"(\b(?:ops_)?eyJ[A-Za-z0-9]{24,})").literals, (Literals{"ops_eyJ", "eyJ"}));
  EXPECT_EQ(opening_of(R"(\b(?:AQVN[A-Z]{35}|y[0-3]_[A-Z]{55}))").literals,
            (Literals{"AQVN", "y0_", "y1_", "y2_", "y3_"}));
  EXPECT_EQ(opening_of(R"(\b(?:abc|xyz)1)").literals, (Literals{"abc1", "xyz1"}));
  EXPECT_EQ(opening_of(R"((?:abc|xyz)(?:1|2))").literals,
            (Literals{"abc1", "abc2", "xyz1", "xyz2"}));
  EXPECT_EQ(opening_of(R"(\btest_(?:[a-f]{35}|[A-Z]{30}))").literals, Literals{"test_"});  // once
  EXPECT_EQ(opening_of(R"(\b(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j)(?:k|l))").literals,
            Literals{});   // 64 literals are too many to compare at each place
  std::string same_again;  // 4^12 ways to spell `aaaaaaaaaaaa`: read within a budget
  for (int i = 0; i < 12; ++i)
    same_again += "(?:a|a|a|a)";
  EXPECT_EQ(opening_of(same_again).literals, Literals{});
  EXPECT_EQ(opening_of(R"(\b(?:abc|xyz)1|q)").literals, Literals{});  // top-level `|`
  EXPECT_EQ(opening_of(R"(\b(?:abc|xyz)").literals, Literals{});      // never closed
}

TEST(OpeningOf, LeavesOutWhatAMatchNeedNotOpenWith) {
  using Literals = std::vector<std::string>;
  EXPECT_EQ(opening_of(R"(\bxoxb-?[0-9]+)").literals, Literals{"xoxb"});  // `-` is optional
  EXPECT_EQ(opening_of(R"(\babc+d)").literals, Literals{"ab"});
  EXPECT_EQ(opening_of(R"(ab{2}c)").literals, Literals{});  // one byte is too few to anchor on
  EXPECT_EQ(opening_of(R"(ab\|c[|]d)").literals, Literals{"ab|c|d"});
  EXPECT_EQ(opening_of(R"(\bab[c-k]d)").literals, Literals{"ab"});  // nine members are too many
  EXPECT_EQ(opening_of(R"(\bab[^c]d)").literals, Literals{"ab"});   // a negated class
  EXPECT_EQ(opening_of(R"(\bab[cd]?e)").literals, Literals{"ab"});  // an optional class
  EXPECT_EQ(opening_of(R"((?i)\bsecret)").literals, Literals{});
  EXPECT_EQ(opening_of(R"(\b\d{12}\b)").literals, Literals{});
  EXPECT_EQ(opening_of(R"(\bAKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16})").literals, Literals{});
  EXPECT_EQ(opening_of(R"(\bab[)|(]c|x)").literals, Literals{});  // top-level `|` after a class
  EXPECT_EQ(opening_of(R"(abc[)|(]x)").literals, (Literals{"abc(x", "abc)x", "abc|x"}));
  EXPECT_EQ(opening_of(R"(caf\x{e9})").literals, Literals{"caf"});
}

TEST(OpeningOf, TakesLiteralsAfterAHeadOfOneWidth) {
  using Literals = std::vector<std::string>;
  auto terraform = opening_of(R"(\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,})");
  EXPECT_EQ(terraform.literals, Literals{".atlasv1."});
  EXPECT_EQ(terraform.offset, 14u);
  EXPECT_FALSE(terraform.at_word_start);  // the word start is `offset` bytes before
  auto mailchimp = opening_of(R"(\b[a-f0-9]{32}-us\d{1,2}\b)");
  EXPECT_EQ(mailchimp.literals, Literals{"-us"});
  EXPECT_EQ(mailchimp.offset, 32u);
  EXPECT_EQ(opening_of(R"(\d[ab]{2,2}\dXY)").offset, 4u);
  EXPECT_EQ(opening_of(R"(\b[0-9a-f]{8}-)").literals, Literals{});  // one byte after the head
  EXPECT_EQ(opening_of(R"(\b\d{8,10}:AA)").literals, Literals{});   // a head of many widths
  EXPECT_EQ(opening_of(R"(\b[MN][A-Z0-9]{23,25}\.)").literals, Literals{});
  EXPECT_EQ(opening_of(R"([^a]{3}xyz)").literals, Literals{});  // a byte or a UTF-8 character
  EXPECT_EQ(opening_of(R"(\b[A-Z]{3}+xyz)").literals, Literals{});
}

// Random patterns: wherever RE2 finds a match, one of the literals is held `offset` bytes into
// it, and the match opens at a word start where the opening says so. Texts are spelled from the
// pattern's own atoms, each repeated 0 to 3 times, among random bytes, so most hold matches.
TEST(OpeningOf, EveryMatchHoldsALiteralAtTheOffset) {
  struct Atom {
    std::string pattern;
    std::vector<std::string> spellings;  // what it may match, and what it may not
  };
  const std::vector<Atom> atoms = {{"a", {"a", "b"}},
                                   {"b", {"b"}},
                                   {"-", {"-"}},
                                   {"_", {"_", "a"}},
                                   {"\\.", {"."}},
                                   {"[ab]", {"a", "b", "c"}},
                                   {"[a-c]", {"c", "a"}},
                                   {"[0-9]", {"7", "0"}},
                                   {"[ab-]", {"-", "b"}},
                                   {"[^a]", {"\xC3\xA9", "b", "a"}},
                                   {"\\d", {"3"}},
                                   {"\\b", {"", " "}},
                                   {"(?:a|b-)", {"a", "b-"}},
                                   {"(?:ab|a)", {"ab", "a"}},
                                   {"(?:_)", {"_"}},
                                   {"(?:-[ab])", {"-a", "-b"}},
                                   {"(?:a|\\.)", {".", "a"}},
                                   {"(?:1|2|3)", {"1", "3"}},
                                   {"[|]", {"|"}},
                                   {"(?:ab|[ab])", {"ab", "b"}},
                                   {"ab", {"ab", "a"}},
                                   {"b-", {"b-"}}};
  const std::vector<std::string> quantifiers = {"", "", "", "?", "*", "+", "{2}", "{1,2}", "{2,}"};
  const std::vector<std::string> noise = {"a", "b", "-", "_", ".", "1", " ", "\xC3\xA9"};
  std::mt19937 random(11);
  std::size_t openings = 0, offsets = 0, matches = 0, matches_after_offset = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string pattern;
    std::vector<const Atom*> used;
    for (std::size_t n = 1 + random() % 4; n > 0; --n) {
      const Atom& atom = atoms[random() % atoms.size()];
      pattern += atom.pattern;
      if (atom.pattern != "\\b") pattern += quantifiers[random() % quantifiers.size()];
      used.push_back(&atom);
    }
    const re2::RE2 regex(pattern);
    Opening opening = opening_of(pattern);
    if (!regex.ok() || opening.literals.empty()) continue;
    ++openings;
    offsets += opening.offset > 0 ? 1 : 0;
    for (int text_round = 0; text_round < 30; ++text_round) {
      std::string text = noise[random() % noise.size()];
      for (const Atom* atom : used)
        for (std::size_t times = random() % 4; times > 0; --times)
          text += atom->spellings[random() % atom->spellings.size()];
      text += noise[random() % noise.size()];
      for (std::size_t pos = 0; pos <= text.size(); ++pos) {
        re2::StringPiece match;
        if (!regex.Match(text, pos, text.size(), RE2::ANCHOR_START, &match, 1)) continue;
        ++matches;
        matches_after_offset += opening.offset > 0 ? 1 : 0;
        std::string_view held(match.data(), match.size());
        bool holds = held.size() >= opening.offset &&
                     std::any_of(opening.literals.begin(), opening.literals.end(),
                                 [&](const std::string& l) {
                                   return held.substr(opening.offset).starts_with(l);
                                 });
        ASSERT_TRUE(holds) << pattern << ": " << text << " at " << pos;
        if (opening.at_word_start) {
          ASSERT_TRUE(finder::word_starts_at(text, pos))
              << pattern << ": " << text << " at " << pos;
        }
      }
    }
  }
  EXPECT_GT(openings, 1500u);
  EXPECT_GT(offsets, 60u);
  EXPECT_GT(matches, 20000u);
  EXPECT_GT(matches_after_offset, 400u);
}

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

// The spans of `group` in `text`, resuming where each whole match ends, as the engine scans.
Spans scan(const re2::RE2& regex, const Opening& opening, int group, const std::string& text,
           const TokenPattern* token = nullptr) {
  Spans spans;
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(group) + 1);
  RegexSearch search([&]() -> const re2::RE2& { return regex; }, opening, token, text, text.size());
  std::size_t pos = 0;
  while (pos <= text.size() && search.next(pos, groups.data(), group + 1)) {
    auto start = static_cast<std::size_t>(groups[0].data() - text.data());
    std::size_t match_end = start + groups[0].size();
    auto marked = groups[group].data() == nullptr
                      ? std::size_t{0}
                      : static_cast<std::size_t>(groups[group].data() - text.data());
    spans.emplace_back(marked, marked + groups[group].size());
    pos = match_end > pos ? match_end : pos + 1;
  }
  return spans;
}

TEST(RegexSearch, FindsTheSameMatchesAfterManyFailedOpenings) {
  const re2::RE2 regex(R"(\bab-[a-z]+\.)");
  Opening opening = opening_of(regex.pattern());
  ASSERT_EQ(opening.literals, std::vector<std::string>{"ab-"});
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "ab-x ";
  text += "ab-yes. ab-no ab-z.";
  Spans expected = {{text.size() - 19, text.size() - 12}, {text.size() - 5, text.size()}};
  EXPECT_EQ(scan(regex, opening, 0, text), expected);
  EXPECT_EQ(scan(regex, Opening{}, 0, text), expected);
}

// A piece of what a row's matches are made of: literal bytes its pattern spells, or a run of
// `count` (or a few more, if open-ended) members of one of its classes.
struct Part {
  std::string literal;
  std::string members;
  std::size_t count = 0;
  bool open_ended = false;

  std::string render(std::mt19937& random) const {
    if (members.empty()) return literal;
    std::string run;
    for (std::size_t i = 0; i < count + (open_ended ? random() % 3 : 0); ++i)
      run += members[random() % members.size()];
    return run;
  }
};

// The parts in the pattern's order (every alternative of a group, one after the other); a
// class's members are asked of RE2.
std::vector<Part> parts_of(const std::string& pattern) {
  std::vector<Part> parts;
  const re2::RE2 part(
      R"(\\([^A-Za-z0-9])|([^\\^$.|?*+()\[\]{}]+)|(\[(?:\\.|[^\]])+\]|\\d)(?:\{(\d+)(,\d*)?\}|([+*]))?|\\.|.)");
  re2::StringPiece input(pattern), escaped, literal, klass, count, upper, repeated;
  while (!input.empty() &&
         RE2::Consume(&input, part, &escaped, &literal, &klass, &count, &upper, &repeated)) {
    if (!escaped.empty()) parts.push_back({std::string(escaped)});
    if (!literal.empty()) parts.push_back({std::string(literal)});
    if (klass.empty()) continue;
    Part run;
    const re2::RE2 member{std::string(klass)};
    for (char c = '!'; c <= '~'; ++c)
      if (RE2::FullMatch(std::string(1, c), member)) run.members += c;
    if (run.members.empty()) continue;
    run.count = count.empty() ? 1 : std::stoul(std::string(count));
    run.open_ended = !upper.empty() || !repeated.empty();
    parts.push_back(run);
  }
  return parts;
}

TEST(RegexSearch, AnchoredAtTheOpeningFindsWhatTheUnanchoredSearchFinds) {
  std::mt19937 random(2024);
  std::size_t rows = 0, rows_matched = 0, token_rows = 0;
  for (const auto& d : builtin_detectors()) {
    Opening opening = opening_of(d.pattern);
    if (d.find != nullptr || opening.literals.empty()) continue;
    ++rows;
    auto token = TokenPattern::read(d.pattern);
    token_rows += token ? 1 : 0;
    const re2::RE2 regex(d.pattern);
    ASSERT_TRUE(regex.ok()) << d.name;
    const std::vector<std::string> separators = {" ", "\n", "_", "-", ".",
                                                 "/", "=",  ":", "x", "\xC3\xA9"};
    const std::vector<Part> parts = parts_of(d.pattern);
    std::uniform_int_distribution<int> percent(0, 99);
    std::size_t matches = 0;
    for (int round = 0; round < 1500; ++round) {
      // The parts in order, each kept or dropped, with separators between some of them.
      std::string text;
      for (int copy = percent(random) % 3; copy >= 0; --copy) {
        for (const auto& part : parts) {
          if (percent(random) < 80) text += part.render(random);
          if (percent(random) < 10) text += separators[random() % separators.size()];
        }
      }
      auto anchored = scan(regex, opening, d.group, text, token ? &*token : nullptr);
      ASSERT_EQ(anchored, scan(regex, Opening{}, d.group, text)) << d.name << ": " << text;
      matches += anchored.size();
    }
    rows_matched += matches > 0 ? 1 : 0;
  }
  EXPECT_GT(rows, 50u);        // most provider rows open with their prefix
  EXPECT_GT(token_rows, 50u);  // and are token-shaped
  EXPECT_GT(token_rows * 2, rows) << token_rows << " of " << rows;  // most of them
  // The random texts hold matches for nearly every row, so the comparison is not of nothing.
  EXPECT_GT(rows_matched, rows * 9 / 10) << rows_matched << " of " << rows;
}

TEST(TokenPattern, ReadsTokenShapesAndLeavesTheRestToRe2) {
  for (const char* shape :
       {R"(\bsntryu_[a-f0-9]{64}\b)", R"(\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,})",
        R"(\bfm[12][ar]?_[A-Za-z0-9+/]{80,}={0,2})", R"(\bNR(?:AK|II)-[A-Z0-9]{27,32}\b)",
        R"(\bxoxb-?\d+)", R"(\b(?:ops_)?eyJ[A-Za-z0-9+/_-]{24,}={0,2})",
        R"(\bFLWSECK(?:_TEST)?-[A-Za-z0-9_=.+/-]{12,})"})
    EXPECT_TRUE(TokenPattern::read(shape)) << shape;
  for (const char* other :
       {R"((?i)\bsecret)",             // case folding
        R"(\bab[a-z]+b)",              // the run could give its `b` back
        R"(\bab[a-z]+x?[b-c])",        // past an optional step too
        R"(\bq[A-Za-z0-9_-]{20,}\b)",  // `\b` inside a run of word and other bytes
        R"(\ba-?\b)",                  // `\b` before the `-` it need not take
        R"(a.b)", R"((x)y)", R"((?:ab|cd)+)", R"((?:ab)??c)", R"(ab+?)", R"([^a]b)", R"(\bab\s)",
        R"(caf\x{e9})", R"(ab{2,1})", R"(ab))",
        R"(\ba(?:-[a-z]+)?[a-z-]+)"})  // the group's run could give bytes to the run after it
    EXPECT_FALSE(TokenPattern::read(other)) << other;
}

// Every place of random texts, matched by hand and by RE2 anchored there.
TEST(TokenPattern, MatchesWhatRe2MatchesAnchored) {
  const std::vector<std::string> pieces = {
      "fm1", "fm2a",    "fm1_", "_",          "=",    "==", "aB3+/", "x",
      "x-",  "-",       "1",    "9",          "a",    "B",  "AKCp",  "AKCpAbCd12",
      "cmV", "cmVAbCd", "pat.", "sat.ab1.QZ", "ab1.", "QZ", " ",     "\xC3\xA9"};
  std::mt19937 random(77);
  std::size_t matches = 0;
  for (const char* pattern :
       {R"(\bfm[12][ar]?_[A-Za-z0-9+/]{6,}={0,2})",
        R"(\b(?:AKCp[A-Za-z0-9]{6}|cmV[A-Za-z0-9]{4,9})\b)",
        R"(\b(?:pat|sat)\.[a-f0-9]{2,3}\.[A-Z]{2}\b)", R"(x-?\d*[aB]{1,2})"}) {
    const re2::RE2 regex(pattern);
    auto token = TokenPattern::read(pattern);
    ASSERT_TRUE(regex.ok() && token) << pattern;
    for (int round = 0; round < 10000; ++round) {
      std::string text;
      for (std::size_t n = random() % 12; n > 0; --n)
        text += pieces[random() % pieces.size()];
      std::size_t to = text.size() - random() % 3 % (text.size() + 1);
      for (std::size_t pos = 0; pos <= to; ++pos) {
        re2::StringPiece match;
        bool found = regex.Match(text, pos, to, RE2::ANCHOR_START, &match, 1);
        std::size_t end = token->match_at(text, pos, to);
        ASSERT_EQ(end != std::string_view::npos, found) << pattern << ": " << text << " at " << pos;
        if (found) {
          ASSERT_EQ(end, static_cast<std::size_t>(match.data() - text.data()) + match.size())
              << pattern << ": " << text << " at " << pos;
          ++matches;
        }
      }
    }
  }
  EXPECT_GT(matches, 1000u);
}

// Random small patterns: each one read as a token shape must match what RE2 matches, anchored at
// every place of random texts; those it refuses are left to RE2.
TEST(TokenPattern, RandomPatternsItReadsMatchWhatRe2Matches) {
  const std::vector<std::string> atoms = {
      "a",    "b",   "-",   "_",        "1",        "[ab]",       "[a-]",     "[0-9]",
      "[-_]", "\\d", "\\b", "(?:a|b-)", "(?:ab|a)", "(?:-[ab]+)", "(?:_\\d?)"};
  const std::vector<std::string> quantifiers = {"",    "",      "?",     "*",   "+",
                                                "{2}", "{1,2}", "{0,2}", "{2,}"};
  const std::vector<std::string> pieces = {"a", "b", "-", "_", "1", "2", " ", "\xC3\xA9"};
  std::mt19937 random(5);
  std::size_t read = 0, optional_groups = 0, matches = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string pattern;
    for (std::size_t n = 1 + random() % 4; n > 0; --n) {
      const std::string& atom = atoms[random() % atoms.size()];
      pattern += atom;
      if (atom != "\\b") pattern += quantifiers[random() % quantifiers.size()];
    }
    auto token = TokenPattern::read(pattern);
    const re2::RE2 regex(pattern);
    if (!token || !regex.ok()) continue;
    ++read;
    if (pattern.find(")?") != std::string::npos) ++optional_groups;
    for (int text_round = 0; text_round < 20; ++text_round) {
      std::string text;
      for (std::size_t n = random() % 8; n > 0; --n)
        text += pieces[random() % pieces.size()];
      for (std::size_t pos = 0; pos <= text.size(); ++pos) {
        re2::StringPiece match;
        bool found = regex.Match(text, pos, text.size(), RE2::ANCHOR_START, &match, 1);
        std::size_t end = token->match_at(text, pos, text.size());
        ASSERT_EQ(end != std::string_view::npos, found) << pattern << ": " << text << " at " << pos;
        if (!found) continue;
        ASSERT_EQ(end, static_cast<std::size_t>(match.data() - text.data()) + match.size())
            << pattern << ": " << text << " at " << pos;
        ++matches;
      }
    }
  }
  EXPECT_GT(read, 1000u);
  EXPECT_GT(optional_groups, 100u);
  EXPECT_GT(matches, 10000u);
}

}  // namespace
}  // namespace hindsight::common::anonymizer
