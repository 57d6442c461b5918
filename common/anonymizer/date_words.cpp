#include "common/anonymizer/date_words.hpp"

#include <array>
#include <optional>
#include <tuple>

#include "common/anonymizer/date_scan.hpp"

namespace hindsight::common::anonymizer {
namespace {

using namespace std::chrono;
using namespace date_scan;

struct Name {
  std::string_view word;
  unsigned number;  // month 1..12, or weekday 0 (Sunday)..6
};

constexpr std::array<Name, 24> kMonths{{
    {"January", 1},   {"February", 2},  {"March", 3},  {"April", 4},     {"May", 5},
    {"June", 6},      {"July", 7},      {"August", 8}, {"September", 9}, {"October", 10},
    {"November", 11}, {"December", 12}, {"Jan", 1},    {"Feb", 2},       {"Mar", 3},
    {"Apr", 4},       {"Jun", 6},       {"Jul", 7},    {"Aug", 8},       {"Sept", 9},
    {"Sep", 9},       {"Oct", 10},      {"Nov", 11},   {"Dec", 12},
}};
constexpr std::array<Name, 7> kWeekdays{{{"Sunday", 0},
                                         {"Monday", 1},
                                         {"Tuesday", 2},
                                         {"Wednesday", 3},
                                         {"Thursday", 4},
                                         {"Friday", 5},
                                         {"Saturday", 6}}};

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_space(char c) {
  return c == ' ' || c == '\t';
}
bool word_ends(std::string_view text, std::size_t pos) {
  return pos >= text.size() || !is_alnum(text[pos]);
}

// The capitalized name at `pos` that ends a word (a month may take an abbreviation's dot):
// its number and where it ends.
template <std::size_t N>
std::optional<std::pair<unsigned, std::size_t>> name_at(std::string_view text, std::size_t pos,
                                                        const std::array<Name, N>& names) {
  if (pos >= text.size() || !is_upper(text[pos])) return std::nullopt;
  for (const auto& name : names) {
    std::size_t end = pos + name.word.size();
    if (!word_at(text, pos, name.word) || !word_ends(text, end)) continue;
    if (name.word.size() <= 4 && name.word != "June" && name.word != "July" && at(text, end, '.'))
      ++end;  // `Mar.`, `Sept.`
    return std::pair{name.number, end};
  }
  return std::nullopt;
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  for (int i = 0; i < 3 && pos < text.size() && is_space(text[pos]); ++i)
    ++pos;
  return pos;
}

// A day of the month, `2`, `02`, `2nd`, `31st`, not part of a number, a time or a decimal.
std::optional<std::pair<unsigned, std::size_t>> day_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !is_digit(text[pos])) return std::nullopt;
  std::size_t end = pos + 1;
  unsigned day = text[pos] - '0';
  if (end < text.size() && is_digit(text[end])) day = day * 10 + (text[end++] - '0');
  if (day < 1 || day > 31) return std::nullopt;
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (word_at(text, end, suffix) && word_ends(text, end + 2)) {
      end += 2;
      break;
    }
  if (!word_ends(text, end)) return std::nullopt;
  bool in_number = (at(text, end, ':') || at(text, end, '.') || at(text, end, ',') ||
                    at(text, end, '/') || at(text, end, '-')) &&
                   end + 1 < text.size() && is_digit(text[end + 1]);
  if (in_number) return std::nullopt;
  return std::pair{day, end};
}

// `, 2024` or ` 2024` after a date: the year and where it ends.
std::optional<std::pair<int, std::size_t>> year_at(std::string_view text, std::size_t pos) {
  if (at(text, pos, ',')) ++pos;
  std::size_t start = skip_spaces(text, pos);
  if (start == pos) return std::nullopt;
  auto year = digits(text, start, 4);
  std::size_t end = start + 4;
  if (!year || *year < 1900 || *year > 2199 || !word_ends(text, end)) return std::nullopt;
  if ((at(text, end, ':') || at(text, end, '.') || at(text, end, '-')) && end + 1 < text.size() &&
      is_digit(text[end + 1]))
    return std::nullopt;  // the start of a time or a longer number, not a year
  return std::pair{*year, end};
}

// The month and day in the year given, or in the year that puts it nearest the reference.
std::optional<sys_days> calendar_day(unsigned month, unsigned day, std::optional<int> year,
                                     Instant reference) {
  auto ymd = [&](int y) {
    return year_month_day{std::chrono::year(y), std::chrono::month(month), std::chrono::day(day)};
  };
  if (year) {
    if (!ymd(*year).ok()) return std::nullopt;
    return sys_days(ymd(*year));
  }
  sys_days near = floor<days>(reference);
  int reference_year = static_cast<int>(year_month_day(near).year());
  std::optional<sys_days> best;
  for (int y : {reference_year - 1, reference_year, reference_year + 1}) {
    if (!ymd(y).ok()) continue;
    sys_days candidate(ymd(y));
    auto distance = candidate > near ? candidate - near : near - candidate;
    if (!best || distance < (*best > near ? *best - near : near - *best)) best = candidate;
  }
  return best;
}

// `3 p.m.`, `3:15pm`, `11 AM`, `12 a.m.`: where it ends, with `time` since midnight.
std::optional<std::size_t> twelve_hour_at(std::string_view text, std::size_t pos,
                                          microseconds& time) {
  if (pos >= text.size() || !is_digit(text[pos])) return std::nullopt;
  std::size_t end = pos + 1;
  int hour = text[pos] - '0';
  if (end < text.size() && is_digit(text[end])) hour = hour * 10 + (text[end++] - '0');
  if (hour < 1 || hour > 12) return std::nullopt;
  int minute = 0;
  if (at(text, end, ':')) {
    auto m = digits(text, end + 1, 2);
    if (!m || *m > 59) return std::nullopt;
    minute = *m;
    end += 3;
  }
  if (at(text, end, ' ')) ++end;
  bool pm;
  if (word_at(text, end, "a.m") || word_at(text, end, "p.m")) {
    pm = (text[end] | 0x20) == 'p';
    end += 3;
    if (at(text, end, '.')) ++end;
    if (end < text.size() && is_alpha(text[end])) return std::nullopt;
  } else if (word_at(text, end, "am") || word_at(text, end, "pm")) {
    pm = (text[end] | 0x20) == 'p';
    end += 2;
    if (!word_ends(text, end)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  time = hours(hour % 12 + (pm ? 12 : 0)) + minutes(minute);
  return end;
}

// A 12-hour time at `pos` with its zone (`3 p.m. UTC`): where it ends, and the time since
// midnight UTC (negative or past a day when the zone moves it).
std::optional<std::size_t> twelve_hour_in_zone(std::string_view text, std::size_t pos,
                                               microseconds& time) {
  auto end = twelve_hour_at(text, pos, time);
  if (!end) return std::nullopt;
  auto [offset, zone_end] = zone(text, *end);
  if (!word_ends(text, zone_end)) return end;
  time -= offset;
  return zone_end;
}

// A time of day at `pos`, 12-hour or 24-hour, with its zone.
std::optional<std::size_t> any_time_at(std::string_view text, std::size_t pos, microseconds& time) {
  if (auto end = twelve_hour_in_zone(text, pos, time)) return end;
  auto end = time_of_day(text, pos, time);
  if (!end) return std::nullopt;
  bool longer_number = (at(text, *end, ':') || at(text, *end, '.')) && *end + 1 < text.size() &&
                       is_digit(text[*end + 1]);
  auto [offset, zone_end] = zone(text, *end);
  if (longer_number || !word_ends(text, zone_end)) return std::nullopt;
  time -= offset;
  return zone_end;
}

// A date in words at `pos`: its day and where it ends.
std::optional<std::pair<sys_days, std::size_t>> date_at(std::string_view text, std::size_t pos,
                                                        Instant reference) {
  unsigned month = 0, day = 0;
  std::size_t end = 0;
  if (auto named = name_at(text, pos, kMonths)) {  // `March 2`, `Mar. 2nd`
    std::size_t day_pos = skip_spaces(text, named->second);
    auto d = day_pos > named->second ? day_at(text, day_pos) : std::nullopt;
    if (!d) return std::nullopt;
    month = named->first;
    std::tie(day, end) = *d;
  } else if (auto d = day_at(text, pos)) {  // `2 March`, `2nd of March`
    std::size_t name_pos = skip_spaces(text, d->second);
    if (name_pos == d->second) return std::nullopt;
    if (word_at(text, name_pos, "of ")) name_pos = skip_spaces(text, name_pos + 2);
    auto named = name_at(text, name_pos, kMonths);
    if (!named) return std::nullopt;
    month = named->first;
    day = d->first;
    end = named->second;
  } else {
    return std::nullopt;
  }
  auto year = year_at(text, end);
  if (year) end = year->second;
  auto date = calendar_day(
      month, day, year ? std::optional<int>(year->first) : std::optional<int>(), reference);
  if (!date) return std::nullopt;
  return std::pair{*date, end};
}

// The word before `pos`, over at most a few spaces; empty when there is none.
std::string_view word_before(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  for (int i = 0; i < 3 && end > 0 && is_space(text[end - 1]); ++i)
    --end;
  if (end == pos) return {};
  std::size_t start = end;
  while (start > 0 && end - start < 12 && is_alpha(text[start - 1]))
    --start;
  if (start > 0 && is_alpha(text[start - 1])) return {};
  return text.substr(start, end - start);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && word_at(a, 0, b);
}

// `every Sunday`, `each Monday`, `every other Friday`.
bool recurring(std::string_view text, std::size_t pos) {
  std::string_view before = word_before(text, pos);
  if (iequals(before, "every") || iequals(before, "each")) return true;
  if (iequals(before, "other") || iequals(before, "second") || iequals(before, "alternate")) {
    std::string_view further = word_before(text, pos - before.size() - 1);
    return iequals(further, "every");
  }
  return false;
}

// A day named by a weekday or relative word at `pos`: the day and where it ends.
std::optional<std::pair<sys_days, std::size_t>> named_day_at(std::string_view text, std::size_t pos,
                                                             Instant reference) {
  sys_days near = floor<days>(reference);
  if (auto weekday = name_at(text, pos, kWeekdays)) {
    // The day of that weekday nearest the reference: 3 days before to 3 after.
    int ahead = (static_cast<int>(weekday->first) -
                 static_cast<int>(std::chrono::weekday(near).c_encoding()) + 7) %
                7;
    if (ahead > 3) ahead -= 7;
    return std::pair{near + days(ahead), weekday->second};
  }
  constexpr std::array<std::pair<std::string_view, int>, 3> kRelative{
      {{"yesterday", -1}, {"today", 0}, {"tomorrow", 1}}};
  for (auto [word, shift] : kRelative)
    if (word_at(text, pos, word) && word_ends(text, pos + word.size()))
      return std::pair{near + days(shift), pos + word.size()};
  return std::nullopt;
}

// A time of day after a date: `, 3 p.m.`, ` at 14:05 UTC`.
std::optional<std::size_t> time_after(std::string_view text, std::size_t pos, microseconds& time) {
  if (at(text, pos, ',')) ++pos;
  std::size_t next = skip_spaces(text, pos);
  if (next == pos) return std::nullopt;
  if (word_at(text, next, "at ")) next = skip_spaces(text, next + 2);
  return any_time_at(text, next, time);
}

// Where a span may start: not inside a word, a number or a version (`v1.3 pm`).
bool starts_here(std::string_view text, std::size_t pos) {
  if (pos == 0) return true;
  char before = text[pos - 1];
  return !is_alnum(before) && before != '.' && before != ':' && before != '/' && before != '-' &&
         before != '_';
}

}  // namespace

std::vector<DateTimeSpan> find_dates_in_words(std::string_view text, Instant reference) {
  std::vector<DateTimeSpan> out;
  for (std::size_t pos = 0; pos < text.size();) {
    if (!is_alnum(text[pos]) || !starts_here(text, pos)) {
      ++pos;
      continue;
    }
    auto day = date_at(text, pos, reference);
    bool repeats = false;
    if (!day) {
      day = named_day_at(text, pos, reference);
      repeats = day && recurring(text, pos);
    }
    std::optional<DateTimeSpan> found;
    microseconds time{};
    if (day) {
      if (auto end = time_after(text, day->second, time))
        found = DateTimeSpan{pos, *end, Instant(day->first) + time};
      else
        found = DateTimeSpan{pos, day->second, Instant(day->first), true};
    } else if (auto end = twelve_hour_in_zone(text, pos, time)) {
      found = DateTimeSpan{pos, *end, nearest_time(time, reference)};
    }
    if (!found) {
      while (pos < text.size() && is_alnum(text[pos]))
        ++pos;  // the rest of this word starts nothing
      continue;
    }
    if (!repeats) out.push_back(*found);
    pos = found->end;
  }
  return out;
}

}  // namespace hindsight::common::anonymizer
