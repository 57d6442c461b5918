// The peer feed: members read, search and filter the lessons received from peers, keep notes
// on them and turn them into local action items; reviewers hide one from the feed or show it
// again.
#pragma once

#include "common/db/connection_pool.hpp"
#include "server/feed/feed_search.hpp"
#include "server/feed/lesson_action_items.hpp"
#include "server/feed/lesson_moderation.hpp"
#include "server/feed/lesson_notes.hpp"
#include "server/feed/received_lesson_reader.hpp"
#include "server/http/router.hpp"

namespace hindsight::server {

void add_feed_routes(Router& router, const FeedSearch& search, const ReceivedLessonReader& reader,
                     const LessonNotes& notes, const LessonActionItems& action_items,
                     const LessonModeration& moderation, common::db::ConnectionPool& pool);

}  // namespace hindsight::server
