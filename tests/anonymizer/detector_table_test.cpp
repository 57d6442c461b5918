// The built-in detector table compiles: RE2 takes every row's pattern, with the capture group
// the row marks. The engine compiles a built-in row only when its first window is read, so this
// is where a broken row shows.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include "common/anonymizer/detector.hpp"

namespace hindsight::common::anonymizer {
namespace {

TEST(DetectorTable, EveryBuiltInPatternCompilesWithTheGroupItMarks) {
  auto detectors = builtin_detectors();
  ASSERT_FALSE(detectors.empty());
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  for (const auto& detector : detectors) {
    RE2 regex(detector.pattern, options);
    EXPECT_TRUE(regex.ok()) << detector.name << ": " << regex.error();
    EXPECT_LE(detector.group, regex.NumberOfCapturingGroups()) << detector.name;
  }
}

}  // namespace
}  // namespace hindsight::common::anonymizer
