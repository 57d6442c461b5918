#include "federation/inbox/received_lessons.hpp"

#include <nlohmann/json.hpp>

#include "common/crypto/encoding.hpp"
#include "common/db/statement.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

// One statement, so two deliveries of one lesson racing each other cannot both apply.
constexpr db::Statement kUpsert{"received_lesson_upsert", R"(
WITH held AS (
  SELECT version FROM received_lessons WHERE origin = $1 AND lesson_uri = $2
)
INSERT INTO received_lessons AS r (origin, lesson_uri, version, retracted, published_at, severity,
                                   tags, title, summary, fields, document, received_via)
VALUES ($1, $2, $3, $4, $5::timestamptz, $6::severity,
        ARRAY(SELECT jsonb_array_elements_text($7::jsonb)), $8, $9, $10::jsonb, $11::jsonb, $12)
ON CONFLICT (origin, lesson_uri) DO UPDATE SET
  version = EXCLUDED.version, retracted = EXCLUDED.retracted,
  published_at = EXCLUDED.published_at, severity = EXCLUDED.severity, tags = EXCLUDED.tags,
  title = EXCLUDED.title, summary = EXCLUDED.summary, fields = EXCLUDED.fields,
  document = EXCLUDED.document, received_via = EXCLUDED.received_via, updated_at = now(),
  withdrawn_at = NULL
WHERE r.version < EXCLUDED.version OR (r.withdrawn_at IS NOT NULL AND r.version <= EXCLUDED.version)
RETURNING (SELECT version FROM held))"};

constexpr db::Statement kHeldVersion{"received_lesson_version", R"(
SELECT version FROM received_lessons WHERE origin = $1 AND lesson_uri = $2)"};

constexpr db::Statement kWithdraw{"received_lessons_withdraw", R"(
UPDATE received_lessons
SET fields = NULL, document = NULL, title = '', summary = '', withdrawn_at = now()
WHERE origin = $1 AND withdrawn_at IS NULL)"};

const char* via_name(ReceivedVia via) {
  return via == ReceivedVia::push ? "push" : "pull";
}

}  // namespace

StoredLesson store_received_lesson(db::Transaction& tx, const VerifiedLessonDocument& verified,
                                   ReceivedVia via) {
  const LessonDocument& d = verified.document;
  json document{{"lesson", verified.received.lesson},
                {"signature",
                 {{"keyid", verified.received.key_id},
                  {"alg", kDocumentSignatureAlgorithm},
                  {"value", common::crypto::base64_encode(verified.received.signature)}}}};
  std::optional<std::string> fields;
  std::string title, summary;
  if (d.fields) {
    fields = to_json(*d.fields).dump();
    title = d.fields->title;
    summary = d.fields->summary;
  }
  auto row = tx.exec(kUpsert, d.origin, d.id, d.version, d.retracted, d.published_at, d.severity,
                     json(d.tags).dump(), title, summary, fields, document.dump(), via_name(via));
  StoredLesson out;
  if (row.empty()) {
    out.previous_version = tx.exec(kHeldVersion, d.origin, d.id)[0][0].as<int>();
    return out;
  }
  out.applied = true;
  if (!row[0][0].is_null()) out.previous_version = row[0][0].as<int>();
  return out;
}

long long withdraw_received_lessons(db::Transaction& tx, const std::string& origin) {
  return tx.exec(kWithdraw, origin).affected_rows();
}

}  // namespace hindsight::federation
