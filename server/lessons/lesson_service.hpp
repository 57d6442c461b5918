// The lesson workflow (docs/anonymizer.md, "Lessons"): a reviewer drafts a lesson from a published
// postmortem, adds or removes redaction and keep rules (each redrafts it), approves it after a
// final scan, and may retract it. Approval and retraction each write the federation document
// of a new lesson version. Each change runs in the caller's transaction with its audit entry, so
// what follows from it (delivery to peers) can commit with it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/db/transaction.hpp"
#include "common/metrics/metrics_registry.hpp"
#include "server/auth/principal.hpp"
#include "server/lessons/anonymizer_provider.hpp"
#include "server/lessons/rule_input.hpp"

namespace hindsight::server {

class LessonService {
 public:
  // `public_url` is the instance's origin in normal form: the origin of its lesson documents,
  // read at each approval (it is final only once the listener knows its port). `findings`
  // counts the findings of every draft by type and source (/metrics).
  LessonService(const AnonymizerProvider& anonymizers, const std::string& public_url,
                common::MetricFamily& findings)
      : anonymizers_(anonymizers), public_url_(public_url), findings_(findings) {}

  // A new draft from the postmortem's current version, of the same lesson when there is one.
  // 404 for no such postmortem, 409 when it is not published.
  nlohmann::json draft(common::db::Transaction& tx, const Principal& caller,
                       const std::string& postmortem_id) const;
  // Adds a rule (spans checked against the draft's source version) and redrafts.
  nlohmann::json add_rule(common::db::Transaction& tx, const Principal& caller,
                          const std::string& lesson_id, const RuleRequest& rule) const;
  nlohmann::json delete_rule(common::db::Transaction& tx, const Principal& caller,
                             const std::string& lesson_id, const std::string& rule_id) const;
  // 409 when `expected_revision` is stale, the lesson is not a draft, or the final text still
  // holds a SECRET, EMAIL, IP_ADDRESS or MAC_ADDRESS (named by field and type in "blocking").
  nlohmann::json approve(common::db::Transaction& tx, const Principal& caller,
                         const std::string& lesson_id, std::optional<int> expected_revision) const;
  // 409 unless an approved version is out and not yet retracted.
  nlohmann::json retract(common::db::Transaction& tx, const Principal& caller,
                         const std::string& lesson_id) const;

 private:
  // Counts the draft's findings once `tx` commits, so a refused change is not counted.
  nlohmann::json count_after_commit(common::db::Transaction& tx, nlohmann::json lesson) const;

  const AnonymizerProvider& anonymizers_;
  const std::string& public_url_;
  common::MetricFamily& findings_;
};

}  // namespace hindsight::server
