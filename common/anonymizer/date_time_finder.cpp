#include "common/anonymizer/date_time_finder.hpp"

#include <optional>

#include "common/anonymizer/date_scan.hpp"
#include "common/anonymizer/date_words.hpp"

namespace hindsight::common::anonymizer {
namespace {

using namespace std::chrono;
using namespace date_scan;

// `YYYY-MM-DD` at `pos`, a real calendar date.
std::optional<sys_days> date_at(std::string_view text, std::size_t pos) {
  auto year = digits(text, pos, 4);
  auto month = digits(text, pos + 5, 2);
  auto day = digits(text, pos + 8, 2);
  if (!year || !month || !day || !at(text, pos + 4, '-') || !at(text, pos + 7, '-'))
    return std::nullopt;
  year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(*month)),
                      std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  return sys_days(date);
}

// A date standing alone: not glued to letters or digits, nor part of a longer number
// (`2024-03-02.1`, `2024-03-02-7`) or of a date-time whose time did not read.
std::optional<DateTimeSpan> bare_date_at(std::string_view text, std::size_t pos) {
  if (pos > 0 && std::string_view("./-").find(text[pos - 1]) != std::string_view::npos)
    return std::nullopt;
  auto date = date_at(text, pos);
  if (!date) return std::nullopt;
  std::size_t end = pos + 10;
  if (end < text.size() && is_alnum(text[end])) return std::nullopt;
  bool longer_number = (at(text, end, '.') || at(text, end, '-')) && end + 1 < text.size() &&
                       is_digit(text[end + 1]);
  if (longer_number) return std::nullopt;
  return DateTimeSpan{pos, end, Instant(*date), true};
}

std::optional<DateTimeSpan> date_time_at(std::string_view text, std::size_t pos) {
  auto date = date_at(text, pos);
  if (!date) return std::nullopt;
  char sep = pos + 10 < text.size() ? text[pos + 10] : '\0';
  if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
  microseconds time{};
  auto time_end = time_of_day(text, pos + 11, time);
  if (!time_end) return std::nullopt;
  auto [offset, end] = zone(text, *time_end);
  if (end < text.size() && is_alnum(text[end])) return std::nullopt;
  return DateTimeSpan{pos, end, Instant(*date) + time - offset};
}

// `HH:MM[:SS[.fff]]` and a zone, standing alone: not part of a longer run of numbers and
// colons (`12:34:56:78`, `::12:34`), a zone (`UTC+01:00`) or a decimal (`12:30.5`), and placed
// on the day nearest the reference.
std::optional<DateTimeSpan> time_of_day_at(std::string_view text, std::size_t pos,
                                           Instant reference) {
  if (pos > 0 && std::string_view(":./+").find(text[pos - 1]) != std::string_view::npos)
    return std::nullopt;
  microseconds time{};
  auto time_end = time_of_day(text, pos, time);
  if (!time_end) return std::nullopt;
  std::size_t end = *time_end;
  bool longer_number = (at(text, end, ':') || at(text, end, '.')) && end + 1 < text.size() &&
                       is_digit(text[end + 1]);
  if (longer_number) return std::nullopt;
  // After a bare time `-` opens the end of a range (`13:00-14:05`), not a zone.
  auto [offset, zone_end] = at(text, end, '-') ? std::pair{minutes(0), end} : zone(text, end);
  if (zone_end < text.size() && is_alnum(text[zone_end])) return std::nullopt;
  return DateTimeSpan{pos, zone_end, nearest_time(time - offset, reference)};
}

std::vector<DateTimeSpan> numeric_date_times(std::string_view text, Instant reference) {
  std::vector<DateTimeSpan> out;
  for (std::size_t pos = 0; pos + 5 <= text.size();) {
    bool boundary = pos == 0 || !is_alnum(text[pos - 1]);
    if (boundary && is_digit(text[pos])) {
      auto found = date_time_at(text, pos);
      if (!found) found = bare_date_at(text, pos);
      if (!found) found = time_of_day_at(text, pos, reference);
      if (found) {
        out.push_back(*found);
        pos = found->end;
        continue;
      }
    }
    ++pos;
  }
  return out;
}

}  // namespace

std::vector<DateTimeSpan> find_date_times(std::string_view text, std::optional<Instant> reference) {
  Instant near = reference.value_or(Instant(sys_days{}));
  auto numbers = numeric_date_times(text, near);
  auto words = find_dates_in_words(text, near);
  // Both lists are sorted; where a span in words overlaps one in numbers, the one that starts
  // first wins (`March 2, 2024 14:05` is one span in words).
  std::vector<DateTimeSpan> out;
  out.reserve(numbers.size() + words.size());
  std::size_t n = 0, w = 0;
  while (n < numbers.size() || w < words.size()) {
    bool take_number =
        w == words.size() || (n < numbers.size() && numbers[n].start < words[w].start);
    const DateTimeSpan& next = take_number ? numbers[n++] : words[w++];
    if (out.empty() || next.start >= out.back().end) out.push_back(next);
  }
  return out;
}

std::optional<Instant> parse_date_time(std::string_view text) {
  auto found = date_time_at(text, 0);
  if (!found || found->end != text.size()) return std::nullopt;
  return found->at;
}

}  // namespace hindsight::common::anonymizer
