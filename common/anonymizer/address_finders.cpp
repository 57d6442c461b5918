#include "common/anonymizer/address_finders.hpp"

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using namespace finder;

bool is_domain_char(char c) {
  return is_ascii_alnum(c) || c == '-';
}

// `[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b` at `pos`: its end, or npos. Each label is
// a whole run (a shorter one would be followed by a label byte, not a dot), and backtracking
// gives up labels from the end until one opens with two letters followed by a boundary, so the
// last label that does so ends the match.
std::size_t domain_end(std::string_view text, std::size_t pos) {
  std::size_t p = run_end(text, pos, is_domain_char);
  if (p == pos) return npos;
  std::size_t best = npos;
  while (p + 1 < text.size() && text[p] == '.' && is_domain_char(text[p + 1])) {
    std::size_t label = p + 1;
    std::size_t letters = run_end(text, label, is_letter);
    if (letters - label >= 2 && word_boundary(text, letters)) best = letters;
    p = run_end(text, label, is_domain_char);
  }
  return best;
}

// `\d{1,3}` followed by `.` at `pos`: the dot, or npos. The digits are a whole run, as above.
std::size_t octet_dot(std::string_view text, std::size_t pos) {
  std::size_t digits = run_end(text, pos, is_ascii_digit);
  if (digits == pos || digits - pos > 3 || digits >= text.size() || text[digits] != '.')
    return npos;
  return digits;
}

// The run of hex, `:` and `.` an IPv6 match ends in, and the last hex digit in it, kept for the
// starts that fall in the same run: on `::::...` every colon would otherwise read the whole run.
struct Ipv6Run {
  std::size_t from = npos;
  std::size_t end = 0;
  std::size_t last_hex = npos;
};

bool is_ipv6_byte(char c) {
  return is_ascii_hex(c) || c == ':' || c == '.';
}

// What follows the first group of an IPv6 match, from `pos` (just after its `:`):
// `[0-9a-f]{0,4}:[0-9a-f:.]*[0-9a-f](?:%[0-9a-z_.-]+)?(?:/\d{1,3})?`. Its end, or npos. A
// group is a whole hex run (a shorter one is followed by hex, not `:`); the run of hex, `:` and
// `.` gives back bytes until it ends in hex; the zone and prefix are taken when present.
std::size_t ipv6_rest_end(std::string_view text, std::size_t pos, Ipv6Run& run) {
  std::size_t group = pos;
  while (group < text.size() && group - pos <= 4 && is_ascii_hex(text[group]))
    ++group;
  if (group - pos > 4 || group >= text.size() || text[group] != ':') return npos;
  std::size_t from = group + 1;
  if (run.from == npos || from < run.from || from > run.end) {
    run.from = from;
    run.end = run_end(text, from, is_ipv6_byte);
    run.last_hex = npos;
    for (std::size_t at = run.end; at > from; --at)
      if (is_ascii_hex(text[at - 1])) {
        run.last_hex = at - 1;
        break;
      }
  }
  if (run.last_hex == npos || run.last_hex < from) return npos;
  std::size_t end = run.last_hex + 1;
  if (end < text.size() && text[end] == '%') {
    std::size_t zone = end + 1;
    for (std::size_t length; (length = folded_char_at(text, zone, is_name_byte)) > 0;)
      zone += length;
    if (zone > end + 1) end = zone;
  }
  if (end + 1 < text.size() && text[end] == '/' && is_ascii_digit(text[end + 1])) {
    std::size_t digits = end + 1;
    while (digits < text.size() && digits - end <= 3 && is_ascii_digit(text[digits]))
      ++digits;
    end = digits;
  }
  return end;
}

}  // namespace

bool find_email(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  // The local part is the run before an `@` (it cannot hold one), opened at its leftmost `\b`;
  // the domain after the `@` decides for every start alike.
  for (std::size_t from = pos; from < text.size();) {
    std::size_t at = next_byte(text, from, '@');
    if (at == npos) return false;
    std::size_t first = run_start(text, at, from, is_mailbox_byte);
    while (first < at && !word_boundary(text, first))
      ++first;
    if (first < at) {
      std::size_t domain = domain_end(text, at + 1);
      if (domain != npos) {
        start = first;
        end = domain;
        return true;
      }
    }
    from = at + 1;
  }
  return false;
}

bool find_ipv4(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  // The first octet is the run of digits before a dot, opened by `\b`; the rest follows.
  for (std::size_t from = pos; from < text.size();) {
    std::size_t dot = next_byte(text, from, '.');
    if (dot == npos) return false;
    std::size_t first = run_start(text, dot, from, is_ascii_digit);
    if (first < dot && dot - first <= 3 && word_starts_at(text, first)) {
      std::size_t second = octet_dot(text, dot + 1);
      std::size_t third = second == npos ? npos : octet_dot(text, second + 1);
      if (third != npos) {
        std::size_t last = third + 1;
        std::size_t digits = run_end(text, last, is_ascii_digit);
        if (digits > last && digits - last <= 3) {
          // `(?:/\d{1,2})?\b`: the prefix length only as a whole, else a boundary here.
          if (digits < text.size() && text[digits] == '/') {
            std::size_t mask = run_end(text, digits + 1, is_ascii_digit);
            if (mask > digits + 1 && mask - digits - 1 <= 2 && word_boundary(text, mask)) {
              start = first;
              end = mask;
              return true;
            }
          }
          if (word_boundary(text, digits)) {
            start = first;
            end = digits;
            return true;
          }
        }
      }
    }
    from = dot + 1;
  }
  return false;
}

bool find_ipv6(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  // A match opens with one to four hex digits and a `:`, or with `::`; the first colon at or
  // after a start is that `:`. So colons in order, and for each the starts it can open, come
  // in the order of their starts: the leftmost of the hex run before it (at most four back),
  // which reads the same rest as any later one, then `::` at the colon itself.
  Ipv6Run run;
  for (std::size_t colon = next_byte(text, pos, ':'); colon != npos;
       colon = next_byte(text, colon + 1, ':')) {
    std::size_t first = colon;  // the hex run before the colon, at most four back
    while (first > pos && colon - first < 4 && is_ascii_hex(text[first - 1]))
      --first;
    if (first < colon) {
      std::size_t rest = ipv6_rest_end(text, colon + 1, run);
      if (rest != npos) {
        start = first;
        end = rest;
        return true;
      }
    }
    if (colon + 1 < text.size() && text[colon + 1] == ':') {
      std::size_t rest = ipv6_rest_end(text, colon + 2, run);
      if (rest != npos) {
        start = colon;
        end = rest;
        return true;
      }
    }
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
