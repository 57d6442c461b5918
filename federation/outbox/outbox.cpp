#include "federation/outbox/outbox.hpp"

#include "common/db/statement.hpp"

namespace hindsight::federation {
namespace db = common::db;

namespace {

constexpr db::Statement kQueueVersion{"outbox_queue_version", R"(
INSERT INTO federation_outbox (peer_origin, event_type, lesson_id, version, tombstone)
SELECT s.peer_origin,
       CASE WHEN v.view = 'tombstone' THEN 'lesson.retracted'
            WHEN $2 = 1 THEN 'lesson.published'
            ELSE 'lesson.updated' END,
       $1::uuid, $2, v.view = 'tombstone' AND NOT lv.retracted
FROM federation_subscriptions s
JOIN federation_peers p ON p.origin = s.peer_origin AND p.blocked_at IS NULL
JOIN lesson_versions lv ON lv.lesson_id = $1::uuid AND lv.version = $2
CROSS JOIN LATERAL (SELECT federation_version_view(s.topics, $1::uuid, $2) AS view) v
WHERE s.direction = 'incoming' AND s.state = 'accepted' AND v.view IS NOT NULL)"};

constexpr db::Statement kQueueSubscriptionEvent{"outbox_queue_subscription_event", R"(
INSERT INTO federation_outbox (peer_origin, event_type, subscription_id)
VALUES ($1, $2, $3::uuid))"};

constexpr db::Statement kDropLessons{"outbox_drop_lessons", R"(
DELETE FROM federation_outbox WHERE peer_origin = $1 AND lesson_id IS NOT NULL)"};

}  // namespace

long long queue_lesson_version(db::Transaction& tx, const std::string& lesson_id, int version) {
  return tx.exec(kQueueVersion, lesson_id, version).affected_rows();
}

void queue_subscription_event(db::Transaction& tx, const std::string& subscription_id,
                              const std::string& peer_origin, std::string_view event_type) {
  tx.exec(kQueueSubscriptionEvent, peer_origin, std::string(event_type), subscription_id);
}

long long drop_queued_lessons(db::Transaction& tx, const std::string& peer_origin) {
  return tx.exec(kDropLessons, peer_origin).affected_rows();
}

}  // namespace hindsight::federation
