// The end of a run of bytes that a JSON string holds as they are: no quote, backslash, control
// character or non-ASCII byte. Eight bytes at a time, since JSON Lines readers and writers spend
// most of their time in such runs.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace hindsight::common {

inline std::size_t json_plain_run_end(std::string_view s, std::size_t pos) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  constexpr std::uint64_t kHighs = 0x8080808080808080ull;
  auto has_zero_byte = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  while (pos + 8 <= s.size()) {
    std::uint64_t v;
    std::memcpy(&v, s.data() + pos, 8);
    // A byte below 0x20 or from 0x80 up, a quote (0x22) or a backslash (0x5C).
    std::uint64_t special = ((v - 0x20 * kOnes) & ~v & kHighs) | (v & kHighs) |
                            has_zero_byte(v ^ (0x22 * kOnes)) | has_zero_byte(v ^ (0x5C * kOnes));
    if (special != 0) break;
    pos += 8;
  }
  while (pos < s.size()) {
    auto c = static_cast<unsigned char>(s[pos]);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
    ++pos;
  }
  return pos;
}

}  // namespace hindsight::common
