#include "common/anonymizer/context_learner.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <span>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

constexpr auto npos = std::string_view::npos;

// One to three capitalized words: a company, product or codename as prose writes it.
constexpr std::string_view kName = R"((\p{Lu}[\p{L}\p{N}&'-]*(?: \p{Lu}[\p{L}\p{N}&'-]*){0,2}))";

// Sentence openers and function words that may precede a name without being part of it.
constexpr std::array<std::string_view, 16> kLeadingNoise = {
    "The",       "A",     "An",   "Then", "Also",  "And",  "But",   "Later",
    "Yesterday", "Today", "Both", "Our",  "Their", "When", "After", "Before"};

// Teams named after what they do, not after an internal codename.
constexpr std::array<std::string_view, 24> kFunctionalTeams = {
    "SRE",      "Platform",   "Infrastructure", "Infra",       "Security", "Database", "Storage",
    "Network",  "Networking", "Data",           "Core",        "Payments", "Billing",  "Support",
    "Ops",      "DevOps",     "Operations",     "Engineering", "Product",  "Incident", "Response",
    "Frontend", "Backend",    "Mobile"};

std::string clean_name(std::string_view raw) {
  std::string name(raw);
  for (bool changed = true; changed;) {
    changed = false;
    for (auto noise : kLeadingNoise) {
      if (name.size() > noise.size() && name.compare(0, noise.size(), noise) == 0 &&
          name[noise.size()] == ' ') {
        name.erase(0, noise.size() + 1);
        changed = true;
      }
    }
  }
  return name;
}

// Whether one of the two space-separated tokens that end at `end` may hold an upper-case
// letter: ASCII `A-Z` or any byte of a non-ASCII character.
bool upper_in_two_tokens_before(std::string_view text, std::size_t end) {
  int tokens = 0;
  for (std::size_t i = end; i > 0 && tokens < 2; --i) {
    char c = text[i - 1];
    if (c == '\n') return false;
    if (c == ' ') {
      ++tokens;
    } else if ((c >= 'A' && c <= 'Z') || (static_cast<unsigned char>(c) & 0x80) != 0) {
      return true;
    }
  }
  return false;
}

void add_unique(std::vector<std::string>& list, std::string name) {
  if (name.size() < 3) return;
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(std::move(name));
}

}  // namespace

ContextLearner::ContextLearner(Method method) : method_(method) {
  std::string name(kName);
  // `anchors`: words of which one must occur on a line for the cue to match there.
  // `place`: whether the name ends with the space before the anchor (or before its `(`), so
  // that an anchor with no upper-case letter in the two tokens before it cannot match.
  auto add = [&](std::string pattern, PhraseReader read, bool customer,
                 std::vector<std::string> anchors, NamePlace place) {
    cues_.push_back({std::move(pattern), read, customer, std::move(anchors), place, nullptr});
  };
  const std::string requests =
      R"( (?:opened (?:a |several )?(?:support )?tickets?|escalated through|(?:is|are) asking for|asked for an ETA|reported errors))";
  const std::vector<std::string> request_anchors = {"opened", "escalated", "asking", "asked",
                                                    "reported"};
  add(R"((?m)^\s*(?:Organi[sz]ation|Company|Org|Team)\s*:\s*)" + name, read_header, false,
      {"Organization", "Organisation", "Company", "Org", "Team"}, NamePlace::kLineStart);
  add(name + R"( team\b)", read_team, false, {"team"}, NamePlace::kBefore);
  add(R"(\b(Project \p{Lu}[\p{L}\p{N}-]+))", read_project, false, {"Project"},
      NamePlace::kAtAnchor);
  add(name + R"( \(account\b)", read_account, true, {"account"}, NamePlace::kBeforeParenthesis);
  add(name + R"(,? and )" + name + requests, read_two_requesters, true, request_anchors,
      NamePlace::kBefore);
  add(name +
          R"( (?:down \d+ ?(?:m|min|minutes|h|hours)\b|confirm(?:s|ed) recovery|lost data|was impacted|were impacted))",
      read_sufferer, true, {"down", "confirms", "confirmed", "lost", "impacted"},
      NamePlace::kBefore);
  add(name + requests, read_requester, true, request_anchors, NamePlace::kBefore);
  if (method_ == Method::kReference) {
    RE2::Options options;
    options.set_log_errors(false);
    for (auto& cue : cues_)
      cue.regex = std::make_unique<re2::RE2>(cue.pattern, options);
  }
  for (std::size_t c = 0; c < cues_.size(); ++c)
    for (const auto& anchor : cues_[c].anchors) {
      anchor_filter_.add(anchor);
      auto& list = anchor_cues_[anchor];
      if (list.empty() || list.back() != c) list.push_back(c);
    }
}

ContextLearner::~ContextLearner() = default;

void ContextLearner::learn_match(const CuePhrase& phrase, bool customer, const Gazetteer& names,
                                 DocumentContext& context) const {
  for (int n = 0; n < phrase.name_count; ++n) {
    std::string name = clean_name(phrase.names[n]);
    if (name.empty() || std::find(kLeadingNoise.begin(), kLeadingNoise.end(),
                                  std::string_view(name)) != kLeadingNoise.end())
      continue;
    auto& list = customer ? context.customers : context.org_names;
    bool functional = std::find(kFunctionalTeams.begin(), kFunctionalTeams.end(),
                                std::string_view(name)) != kFunctionalTeams.end();
    if (functional) continue;
    // A one-word codename that English calls something else ("Kafka team") is a product.
    if (name.find(' ') == std::string::npos && names.is_proper_word(name)) continue;
    add_unique(list, name);
    // "Sundial Media" is also written "Sundial" (and `com.sundial.billing`).
    auto space = name.find(' ');
    if (!customer && space != std::string::npos && space >= 4 && name.rfind("Project ", 0) != 0)
      add_unique(list, name.substr(0, space));
  }
}

bool ContextLearner::name_may_precede(std::string_view text, std::size_t anchor, NamePlace place) {
  if (place == NamePlace::kLineStart || place == NamePlace::kAtAnchor) return true;
  if (place == NamePlace::kBeforeParenthesis) {
    if (anchor == 0 || text[anchor - 1] != '(') return false;
    --anchor;
  }
  return anchor > 0 && text[anchor - 1] == ' ' && upper_in_two_tokens_before(text, anchor - 1);
}

void ContextLearner::learn(std::string_view text, const std::vector<Word>& words,
                           const Gazetteer& names, DocumentContext& context) const {
  // One pass over the words collects, per cue, the anchor words that may close a match.
  std::vector<std::vector<std::size_t>> cue_anchors(cues_.size());
  for (const auto& word : words) {
    auto token = text.substr(word.start, word.end - word.start);
    if (!anchor_filter_.may_contain(token)) continue;
    auto anchor = anchor_cues_.find(token);
    if (anchor == anchor_cues_.end()) continue;
    for (auto c : anchor->second)
      if (name_may_precede(text, word.start, cues_[c].name_place))
        cue_anchors[c].push_back(word.start);
  }
  for (std::size_t c = 0; c < cues_.size(); ++c) {
    const auto& anchors = cue_anchors[c];
    for (std::size_t i = 0; i < anchors.size();) {
      auto line_start = anchors[i] == 0 ? std::string_view::npos : text.rfind('\n', anchors[i] - 1);
      line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
      auto line_end = text.find('\n', anchors[i]);
      if (line_end == std::string_view::npos) line_end = text.size();
      std::size_t next = i;
      while (next < anchors.size() && anchors[next] < line_end)
        ++next;
      std::span<const std::size_t> line_anchors(anchors.data() + i, next - i);
      auto place = cues_[c].name_place;
      if (place == NamePlace::kLineStart || place == NamePlace::kAtAnchor)
        learn_line(cues_[c], text, line_start, line_end, names, context);
      else
        learn_before_anchors(cues_[c], text, line_start, line_end, line_anchors, names, context);
      i = next;
    }
  }
  learn_customer_sections(text, context);
}

std::optional<CuePhrase> ContextLearner::match(const Cue& cue, std::string_view text,
                                               std::size_t pos, std::size_t end,
                                               bool anchored) const {
  if (method_ == Method::kFast) return cue.read(text.substr(0, end), pos);
  re2::StringPiece groups[3];
  int count = 1 + cue.regex->NumberOfCapturingGroups();
  re2::StringPiece input(text.data(), text.size());
  if (!cue.regex->Match(input, pos, end, anchored ? RE2::ANCHOR_START : RE2::UNANCHORED, groups,
                        count))
    return std::nullopt;
  CuePhrase phrase{
      static_cast<std::size_t>(groups[0].data() - text.data()) + groups[0].size(), {}, count - 1};
  for (int g = 1; g < count; ++g)
    phrase.names[g - 1] = std::string_view(groups[g].data(), groups[g].size());
  return phrase;
}

void ContextLearner::learn_line(const Cue& cue, std::string_view text, std::size_t line_start,
                                std::size_t line_end, const Gazetteer& names,
                                DocumentContext& context) const {
  std::size_t pos = line_start;
  // The next place in the line where a match can start, at or after `from`: the line's start
  // (its only one), or an occurrence of an anchor word. An anchored search there finds what an
  // unanchored search from `from` finds.
  auto next_start = [&](std::size_t from) -> std::size_t {
    if (method_ == Method::kReference) return from;
    if (cue.name_place == NamePlace::kLineStart) return from == line_start ? from : line_end;
    std::size_t next = line_end;
    for (const auto& anchor : cue.anchors) {
      auto at = text.substr(0, line_end).find(anchor, from);
      if (at != npos) next = std::min(next, at);
    }
    return next;
  };
  bool anchored = method_ == Method::kFast;
  for (std::size_t start = next_start(pos); start < line_end; start = next_start(pos)) {
    auto phrase = match(cue, text, start, line_end, anchored);
    if (!phrase) {
      if (!anchored) break;
      pos = start + 1;
      continue;
    }
    pos = phrase->end;
    learn_match(*phrase, cue.customer, names, context);
  }
}

void ContextLearner::learn_before_anchors(const Cue& cue, std::string_view text,
                                          std::size_t line_start, std::size_t line_end,
                                          std::span<const std::size_t> anchors,
                                          const Gazetteer& names, DocumentContext& context) const {
  // The same matches as an unanchored search of the line, found by anchored searches at the
  // few places a match can start: an upper-case letter (ASCII, or any non-ASCII character) at
  // most kMaxSpacesInMatch spaces before an anchor word. Most anchors are in long lines, whose
  // other bytes are then never read.
  constexpr int kMaxSpacesInMatch = 8;  // two three-word names, "and", and "is" or "are"
  std::size_t pos = line_start;         // where the search of the line would resume
  std::size_t candidate = line_start;
  std::string_view line = text.substr(0, line_end);
  for (auto anchor : anchors) {
    std::size_t window = anchor;
    for (int spaces = 0; window > line_start; --window)
      if (text[window - 1] == ' ' && spaces++ == kMaxSpacesInMatch) break;
    for (candidate = std::max({candidate, pos, window}); candidate < anchor; ++candidate) {
      auto byte = static_cast<unsigned char>(text[candidate]);
      if (!((byte >= 'A' && byte <= 'Z') || byte >= 0xC0)) continue;
      auto phrase = match(cue, text, candidate, line_end, true);
      if (!phrase) {
        // A match from a later capital of the same word would read the same name from the
        // word's end on, and fail the same way: a long run of capitals is read once.
        auto word_end = name_word_end(line, candidate);
        if (word_end != npos && word_end > candidate + 1) candidate = word_end - 1;
        continue;
      }
      pos = phrase->end;
      learn_match(*phrase, cue.customer, names, context);
      if (pos > candidate + 1) candidate = pos - 1;
    }
  }
}

void ContextLearner::learn_customer_sections(std::string_view text,
                                             DocumentContext& context) const {
  // Bullets of a "Customer impact" section start with the customer: "- Hooli: ...".
  bool in_section = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.rfind("#", 0) == 0) {
      std::string heading = ascii_lowercase(line);
      in_section = heading.find("customer") != std::string::npos;
      continue;
    }
    if (!in_section || line.size() < 4 || (line[0] != '-' && line[0] != '*') || line[1] != ' ')
      continue;
    std::string_view body = line.substr(2);
    auto stop = body.find_first_of(":(");
    if (stop == std::string_view::npos || stop == 0 || stop > 40) continue;
    std::string_view name = body.substr(0, stop);
    while (!name.empty() && name.back() == ' ')
      name.remove_suffix(1);
    auto words = split_words(name);
    bool title =
        !words.empty() && words.size() <= 3 &&
        std::all_of(words.begin(), words.end(), [](const Word& w) { return w.capitalized; });
    if (title) add_unique(context.customers, clean_name(name));
  }
}

}  // namespace hindsight::common::anonymizer
