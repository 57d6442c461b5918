#include "federation/http/address_policy.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>

namespace hindsight::federation {
namespace asio = boost::asio;

namespace {

struct Range {
  std::array<std::uint8_t, 16> prefix;
  unsigned bits;
};

bool in_range(const asio::ip::address_v6::bytes_type& bytes, const Range& range) {
  for (unsigned bit = 0; bit < range.bits; ++bit) {
    unsigned mask = 0x80u >> (bit % 8);
    if ((bytes[bit / 8] & mask) != (range.prefix[bit / 8] & mask)) return false;
  }
  return true;
}

// IPv4 ranges as IPv4-mapped IPv6 (::ffff:a.b.c.d/96+n), so one table covers both families.
constexpr std::array<std::uint8_t, 16> v4(std::uint8_t a, std::uint8_t b = 0, std::uint8_t c = 0) {
  return {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, 0};
}

const Range kNotPublic[] = {
    {v4(0), 96 + 8},                 // 0.0.0.0/8 "this network"
    {v4(10), 96 + 8},                // private
    {v4(100, 64), 96 + 10},          // shared address space (CGNAT)
    {v4(127), 96 + 8},               // loopback
    {v4(169, 254), 96 + 16},         // link-local
    {v4(172, 16), 96 + 12},          // private
    {v4(192, 0, 0), 96 + 24},        // IETF protocol assignments
    {v4(192, 0, 2), 96 + 24},        // documentation
    {v4(192, 168), 96 + 16},         // private
    {v4(198, 18), 96 + 15},          // benchmarking
    {v4(198, 51, 100), 96 + 24},     // documentation
    {v4(203, 0, 113), 96 + 24},      // documentation
    {v4(224), 96 + 4},               // multicast
    {v4(240), 96 + 4},               // reserved, broadcast
    {{}, 96},                        // ::/96: unspecified, loopback, IPv4-compatible
    {{0x01, 0x00}, 64},              // 100::/64 discard
    {{0x20, 0x01, 0x0d, 0xb8}, 32},  // documentation
    {{0xfc}, 7},                     // unique local
    {{0xfe, 0x80}, 10},              // link-local
    {{0xff}, 8},                     // multicast
};

}  // namespace

bool is_public_address(const asio::ip::address& address) {
  auto v6 = address.is_v4() ? asio::ip::make_address_v6(asio::ip::v4_mapped, address.to_v4())
                            : address.to_v6();
  auto bytes = v6.to_bytes();
  for (const auto& range : kNotPublic)
    if (in_range(bytes, range)) return false;
  // IPv4 embedded other ways (NAT64 64:ff9b::/96, 6to4 2002::/16) would carry a private
  // IPv4 address past the table: judge the embedded address instead.
  if (in_range(bytes, {{0x00, 0x64, 0xff, 0x9b}, 96}))
    return is_public_address(asio::ip::make_address_v4(
        asio::ip::address_v4::bytes_type{bytes[12], bytes[13], bytes[14], bytes[15]}));
  if (in_range(bytes, {{0x20, 0x02}, 16}))
    return is_public_address(asio::ip::make_address_v4(
        asio::ip::address_v4::bytes_type{bytes[2], bytes[3], bytes[4], bytes[5]}));
  return true;
}

HostLookup public_addresses_only(HostLookup inner) {
  return [inner = std::move(inner)](
             std::string host,
             std::string port) -> asio::awaitable<std::vector<asio::ip::tcp::endpoint>> {
    auto all = co_await inner(host, port);
    std::vector<asio::ip::tcp::endpoint> kept;
    for (const auto& endpoint : all)
      if (is_public_address(endpoint.address())) kept.push_back(endpoint);
    if (kept.empty())
      throw HttpsError(fmt::format(
          "{} has no public address, and this instance federates with public peers only", host));
    co_return kept;
  };
}

}  // namespace hindsight::federation
