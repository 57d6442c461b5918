// Runs a piece of request parsing that must refuse its input, and returns the ApiError it threw
// (a test failure, and nullopt, when it threw none).
#pragma once

#include <gtest/gtest.h>

#include <optional>

#include "common/error/api_error.hpp"

namespace hindsight::test {

template <typename F>
std::optional<common::ApiError> api_error_from(F&& f) {
  try {
    f();
  } catch (const common::ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an ApiError";
  return std::nullopt;
}

}  // namespace hindsight::test
