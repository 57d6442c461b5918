#include "federation/inbox/received_lessons.hpp"

#include <nlohmann/json.hpp>

#include "common/crypto/encoding.hpp"
#include "common/db/statement.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

// One statement for a whole batch, so two deliveries of one lesson racing each other cannot both
// apply. Of several versions of one lesson in the batch only the newest is offered; rows are
// written in key order, so two batches lock shared rows in the same order. `held` reads the
// versions from before the statement.
constexpr db::Statement kUpsert{"received_lessons_upsert", R"(
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    i integer, origin text, lesson_uri text, version integer, retracted boolean,
    published_at timestamptz, severity severity, tags text[], title text, summary text,
    fields jsonb, document jsonb)
), newest AS (
  SELECT DISTINCT ON (origin, lesson_uri) * FROM input ORDER BY origin, lesson_uri, version DESC, i
), held AS (
  SELECT r.origin, r.lesson_uri, r.version FROM received_lessons r
  WHERE (r.origin, r.lesson_uri) IN (SELECT origin, lesson_uri FROM newest)
), stored AS (
  INSERT INTO received_lessons AS r (origin, lesson_uri, version, retracted, published_at,
                                     severity, tags, title, summary, fields, document,
                                     received_via)
  SELECT origin, lesson_uri, version, retracted, published_at, severity, tags, title, summary,
         fields, document, $2
  FROM newest ORDER BY origin, lesson_uri
  ON CONFLICT (origin, lesson_uri) DO UPDATE SET
    version = EXCLUDED.version, retracted = EXCLUDED.retracted,
    published_at = EXCLUDED.published_at, severity = EXCLUDED.severity, tags = EXCLUDED.tags,
    title = EXCLUDED.title, summary = EXCLUDED.summary, fields = EXCLUDED.fields,
    document = EXCLUDED.document, received_via = EXCLUDED.received_via, updated_at = now(),
    withdrawn_at = NULL
  WHERE r.version < EXCLUDED.version OR (r.withdrawn_at IS NOT NULL AND r.version <= EXCLUDED.version)
  RETURNING r.origin, r.lesson_uri
)
SELECT i.i,
       EXISTS (SELECT 1 FROM newest n JOIN stored s USING (origin, lesson_uri) WHERE n.i = i.i),
       (SELECT h.version FROM held h WHERE h.origin = i.origin AND h.lesson_uri = i.lesson_uri)
FROM input i ORDER BY i.i)"};

constexpr db::Statement kWithdraw{"received_lessons_withdraw", R"(
UPDATE received_lessons
SET fields = NULL, document = NULL, title = '', summary = '', withdrawn_at = now()
WHERE origin = $1 AND withdrawn_at IS NULL)"};

const char* via_name(ReceivedVia via) {
  return via == ReceivedVia::push ? "push" : "pull";
}

}  // namespace

std::vector<StoredLesson> store_received_lessons(
    db::Transaction& tx, const std::vector<const VerifiedLessonDocument*>& lessons,
    ReceivedVia via) {
  if (lessons.empty()) return {};
  json rows = json::array();
  for (std::size_t i = 0; i < lessons.size(); ++i) {
    const VerifiedLessonDocument& verified = *lessons[i];
    const LessonDocument& d = verified.document;
    json row{{"i", i},
             {"origin", d.origin},
             {"lesson_uri", d.id},
             {"version", d.version},
             {"retracted", d.retracted},
             {"published_at", d.published_at},
             {"severity", d.severity},
             {"tags", d.tags},
             {"title", d.fields ? d.fields->title : ""},
             {"summary", d.fields ? d.fields->summary : ""},
             {"fields", d.fields ? to_json(*d.fields) : json()},
             {"document",
              {{"lesson", verified.received.lesson},
               {"signature",
                {{"keyid", verified.received.key_id},
                 {"alg", kDocumentSignatureAlgorithm},
                 {"value", common::crypto::base64_encode(verified.received.signature)}}}}}};
    rows.push_back(std::move(row));
  }
  std::vector<StoredLesson> out(lessons.size());
  for (const auto& row : tx.exec(kUpsert, rows.dump(), via_name(via))) {
    StoredLesson& stored = out.at(row[0].as<std::size_t>());
    stored.applied = row[1].as<bool>();
    if (!row[2].is_null()) stored.previous_version = row[2].as<int>();
  }
  return out;
}

StoredLesson store_received_lesson(db::Transaction& tx, const VerifiedLessonDocument& verified,
                                   ReceivedVia via) {
  return store_received_lessons(tx, {&verified}, via).at(0);
}

long long withdraw_received_lessons(db::Transaction& tx, const std::string& origin) {
  return tx.exec(kWithdraw, origin).affected_rows();
}

}  // namespace hindsight::federation
