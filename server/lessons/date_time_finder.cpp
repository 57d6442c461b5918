#include "server/lessons/date_time_finder.hpp"

#include <optional>

namespace hindsight::server {
namespace {

using namespace std::chrono;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads exactly `n` digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(text[pos + i])) return std::nullopt;
    value = value * 10 + (text[pos + i] - '0');
  }
  return value;
}

bool at(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

bool word_at(std::string_view text, std::size_t pos, std::string_view word) {
  if (text.size() - std::min(pos, text.size()) < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if ((text[pos + i] | 0x20) != (word[i] | 0x20)) return false;
  return true;
}

// The zone after the time: its offset east of UTC and where it ends; none means UTC.
std::pair<minutes, std::size_t> zone(std::string_view text, std::size_t pos) {
  if (at(text, pos, 'Z') || at(text, pos, 'z')) return {minutes(0), pos + 1};
  if (at(text, pos, '+') || at(text, pos, '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    auto hours = digits(text, pos + 1, 2);
    std::size_t next = pos + 3 + (at(text, pos + 3, ':') ? 1 : 0);
    auto mins = digits(text, next, 2);
    if (hours && mins && *hours <= 14 && *mins < 60)  // real zones span -12:00..+14:00
      return {minutes(sign * (*hours * 60 + *mins)), next + 2};
    return {minutes(0), pos};
  }
  std::size_t name = at(text, pos, ' ') ? pos + 1 : pos;
  if (word_at(text, name, "UTC") || word_at(text, name, "GMT")) return {minutes(0), name + 3};
  return {minutes(0), pos};
}

// `HH:MM[:SS[.fff]]` at `pos` (24-hour, two-digit hours): where it ends, with `time` since
// midnight; nullopt when there is none.
std::optional<std::size_t> time_of_day(std::string_view text, std::size_t pos, microseconds& time) {
  auto hour = digits(text, pos, 2);
  auto minute = digits(text, pos + 3, 2);
  if (!hour || !minute || !at(text, pos + 2, ':') || *hour > 23 || *minute > 59)
    return std::nullopt;
  std::size_t end = pos + 5;
  time = hours(*hour) + minutes(*minute);
  if (auto second = at(text, end, ':') ? digits(text, end + 1, 2) : std::nullopt) {
    if (*second > 60) return std::nullopt;
    time += seconds(*second);
    end += 3;
    if ((at(text, end, '.') || at(text, end, ',')) && end + 1 < text.size() &&
        is_digit(text[end + 1])) {
      long long fraction = 0, scale = 1'000'000;
      for (++end; end < text.size() && is_digit(text[end]); ++end)
        if (scale > 1) fraction += (text[end] - '0') * (scale /= 10);
      time += microseconds(fraction);
    }
  }
  return end;
}

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
// colons (`12:34:56:78`, `::12:34`), a zone (`UTC+01:00`) or a decimal (`12:30.5`).
// The instant is on 1970-01-01; nearest_to moves it to the incident's days.
std::optional<DateTimeSpan> time_of_day_at(std::string_view text, std::size_t pos) {
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
  return DateTimeSpan{pos, zone_end, Instant(sys_days{}) + time - offset};
}

// The bare time on the day before, of, or after the reference's (UTC) day, whichever is
// nearest to the reference.
DateTimeSpan nearest_to(DateTimeSpan span, Instant reference) {
  auto time_of_day = span.at - Instant(sys_days{});
  auto day = floor<days>(reference);
  auto distance = [&](Instant t) { return t > reference ? t - reference : reference - t; };
  std::optional<Instant> best;
  for (int shift : {-1, 0, 1}) {
    Instant candidate = Instant(day + days(shift)) + time_of_day;
    if (!best || distance(candidate) < distance(*best)) best = candidate;
  }
  span.at = *best;
  return span;
}

}  // namespace

std::vector<DateTimeSpan> find_date_times(std::string_view text, std::optional<Instant> reference) {
  std::vector<DateTimeSpan> out;
  for (std::size_t pos = 0; pos + 5 <= text.size();) {
    bool boundary = pos == 0 || !is_alnum(text[pos - 1]);
    if (boundary && is_digit(text[pos])) {
      auto found = date_time_at(text, pos);
      if (!found) found = bare_date_at(text, pos);
      if (!found) {
        found = time_of_day_at(text, pos);
        if (found && reference) found = nearest_to(*found, *reference);
      }
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

}  // namespace hindsight::server
