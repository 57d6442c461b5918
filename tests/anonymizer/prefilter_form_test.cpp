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
  EXPECT_EQ(prefilter_form(R"(\bSK[0-9a-fA-F]{32}\b)"), R"(\bSK[0-9a-fA-F]{32})");
  EXPECT_EQ(prefilter_form(R"(\bxox[abposre]-[A-Za-z0-9-]+)"), R"(\bxox[abposre]-[A-Za-z0-9-])");
}

// The literal is what Hyperscan looks for; the run after it is left to the row's matcher.
TEST(PrefilterForm, CutsARunAfterALiteralOfThreeCharactersWhole) {
  EXPECT_EQ(prefilter_form(R"(\bnpm_[A-Za-z0-9]{36}\b)"), R"(\bnpm_)");
  EXPECT_EQ(prefilter_form(R"(\b(?:ops_)?eyJ[A-Za-z0-9+/_-]{24,}={0,2})"), R"(\b(?:ops_)?eyJ)");
  EXPECT_EQ(prefilter_form(R"(\bdp\.st\.[A-Za-z0-9]+)"), R"(\bdp\.st\.)");
  EXPECT_EQ(prefilter_form(R"((?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40}))"),
            R"((?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_))");
  // Two literal characters, or a class, an assertion or an optional part before the run.
  for (const char* kept : {R"(\bSK[0-9a-f]{32})", R"(\d\dQ~[A-Z]{31})", R"(ab\d[0-9]{8})",
                           R"(abc?[0-9]{8})", R"(x\bab[0-9]{8})"})
    EXPECT_EQ(prefilter_form(kept), kept) << kept;
}

TEST(PrefilterForm, KeepsTailsThatMayCrossALineOrAreNotSingleCharacters) {
  for (const char* pattern :
       {R"(a[^,]+)", R"(a\s+)", R"(a[\s\S]*)", R"(a.+)", R"(a(?:bc)+)", R"(a\D+)", R"(a\pL+)",
        R"(-----END[A-Z ]*KEY-----)", R"(a[A-Za-z]+?)", R"(é+)", R"(x\))"})
    EXPECT_EQ(prefilter_form(pattern), pattern) << pattern;
}

}  // namespace
}  // namespace hindsight::common::anonymizer
