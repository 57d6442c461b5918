// Ticket ids, twelve-digit cloud account numbers, chat nicks, @handles and login fields, found
// by a look at the few places they can be (a `-` between letters and digits; a run of digits
// long enough; a line's start; an `@`; a word that names a user) instead of a prefilter pass and
// RE2: exactly the matches RE2 finds for the detectors' patterns.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   \b[A-Z][A-Z]{1,9}-\d{2,8}\b
// as RE2 finds it in `text` (`\b` reads the byte before `pos`).
bool find_ticket_id(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   \b\d{12}\b
bool find_twelve_digits(std::string_view text, std::size_t pos, std::size_t& start,
                        std::size_t& end);

// The same for
//   (?m)^(?:\[[0-9:]+\]\s*)?<([a-z][a-z0-9._-]{1,31})>
// where [start, end) is the nick. The match ends one byte later, at the `>`, which opens no
// match, so a search resumed at `end` finds the same next match.
bool find_chat_nick(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   (?:^|[^A-Za-z0-9._%+-])(@[a-z0-9][a-z0-9._-]{1,38}[a-z0-9])
// in valid UTF-8 (the character before the `@` may be of any length), where [start, end) is
// the handle, at whose end the match ends too.
bool find_at_handle(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   (?i)["']?\b(?:user|username|user_name|login|usename|assignee|author)["']?\s*[:=]\s*["']?
//   ([a-z][a-z0-9._-]{1,31})\b
// in valid UTF-8 (whose case folding also takes U+017F for `s` and U+212A for `k`), where
// [start, end) is the login, at whose end the match ends too.
bool find_login_field(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

}  // namespace hindsight::common::anonymizer
