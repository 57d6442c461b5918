#include "common/anonymizer/redaction_layers.hpp"

#include <algorithm>
#include <optional>

#include "common/anonymizer/date_time_finder.hpp"
#include "common/anonymizer/directory_emails.hpp"
#include "common/anonymizer/term_matcher.hpp"
#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {
namespace {

struct Span {
  std::size_t start;
  std::size_t end;
  EntityType type;
  FindingSource source;
  std::string rule_id;
  std::size_t size() const { return end - start; }
  bool overlaps(std::size_t s, std::size_t e) const { return start < e && s < end; }
  bool overlaps(const Span& o) const { return overlaps(o.start, o.end); }
};

std::vector<Span> reviewer_spans(std::string_view text, const ReviewerRules& rules) {
  std::vector<Span> out;
  std::optional<WholeWordSearch> words;  // the text folded once, if a term needs it
  for (const auto& term : rules.redact_terms) {
    if (!term.exact && !words) words.emplace(text);
    auto found = term.exact ? find_exact(text, term.text) : words->find(term.text);
    for (auto [start, end] : found)
      out.push_back({start, end, term.type, FindingSource::kReviewer, term.rule_id});
  }
  for (const auto& span : rules.redact_spans)
    if (span.start < span.end && span.end <= text.size())
      out.push_back({span.start, span.end, span.type, FindingSource::kReviewer, span.rule_id});
  return out;
}

bool kept(std::string_view original, const ReviewerRules& rules) {
  if (rules.keep_terms.empty()) return false;
  std::string folded = fold_case(original);
  return std::any_of(rules.keep_terms.begin(), rules.keep_terms.end(),
                     [&](const std::string& term) {
                       return term.size() == folded.size() && fold_case(term) == folded;
                     });
}

void add_unless_kept(std::vector<Span>& to, std::string_view text,
                     const std::vector<Finding>& found, FindingSource source,
                     const ReviewerRules& rules) {
  for (const auto& f : found)
    if (!kept(text.substr(f.start, f.size()), rules))
      to.push_back({f.start, f.end, f.type, source, {}});
}

// `winners` merge where they overlap and swallow every one of `losers` they touch, until
// nothing overlaps: the result is the winners grown to cover what they swallowed.
void absorb(std::vector<Span>& winners, std::vector<Span>& losers) {
  for (bool changed = true; changed;) {
    changed = false;
    std::sort(winners.begin(), winners.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
    std::vector<Span> merged;
    for (auto& r : winners) {
      if (merged.empty() || !merged.back().overlaps(r)) {
        merged.push_back(std::move(r));
        continue;
      }
      Span& m = merged.back();
      if (r.size() > m.size()) {
        m.type = r.type;
        m.rule_id = r.rule_id;
      }
      m.end = std::max(m.end, r.end);
    }
    winners = std::move(merged);
    std::erase_if(losers, [&](const Span& d) {
      for (auto& r : winners) {
        if (!r.overlaps(d)) continue;
        r.start = std::min(r.start, d.start);
        r.end = std::max(r.end, d.end);
        changed = true;
        return true;
      }
      return false;
    });
  }
}

}  // namespace

RedactedText redact_in_layers(std::string_view text, const std::vector<Finding>& detected,
                              const DocumentContext& context, const ReviewerRules& rules,
                              RedactionSession& session) {
  std::vector<Span> detector, directory;
  add_unless_kept(detector, text, detected, FindingSource::kDetector, rules);
  add_unless_kept(directory, text, directory_emails(text, context), FindingSource::kDirectory,
                  rules);
  // A directory address outranks a detector finding inside it ("user@[DOMAIN-1]").
  absorb(directory, detector);
  detector.insert(detector.end(), directory.begin(), directory.end());
  std::vector<Span> spans = reviewer_spans(text, rules);
  absorb(spans, detector);
  spans.insert(spans.end(), detector.begin(), detector.end());
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });

  std::vector<DateTimeSpan> times;
  if (context.incident)
    for (const auto& t : find_date_times(text, context.incident->start()))
      if (std::none_of(spans.begin(), spans.end(),
                       [&](const Span& s) { return s.overlaps(t.start, t.end); }))
        times.push_back(t);

  // Spans and times in one left-to-right pass; both lists are sorted and disjoint.
  RedactedText out;
  out.text.reserve(text.size());
  out.findings.reserve(spans.size());
  std::size_t pos = 0, s = 0, t = 0;
  while (s < spans.size() || t < times.size()) {
    if (t == times.size() || (s < spans.size() && spans[s].start < times[t].start)) {
      Span& span = spans[s++];
      out.text.append(text.substr(pos, span.start - pos));
      auto placeholder = session.placeholder_for(span.type, text.substr(span.start, span.size()));
      out.text += placeholder;
      out.findings.push_back({{span.type, span.start, span.end},
                              std::move(placeholder),
                              span.source,
                              std::move(span.rule_id)});
      pos = span.end;
    } else {
      const DateTimeSpan& time = times[t++];
      out.text.append(text.substr(pos, time.start - pos));
      auto replacement =
          time.whole_day ? context.incident->day_label(time.at) : context.incident->label(time.at);
      out.text += replacement;
      out.coarsened.push_back({time.start, time.end, std::move(replacement)});
      pos = time.end;
    }
  }
  out.text.append(text.substr(pos));
  return out;
}

}  // namespace hindsight::common::anonymizer
