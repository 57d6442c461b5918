// The lesson routes (docs/anonymizer.md, "Lessons"): drafting from a published postmortem,
// reviewing with redaction and keep rules, approval and retraction. Reviewers only.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/http/router.hpp"
#include "server/lessons/lesson_reader.hpp"
#include "server/lessons/lesson_service.hpp"

namespace hindsight::server {

void add_lesson_routes(Router& router, const LessonService& lessons, const LessonReader& reader,
                       common::db::ConnectionPool& pool);

}  // namespace hindsight::server
