#include "server/lessons/lesson_service.hpp"

#include <fmt/format.h>

#include <chrono>

#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/util/time_format.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/outbox/outbox.hpp"
#include "server/audit/audit_log.hpp"
#include "server/lessons/approval_scan.hpp"
#include "server/lessons/lesson_reader.hpp"
#include "server/lessons/lesson_redactor.hpp"
#include "server/lessons/rule_store.hpp"
#include "server/lessons/text_fields.hpp"
#include "server/postmortems/postmortem_service.hpp"

namespace hindsight::server {
namespace anon = common::anonymizer;
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

// Locked so that two drafts of one postmortem cannot both insert its lesson.
constexpr db::Statement kLockPostmortem{
    "lesson_lock_postmortem",
    "SELECT status::text, version FROM postmortems WHERE id = $1::uuid FOR UPDATE"};
constexpr db::Statement kLessonOf{"lesson_of_postmortem",
                                  "SELECT id::text FROM lessons WHERE postmortem_id = $1::uuid"};
constexpr db::Statement kLock{"lesson_lock", R"(
SELECT postmortem_id::text, status::text, revision, source_version, published_version,
       severity::text, fields::text, to_jsonb(tags)::text
FROM lessons WHERE id = $1::uuid FOR UPDATE)"};
constexpr db::Statement kInsert{"lesson_insert", R"(
INSERT INTO lessons (postmortem_id, source_version, severity, tags, fields, findings, coarsened,
                     created_by, updated_by)
SELECT $1::uuid, $2, $3::severity, ARRAY(SELECT jsonb_array_elements_text($4::jsonb)),
       $5::jsonb, $6::jsonb, $7::jsonb, $8::uuid, $8::uuid
RETURNING id::text)"};
constexpr db::Statement kRedraft{"lesson_redraft", R"(
UPDATE lessons SET status = 'draft', revision = revision + 1, source_version = $2,
  severity = $3::severity, tags = ARRAY(SELECT jsonb_array_elements_text($4::jsonb)),
  fields = $5::jsonb, findings = $6::jsonb, coarsened = $7::jsonb, updated_by = $8::uuid,
  updated_at = now()
WHERE id = $1::uuid)"};
constexpr db::Statement kPublish{"lesson_publish", R"(
UPDATE lessons SET status = $2::lesson_status, revision = revision + 1, published_version = $3,
  approved_by = CASE WHEN $2::text = 'approved' THEN $4::uuid ELSE approved_by END,
  approved_at = CASE WHEN $2::text = 'approved' THEN now() ELSE approved_at END,
  updated_by = $4::uuid, updated_at = now()
WHERE id = $1::uuid)"};
// Versions are numbered in the change order pull cursors follow (lesson_versions.seq) while
// this lock is held, until commit: a version therefore commits after every lower-numbered one,
// and a cursor never passes a version still to commit.
constexpr db::Statement kLockChangeOrder{"lesson_change_order_lock",
                                         "SELECT pg_advisory_xact_lock(7265617374)"};
constexpr db::Statement kInsertVersion{"lesson_version_insert", R"(
INSERT INTO lesson_versions (lesson_id, version, retracted, document, created_by)
VALUES ($1::uuid, $2, $3, $4::jsonb, $5::uuid))"};
// What receivers hold: a retraction names the tags and severity they were sent.
constexpr db::Statement kPublished{"lesson_published", R"(
SELECT retracted, (document->'tags')::text, document->>'severity'
FROM lesson_versions WHERE lesson_id = $1::uuid AND version = $2)"};

struct Locked {
  std::string postmortem_id;
  std::string status;
  int revision;
  int source_version;
  int published_version;
  std::string severity;
  json fields;
  json tags;

  json summary() const {
    return {{"status", status},
            {"revision", revision},
            {"source_version", source_version},
            {"published_version", published_version}};
  }
};

Locked lock_lesson(db::Transaction& tx, const std::string& id) {
  if (!looks_like_uuid(id)) throw ApiError::not_found("no such lesson");
  auto rows = tx.exec(kLock, id);
  if (rows.empty()) throw ApiError::not_found("no such lesson");
  const auto& r = rows[0];
  return {r[0].as<std::string>(),
          r[1].as<std::string>(),
          r[2].as<int>(),
          r[3].as<int>(),
          r[4].as<int>(),
          r[5].as<std::string>(),
          json::parse(r[6].as<std::string>()),
          json::parse(r[7].as<std::string>())};
}

json view(db::Transaction& tx, const std::string& id) {
  return *read_lesson_view(tx, id);
}

json summary_after(db::Transaction& tx, const std::string& id) {
  return lock_lesson(tx, id).summary();
}

// Anonymizes `source` (version `version` of the postmortem) with the lesson's rules and stores
// it as the lesson's draft; a new lesson when `lesson_id` is empty. Returns the lesson id.
std::string store_draft(db::Transaction& tx, const AnonymizerProvider& anonymizers,
                        const Principal& caller, std::string lesson_id,
                        const std::string& postmortem_id, const json& source, int version) {
  LessonScanner scanner = anonymizers.load(tx);
  RuleSet rules =
      lesson_id.empty() ? RuleSet{} : load_rule_set(tx, lesson_id, postmortem_id, version);
  LessonDraft draft = draft_lesson(source, *scanner.anonymizer, scanner.context, rules);
  std::string severity = source.value("severity", "SEV4");
  if (lesson_id.empty())
    return tx
        .exec(kInsert, postmortem_id, version, severity, draft.tags.dump(), draft.fields.dump(),
              draft.findings.dump(), draft.coarsened.dump(), caller.user_id)[0][0]
        .as<std::string>();
  tx.exec(kRedraft, lesson_id, version, severity, draft.tags.dump(), draft.fields.dump(),
          draft.findings.dump(), draft.coarsened.dump(), caller.user_id);
  return lesson_id;
}

// A span must lie inside a text field of the source version, on UTF-8 boundaries.
const TextField& check_span(const std::vector<TextField>& fields, const RuleRequest& rule,
                            int version) {
  const TextField* field = find_text_field(fields, rule.field);
  if (!field)
    throw ApiError::validation(
        "field", fmt::format("'{}' is not a text field of version {} of the postmortem", rule.field,
                             version));
  const std::string& text = field->text;
  if (rule.end > text.size())
    throw ApiError::validation(
        "end", fmt::format("end is past the end of {} ({} bytes)", rule.field, text.size()));
  auto inside_character = [&](std::size_t at) {
    return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
  };
  if (inside_character(rule.start))
    throw ApiError::validation("start", "start falls inside a UTF-8 character");
  if (inside_character(rule.end))
    throw ApiError::validation("end", "end falls inside a UTF-8 character");
  return *field;
}

// Writes the next version of the lesson, approved or (a document without fields) retracted,
// queues it for the subscribers who may see it, and audits it, all in `tx`. lesson_versions
// keeps the `lesson` object unsigned: it is signed when sent, with the key that is current then.
void publish_version(db::Transaction& tx, const Principal& caller, const Locked& lesson,
                     const std::string& lesson_id, const federation::LessonDocument& document) {
  bool retracted = document.retracted;
  tx.exec(kPublish, lesson_id, retracted ? "retracted" : "approved", document.version,
          caller.user_id);
  tx.exec(kLockChangeOrder);
  tx.exec(kInsertVersion, lesson_id, document.version, retracted,
          federation::to_json(document).dump(), caller.user_id);
  federation::queue_lesson_version(tx, lesson_id, document.version);
  record_audit(tx, &caller,
               {retracted ? "lesson.retract" : "lesson.approve", "lesson", lesson_id,
                lesson.summary(), summary_after(tx, lesson_id)});
}

std::string now_rfc3339() {
  return common::format_rfc3339(std::chrono::system_clock::now());
}

}  // namespace

json LessonService::count_after_commit(db::Transaction& tx, json lesson) const {
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const auto& f : lesson["findings"])
    kinds.emplace_back(f["type"].get<std::string>(), f["source"].get<std::string>());
  tx.after_commit([this, kinds = std::move(kinds)] {
    for (const auto& [type, source] : kinds)
      findings_.add({type, source}, 1);
  });
  return lesson;
}

json LessonService::draft(db::Transaction& tx, const Principal& caller,
                          const std::string& postmortem_id) const {
  if (!looks_like_uuid(postmortem_id)) throw ApiError::not_found("no such postmortem");
  auto pm = tx.exec(kLockPostmortem, postmortem_id);
  if (pm.empty()) throw ApiError::not_found("no such postmortem");
  std::string status = pm[0][0].as<std::string>();
  if (status != "published")
    throw ApiError::conflict(
        fmt::format("only a published postmortem becomes a lesson; this one is {}", status));
  int version = pm[0][1].as<int>();
  json source = read_postmortem_version(tx, postmortem_id, version);
  auto existing = tx.exec(kLessonOf, postmortem_id);
  std::string id;
  json before = nullptr;
  if (!existing.empty()) {
    id = existing[0][0].as<std::string>();
    before = lock_lesson(tx, id).summary();
  }
  id = store_draft(tx, anonymizers_, caller, id, postmortem_id, source, version);
  record_audit(tx, &caller, {"lesson.draft", "lesson", id, before, summary_after(tx, id)});
  return count_after_commit(tx, view(tx, id));
}

json LessonService::add_rule(db::Transaction& tx, const Principal& caller,
                             const std::string& lesson_id, const RuleRequest& rule) const {
  Locked lesson = lock_lesson(tx, lesson_id);
  json source = read_postmortem_version(tx, lesson.postmortem_id, lesson.source_version);
  std::optional<std::string> keep_text;
  if (!rule.term) {
    auto fields = text_fields(source);
    const TextField& field = check_span(fields, rule, lesson.source_version);
    if (rule.keep) {
      keep_text = field.text.substr(rule.start, rule.end - rule.start);
      std::size_t chars = 0;
      for (unsigned char c : *keep_text)
        chars += (c & 0xC0) != 0x80;
      if (chars > 200)
        throw ApiError::validation("end", "a kept span is at most 200 characters long");
    }
  }
  std::string rule_id =
      insert_rule(tx, lesson_id, rule, keep_text, lesson.source_version, caller.user_id);
  store_draft(tx, anonymizers_, caller, lesson_id, lesson.postmortem_id, source,
              lesson.source_version);
  json after = summary_after(tx, lesson_id);
  after["rule"] = {{"id", rule_id},
                   {"kind", rule.keep   ? "keep_term"
                            : rule.term ? "redact_term"
                                        : "redact_span"}};
  if (rule.type) after["rule"]["type"] = anon::entity_type_name(*rule.type);
  record_audit(tx, &caller, {"lesson.rule_add", "lesson", lesson_id, lesson.summary(), after});
  return count_after_commit(tx, view(tx, lesson_id));
}

json LessonService::delete_rule(db::Transaction& tx, const Principal& caller,
                                const std::string& lesson_id, const std::string& rule_id) const {
  Locked lesson = lock_lesson(tx, lesson_id);
  auto removed =
      looks_like_uuid(rule_id) ? server::delete_rule(tx, lesson_id, rule_id) : std::nullopt;
  if (!removed) throw ApiError::not_found("this lesson has no such rule");
  json source = read_postmortem_version(tx, lesson.postmortem_id, lesson.source_version);
  store_draft(tx, anonymizers_, caller, lesson_id, lesson.postmortem_id, source,
              lesson.source_version);
  json after = summary_after(tx, lesson_id);
  after["rule"] = *removed;
  record_audit(tx, &caller, {"lesson.rule_delete", "lesson", lesson_id, lesson.summary(), after});
  return count_after_commit(tx, view(tx, lesson_id));
}

json LessonService::approve(db::Transaction& tx, const Principal& caller,
                            const std::string& lesson_id,
                            std::optional<int> expected_revision) const {
  Locked lesson = lock_lesson(tx, lesson_id);
  if (expected_revision && *expected_revision != lesson.revision)
    throw ApiError::conflict(fmt::format("the lesson is at revision {}, not {}: review it again",
                                         lesson.revision, *expected_revision))
        .with("current", view(tx, lesson_id));
  if (lesson.status != "draft")
    throw ApiError::conflict(
        fmt::format("only a draft can be approved; this lesson is {}", lesson.status));
  LessonScanner scanner = anonymizers_.load(tx);
  auto blockers =
      approval_blockers(lesson.fields, lesson.tags, *scanner.anonymizer, scanner.context);
  if (!blockers.empty()) {
    json blocking = json::array();
    std::string named;
    for (const auto& b : blockers) {
      blocking.push_back({{"field", b.field}, {"type", anon::entity_type_name(b.type)}});
      named += fmt::format("{}{} in {}", named.empty() ? "" : ", ", anon::entity_type_name(b.type),
                           b.field);
    }
    throw ApiError(409, "conflict",
                   "the lesson still holds " + named + ": redact them before approving",
                   blockers.front().field)
        .with("blocking", blocking);
  }
  publish_version(tx, caller, lesson, lesson_id,
                  federation::make_lesson_document(
                      public_url_, lesson_id, lesson.published_version + 1, now_rfc3339(),
                      lesson.tags.get<std::vector<std::string>>(), lesson.severity,
                      federation::parse_lesson_fields(lesson.fields)));
  return view(tx, lesson_id);
}

json LessonService::retract(db::Transaction& tx, const Principal& caller,
                            const std::string& lesson_id) const {
  Locked lesson = lock_lesson(tx, lesson_id);
  if (lesson.published_version == 0)
    throw ApiError::conflict("this lesson was never approved: there is nothing to retract");
  auto published = tx.exec(kPublished, lesson_id, lesson.published_version)[0];
  if (published[0].as<bool>()) throw ApiError::conflict("this lesson is already retracted");
  publish_version(tx, caller, lesson, lesson_id,
                  federation::make_lesson_document(
                      public_url_, lesson_id, lesson.published_version + 1, now_rfc3339(),
                      json::parse(published[1].as<std::string>()).get<std::vector<std::string>>(),
                      published[2].as<std::string>(), std::nullopt));
  return view(tx, lesson_id);
}

}  // namespace hindsight::server
