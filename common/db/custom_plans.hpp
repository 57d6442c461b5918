// Plans made for each execution with its values, for the rest of the transaction: the planner
// then knows how common a search's words or a filter's value are, and picks a GIN index for rare
// ones and an ordered walk for common ones. A generic plan cannot tell them apart.
#pragma once

#include "common/db/statement.hpp"

namespace hindsight::common::db {

inline constexpr Statement kCustomPlans{
    "custom_plans", "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)"};

}  // namespace hindsight::common::db
