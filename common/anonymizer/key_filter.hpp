// A quick reject in front of a hash lookup: the lengths and (case-folded) first bytes of the
// keys a set holds. Most words of a text fail it and are never hashed.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

class KeyFilter {
 public:
  void add(std::string_view key) {
    if (key.empty()) return;
    lengths_ |= length_bit(key.size());
    first_[folded(key[0])] = true;
  }
  bool may_contain(std::string_view key) const {
    return !key.empty() && (lengths_ & length_bit(key.size())) != 0 && first_[folded(key[0])];
  }
  bool may_start_with(char c) const { return first_[folded(c)]; }

 private:
  static std::uint64_t length_bit(std::size_t length) {
    return std::uint64_t{1} << (length < 63 ? length : 63);  // longer keys share the last bit
  }
  static unsigned char folded(char c) { return static_cast<unsigned char>(ascii_lower(c)); }

  std::uint64_t lengths_ = 0;
  std::array<bool, 256> first_{};
};

}  // namespace hindsight::common::anonymizer
