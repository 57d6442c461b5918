#include "federation/inbound/refusals.hpp"

#include <fmt/format.h>

namespace hindsight::federation {
using common::ApiError;

ApiError refused(std::string message, std::string field) {
  return {401, "unauthenticated", std::move(message), std::move(field)};
}

ApiError blocked(const std::string& origin) {
  return ApiError::forbidden(fmt::format("{} is blocked by this instance", origin));
}

ApiError not_subscribed(const std::string& origin) {
  return ApiError::forbidden(fmt::format(
      "{} has no subscription with this instance: only a subscription request is accepted",
      origin));
}

ApiError lesson_refused_from(const std::string& origin) {
  return {403, "not_subscribed",
          fmt::format("this instance has no accepted subscription to {}: its lessons are refused",
                      origin)};
}

}  // namespace hindsight::federation
