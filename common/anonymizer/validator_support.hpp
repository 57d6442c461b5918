// What the validators (validators.cpp, secret_validators.cpp) share: reading around a match and
// appending a finding.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "common/anonymizer/detector.hpp"
#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer::validators {

// Lower-cased text of up to `width` bytes before `pos`, for cue words.
inline AsciiLowered before(const DetectorEnv& env, std::size_t pos, std::size_t width) {
  std::size_t start = pos > width ? pos - width : 0;
  return AsciiLowered(env.scan.text.substr(start, pos - start));
}

inline bool contains_any(std::string_view haystack,
                         std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](auto n) { return haystack.find(n) != std::string_view::npos; });
}

inline void emit(std::vector<Finding>& out, EntityType type, std::size_t start, std::size_t end) {
  if (end > start) out.push_back({type, start, end});
}

}  // namespace hindsight::common::anonymizer::validators
