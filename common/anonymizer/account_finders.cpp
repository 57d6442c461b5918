#include "common/anonymizer/account_finders.hpp"

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using namespace finder;

constexpr std::size_t kAccountDigits = 12;

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

}  // namespace

bool find_ticket_id(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  // The letters are the whole run before a `-` (only its first byte has a `\b` before it), and
  // the digits the whole run after it (fewer would be followed by a digit, never a boundary).
  for (std::size_t from = pos; from < text.size();) {
    std::size_t dash = next_byte(text, from, '-');
    if (dash == npos) return false;
    std::size_t first = run_start(text, dash, from, is_upper);
    std::size_t letters = dash - first;
    if (letters >= 2 && letters <= 10 && word_starts_at(text, first)) {
      std::size_t digits = run_end(text, dash + 1, is_ascii_digit);
      std::size_t count = digits - dash - 1;
      if (count >= 2 && count <= 8 && word_boundary(text, digits)) {
        start = first;
        end = digits;
        return true;
      }
    }
    from = dash + 1;
  }
  return false;
}

bool find_twelve_digits(std::string_view text, std::size_t pos, std::size_t& start,
                        std::size_t& end) {
  // A run of exactly twelve digits with a boundary on both sides.
  return probe_runs(text, pos, kAccountDigits, is_ascii_digit,
                    [&](std::size_t first, std::size_t last) {
                      if (last - first != kAccountDigits || !word_starts_at(text, first) ||
                          !word_boundary(text, last))
                        return false;
                      start = first;
                      end = last;
                      return true;
                    });
}

}  // namespace hindsight::common::anonymizer
