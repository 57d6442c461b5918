// URLs and the passwords inside them, found from each `://` and a look at the bytes around it:
// exactly the matches RE2 finds for the detectors' patterns. Both rows match on most lines of a
// connection-string paste, where RE2 pays a forward, a reverse and a submatch search per match.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   \b(?:https?|ftp|s3|gs|wss?|postgres(?:ql)?|mysql|redis|mongodb(?:\+srv)?|amqps?|sftp|ssh|git)
//   ://[^\s<>"'`]+
// as RE2 finds it in valid UTF-8 `text` (`\b` reads the byte before `pos`).
bool find_url(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end);

// The same for
//   \b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@"'`]*:([^\s@/]+)@
// where [start, end) is the password. The match ends one byte later, at the `@`, which opens no
// match, so a search resumed at `end` finds the same next match.
bool find_url_password(std::string_view text, std::size_t pos, std::size_t& start,
                       std::size_t& end);

}  // namespace hindsight::common::anonymizer
