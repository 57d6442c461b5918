// Passwords given to a command on its command line, as shell history and runbooks quote them
// (`mysql -u app -phunter2`, `redis-cli -a ...`, `curl -u user:pass`): found from the command's
// name and a look along its line, exactly as RE2 finds the detectors' patterns, without a
// forward, a reverse and a submatch search for every command line.
#pragma once

#include <cstddef>
#include <string_view>

namespace hindsight::common::anonymizer {

// The leftmost-first match at or after `pos` of
//   \b(?:mysql(?:dump|admin|import)?|mariadb|sshpass|mongosh|mongo|
//   (?:docker|podman|skopeo|oras) login)\b[^\n]*?[ \t]-p[ \t]*(\S+)
// as RE2 finds it in valid UTF-8 `text` (`\b` reads the byte before `pos`); [start, end) is the
// group, and the match ends at `end`.
bool find_password_argument(std::string_view text, std::size_t pos, std::size_t& start,
                            std::size_t& end);

// The same for
//   \bredis-cli\b[^\n]*?[ \t]-a[ \t]+(\S+)
bool find_redis_cli_password(std::string_view text, std::size_t pos, std::size_t& start,
                             std::size_t& end);

// The same for
//   \bhtpasswd[ \t]+-[a-zA-Z]*b[a-zA-Z]*[ \t]+\S+[ \t]+\S+[ \t]+(\S+)
bool find_htpasswd_password(std::string_view text, std::size_t pos, std::size_t& start,
                            std::size_t& end);

// The same for
//   (?:^|[ \t])(?:-u|--user)[ \t=]+["']?[^\s:"'@]+:([^\s"']+)
bool find_user_password_flag(std::string_view text, std::size_t pos, std::size_t& start,
                             std::size_t& end);

}  // namespace hindsight::common::anonymizer
