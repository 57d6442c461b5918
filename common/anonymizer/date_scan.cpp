#include "common/anonymizer/date_scan.hpp"

#include <algorithm>

namespace hindsight::common::anonymizer::date_scan {

using namespace std::chrono;

std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(text[pos + i])) return std::nullopt;
    value = value * 10 + (text[pos + i] - '0');
  }
  return value;
}

bool word_at(std::string_view text, std::size_t pos, std::string_view word) {
  if (text.size() - std::min(pos, text.size()) < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if ((text[pos + i] | 0x20) != (word[i] | 0x20)) return false;
  return true;
}

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

Instant nearest_time(microseconds time, Instant reference) {
  auto day = floor<days>(reference);
  auto distance = [&](Instant t) { return t > reference ? t - reference : reference - t; };
  std::optional<Instant> best;
  for (int shift : {-1, 0, 1}) {
    Instant candidate = Instant(day + days(shift)) + time;
    if (!best || distance(candidate) < distance(*best)) best = candidate;
  }
  return *best;
}

}  // namespace hindsight::common::anonymizer::date_scan
