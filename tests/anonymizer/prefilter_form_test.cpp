// The prefilter form of a pattern cuts only a tail that cannot hold a line break, so the line
// where a match ends is still reported.
#include <gtest/gtest.h>

#include "common/anonymizer/prefilter_form.hpp"

namespace hindsight::common::anonymizer {
namespace {

TEST(PrefilterForm, CutsLongRunsAndOptionalTails) {
  EXPECT_EQ(prefilter_form(R"(\bhttps?://[^\s<>"'`]+)"), R"(\bhttps?://[^\s<>"'`])");
  EXPECT_EQ(prefilter_form(R"(key[\s:=]+([A-Za-z0-9][A-Za-z0-9_+/=.~!#&*-]{11,}))"),
            R"(key[\s:=]+([A-Za-z0-9][A-Za-z0-9_+/=.~!#&*-]{11}))");
  EXPECT_EQ(prefilter_form(R"(\b(?:ops_)?eyJ[A-Za-z0-9+/_-]{24,}={0,2})"),
            R"(\b(?:ops_)?eyJ[A-Za-z0-9+/_-]{24})");
  EXPECT_EQ(prefilter_form(R"(\bnpm_[A-Za-z0-9]{36}\b)"), R"(\bnpm_[A-Za-z0-9]{36})");
  EXPECT_EQ(prefilter_form(R"(\bxox[abposre]-[A-Za-z0-9-]+)"), R"(\bxox[abposre]-[A-Za-z0-9-])");
}

TEST(PrefilterForm, KeepsTailsThatMayCrossALineOrAreNotSingleCharacters) {
  for (const char* pattern :
       {R"(a[^,]+)", R"(a\s+)", R"(a[\s\S]*)", R"(a.+)", R"(a(?:bc)+)", R"(a\D+)", R"(a\pL+)",
        R"(-----END[A-Z ]*KEY-----)", R"(a[A-Za-z]+?)", R"(é+)", R"(x\))"})
    EXPECT_EQ(prefilter_form(pattern), pattern) << pattern;
}

}  // namespace
}  // namespace hindsight::common::anonymizer
