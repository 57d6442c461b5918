// A named, parameterized SQL statement. Statements are constants next to the code that runs
// them, prepared once per connection on first use; values only ever travel as parameters.
#pragma once

#include <string_view>

namespace hindsight::common::db {

struct Statement {
  std::string_view name;
  std::string_view sql;
};

}  // namespace hindsight::common::db
