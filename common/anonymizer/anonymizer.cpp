#include "common/anonymizer/anonymizer.hpp"

#include <algorithm>

#include "common/anonymizer/builtin_prefilter.hpp"
#include "common/anonymizer/context_learner.hpp"
#include "common/anonymizer/dictionary_matcher.hpp"
#include "common/anonymizer/gazetteer.hpp"
#include "common/anonymizer/host_rules.hpp"
#include "common/anonymizer/occurrence_propagation.hpp"
#include "common/anonymizer/pattern_engine.hpp"
#include "common/anonymizer/person_detector.hpp"
#include "common/anonymizer/redaction_layers.hpp"
#include "common/anonymizer/scan_context.hpp"
#include "common/anonymizer/span_resolver.hpp"
#include "common/anonymizer/validators.hpp"

namespace hindsight::common::anonymizer {
namespace {

// The built-in detectors, then the configured patterns.
std::unique_ptr<PatternEngine> pattern_engine(const AnonymizerConfig& config) {
  auto detectors = builtin_detectors();
  std::size_t builtin_count = detectors.size();
  auto prefilter = builtin_prefilter(detectors);
  for (const auto& pattern : config.patterns)
    detectors.push_back({pattern.name, pattern.type, pattern.regex, 0, validators::accept});
  return std::make_unique<PatternEngine>(std::move(detectors), builtin_count, std::move(prefilter));
}

// The context's names, emails, codenames, customers and logins, for token lookup in this document.
DictionaryMatcher context_dictionary(const DocumentContext& context) {
  using Case = DictionaryMatcher::Case;
  DictionaryMatcher dictionary;
  for (const auto& person : context.people) {
    if (!person.name.empty()) {
      dictionary.add_phrase(person.name, EntityType::kPerson);
      auto parts = split_words(person.name);
      if (parts.size() > 1)
        for (const auto& part : parts)
          dictionary.add_phrase(person.name.substr(part.start, part.end - part.start),
                                EntityType::kPerson, Case::kCapitalized);
      auto initials = initials_of(person.name);
      if (!initials.empty()) dictionary.add_phrase(initials, EntityType::kPerson, Case::kExact);
    }
    if (!person.username.empty()) dictionary.add_login(person.username);
    if (!person.email.empty()) dictionary.add_email(person.email);
  }
  for (const auto& name : context.org_names)
    dictionary.add_phrase(name, EntityType::kOrg);
  for (const auto& term : context.terms)
    dictionary.add_phrase(term, EntityType::kOrg);
  for (const auto& customer : context.customers)
    dictionary.add_phrase(customer, EntityType::kCustomer);
  return dictionary;
}

}  // namespace

Anonymizer::Anonymizer(AnonymizerConfig config)
    : config_(std::move(config)),
      names_(std::make_unique<Gazetteer>()),
      hosts_(std::make_unique<HostRules>()),
      patterns_(pattern_engine(config_)),
      persons_(std::make_unique<PersonDetector>(*names_)),
      learner_(std::make_unique<ContextLearner>()) {}

Anonymizer::~Anonymizer() = default;

std::vector<Finding> Anonymizer::detect(std::string_view text,
                                        const DocumentContext& document_context) const {
  DocumentContext context = document_context.merged_with(config_.defaults);
  auto words = split_words(text);
  learner_->learn(text, words, *names_, context);
  ScanContext scan = ScanContext::build(text, context);
  std::vector<Finding> candidates;
  patterns_->scan({scan, *hosts_, *names_}, candidates);

  auto dictionary = context_dictionary(context);
  // A login seen once (a chat nick, a handle, a log field) is redacted everywhere else too.
  for (const auto& f : candidates)
    if (f.type == EntityType::kUsername) dictionary.add_login(text.substr(f.start, f.size()));
  dictionary.scan(text, words, candidates);

  std::vector<std::string> known_names;
  for (const auto& person : context.people)
    known_names.push_back(person.name);
  std::vector<Finding> people;
  persons_->scan(text, words, known_names, people);
  candidates.insert(candidates.end(), people.begin(), people.end());

  auto findings = resolve_overlaps(text, std::move(candidates));
  add_other_occurrences(text, findings);
  if (!config_.allowed_terms.empty()) {
    DictionaryMatcher allowed;
    for (const auto& term : config_.allowed_terms)
      allowed.add_phrase(term, EntityType::kOrg);
    std::vector<Finding> allowed_spans;
    allowed.scan(text, words, allowed_spans);
    std::erase_if(findings, [&](const Finding& f) {
      std::string_view original = text.substr(f.start, f.size());
      for (const auto& term : config_.allowed_terms)
        if (iequals_ascii(term, original)) return true;
      return std::any_of(allowed_spans.begin(), allowed_spans.end(),
                         [&](const Finding& a) { return a.start <= f.start && f.end <= a.end; });
    });
  }
  return findings;
}

RedactedText Anonymizer::anonymize(std::string_view text, const DocumentContext& context,
                                   RedactionSession& session, const ReviewerRules& rules) const {
  return redact_in_layers(text, detect(text, context), context, rules, session);
}

}  // namespace hindsight::common::anonymizer
