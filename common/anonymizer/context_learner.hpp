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

#include "anonymizer/anonymizer_config.hpp"
#include "anonymizer/gazetteer.hpp"
#include "anonymizer/key_filter.hpp"
#include "anonymizer/string_hash.hpp"
#include "anonymizer/text_utils.hpp"

#include <re2/stringpiece.h>

namespace re2 {
class RE2;
}

namespace hindsight::common::anonymizer {

class ContextLearner {
 public:
  ContextLearner();
  ~ContextLearner();
  ContextLearner(const ContextLearner&) = delete;
  ContextLearner& operator=(const ContextLearner&) = delete;

  // Appends what `text` reveals to `context.org_names` and `context.customers`.
  // `words`: split_words(text).
  void learn(std::string_view text, const std::vector<Word>& words, const Gazetteer& names,
             DocumentContext& context) const;

 private:
  // Where a cue's name stands relative to its anchor word.
  enum class NamePlace { kAnywhere, kBefore, kBeforeParenthesis };
  struct Cue {
    std::unique_ptr<re2::RE2> regex;
    bool customer;  // else the organization or one of its codenames
    std::vector<std::string> anchors;
    NamePlace name_place;
  };
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

  std::vector<Cue> cues_;
  // Anchor word -> the cues it belongs to, in order.
  std::unordered_map<std::string, std::vector<std::size_t>, StringHash, std::equal_to<>>
      anchor_cues_;
  KeyFilter anchor_filter_;
};

}  // namespace hindsight::common::anonymizer
