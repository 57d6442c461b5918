#include "federation/inbox/inbox_groups.hpp"

#include "common/db/transaction.hpp"
#include "federation/inbound/admission.hpp"
#include "federation/inbox/received_lessons.hpp"

namespace hindsight::federation {
namespace db = common::db;

InboxGroups::InboxGroups(db::ConnectionPool& pool, common::runtime::BlockingPool& blocking,
                         InboxGroupSettings settings)
    : pool_(pool),
      queue_(
          blocking, [this](const std::vector<Queue::Entry*>& group) { store(group); },
          settings.transactions, settings.max_group) {}

boost::asio::awaitable<InboxOutcome> InboxGroups::receive(const VerifiedPeer& peer,
                                                          VerifiedLessonDocument lesson) {
  // Named, not a temporary in the co_await expression: GCC 12 destroys such temporaries twice.
  Delivery delivery{&peer, std::move(lesson)};
  co_return co_await queue_.submit(std::move(delivery));
}

void InboxGroups::store(const std::vector<Queue::Entry*>& group) {
  try {
    store_in_one_transaction(group);
  } catch (const std::exception&) {
    if (group.size() == 1) throw;
    for (Queue::Entry* entry : group) {
      try {
        store_in_one_transaction({entry});
      } catch (...) {
        entry->error = std::current_exception();
      }
    }
  }
}

void InboxGroups::store_in_one_transaction(const std::vector<Queue::Entry*>& group) {
  // Answers are given only once the transaction committed.
  std::vector<std::optional<common::ApiError>> refusals;
  std::vector<StoredLesson> stored;
  db::with_transaction(pool_, [&](db::Transaction& tx) {
    std::vector<const VerifiedPeer*> peers;
    for (const Queue::Entry* entry : group)
      peers.push_back(entry->item.peer);
    refusals = admit_lesson_requests(tx, peers);
    std::vector<const VerifiedLessonDocument*> lessons;
    for (std::size_t i = 0; i < group.size(); ++i)
      if (!refusals[i]) lessons.push_back(&group[i]->item.lesson);
    stored = store_received_lessons(tx, lessons, ReceivedVia::push);
  });
  auto next_stored = stored.begin();
  for (std::size_t i = 0; i < group.size(); ++i) {
    if (refusals[i])
      group[i]->error = std::make_exception_ptr(*refusals[i]);
    else
      group[i]->result = lesson_outcome(group[i]->item.lesson, *next_stored++);
  }
}

}  // namespace hindsight::federation
