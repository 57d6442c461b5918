// Learns a document's own organization and customer names from the way postmortems introduce
// them ("Organization: X", "the X team", "Project X", "X (account ...)", "X opened support
// tickets"), so that every later mention is redacted even when the context did not list them.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/anonymizer/anonymizer_config.hpp"
#include "common/anonymizer/cue_phrases.hpp"
#include "common/anonymizer/gazetteer.hpp"
#include "common/anonymizer/key_filter.hpp"
#include "common/anonymizer/string_hash.hpp"
#include "common/anonymizer/text_utils.hpp"

namespace re2 {
class RE2;
}

namespace hindsight::common::anonymizer {

class ContextLearner {
 public:
  // How a cue's phrase is matched. kFast: read by hand (cue_phrases.hpp) where a match can
  // start. kReference: the cue's RE2 pattern, searched unanchored in the line for the cues whose
  // match starts at the line's start or at the anchor word, anchored at the same starts as
  // kFast for the others; names taken from its capture groups. kReference compiles the
  // patterns' Unicode classes, which would be most of an anonymizer's start-up; the tests check
  // that the two agree.
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
  using PhraseReader = std::optional<CuePhrase> (*)(std::string_view text, std::size_t pos);
  struct Cue {
    std::string pattern;  // RE2, whose capture groups are the names
    PhraseReader read;    // the same phrase, read by hand
    bool customer;        // else the organization or one of its codenames
    std::vector<std::string> anchors;
    NamePlace name_place;
    std::unique_ptr<re2::RE2> regex;  // the pattern compiled, for Method::kReference only
  };
  // The cue's match in text[pos, end): starting at `pos` when `anchored`, else the leftmost.
  std::optional<CuePhrase> match(const Cue& cue, std::string_view text, std::size_t pos,
                                 std::size_t end, bool anchored) const;
  void learn_match(const CuePhrase& phrase, bool customer, const Gazetteer& names,
                   DocumentContext& context) const;
  // A cheap necessary condition for a cue's match around the anchor word at `anchor`.
  static bool name_may_precede(std::string_view text, std::size_t anchor, NamePlace place);
  // The cue's matches in one line, where they start at the line's start or at an anchor word.
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
