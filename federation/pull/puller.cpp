#include "federation/pull/puller.hpp"

#include <fmt/format.h>

#include <boost/asio/this_coro.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/db/statement.hpp"
#include "common/db/transaction.hpp"
#include "common/util/utf8_sequence.hpp"
#include "federation/documents/signed_lesson_document.hpp"
#include "federation/documents/strict_json.hpp"
#include "federation/inbox/inbox.hpp"
#include "federation/inbox/received_lessons.hpp"
#include "federation/outbound/request_signing.hpp"

namespace hindsight::federation {
namespace db = common::db;
using nlohmann::json;

namespace {

// Bounds one run, so a publisher that always answers with more cannot keep a pull going forever.
constexpr int kMaxPagesPerRun = 10'000;
constexpr std::size_t kMaxCursorChars = 200;
constexpr std::size_t kMaxErrorChars = 500;

constexpr db::Statement kSubscription{"pull_subscription_of", R"(
SELECT s.id, s.pull_cursor FROM federation_subscriptions s
JOIN federation_peers p ON p.origin = s.peer_origin AND p.blocked_at IS NULL
WHERE s.peer_origin = $1 AND s.direction = 'outgoing' AND s.state = 'accepted')"};
constexpr db::Statement kAcceptedPeers{"pull_accepted_peers", R"(
SELECT s.peer_origin FROM federation_subscriptions s
JOIN federation_peers p ON p.origin = s.peer_origin AND p.blocked_at IS NULL
WHERE s.direction = 'outgoing' AND s.state = 'accepted' ORDER BY s.peer_origin)"};
constexpr db::Statement kLock{"pull_lock_subscription", R"(
SELECT 1 FROM federation_subscriptions
WHERE id = $1::uuid AND state = 'accepted' FOR UPDATE)"};
constexpr db::Statement kAdvance{"pull_advance", R"(
UPDATE federation_subscriptions
SET pull_cursor = $2, last_pull_at = now(), last_pull_error = $3 WHERE id = $1::uuid)"};
constexpr db::Statement kFailed{"pull_failed", R"(
UPDATE federation_subscriptions SET last_pull_at = now(), last_pull_error = $2
WHERE id = $1::uuid)"};

struct Subscription {
  std::string id;
  std::string cursor;
  SigningKey key;
};

struct Page {
  std::vector<SignedLessonDocument> documents;
  std::size_t items = 0;
  std::string next;
  long long refused = 0;
  std::string first_refusal;
};

class PullError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

Page read_page(const HttpsResponse& response, const std::string& origin) {
  if (response.status != 200)
    throw PullError(fmt::format("{} answered the pull with HTTP {}", origin, response.status));
  json body;
  try {
    body = parse_strict_json(response.body, response.body.size());
  } catch (const StrictJsonError& e) {
    throw PullError(
        fmt::format("{} answered the pull with a body that is not JSON: {}", origin, e.what()));
  }
  if (!body.is_object() || !body.contains("items") || !body["items"].is_array() ||
      !body.contains("next") || !body["next"].is_string() ||
      body["next"].get_ref<const std::string&>().size() > kMaxCursorChars)
    throw PullError(origin + " answered the pull without {\"items\": [...], \"next\": \"...\"}");
  Page page;
  page.items = body["items"].size();
  page.next = body["next"].get<std::string>();
  for (const auto& item : body["items"]) {
    try {
      page.documents.push_back(read_embedded_signed_document(item, origin));
    } catch (const SignedDocumentError& e) {
      if (page.refused++ == 0) page.first_refusal = e.what();
    }
  }
  return page;
}

bool cancelled(const boost::asio::cancellation_state& state) {
  return state.cancelled() != boost::asio::cancellation_type::none;
}

}  // namespace

Puller::Puller(boost::asio::any_io_executor executor, db::ConnectionPool& pool,
               common::runtime::BlockingPool& blocking, const HttpsClient& client,
               DiscoveryClient& discovery, SigningKeyCache& keys, PullSettings settings,
               common::Logger& logger)
    : pool_(pool),
      blocking_(blocking),
      client_(client),
      discovery_(discovery),
      keys_(keys),
      settings_(settings),
      logger_(logger),
      wakeup_(std::move(executor)) {}

boost::asio::awaitable<PullResult> Puller::pull_from(std::string origin) {
  auto subscription = co_await blocking_.run([&] {
    return db::with_transaction(pool_, [&](db::Transaction& tx) -> std::optional<Subscription> {
      auto row = tx.exec(kSubscription, origin);
      if (row.empty()) return std::nullopt;
      return Subscription{row[0][0].as<std::string>(), row[0][1].as<std::string>(),
                          keys_.current(tx)};
    });
  });
  PullResult result;
  if (!subscription) co_return result;
  std::string error;
  try {
    PeerDiscovery peer = co_await discovery_.discover(origin);
    for (int n = 0; n < kMaxPagesPerRun; ++n) {
      HttpsRequest request;
      request.url =
          fmt::format("{}{}?after={}&limit={}", origin, peer.lessons_path,
                      boost::urls::encode(subscription->cursor, boost::urls::unreserved_chars),
                      settings_.page_limit);
      sign_request(request, RequestSigner(subscription->key.key_id, subscription->key.key));
      Page page = read_page(co_await client_.async_send(std::move(request)), origin);
      // Documents signed with a key this instance has not seen yet: ask discovery once each.
      std::vector<PeerKey> keys;
      for (const auto& k : peer.keys)
        if (k.valid_at(std::chrono::system_clock::now())) keys.push_back(k);
      for (const auto& d : page.documents)
        if (!lookup_in(keys)(d.key_id))
          if (auto fetched = co_await discovery_.key(origin, d.key_id)) keys.push_back(*fetched);
      bool still_accepted = co_await blocking_.run([&] {
        return db::with_transaction(pool_, [&](db::Transaction& tx) {
          if (tx.exec(kLock, subscription->id).empty()) return false;
          std::vector<VerifiedLessonDocument> verified;
          for (auto& d : page.documents) {
            try {
              verified.push_back(verify_signed_document(std::move(d), lookup_in(keys)));
            } catch (const SignedDocumentError& e) {
              if (page.refused++ == 0) page.first_refusal = e.what();
            }
          }
          std::vector<const VerifiedLessonDocument*> lessons;
          for (const auto& v : verified)
            lessons.push_back(&v);
          for (const auto& stored : store_received_lessons(tx, lessons, ReceivedVia::pull))
            result.stored += stored.applied;
          std::optional<std::string> refusal;
          if (page.refused > 0)
            refusal = std::string(common::utf8_prefix(
                fmt::format("{} document(s) refused: {}", page.refused, page.first_refusal),
                kMaxErrorChars));
          tx.exec(kAdvance, subscription->id, page.next, refusal);
          return true;
        });
      });
      result.refused += page.refused;
      ++result.pages;
      if (!still_accepted || page.items == 0 || page.next == subscription->cursor) break;
      subscription->cursor = page.next;
    }
    co_return result;
  } catch (const boost::system::system_error& e) {
    if (e.code() == boost::asio::error::operation_aborted) throw;
    error = e.what();
  } catch (const std::exception& e) {
    error = e.what();
  }
  if (cancelled(co_await boost::asio::this_coro::cancellation_state))
    throw boost::system::system_error(boost::asio::error::operation_aborted);
  error.resize(common::utf8_prefix(error, kMaxErrorChars).size());
  co_await blocking_.run([&] {
    db::with_transaction(pool_,
                         [&](db::Transaction& tx) { tx.exec(kFailed, subscription->id, error); });
  });
  throw PullError(error);
}

boost::asio::awaitable<void> Puller::pull_logged(const std::string& origin) {
  try {
    auto result = co_await pull_from(origin);
    if (result.pages > 0)
      logger_.info("pulled lessons", {{"peer", origin},
                                      {"stored", result.stored},
                                      {"refused", result.refused},
                                      {"pages", result.pages}});
  } catch (const boost::system::system_error& e) {
    if (e.code() == boost::asio::error::operation_aborted) throw;
    logger_.warn("pull failed", {{"peer", origin}, {"error", e.what()}});
  } catch (const std::exception& e) {
    logger_.warn("pull failed", {{"peer", origin}, {"error", e.what()}});
  }
}

boost::asio::awaitable<void> Puller::pull_all() {
  auto origins = co_await blocking_.run([this] {
    return db::with_transaction(pool_, [](db::Transaction& tx) {
      std::vector<std::string> out;
      for (const auto& row : tx.exec(kAcceptedPeers))
        out.push_back(row[0].as<std::string>());
      return out;
    });
  });
  for (const auto& origin : origins)
    co_await pull_logged(origin);
}

void Puller::request(const std::string& origin) {
  {
    std::lock_guard lock(mutex_);
    requested_.insert(origin);
  }
  wakeup_.notify();
}

boost::asio::awaitable<void> Puller::serve_requests() {
  for (;;) {
    co_await wakeup_.wait(settings_.interval);
    std::set<std::string> origins;
    {
      std::lock_guard lock(mutex_);
      origins.swap(requested_);
    }
    for (const auto& origin : origins)
      co_await pull_logged(origin);
  }
}

}  // namespace hindsight::federation
