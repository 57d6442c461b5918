// The phrases of the context learner's cues, read by hand from a given start. Each reader
// matches what the cue's RE2 pattern (context_learner.cpp) matches from the same start, anchored
// there, with `text` ending where the search would end; the tests check the two agree on random
// text. Reading by hand spares compiling the patterns' Unicode classes at every start.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace hindsight::common::anonymizer {

// A cue's match: where it ends and the one or two names in it.
struct CuePhrase {
  std::size_t end;
  std::string_view names[2];
  int name_count;
};

// The end of one capitalized word starting at `pos`, RE2's `\p{Lu}[\p{L}\p{N}&'-]*`; npos when
// no upper-case letter starts there.
std::size_t name_word_end(std::string_view text, std::size_t pos);

// The end of a name of one to three capitalized words starting at `pos`, RE2's
// `\p{Lu}[\p{L}\p{N}&'-]*(?: \p{Lu}[\p{L}\p{N}&'-]*){0,2}`; npos when none starts there.
std::size_t capitalized_name_end(std::string_view text, std::size_t pos);

// `\s*(?:Organi[sz]ation|Company|Org|Team)\s*:\s*<name>` at a line's start.
std::optional<CuePhrase> read_header(std::string_view text, std::size_t pos);
// `<name> team\b`
std::optional<CuePhrase> read_team(std::string_view text, std::size_t pos);
// `\bProject \p{Lu}[\p{L}\p{N}-]+`, all of it the name.
std::optional<CuePhrase> read_project(std::string_view text, std::size_t pos);
// `<name> \(account\b`
std::optional<CuePhrase> read_account(std::string_view text, std::size_t pos);
// `<name>,? and <name> <request>`: two customers asking for something.
std::optional<CuePhrase> read_two_requesters(std::string_view text, std::size_t pos);
// `<name> <request>`, a request being `opened (?:a |several )?(?:support )?tickets?`,
// `escalated through`, `(?:is|are) asking for`, `asked for an ETA` or `reported errors`.
std::optional<CuePhrase> read_requester(std::string_view text, std::size_t pos);
// `<name> (?:down \d+ ?(?:m|min|minutes|h|hours)\b|confirm(?:s|ed) recovery|lost data|
// (?:was|were) impacted)`: a customer that suffered the outage.
std::optional<CuePhrase> read_sufferer(std::string_view text, std::size_t pos);

}  // namespace hindsight::common::anonymizer
