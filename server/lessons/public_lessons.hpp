// Lessons shared with everyone (docs/federation.md, "Public lessons"): an admin makes an approved
// lesson public, or private again; anyone may read a public lesson at its latest version, signed
// when read, and the feed of them all. Only lesson_versions documents are read for them, never
// the postmortem a lesson was made from.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/db/connection_pool.hpp"
#include "common/db/transaction.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/identity/instance_keys.hpp"
#include "server/auth/principal.hpp"

namespace hindsight::server {

struct PublicLesson {
  std::string id;                                 // the lesson's local id (a uuid)
  federation::LessonDocument document;            // its latest version, approved or retracted
  std::string first_published_at;                 // when version 1 was approved (RFC 3339)
  std::optional<nlohmann::json> signed_document;  // {"lesson", "signature"}, when asked for
};

struct PublicFeed {
  std::vector<PublicLesson> lessons;  // latest version first
  // When the feed last changed: a new version of a public lesson, or a lesson made public or
  // private. nullopt when no lesson was ever public.
  std::optional<std::string> updated;
};

class PublicLessonService {
 public:
  // `identity.origin` names the keys documents are signed with (those discovery lists); it is
  // read at each signature, since a server listening on port 0 learns its origin late.
  PublicLessonService(common::db::ConnectionPool& pool, const federation::InstanceKeys& keys,
                      const federation::InstanceIdentity& identity)
      : pool_(pool), keys_(keys), identity_(identity) {}

  // Makes the lesson public or private again and answers its view for reviewers; audited as
  // lesson.public or lesson.private. 404 for no such lesson; 409 to make public a lesson with
  // no approved version, or whose latest version is a retraction. A call that changes nothing
  // answers the same and records nothing.
  nlohmann::json set_public(common::db::Transaction& tx, const Principal& caller,
                            const std::string& lesson_id, bool make_public) const;

  // The public lesson at its latest version; nullopt for any id that is not one (unknown,
  // malformed, or not public: the same answer for each, so nothing tells them apart).
  std::optional<PublicLesson> find(const std::string& lesson_id) const;
  // The same with signed_document set: the latest version signed now with the signing key.
  std::optional<PublicLesson> find_signed(const std::string& lesson_id) const;
  // Every public lesson.
  PublicFeed feed() const;

 private:
  std::optional<PublicLesson> read(const std::string& lesson_id, bool sign) const;

  common::db::ConnectionPool& pool_;
  const federation::InstanceKeys& keys_;
  const federation::InstanceIdentity& identity_;
};

}  // namespace hindsight::server
