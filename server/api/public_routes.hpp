// Public lessons (docs/federation.md, "Public lessons"): admins make an approved lesson public or
// private again; anyone, signed in or not, reads a public lesson's page or signed document and
// the Atom feed of them all. Nothing else is public.
#pragma once

#include "common/db/connection_pool.hpp"
#include "federation/discovery/discovery_document.hpp"
#include "server/config/server_config.hpp"
#include "server/http/router.hpp"
#include "server/lessons/public_lessons.hpp"

namespace hindsight::server {

void add_public_lesson_routes(Router& router, const PublicLessonService& lessons,
                              const federation::InstanceIdentity& identity,
                              const PublicLicense& license, common::db::ConnectionPool& pool);

}  // namespace hindsight::server
