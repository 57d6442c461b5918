#include "anonymizer/account_finders.hpp"

#include "anonymizer/finder_support.hpp"

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
  // No match starts in [pos, i). When the byte eleven ahead is no digit, none starts in the
  // next twelve positions either; otherwise the run of digits through it decides.
  std::size_t i = pos;
  while (i + kAccountDigits <= text.size()) {
    std::size_t probe = i + kAccountDigits - 1;
    if (!is_ascii_digit(text[probe])) {
      i += kAccountDigits;
      continue;
    }
    std::size_t first = run_start(text, probe, i, is_ascii_digit);
    std::size_t last = run_end(text, probe + 1, is_ascii_digit);
    if (last - first == kAccountDigits && word_starts_at(text, first) &&
        word_boundary(text, last)) {
      start = first;
      end = last;
      return true;
    }
    i = last + 1;  // the byte at `last` is no digit, so opens nothing
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
