// The subscriber's copy of the lessons peers sent (docs/federation.md, "Inbox"): one row per
// (origin, lesson id), replaced only by a higher version, so a push and a pull of the same
// version, or versions arriving out of order, leave the newest one stored exactly once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/db/transaction.hpp"
#include "federation/documents/signed_lesson_document.hpp"

namespace hindsight::federation {

enum class ReceivedVia { push, pull };

struct StoredLesson {
  bool applied = false;                 // false: this version or a newer one was already held
  std::optional<int> previous_version;  // the version held before, if any
};

// Stores `verified` (whose origin the caller checked is the sender's) unless a version at least
// as new is held. A retraction keeps its signed tombstone and drops the content. A lesson whose
// content was withdrawn (its subscription ended) takes the same version again.
StoredLesson store_received_lesson(common::db::Transaction& tx,
                                   const VerifiedLessonDocument& verified, ReceivedVia via);
// The same for many lessons in one statement; the answer of lessons[i] is at [i]. Of several
// versions of one lesson, only the newest can apply.
std::vector<StoredLesson> store_received_lessons(
    common::db::Transaction& tx, const std::vector<const VerifiedLessonDocument*>& lessons,
    ReceivedVia via);

// A subscription with `origin` ended: the content of every lesson held from it is deleted and
// only its identity and version stay (FEDERATION.md, "Subscriptions"). Returns how many.
long long withdraw_received_lessons(common::db::Transaction& tx, const std::string& origin);

}  // namespace hindsight::federation
