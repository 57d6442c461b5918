// Lesson events are stored in groups (docs/federation.md, "Inbox"): the well-formed lesson
// events that arrive while an earlier group is being stored are admitted and stored together,
// in one transaction with one admission statement and one upsert, and each request then gets
// its own answer: 202 only after the commit, or its own refusal. The per-delivery cost of a
// transaction (its statements' round trips, its commit) is paid once per group, which is what
// lets one subscriber keep up with a publisher's full push rate. A group that fails as a whole
// (a lost connection, a deadlock) is retried one event at a time, so one event's failure is
// its own.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "common/db/connection_pool.hpp"
#include "common/runtime/batch_queue.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "federation/inbound/verified_peer.hpp"
#include "federation/inbox/inbox.hpp"
#include "federation/inbox/inbox_settings.hpp"

namespace hindsight::federation {

class InboxGroups {
 public:
  InboxGroups(common::db::ConnectionPool& pool, common::runtime::BlockingPool& blocking,
              InboxGroupSettings settings);

  // Admits and stores a well-formed lesson event (well_formed_lesson_event) of `peer`; returns
  // after its group committed. Throws common::ApiError for a refusal (admission's), or the
  // group's failure after its retry alone.
  boost::asio::awaitable<InboxOutcome> receive(const VerifiedPeer& peer,
                                               VerifiedLessonDocument lesson);

 private:
  struct Delivery {
    const VerifiedPeer* peer;
    VerifiedLessonDocument lesson;
  };
  using Queue = common::runtime::BatchQueue<Delivery, InboxOutcome>;

  void store(const std::vector<Queue::Entry*>& group);
  void store_in_one_transaction(const std::vector<Queue::Entry*>& group);

  common::db::ConnectionPool& pool_;
  Queue queue_;
};

}  // namespace hindsight::federation
