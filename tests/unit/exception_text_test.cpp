// What a completion handler logs about the exception it was handed.
#include "common/runtime/exception_text.hpp"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>
#include <stdexcept>

namespace hindsight::test {
namespace {

using common::runtime::exception_text;
using common::runtime::is_cancellation;

TEST(ExceptionText, IsTheMessageOfAStandardException) {
  EXPECT_EQ(exception_text(std::make_exception_ptr(std::runtime_error("disk full"))), "disk full");
}

TEST(ExceptionText, NamesAnExceptionOfAnyOtherType) {
  EXPECT_EQ(exception_text(std::make_exception_ptr(42)), "unknown error");
}

TEST(ExceptionText, OnlyAnAbortedOperationIsACancellation) {
  auto aborted = boost::system::system_error(boost::asio::error::operation_aborted);
  auto refused = boost::system::system_error(boost::asio::error::connection_refused);
  EXPECT_TRUE(is_cancellation(std::make_exception_ptr(aborted)));
  EXPECT_FALSE(is_cancellation(std::make_exception_ptr(refused)));
  EXPECT_FALSE(is_cancellation(std::make_exception_ptr(std::runtime_error("x"))));
  EXPECT_FALSE(is_cancellation(std::make_exception_ptr(7)));
}

}  // namespace
}  // namespace hindsight::test
