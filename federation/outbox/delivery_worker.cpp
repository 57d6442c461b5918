#include "federation/outbox/delivery_worker.hpp"

#include <fmt/format.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <utility>

#include "common/db/statement.hpp"
#include "common/db/transaction.hpp"
#include "common/util/utf8_sequence.hpp"
#include "federation/documents/lesson_document.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "federation/http/peer_error.hpp"
#include "federation/outbound/request_signing.hpp"
#include "federation/outbox/lesson_holders.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxErrorChars = 500;

// Lessons are claimed only while their subscriber may still have them; subscription events
// (a revocation after a block included) always.
constexpr db::Statement kClaim{"outbox_claim", R"(
UPDATE federation_outbox o
SET attempts = o.attempts + 1, last_attempt_at = now(),
    next_attempt_at = now() + $2 * interval '1 millisecond'
FROM (SELECT id FROM federation_outbox q
      WHERE dead_at IS NULL AND next_attempt_at <= now()
        AND (q.lesson_id IS NULL OR EXISTS (
              SELECT 1 FROM federation_subscriptions s JOIN federation_peers p
                ON p.origin = s.peer_origin AND p.blocked_at IS NULL
              WHERE s.peer_origin = q.peer_origin AND s.direction = 'incoming'
                AND s.state = 'accepted'))
      ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
WHERE o.id = due.id
RETURNING o.id, o.event_id, o.peer_origin, o.event_type, o.lesson_id, o.version, o.tombstone,
          o.subscription_id,
          (SELECT document::text FROM lesson_versions v
           WHERE v.lesson_id = o.lesson_id AND v.version = o.version),
          (SELECT remote_id FROM federation_subscriptions s WHERE s.id = o.subscription_id),
          o.attempts)"};

// Milliseconds until the next row is due; NULL when none is waiting.
constexpr db::Statement kNextDue{"outbox_next_due", R"(
SELECT (EXTRACT(EPOCH FROM min(next_attempt_at) - now()) * 1000)::bigint
FROM federation_outbox WHERE dead_at IS NULL)"};

constexpr db::Statement kDelivered{"outbox_delivered", R"(
DELETE FROM federation_outbox
WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint))"};

constexpr db::Statement kDeliveredToPeer{"outbox_delivered_to_peer", R"(
INSERT INTO federation_delivery_status AS d (peer_origin, delivered, last_success_at)
VALUES ($1, $2, now())
ON CONFLICT (peer_origin) DO UPDATE SET delivered = d.delivered + $2, last_success_at = now())"};

constexpr db::Statement kFailed{"outbox_failed", R"(
WITH row AS (
  UPDATE federation_outbox
  SET last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond',
      dead_at = CASE WHEN created_at < now() - $5 * interval '1 millisecond' THEN now() END
  WHERE id = $1)
INSERT INTO federation_delivery_status AS d (peer_origin, failures, last_error, last_error_at)
VALUES ($2, 1, $3, now())
ON CONFLICT (peer_origin) DO UPDATE SET failures = d.failures + 1, last_error = $3,
                                        last_error_at = now())"};

// What an admin reads for a refused delivery: the status and the peer's error message.
std::string describe(const HttpsResponse& response) {
  std::string message = peer_error_message(response, kMaxErrorChars);
  return fmt::format("HTTP {}{}{}", response.status, message.empty() ? "" : ": ", message);
}

double random01() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

}  // namespace

struct DeliveryWorkers::Claimed {
  long long id = 0;
  std::string event_id;
  std::string peer;
  std::string event_type;
  std::optional<std::string> lesson_id;
  int version = 0;
  bool tombstone = false;
  std::optional<std::string> subscription_id;
  std::optional<std::string> document;   // the stored lesson version
  std::optional<std::string> remote_id;  // the publisher's id of a subscription we cancel
  int attempts = 0;
};

struct DeliveryWorkers::Batch {
  std::vector<Claimed> rows;
  std::optional<SigningKey> key;
  std::chrono::milliseconds wait{0};  // when nothing was claimed: until the next look
};

DeliveryWorkers::DeliveryWorkers(boost::asio::any_io_executor executor, db::ConnectionPool& pool,
                                 common::runtime::BlockingPool& blocking, const HttpsClient& client,
                                 DiscoveryClient& discovery, SigningKeyCache& keys,
                                 db::ChangeFeed& changes, DeliverySettings settings,
                                 common::Logger& logger, common::MetricFamily& deliveries)
    : pool_(pool),
      blocking_(blocking),
      client_(client),
      discovery_(discovery),
      keys_(keys),
      changes_(changes),
      settings_(settings),
      logger_(logger),
      deliveries_(deliveries) {
  for (unsigned i = 0; i < settings_.workers; ++i)
    wakeups_.push_back(std::make_unique<common::runtime::Wakeup>(executor));
  changes_.subscribe(*this);
}

DeliveryWorkers::~DeliveryWorkers() {
  changes_.unsubscribe(*this);
}

void DeliveryWorkers::wake() {
  for (auto& w : wakeups_)
    w->notify();
}

void DeliveryWorkers::changed(std::string_view topic, std::string_view) {
  if (topic == "federation_outbox") wake();
}

DeliveryWorkers::Batch DeliveryWorkers::claim() {
  return db::with_transaction(pool_, [this](db::Transaction& tx) {
    Batch batch;
    auto rows = tx.exec(kClaim, static_cast<int>(settings_.batch),
                        static_cast<long long>(settings_.lease.count()));
    for (const auto& r : rows) {
      Claimed c;
      c.id = r[0].as<long long>();
      c.event_id = r[1].as<std::string>();
      c.peer = r[2].as<std::string>();
      c.event_type = r[3].as<std::string>();
      if (!r[4].is_null()) c.lesson_id = r[4].as<std::string>();
      if (!r[5].is_null()) c.version = r[5].as<int>();
      c.tombstone = r[6].as<bool>();
      if (!r[7].is_null()) c.subscription_id = r[7].as<std::string>();
      if (!r[8].is_null()) c.document = r[8].as<std::string>();
      if (!r[9].is_null()) c.remote_id = r[9].as<std::string>();
      c.attempts = r[10].as<int>();
      batch.rows.push_back(std::move(c));
    }
    std::sort(batch.rows.begin(), batch.rows.end(),
              [](const Claimed& a, const Claimed& b) { return a.id < b.id; });
    if (!batch.rows.empty()) {
      batch.key = keys_.current(tx);
      return batch;
    }
    auto due = tx.exec(kNextDue)[0][0];
    batch.wait = settings_.poll_interval;
    // Rows already due but not claimable (their subscriber is not accepted) wait for a poll.
    if (!due.is_null() && due.as<long long>() > 0)
      batch.wait =
          std::min(std::chrono::milliseconds(due.as<long long>() + 1), settings_.poll_interval);
    return batch;
  });
}

boost::asio::awaitable<HttpsResponse> DeliveryWorkers::send(const Claimed& row,
                                                            const SigningKey& key) {
  PeerDiscovery peer = co_await discovery_.discover(row.peer);
  HttpsRequest request;
  if (row.event_type == "subscription.cancel") {
    if (!row.remote_id) co_return HttpsResponse{204, {}, {}};  // it never knew the subscription
    request.method = "DELETE";
    request.url = row.peer + peer.subscriptions_path + "/" +
                  boost::urls::encode(*row.remote_id, boost::urls::unreserved_chars);
  } else {
    json event{{"type", row.event_type}, {"event_id", row.event_id}};
    if (row.lesson_id) {
      if (!row.document) throw std::runtime_error("the lesson version is gone");
      event["document"] =
          sign_lesson_document(document_to_send(*row.document, row.tombstone), key.key_id, key.key);
    } else {
      event["subscription"] = *row.subscription_id;
    }
    request.method = "POST";
    request.url = row.peer + peer.inbox_path;
    request.body = event.dump();
  }
  sign_request(request, RequestSigner(key.key_id, key.key));
  co_return co_await client_.async_send(std::move(request));
}

void DeliveryWorkers::record_successes(const std::vector<const Claimed*>& rows) {
  if (rows.empty()) return;
  std::map<std::string, int> per_peer;
  json ids = json::array();
  std::vector<LessonHolding> given;
  for (const Claimed* row : rows) {
    ids.push_back(row->id);
    ++per_peer[row->peer];
    if (row->lesson_id)
      given.push_back(
          {*row->lesson_id, row->peer, row->version, row->event_type == "lesson.retracted"});
  }
  db::with_transaction(pool_, [&](db::Transaction& tx) {
    tx.exec(kDelivered, ids.dump());
    record_lesson_holders(tx, given, "push");
    for (const auto& [peer, count] : per_peer)
      tx.exec(kDeliveredToPeer, peer, count);
  });
  for (const auto& [peer, count] : per_peer)
    deliveries_.add({peer, "delivered"}, count);
}

void DeliveryWorkers::record_failure(const Claimed& row, const std::string& error) {
  auto delay = backoff_delay(settings_.backoff, row.attempts, random01());
  db::with_transaction(pool_, [&](db::Transaction& tx) {
    tx.exec(kFailed, row.id, row.peer, error, static_cast<long long>(delay.count()),
            static_cast<long long>(settings_.give_up_after.count()));
  });
}

boost::asio::awaitable<bool> DeliveryWorkers::deliver(const Claimed& row, const SigningKey& key) {
  std::string error;
  try {
    HttpsResponse response = co_await send(row, key);
    if (response.status >= 200 && response.status < 300) co_return true;
    error = describe(response);
  } catch (const boost::system::system_error& e) {
    if (e.code() == boost::asio::error::operation_aborted) throw;
    error = common::utf8_prefix(e.what(), kMaxErrorChars);
  } catch (const std::exception& e) {
    error = common::utf8_prefix(e.what(), kMaxErrorChars);
  }
  auto state = co_await boost::asio::this_coro::cancellation_state;
  if (state.cancelled() != boost::asio::cancellation_type::none)
    throw boost::system::system_error(boost::asio::error::operation_aborted);
  deliveries_.add({row.peer, "failed"}, 1);
  logger_.warn(
      "delivery failed",
      {{"peer", row.peer}, {"event", row.event_type}, {"attempt", row.attempts}, {"error", error}});
  co_await blocking_.run([&] { record_failure(row, error); });
  co_return false;
}

boost::asio::awaitable<void> DeliveryWorkers::deliver(const Batch& batch) {
  std::vector<const Claimed*> delivered;
  // Subscription events in order: an acceptance reaches the peer before lessons do.
  std::vector<const Claimed*> lessons;
  for (const auto& row : batch.rows) {
    if (row.lesson_id) {
      lessons.push_back(&row);
    } else if (co_await deliver(row, *batch.key)) {
      delivered.push_back(&row);
    }
  }
  // Lessons at once: the peer applies each version whatever order they arrive in. A send only
  // throws when cancelled by a shutdown; what was delivered is still recorded first.
  std::exception_ptr cancelled;
  if (!lessons.empty()) {
    auto executor = co_await boost::asio::this_coro::executor;
    using Send = decltype(boost::asio::co_spawn(
        executor, std::declval<boost::asio::awaitable<bool>>(), boost::asio::deferred));
    std::vector<Send> sends;
    for (const Claimed* row : lessons)
      sends.push_back(
          boost::asio::co_spawn(executor, deliver(*row, *batch.key), boost::asio::deferred));
    auto [order, errors, taken] =
        co_await boost::asio::experimental::make_parallel_group(std::move(sends))
            .async_wait(boost::asio::experimental::wait_for_all(), boost::asio::use_awaitable);
    for (std::size_t i = 0; i < lessons.size(); ++i) {
      if (errors[i])
        cancelled = errors[i];
      else if (taken[i])
        delivered.push_back(lessons[i]);
    }
  }
  co_await blocking_.run([&] { record_successes(delivered); });
  if (cancelled) std::rethrow_exception(cancelled);
}

boost::asio::awaitable<void> DeliveryWorkers::run(unsigned index) {
  auto& wakeup = *wakeups_.at(index);
  for (;;) {
    std::chrono::milliseconds wait = settings_.poll_interval;
    try {
      Batch batch = co_await blocking_.run([this] { return claim(); });
      if (!batch.rows.empty()) {
        co_await deliver(batch);
        continue;
      }
      wait = batch.wait;
    } catch (const boost::system::system_error& e) {
      if (e.code() == boost::asio::error::operation_aborted) throw;
      logger_.warn("delivery worker failed", {{"worker", index}, {"error", e.what()}});
    } catch (const std::exception& e) {
      logger_.warn("delivery worker failed", {{"worker", index}, {"error", e.what()}});
    }
    co_await wakeup.wait(wait);
  }
}

}  // namespace hindsight::federation
