#include "server/lessons/lesson_redactor.hpp"

#include <algorithm>
#include <map>

#include "common/anonymizer/text_utils.hpp"
#include "server/lessons/date_time_finder.hpp"
#include "server/lessons/directory_emails.hpp"
#include "server/lessons/incident_clock.hpp"
#include "server/lessons/lesson_fields.hpp"
#include "server/lessons/term_matcher.hpp"
#include "server/lessons/text_fields.hpp"

namespace hindsight::server {
namespace anon = common::anonymizer;
using nlohmann::json;

namespace {

// The rule_id of spans found in the user directory rather than by the detector or a reviewer.
const std::string kDirectory = "directory";

struct Span {
  std::size_t start;
  std::size_t end;
  anon::EntityType type;
  std::string rule_id;  // empty: the detector's
  std::size_t size() const { return end - start; }
  bool overlaps(const Span& o) const { return start < o.end && o.start < end; }
};

std::vector<Span> reviewer_spans(const TextField& field, const RuleSet& rules) {
  std::vector<Span> out;
  for (const auto& term : rules.redact_terms) {
    if (!term.field.empty() && term.field != field.path) continue;
    auto found = term.field.empty() ? find_whole_words(field.text, term.text)
                                    : find_exact(field.text, term.text);
    for (auto [start, end] : found)
      out.push_back({start, end, term.type, term.rule_id});
  }
  for (const auto& span : rules.redact_spans)
    if (span.field == field.path && span.end <= field.text.size())
      out.push_back({span.start, span.end, span.type, span.rule_id});
  return out;
}

std::string source_of(const Span& span) {
  return span.rule_id.empty() ? "detector" : span.rule_id == kDirectory ? "directory" : "reviewer";
}

bool kept(std::string_view original, const RuleSet& rules) {
  if (rules.keep_terms.empty()) return false;
  std::string folded = common::anonymizer::fold_case(original);
  return std::any_of(
      rules.keep_terms.begin(), rules.keep_terms.end(), [&](const std::string& term) {
        return term.size() == folded.size() && common::anonymizer::fold_case(term) == folded;
      });
}

// `winners` merge where they overlap and swallow every one of `losers` they touch, until
// nothing overlaps: the result is the winners grown to cover what they swallowed.
void absorb(std::vector<Span>& winners, std::vector<Span>& losers) {
  for (bool changed = true; changed;) {
    changed = false;
    std::sort(winners.begin(), winners.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });
    std::vector<Span> merged;
    for (const auto& r : winners) {
      if (merged.empty() || !merged.back().overlaps(r)) {
        merged.push_back(r);
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

class Redactor {
 public:
  Redactor(const anon::Anonymizer& anonymizer, const anon::DocumentContext& context,
           const RuleSet& rules, const IncidentClock& clock)
      : anonymizer_(anonymizer), context_(context), rules_(rules), clock_(clock) {}

  std::string redact(const TextField& field) {
    std::vector<Span> reviewer = reviewer_spans(field, rules_);
    std::vector<Span> detector, directory;
    for (const auto& f : anonymizer_.detect(field.text, context_))
      if (!kept(std::string_view(field.text).substr(f.start, f.size()), rules_))
        detector.push_back({f.start, f.end, f.type, {}});
    for (const auto& f : directory_emails(field.text, context_))
      if (!kept(std::string_view(field.text).substr(f.start, f.size()), rules_))
        directory.push_back({f.start, f.end, f.type, kDirectory});
    // A directory address outranks a detector finding inside it ("user@[DOMAIN-1]").
    absorb(directory, detector);
    detector.insert(detector.end(), directory.begin(), directory.end());
    absorb(reviewer, detector);
    std::vector<Span> spans = std::move(reviewer);
    spans.insert(spans.end(), detector.begin(), detector.end());
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return a.start < b.start; });

    std::vector<DateTimeSpan> times;
    for (const auto& t : find_date_times(field.text, clock_.start())) {
      Span as_span{t.start, t.end, anon::EntityType::kOrg, {}};
      if (std::none_of(spans.begin(), spans.end(),
                       [&](const Span& s) { return s.overlaps(as_span); }))
        times.push_back(t);
    }
    return apply(field, spans, times);
  }

  LessonDraft finish(json fields, json tags) {
    return {std::move(fields), std::move(tags), std::move(findings_), std::move(coarsened_)};
  }

 private:
  // Replaces spans and date-times in one left-to-right pass; both lists are sorted and
  // disjoint from each other.
  std::string apply(const TextField& field, const std::vector<Span>& spans,
                    const std::vector<DateTimeSpan>& times) {
    std::string_view text = field.text;
    std::string out;
    std::size_t pos = 0, s = 0, t = 0;
    while (s < spans.size() || t < times.size()) {
      bool take_span = t == times.size() || (s < spans.size() && spans[s].start < times[t].start);
      if (take_span) {
        const Span& span = spans[s++];
        out.append(text.substr(pos, span.start - pos));
        std::string placeholder =
            session_.placeholder_for(span.type, text.substr(span.start, span.size()));
        json finding = {{"field", field.path},        {"type", anon::entity_type_name(span.type)},
                        {"start", span.start},        {"end", span.end},
                        {"placeholder", placeholder}, {"source", source_of(span)}};
        if (finding["source"] == "reviewer") finding["rule_id"] = span.rule_id;
        findings_.push_back(std::move(finding));
        out += placeholder;
        pos = span.end;
      } else {
        const DateTimeSpan& time = times[t++];
        out.append(text.substr(pos, time.start - pos));
        std::string replacement =
            time.whole_day ? clock_.day_label(time.at) : clock_.label(time.at);
        coarsened_.push_back({{"field", field.path},
                              {"start", time.start},
                              {"end", time.end},
                              {"replacement", replacement}});
        out += replacement;
        pos = time.end;
      }
    }
    out.append(text.substr(pos));
    return out;
  }

  const anon::Anonymizer& anonymizer_;
  const anon::DocumentContext& context_;
  const RuleSet& rules_;
  const IncidentClock& clock_;
  anon::RedactionSession session_;
  json findings_ = json::array();
  json coarsened_ = json::array();
};

}  // namespace

LessonDraft draft_lesson(const json& postmortem_version, const anon::Anonymizer& anonymizer,
                         const anon::DocumentContext& context, const RuleSet& rules) {
  IncidentClock clock = IncidentClock::of(postmortem_version);
  Redactor redactor(anonymizer, context, rules, clock);
  std::map<std::string, std::string> redacted;
  for (const auto& field : text_fields(postmortem_version))
    redacted[field.path] = redactor.redact(field);
  json tags = json::array();
  for (std::size_t i = 0; i < postmortem_version.value("tags", json::array()).size(); ++i)
    tags.push_back(redacted["tags[" + std::to_string(i) + "]"]);
  return redactor.finish(federation::to_json(lesson_fields(postmortem_version, redacted, clock)),
                         std::move(tags));
}

}  // namespace hindsight::server
