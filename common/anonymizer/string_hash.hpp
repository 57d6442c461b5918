// A hash for unordered containers keyed by std::string that finds keys by std::string_view, so
// a lookup with a slice of the text allocates nothing (use with std::equal_to<>).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace hindsight::common::anonymizer {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view value) const noexcept {
    return std::hash<std::string_view>{}(value);
  }
};

}  // namespace hindsight::common::anonymizer
