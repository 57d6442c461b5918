// A peer's discovery document is a stranger's bytes: everything is checked before a key is used.
#include "federation/discovery/peer_discovery.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/crypto/encoding.hpp"

namespace hindsight::test {
namespace {

using federation::DiscoveryError;
using federation::parse_peer_discovery;
using nlohmann::json;

const std::string kOrigin = "https://b.example:8443";

json key(const std::string& fragment, std::size_t bytes = 32) {
  return {{"id", kOrigin + "/.well-known/hindsight#" + fragment},
          {"alg", "ed25519"},
          {"public_key", common::crypto::base64url_encode(std::string(bytes, 'p'))},
          {"not_before", "2026-01-01T00:00:00Z"},
          {"not_after", nullptr}};
}

json document() {
  return {{"protocol", "hindsight-federation/1"},
          {"instance", kOrigin},
          {"name", "Team B"},
          {"keys", {key("k1")}},
          {"endpoints",
           {{"subscriptions", "/federation/v1/subscriptions"},
            {"inbox", "/federation/v1/inbox"},
            {"lessons", "/federation/v1/lessons"}}},
          {"software", {{"name", "other"}, {"version", "9"}}}};
}

void expect_refused(const json& doc, const std::string& says) {
  try {
    parse_peer_discovery(kOrigin, doc.dump());
    ADD_FAILURE() << "accepted: " << doc.dump();
  } catch (const DiscoveryError& e) {
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
  }
}

TEST(PeerDiscovery, ReadsAValidDocument) {
  auto peer = parse_peer_discovery(kOrigin, document().dump());
  EXPECT_EQ(peer.origin, kOrigin);
  EXPECT_EQ(peer.name, "Team B");
  ASSERT_EQ(peer.keys.size(), 1u);
  EXPECT_EQ(peer.keys[0].public_key, std::string(32, 'p'));
  EXPECT_NE(peer.key(kOrigin + "/.well-known/hindsight#k1"), nullptr);
  EXPECT_EQ(peer.key(kOrigin + "/.well-known/hindsight#k2"), nullptr);
  EXPECT_EQ(peer.inbox_path, "/federation/v1/inbox");
  EXPECT_TRUE(peer.keys[0].valid_at(std::chrono::system_clock::now()));
}

TEST(PeerDiscovery, KeysOfOtherAlgorithmsAreSkipped) {
  json doc = document();
  json rsa = key("k2");
  rsa["alg"] = "rsa-pss-sha512";
  doc["keys"].push_back(rsa);
  EXPECT_EQ(parse_peer_discovery(kOrigin, doc.dump()).keys.size(), 1u);
}

TEST(PeerDiscovery, ExpiredOrNotYetValidKeysAreNotValidNow) {
  json doc = document();
  doc["keys"][0]["not_after"] = "2026-01-02T00:00:00Z";
  auto peer = parse_peer_discovery(kOrigin, doc.dump());
  EXPECT_FALSE(peer.keys[0].valid_at(std::chrono::system_clock::now()));
  doc["keys"][0]["not_after"] = nullptr;
  doc["keys"][0]["not_before"] = "2999-01-01T00:00:00Z";
  EXPECT_FALSE(
      parse_peer_discovery(kOrigin, doc.dump()).keys[0].valid_at(std::chrono::system_clock::now()));
}

TEST(PeerDiscovery, WhatIsWrongIsNamed) {
  EXPECT_THROW(parse_peer_discovery(kOrigin, "not json"), DiscoveryError);
  EXPECT_THROW(parse_peer_discovery(kOrigin, "[]"), DiscoveryError);
  json doc = document();
  doc["instance"] = "https://c.example";
  expect_refused(doc, "names instance");
  doc = document();
  doc["protocol"] = "hindsight-federation/2";
  expect_refused(doc, "speaks");
  doc = document();
  doc["keys"][0] = key("k1", 31);
  expect_refused(doc, "32 bytes");
  doc = document();
  doc["keys"][0]["id"] = "https://c.example/.well-known/hindsight#k1";
  expect_refused(doc, "is not");
  doc = document();
  doc["keys"][0]["not_after"] = "tomorrow";
  expect_refused(doc, "RFC 3339");
  doc = document();
  doc["endpoints"]["inbox"] = "https://evil.example/inbox";
  expect_refused(doc, "must be a path");
  doc = document();
  doc["endpoints"]["inbox"] = "//evil.example/inbox";
  expect_refused(doc, "must be a path");
  doc = document();
  doc["name"] = 7;
  expect_refused(doc, "'name' must be a string");
  doc = document();
  doc["keys"] = json::array();
  for (int i = 0; i < 33; ++i)
    doc["keys"].push_back(key("k" + std::to_string(i)));
  expect_refused(doc, "at most 32");
}

}  // namespace
}  // namespace hindsight::test
