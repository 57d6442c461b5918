#include "common/anonymizer/host_name_finders.hpp"

#include <algorithm>

#include "common/anonymizer/finder_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using namespace finder;

constexpr std::size_t kMaxLabel = 63;

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || is_ascii_digit(c);
}

bool is_label_char(char c) {
  return is_ascii_alnum(c) || c == '-';
}

// `[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.` at `pos`: where its dot is, or npos. The
// label cannot stop short of the dot, so it is the whole run of label characters.
std::size_t dotted_label_end(std::string_view text, std::size_t pos, std::size_t label_run_end) {
  if (pos >= text.size() || !is_ascii_alnum(text[pos])) return npos;
  std::size_t end = label_run_end;
  if (end >= text.size() || text[end] != '.' || end - pos > kMaxLabel || text[end - 1] == '-')
    return npos;
  return end;
}

// `[A-Za-z][A-Za-z0-9-]{0,62}\b` at `pos`: the longest such stretch, as greedy backtracking
// takes it, or npos.
std::size_t final_label_end(std::string_view text, std::size_t pos, std::size_t label_run_end) {
  if (pos >= text.size() || !is_letter(text[pos])) return npos;
  std::size_t limit = std::min(label_run_end, pos + kMaxLabel);
  for (std::size_t end = limit; end > pos; --end)
    if (word_boundary(text, end)) return end;
  return npos;
}

}  // namespace

// Every match holds a dot right after its first label, and a host name's labels are joined by
// `-`: memchr finds those bytes, so the loops below look only at the few runs around them.

bool find_dotted_name(std::string_view text, std::size_t pos, std::size_t& start,
                      std::size_t& end) {
  std::size_t from = pos;  // no match starts before it
  while (from < text.size()) {
    std::size_t dot = next_byte(text, from, '.');
    if (dot == npos) return false;
    std::size_t run = run_start(text, dot, from, is_label_char);
    // The leftmost start of a first label ending at this dot; the chain after it is the same
    // for every such start, so only the leftmost one needs trying.
    std::size_t s = run;
    while (s < dot &&
           (!is_ascii_alnum(text[s]) || (s > 0 && is_word(text[s - 1])) || dot - s > kMaxLabel))
      ++s;
    if (s == dot || text[dot - 1] == '-') {
      from = dot + 1;
      continue;
    }
    // More labels are preferred, so the last label of the chain after which a final label
    // matches decides the end.
    std::size_t best = npos;
    std::size_t segment = dot + 1;
    while (true) {
      std::size_t segment_run = run_end(text, segment, is_label_char);
      std::size_t final_end = final_label_end(text, segment, segment_run);
      if (final_end != npos) best = final_end;
      std::size_t next_dot = dotted_label_end(text, segment, segment_run);
      if (next_dot == npos) break;
      segment = next_dot + 1;
    }
    if (best != npos) {
      start = s;
      end = best;
      return true;
    }
    // Every start up to the chain's last segment shares its tail, so fails the same way.
    from = segment;
  }
  return false;
}

bool find_short_host(std::string_view text, std::size_t pos, std::size_t& start, std::size_t& end) {
  std::size_t from = pos;
  while (from < text.size()) {
    std::size_t dash = next_byte(text, from, '-');
    if (dash == npos) return false;
    // `[a-z][a-z0-9]*` cannot stop short of a `-`, so the first part is the whole run before it.
    std::size_t s = run_start(text, dash, from, is_lower_alnum);
    if (s == dash || text[s] < 'a' || text[s] > 'z' || !word_starts_at(text, s)) {
      from = dash + 1;
      continue;
    }
    std::size_t p = dash;
    std::size_t repeats = 0;
    std::size_t last_dash = npos;
    while (p + 1 < text.size() && text[p] == '-' && is_lower_alnum(text[p + 1])) {
      last_dash = p;
      p = run_end(text, p + 1, is_lower_alnum);
      ++repeats;
    }
    if (repeats > 0) {
      // `(?:\.[a-z]{2,5}[0-9]{1,2})?\b`: the suffix only as a whole, else a boundary here, else
      // one repetition fewer (it ends before a `-`, a boundary).
      if (p < text.size() && text[p] == '.') {
        std::size_t letters = run_end(text, p + 1, [](char c) { return c >= 'a' && c <= 'z'; });
        std::size_t digits = run_end(text, letters, is_ascii_digit);
        std::size_t letter_count = letters - p - 1, digit_count = digits - letters;
        if (letter_count >= 2 && letter_count <= 5 && digit_count >= 1 && digit_count <= 2 &&
            word_boundary(text, digits)) {
          start = s;
          end = digits;
          return true;
        }
      }
      if (word_boundary(text, p) || repeats > 1) {
        start = s;
        end = word_boundary(text, p) ? p : last_dash;
        return true;
      }
    }
    // Starts inside the parts after a `-` have no `-` of their own to reach, or end the same way.
    from = p > dash ? p : dash + 1;
  }
  return false;
}

}  // namespace hindsight::common::anonymizer
