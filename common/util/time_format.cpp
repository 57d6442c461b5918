#include "common/util/time_format.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace hindsight::common {

std::string format_rfc3339_millis(std::chrono::system_clock::time_point t) {
  auto millis = std::chrono::time_point_cast<std::chrono::milliseconds>(t);
  auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(millis);
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", seconds,
                     static_cast<int>((millis - seconds).count()));
}

std::string format_rfc3339(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                     std::chrono::time_point_cast<std::chrono::seconds>(t));
}

}  // namespace hindsight::common

namespace hindsight::common {
namespace {

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// Any year 0000-9999: RFC 3339 allows year 0000 with an offset that puts the instant in year 1.
std::optional<std::chrono::year_month_day> calendar_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, y) ||
      !digits(text, 5, 2, m) || !digits(text, 8, 2, d))
    return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(y),
                                   std::chrono::month(static_cast<unsigned>(m)),
                                   std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  auto date = calendar_date(text);
  // There is no year 0 in PostgreSQL's calendar.
  if (!date || date->year() < std::chrono::year(1)) return std::nullopt;
  return date;
}

std::optional<std::chrono::sys_time<std::chrono::microseconds>> parse_rfc3339(
    std::string_view text) {
  using namespace std::chrono;
  if (text.size() < 20) return std::nullopt;
  auto date = calendar_date(text.substr(0, 10));
  int hh = 0, mm = 0, ss = 0;
  if (!date || (text[10] != 'T' && text[10] != 't') || !digits(text, 11, 2, hh) ||
      text[13] != ':' || !digits(text, 14, 2, mm) || text[16] != ':' || !digits(text, 17, 2, ss) ||
      hh > 23 || mm > 59 || ss > 59)
    return std::nullopt;
  std::size_t pos = 19;
  long long micros = 0;
  if (pos < text.size() && text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (pos - start < 6) micros = micros * 10 + (text[pos] - '0');
      ++pos;
    }
    if (pos == start) return std::nullopt;
    for (std::size_t n = pos - start; n < 6; ++n)
      micros *= 10;
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !digits(text, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  sys_time<microseconds> t = sys_days(*date) + hours(hh) + minutes(mm) + seconds(ss) +
                             microseconds(micros) - minutes(offset_minutes);
  return t;
}

std::optional<std::string> canonical_instant(std::string_view text) {
  using namespace std::chrono;
  auto t = parse_rfc3339(text);
  if (!t) return std::nullopt;
  // Written by hand: formatting through system_clock overflows its nanoseconds before 1678.
  auto day = floor<days>(*t);
  year_month_day date{day};
  if (date.year() < year(1) || date.year() > year(9999)) return std::nullopt;
  hh_mm_ss<microseconds> time{*t - day};
  std::string out = fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}", int(date.year()),
                                unsigned(date.month()), unsigned(date.day()), time.hours().count(),
                                time.minutes().count(), time.seconds().count());
  if (time.subseconds().count() != 0) out += fmt::format(".{:06d}", time.subseconds().count());
  return out + "Z";
}

}  // namespace hindsight::common
