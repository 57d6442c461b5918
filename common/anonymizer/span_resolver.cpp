#include "common/anonymizer/span_resolver.hpp"

#include <algorithm>
#include <cstdint>

#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

// The masks of the bits of [start, end) in the first and in the last 64-bit word it touches.
struct WordRange {
  std::size_t first_word, last_word;
  std::uint64_t first_mask, last_mask;
};

WordRange word_range(std::size_t start, std::size_t end) {
  return {start / 64, (end - 1) / 64, ~std::uint64_t{0} << (start % 64),
          ~std::uint64_t{0} >> (63 - (end - 1) % 64)};
}

bool any_covered(const std::vector<std::uint64_t>& bits, std::size_t start, std::size_t end) {
  auto r = word_range(start, end);
  if (r.first_word == r.last_word) return (bits[r.first_word] & r.first_mask & r.last_mask) != 0;
  if ((bits[r.first_word] & r.first_mask) != 0 || (bits[r.last_word] & r.last_mask) != 0)
    return true;
  for (std::size_t w = r.first_word + 1; w < r.last_word; ++w)
    if (bits[w] != 0) return true;
  return false;
}

void cover(std::vector<std::uint64_t>& bits, std::size_t start, std::size_t end) {
  auto r = word_range(start, end);
  if (r.first_word == r.last_word) {
    bits[r.first_word] |= r.first_mask & r.last_mask;
    return;
  }
  bits[r.first_word] |= r.first_mask;
  bits[r.last_word] |= r.last_mask;
  for (std::size_t w = r.first_word + 1; w < r.last_word; ++w)
    bits[w] = ~std::uint64_t{0};
}

}  // namespace

std::vector<Finding> resolve_overlaps(std::string_view text, std::vector<Finding> candidates) {
  for (auto& f : candidates) {
    f.end = std::min(f.end, text.size());
    while (f.start > 0 && !is_utf8_boundary(text, f.start))
      --f.start;
    while (f.end < text.size() && !is_utf8_boundary(text, f.end))
      ++f.end;
  }
  std::erase_if(candidates, [](const Finding& f) { return f.end <= f.start; });
  std::sort(candidates.begin(), candidates.end(), [](const Finding& a, const Finding& b) {
    if (a.size() != b.size()) return a.size() > b.size();
    if (tie_rank(a.type) != tie_rank(b.type)) return tie_rank(a.type) > tie_rank(b.type);
    return a.start < b.start;
  });
  // Accepted findings never overlap, so a candidate overlaps one exactly when one of its bytes
  // is already covered: one bit per byte of the text answers that without a search tree.
  std::vector<std::uint64_t> covered((text.size() + 63) / 64, 0);
  std::vector<Finding> out;
  for (const auto& f : candidates) {
    if (any_covered(covered, f.start, f.end)) continue;
    cover(covered, f.start, f.end);
    out.push_back(f);
  }
  std::sort(out.begin(), out.end(),
            [](const Finding& a, const Finding& b) { return a.start < b.start; });
  return out;
}

}  // namespace hindsight::common::anonymizer
