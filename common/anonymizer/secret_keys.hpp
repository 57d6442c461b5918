// Values assigned to keys that name a secret (`DB_PASSWORD=...`, `"apiKey": "..."`,
// `--client-secret ...`, `AccountKey=...;`): which keys name a secret, where the assigned value
// ends, and which values are no secret whatever the key (numbers, durations, booleans,
// references such as `${VAR}`, placeholders such as `<PASSWORD>`, resource names, empty values).
#pragma once

#include <cstddef>
#include <string_view>

#include "common/anonymizer/gazetteer.hpp"

namespace hindsight::common::anonymizer {

// `key` (any case and separator style: `client_secret`, `apiKey`, `X-API-Key`,
// `SharedAccessKey`, `PGPASSWORD`) names a secret by its last word: `token_ttl`,
// `password_file`, `secretKeyRef` and `auth_method` do not.
bool key_names_secret(std::string_view key);

// The value that starts at `pos`, just after a separator: a quoted string up to its closing
// quote on the same line, else a bare run up to white space, which a `;` ends when another
// `Key=` or the end of the line follows (connection strings). Empty when there is none.
struct ValueSpan {
  std::size_t start;
  std::size_t end;
};
ValueSpan assigned_value(std::string_view text, std::size_t pos);

// A value that is no secret whatever its key: see the file comment.
bool is_non_secret_value(std::string_view value, const Gazetteer& names);

// A password in a URL is a secret however short; only references and placeholders
// (`${DB_PASSWORD}`, `<password>`, `****`, `password`) are not.
bool is_placeholder_password(std::string_view value);

}  // namespace hindsight::common::anonymizer
