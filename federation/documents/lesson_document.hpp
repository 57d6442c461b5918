// A lesson version as it travels between instances (docs/federation.md, "Signed lesson
// documents"): the typed `lesson` object of a signed lesson document, its JSON form, and the
// strict reading of a stranger's JSON into it. Signing and verifying: signed_lesson_document.hpp.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hindsight::federation {

// A `lesson` object that does not have the protocol's shape; path() names the member
// ("lesson.fields.timeline[2].offset"), and what() starts with it.
class LessonDocumentError : public std::runtime_error {
 public:
  LessonDocumentError(std::string path, const std::string& message)
      : std::runtime_error(path + ": " + message), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

struct TimelineEntry {
  std::optional<std::string> offset;  // ISO 8601 duration from the incident's start; null: unknown
  std::string text;
  bool operator==(const TimelineEntry&) const = default;
};

struct ContributingFactor {
  std::string category;
  std::string text;
  bool operator==(const ContributingFactor&) const = default;
};

struct ActionItem {
  std::string text;
  std::string owner_role;  // a role ("assigned engineer", "unassigned"), never a person
  std::string status;
  bool operator==(const ActionItem&) const = default;
};

// Elapsed times from the incident's start, ISO 8601 durations; nullopt where not recorded.
struct LessonDurations {
  std::optional<std::string> time_to_detect;
  std::optional<std::string> time_to_mitigate;
  std::optional<std::string> time_to_resolve;
  bool operator==(const LessonDurations&) const = default;
};

struct LessonFields {
  std::string title;
  std::vector<std::string> services;
  std::string summary;
  std::string impact;
  std::vector<TimelineEntry> timeline;
  std::string trigger;
  std::vector<ContributingFactor> contributing_factors;
  std::string detection;
  std::string resolution;
  std::string went_well;
  std::string went_poorly;
  std::string lucky;
  std::vector<ActionItem> action_items;
  std::string lessons_learned;
  // Not among FEDERATION.md's fields: this server sends it, and a document without it is whole.
  std::optional<LessonDurations> durations;
  bool operator==(const LessonFields&) const = default;
};

struct LessonDocument {
  std::string id;  // "<origin>/lessons/<local id>"
  int version = 0;
  std::string origin;        // the publishing instance, in normal form
  std::string published_at;  // RFC 3339
  std::vector<std::string> tags;
  std::string severity;  // SEV1 to SEV4
  bool retracted = false;
  std::optional<LessonFields> fields;  // absent exactly when retracted
  bool operator==(const LessonDocument&) const = default;
};

// The publisher's document: id "<origin>/lessons/<local_id>", `retracted` when there are no
// fields. Throws LessonDocumentError when the result would not pass parse_lesson_document (an
// origin not in normal form, a severity outside SEV1-SEV4, a version below 1, ...), so nothing
// a receiver refuses is ever stored or sent.
LessonDocument make_lesson_document(std::string origin, std::string_view local_id, int version,
                                    std::string published_at, std::vector<std::string> tags,
                                    std::string severity, std::optional<LessonFields> fields);

nlohmann::json to_json(const LessonFields& fields);
nlohmann::json to_json(const LessonDocument& document);

// The document a subscriber is sent of a stored lesson version (its JSON form): the version
// itself, or, when `tombstone`, a retraction of it with the same number, tags and severity.
nlohmann::json document_to_send(const std::string& stored_document, bool tombstone);

// Strict reading of a `lesson` object: every member the protocol defines is present with its type
// and shape (a retraction has no `fields`, anything else has them); members it does not define
// are ignored, so a newer publisher's additions do not make its documents unreadable. Throws
// LessonDocumentError naming the first member at fault.
LessonDocument parse_lesson_document(const nlohmann::json& lesson);
// The same for a `fields` object alone; `path` prefixes the member paths in errors.
LessonFields parse_lesson_fields(const nlohmann::json& fields,
                                 const std::string& path = "lesson.fields");

}  // namespace hindsight::federation
