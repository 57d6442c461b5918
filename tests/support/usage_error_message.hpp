// Runs f, which must throw common::UsageError, and returns its message (a test failure if it
// does not throw).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "common/error/api_error.hpp"

namespace hindsight::test {

template <typename F>
std::string usage_error_message(F&& f) {
  try {
    f();
  } catch (const common::UsageError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a UsageError";
  return {};
}

}  // namespace hindsight::test
