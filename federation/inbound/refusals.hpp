// The refusals of a federation request's checks that more than one step makes (FEDERATION.md,
// "Request signatures"): each a common::ApiError with its status and a message naming the rule.
#pragma once

#include <string>

#include "common/error/api_error.hpp"

namespace hindsight::federation {

// 401: the request's signature or its parameters fail a rule.
common::ApiError refused(std::string message, std::string field = {});

// 403: the sender is blocked.
common::ApiError blocked(const std::string& origin);

// 403: the sender has no subscription with this instance either way.
common::ApiError not_subscribed(const std::string& origin);

// 403: a lesson event from a sender that has not accepted this instance's subscription.
common::ApiError lesson_refused_from(const std::string& origin);

}  // namespace hindsight::federation
