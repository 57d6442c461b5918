// Origins compare in one normal form, and a key id names the instance that owns it.
#include "federation/discovery/origin.hpp"

#include <gtest/gtest.h>

namespace hindsight::test {
namespace {

using federation::normalize_origin;
using federation::origin_of_key_id;

TEST(NormalizeOrigin, OneSpellingPerInstance) {
  EXPECT_EQ(normalize_origin("https://a.example"), "https://a.example");
  EXPECT_EQ(normalize_origin("HTTPS://A.Example/"), "https://a.example");
  EXPECT_EQ(normalize_origin("https://a.example:443"), "https://a.example");
  EXPECT_EQ(normalize_origin("https://a.example:8443/"), "https://a.example:8443");
  EXPECT_EQ(normalize_origin("https://127.0.0.1:9443"), "https://127.0.0.1:9443");
  EXPECT_EQ(normalize_origin("https://[::1]:9443"), "https://[::1]:9443");
}

TEST(NormalizeOrigin, AnythingButAnOriginIsRefused) {
  for (const char* url :
       {"http://a.example", "https://", "https://a.example/path", "https://a.example?x=1",
        "https://a.example#frag", "https://user@a.example", "https://a.example:99999",
        "https://a.example:", "a.example", "", "https://a%2eexample"})
    EXPECT_FALSE(normalize_origin(url)) << url;
}

TEST(OriginOfKeyId, IsTheNormalOriginBeforeTheDiscoveryPath) {
  EXPECT_EQ(origin_of_key_id("https://a.example/.well-known/hindsight#k1"), "https://a.example");
  EXPECT_EQ(origin_of_key_id("https://a.example:8443/.well-known/hindsight#kabc"),
            "https://a.example:8443");
  EXPECT_FALSE(origin_of_key_id("https://a.example/.well-known/hindsight#"));
  EXPECT_FALSE(origin_of_key_id("https://a.example/keys#k1"));
  EXPECT_FALSE(origin_of_key_id("https://A.example/.well-known/hindsight#k1"))
      << "a key id spells its origin in normal form";
  EXPECT_FALSE(origin_of_key_id("k1"));
}

}  // namespace
}  // namespace hindsight::test
