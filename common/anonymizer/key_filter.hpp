// A quick reject in front of a hash lookup: for each (case-folded) first byte, the lengths of the
// keys a set holds that start with it. Most words of a text fail it and are never hashed.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

class KeyFilter {
 public:
  void add(std::string_view key) {
    if (key.empty()) return;
    lengths_by_first_[folded(key[0])] |= length_bit(key.size());
  }
  bool may_contain(std::string_view key) const {
    return !key.empty() && (lengths_by_first_[folded(key[0])] & length_bit(key.size())) != 0;
  }
  bool may_start_with(char c) const { return lengths_by_first_[folded(c)] != 0; }
  // Whether a key starting with `c` may be `length` bytes long, or up to `shorter` bytes less.
  bool may_hold_prefix_of(char c, std::size_t length, std::size_t shorter) const {
    std::uint64_t wanted = 0;
    for (std::size_t cut = 0; cut <= shorter && cut < length; ++cut)
      wanted |= length_bit(length - cut);
    return (lengths_by_first_[folded(c)] & wanted) != 0;
  }

 private:
  static std::uint64_t length_bit(std::size_t length) {
    return std::uint64_t{1} << (length < 63 ? length : 63);  // longer keys share the last bit
  }
  static unsigned char folded(char c) { return static_cast<unsigned char>(ascii_lower(c)); }

  std::array<std::uint64_t, 256> lengths_by_first_{};
};

}  // namespace hindsight::common::anonymizer
