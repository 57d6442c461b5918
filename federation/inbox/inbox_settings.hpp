// How the inbox stores lesson events in groups (inbox_groups; docs/architecture.md,
// `inbox_transactions`).
#pragma once

#include <cstddef>

namespace hindsight::federation {

struct InboxGroupSettings {
  std::size_t transactions = 2;  // groups stored at once, each on a connection of its own
  std::size_t max_group = 64;    // events in one group
};

}  // namespace hindsight::federation
