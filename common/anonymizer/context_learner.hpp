// Learns a document's own organization and customer names from the way postmortems introduce
// them ("Organization: X", "the X team", "Project X", "X (account ...)", "X opened support
// tickets"), so that every later mention is redacted even when the context did not list them.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/anonymizer/anonymizer_config.hpp"
#include "common/anonymizer/gazetteer.hpp"
#include "common/anonymizer/key_filter.hpp"
#include "common/anonymizer/string_hash.hpp"
#include "common/anonymizer/text_utils.hpp"

#include <re2/re2.h>
#include <re2/stringpiece.h>

namespace hindsight::common::anonymizer {

class ContextLearner {
 public:
  // How matches are found and names cut out of them. kFast: anchored searches only where a
  // match can start, names cut by rules that each cue's pattern makes exact. kReference, for
  // the cues whose match starts at the line's start or at the anchor word: an unanchored search
  // of the line, which needs the cue's reverse program compiled (a tenth of a short run's
  // instructions); names cut by RE2's capture groups, which for these Unicode patterns cost
  // about a microsecond a match. The tests check the two agree.
  enum class Method { kFast, kReference };
  explicit ContextLearner(Method method = Method::kFast);
  ~ContextLearner();
  ContextLearner(const ContextLearner&) = delete;
  ContextLearner& operator=(const ContextLearner&) = delete;

  // Appends what `text` reveals to `context.org_names` and `context.customers`.
  // `words`: split_words(text).
  void learn(std::string_view text, const std::vector<Word>& words, const Gazetteer& names,
             DocumentContext& context) const;

 private:
  // Where a cue's match starts, and its name stands, relative to its anchor word.
  enum class NamePlace {
    kLineStart,         // the match starts at its line's start ("Team: <name>")
    kAtAnchor,          // the match starts with the anchor word ("Project <name>")
    kBefore,            // the name ends with the space before the anchor ("<name> team")
    kBeforeParenthesis  // the name ends with the space before the anchor's "(" ("<name> (account")
  };
  // The rule that cuts a cue's one name out of its whole match.
  enum class NameRule {
    kGroups,          // two names: only RE2's groups tell them apart
    kWholeMatch,      // the match is the name
    kAfterColon,      // "Team: <name>": after the colon and its spaces
    kBeforeSuffix,    // "<name> team": all but the fixed suffix
    kBeforeLowerWord  // "<name> opened ...": up to the first space before a lower-case word
  };
  struct Cue {
    std::unique_ptr<re2::RE2> regex;
    bool customer;  // else the organization or one of its codenames
    std::vector<std::string> anchors;
    NamePlace name_place;
    NameRule rule;
    std::size_t suffix;  // bytes, for kBeforeSuffix
  };
  // Runs the cue's regex from `pos` and fills `groups` (the match and its names); returns the
  // number of groups filled, 0 when there is no match.
  int match(const Cue& cue, std::string_view text, std::size_t pos, std::size_t end,
            RE2::Anchor anchor, re2::StringPiece* groups) const;
  void learn_match(const re2::StringPiece* groups, int count, bool customer, const Gazetteer& names,
                   DocumentContext& context) const;
  // A cheap necessary condition for a cue's match around the anchor word at `anchor`.
  static bool name_may_precede(std::string_view text, std::size_t anchor, NamePlace place);
  // The cue's matches in one line, by an unanchored search.
  void learn_line(const Cue& cue, std::string_view text, std::size_t line_start,
                  std::size_t line_end, const Gazetteer& names, DocumentContext& context) const;
  // The same for a cue whose name ends just before its anchor words, given those in the line.
  void learn_before_anchors(const Cue& cue, std::string_view text, std::size_t line_start,
                            std::size_t line_end, std::span<const std::size_t> anchors,
                            const Gazetteer& names, DocumentContext& context) const;
  void learn_customer_sections(std::string_view text, DocumentContext& context) const;

  Method method_;
  std::vector<Cue> cues_;
  // Anchor word -> the cues it belongs to, in order.
  std::unordered_map<std::string, std::vector<std::size_t>, StringHash, std::equal_to<>>
      anchor_cues_;
  KeyFilter anchor_filter_;
};

}  // namespace hindsight::common::anonymizer
