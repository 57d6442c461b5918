// A lesson version as it travels between instances (docs/federation.md, "Signed lesson
// documents"), without its signature: kept in lesson_versions for the federation outbox.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace hindsight::server {

struct LessonVersion {
  std::string lesson_id;  // the local uuid
  int version;
  std::string published_at;  // RFC 3339
  nlohmann::json tags;
  std::string severity;
  const nlohmann::json* fields;  // null: a retraction, which carries no fields
};

// `public_url` is the instance's origin (--public-url): the lesson's id is
// "<origin>/lessons/<uuid>".
nlohmann::json lesson_document(const std::string& public_url, const LessonVersion& version);

}  // namespace hindsight::server
