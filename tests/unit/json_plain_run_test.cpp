// The plain-run scan stops at the first byte a JSON string cannot hold as it is, wherever that
// byte falls in the eight-byte words it reads.
#include "common/util/json_plain_run.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hindsight::common {
namespace {

TEST(JsonPlainRun, StopsAtEverySpecialByteAtEveryOffset) {
  for (char special : {'"', '\\', '\n', '\x01', '\x1F', '\x80', '\xC3', '\xFF'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string text(24, 'a');
      text[at] = special;
      EXPECT_EQ(json_plain_run_end(text, 0), at) << int(special) << " at " << at;
      EXPECT_EQ(json_plain_run_end(text, at), at);
    }
  }
}

TEST(JsonPlainRun, RunsToTheEndOverPlainBytes) {
  std::string text = " !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~";
  text += text;
  EXPECT_EQ(json_plain_run_end(text, 0), text.size());
  EXPECT_EQ(json_plain_run_end(text, 5), text.size());
  EXPECT_EQ(json_plain_run_end("", 0), 0u);
}

}  // namespace
}  // namespace hindsight::common
