// With peer_addresses = public, no origin can point the server into a private network.
#include "federation/http/address_policy.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace hindsight::test {
namespace {

namespace asio = boost::asio;
using federation::is_public_address;

TEST(AddressPolicy, PrivateAndSpecialAddressesAreNotPublic) {
  for (const char* text : {"127.0.0.1",
                           "10.1.2.3",
                           "172.16.0.1",
                           "172.31.255.255",
                           "192.168.1.1",
                           "169.254.169.254",
                           "100.64.0.1",
                           "0.0.0.0",
                           "224.0.0.1",
                           "255.255.255.255",
                           "192.0.2.7",
                           "198.18.0.1",
                           "::1",
                           "::",
                           "fe80::1",
                           "fc00::1",
                           "fd12:3456::1",
                           "ff02::1",
                           "::ffff:127.0.0.1",
                           "::ffff:10.0.0.1",
                           "64:ff9b::a00:1",
                           "2002:c0a8:0101::1",
                           "2001:db8::1"})
    EXPECT_FALSE(is_public_address(asio::ip::make_address(text))) << text;
}

TEST(AddressPolicy, PublicAddressesArePublic) {
  for (const char* text : {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                           "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1"})
    EXPECT_TRUE(is_public_address(asio::ip::make_address(text))) << text;
}

TEST(AddressPolicy, ALookupKeepsOnlyPublicAddressesAndFailsWithNone) {
  federation::HostLookup fixed =
      [](std::string, std::string) -> asio::awaitable<std::vector<asio::ip::tcp::endpoint>> {
    co_return std::vector<asio::ip::tcp::endpoint>{{asio::ip::make_address("10.0.0.5"), 443},
                                                   {asio::ip::make_address("8.8.4.4"), 443}};
  };
  federation::HostLookup loopback =
      [](std::string, std::string) -> asio::awaitable<std::vector<asio::ip::tcp::endpoint>> {
    co_return std::vector<asio::ip::tcp::endpoint>{{asio::ip::make_address("127.0.0.1"), 443}};
  };
  // The lookups outlive the coroutines they start, as the client's options do.
  auto public_of_fixed = federation::public_addresses_only(fixed);
  auto public_of_loopback = federation::public_addresses_only(loopback);
  asio::io_context io;
  auto kept = asio::co_spawn(io, public_of_fixed("peer", "443"), asio::use_future);
  auto none = asio::co_spawn(io, public_of_loopback("localhost", "443"), asio::use_future);
  io.run();
  auto endpoints = kept.get();
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints[0].address().to_string(), "8.8.4.4");
  try {
    none.get();
    FAIL() << "a loopback-only host was allowed";
  } catch (const federation::HttpsError& e) {
    EXPECT_NE(std::string(e.what()).find("public"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hindsight::test
