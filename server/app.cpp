#include "server/app.hpp"

#include <algorithm>

#include "common/crypto/password_hasher.hpp"
#include "common/db/change_feed.hpp"
#include "common/db/connection_pool.hpp"
#include "common/db/migrations.hpp"
#include "common/db/transaction.hpp"
#include "common/metrics/metrics_registry.hpp"
#include "common/runtime/background_tasks.hpp"
#include "common/runtime/blocking_pool.hpp"
#include "common/runtime/runtime.hpp"
#include "federation/discovery/discovery_client.hpp"
#include "federation/http/https_client.hpp"
#include "federation/identity/instance_keys.hpp"
#include "federation/identity/key_encryption_key.hpp"
#include "federation/identity/signing_key_cache.hpp"
#include "federation/inbound/origin_rate_limiter.hpp"
#include "federation/inbound/request_verifier.hpp"
#include "federation/inbox/inbox_groups.hpp"
#include "federation/outbox/delivery_status.hpp"
#include "federation/outbox/delivery_worker.hpp"
#include "federation/pull/puller.hpp"
#include "federation/signatures/nonce_store.hpp"
#include "federation/subscriptions/subscription_requester.hpp"
#include "server/action_items/action_item_updates.hpp"
#include "server/action_items/open_action_items.hpp"
#include "server/api/account_routes.hpp"
#include "server/api/admin_routes.hpp"
#include "server/api/collaboration_routes.hpp"
#include "server/api/dictionary_routes.hpp"
#include "server/api/discovery_routes.hpp"
#include "server/api/federation_routes.hpp"
#include "server/api/feed_routes.hpp"
#include "server/api/lesson_routes.hpp"
#include "server/api/peer_routes.hpp"
#include "server/api/postmortem_routes.hpp"
#include "server/api/public_routes.hpp"
#include "server/api/session_routes.hpp"
#include "server/api/subscription_routes.hpp"
#include "server/api/system_routes.hpp"
#include "server/auth/authenticator.hpp"
#include "server/auth/session_service.hpp"
#include "server/database_session.hpp"
#include "server/dictionary/dictionary_service.hpp"
#include "server/feed/feed_search.hpp"
#include "server/feed/lesson_action_items.hpp"
#include "server/feed/lesson_moderation.hpp"
#include "server/feed/lesson_notes.hpp"
#include "server/feed/received_lesson_reader.hpp"
#include "server/http/dispatcher.hpp"
#include "server/http/https_server.hpp"
#include "server/http/peer_gate.hpp"
#include "server/http/router.hpp"
#include "server/http/static_files.hpp"
#include "server/http/tls_files.hpp"
#include "server/lessons/anonymizer_provider.hpp"
#include "server/lessons/lesson_reader.hpp"
#include "server/lessons/lesson_service.hpp"
#include "server/lessons/public_lessons.hpp"
#include "server/postmortems/comment_service.hpp"
#include "server/postmortems/document_cache.hpp"
#include "server/postmortems/postmortem_search.hpp"
#include "server/postmortems/postmortem_service.hpp"
#include "server/software_version.hpp"
#include "server/users/token_service.hpp"
#include "server/users/token_usage.hpp"
#include "server/users/user_service.hpp"

namespace hindsight::server {
namespace db = common::db;

namespace {

// How stale a token's "last used" may be in the list of another server process.
constexpr std::chrono::seconds kTokenUsageFlush{60};
// Replay nonces live at most about ten minutes; a purge this often keeps the table small.
constexpr std::chrono::minutes kNoncePurge{5};

// A page of lessons pulled from a publisher is far larger than any other answer a peer gives.
constexpr std::size_t kMaxPullAnswerBytes = 64 << 20;
constexpr std::chrono::seconds kPullTimeout{60};

// A burst of deliveries to a peer reuses its connections; kept shorter than the idle timeouts
// servers commonly close kept connections at (5 seconds and more), so a peer rarely closes one
// just as a request goes out on it.
constexpr std::chrono::seconds kPeerKeepAlive{2};

federation::HttpsClientOptions outgoing_client_options(const ServerConfig& config) {
  federation::HttpsClientOptions options;
  options.trust_ca_file = config.trust_ca.value_or("");
  options.public_addresses_only = config.public_peers_only;
  options.keep_alive = kPeerKeepAlive;
  // Every connection of a round of deliveries is kept for the next one; a connection closed
  // for want of room costs both sides a TLS handshake on the next round.
  options.max_idle_connections = std::max<std::size_t>(
      options.max_idle_connections, std::size_t{config.delivery.workers} * config.delivery.batch);
  return options;
}

federation::HttpsClientOptions pull_client_options(const ServerConfig& config) {
  auto options = outgoing_client_options(config);
  options.max_response_bytes = kMaxPullAnswerBytes;
  options.timeout = kPullTimeout;
  return options;
}

}  // namespace

struct App::Components {
  Components(const ServerConfig& c, common::Logger& l)
      : config(c),
        logger(l),
        runtime(c.threads, c.limits.shutdown_timeout, l),
        blocking(c.db_pool_size),
        tasks(runtime.io(), l),
        database(c.database),
        pool(database.conninfo(), c.db_pool_size),
        migrations(db::embedded_migrations()),
        changes(database.conninfo(), l),
        outgoing(outgoing_client_options(c)),
        identity{c.public_url, c.peer_name, software_version()},
        peer_discovery(outgoing, c.discovery),
        peer_rate(c.peer_rate),
        peer_standings(changes, pool),
        verifier(identity.origin, peer_discovery, peer_rate, blocking, peer_standings),
        peer_gate(verifier, pool, blocking),
        inbox_groups(pool, blocking, c.inbox),
        instance_keys(
            federation::load_key_encryption_key(c.key_encryption_key, c.database.data_dir)),
        instance_key_cache(changes, {.clearing_topics = {"instance_keys"}}),
        signing_keys(instance_keys, changes, identity.origin),
        pulling(pull_client_options(c)),
        delivery(runtime.io().get_executor(), pool, blocking, outgoing, peer_discovery,
                 signing_keys, changes, c.delivery, l,
                 metrics.counter("hindsight_federation_deliveries_total",
                                 "Sends to peers, by peer and outcome (delivered, failed).",
                                 {"peer", "outcome"})),
        puller(runtime.io().get_executor(), pool, blocking, pulling, peer_discovery, signing_keys,
               c.pull, l),
        requester(identity, pool, blocking, outgoing, peer_discovery, signing_keys, puller),
        hasher(c.password_hash),
        users(pool, hasher),
        tokens(pool),
        token_usage(pool),
        sessions(pool, hasher),
        postmortems(pool),
        documents(postmortems, changes),
        search(pool),
        comments(pool),
        dictionary(pool),
        anonymizers(c.name),
        lessons(
            anonymizers, identity.origin,
            metrics.counter("hindsight_anonymizer_findings_total",
                            "Findings in lesson drafts, by type and source.", {"type", "source"})),
        lesson_reader(pool),
        public_lessons(pool, instance_keys, identity),
        feed_search(pool),
        feed_reader(pool),
        open_action_items(pool),
        action_item_updates(postmortems, lesson_action_items),
        authenticator(pool, sessions, changes, blocking, token_usage),
        static_files(c.static_dir ? std::optional<std::filesystem::path>(*c.static_dir)
                                  : std::nullopt),
        dispatcher(router, authenticator, peer_gate, static_files, blocking, metrics, logger) {
    {
      auto lease = pool.acquire();
      auto applied = migrations.migrate(lease->connection);
      if (!applied.empty()) logger.info("database migrated", {{"applied", applied}});
    }
    // After migrating (the triggers exist) and before serving; every subscriber is built.
    tasks.spawn("change feed", [this] { return changes.run(blocking); });
    tasks.every("token usage", kTokenUsageFlush, [this] { return flush_token_usage(); });
    tasks.every("replay nonce purge", kNoncePurge, [this] { return purge_nonces(); });
    for (unsigned i = 0; i < delivery.count(); ++i)
      tasks.spawn("delivery worker " + std::to_string(i), [this, i] { return delivery.run(i); });
    // At start-up, then periodically: a push lost while this instance was down is healed.
    tasks.every("pull", config.pull.interval, [this] { return puller.pull_all(); });
    tasks.spawn("pull on request", [this] { return puller.serve_requests(); });
    add_delivery_metrics();
    pool.on_write_committed([this](pqxx::connection_base& conn) { changes.catch_up(conn); });
    db::with_transaction(pool, [this](db::Transaction& tx) { instance_keys.ensure_key(tx); });
    first_admin_password = db::with_transaction(
        pool, [this](db::Transaction& tx) { return users.create_first_admin(tx); });
    add_system_routes(router, pool, migrations, metrics);
    add_account_routes(router, tokens, token_usage, pool);
    add_session_routes(router, sessions, users, pool);
    add_admin_routes(router, users, pool);
    add_postmortem_routes(router, postmortems, documents, search, pool, blocking);
    add_collaboration_routes(router, comments, open_action_items, action_item_updates, pool);
    add_dictionary_routes(router, dictionary, pool);
    add_lesson_routes(router, lessons, lesson_reader, pool);
    add_public_lesson_routes(router, public_lessons, identity, config.public_license, pool);
    add_feed_routes(router, feed_search, feed_reader, lesson_notes, lesson_action_items,
                    lesson_moderation, pool);
    add_discovery_routes(router, identity, instance_key_cache, pool);
    add_federation_routes(router, signing_keys, inbox_groups, puller);
    add_subscription_routes(router, requester, pool);
    add_peer_routes(
        router, requester, pool,
        {.on_blocked = [this](const std::string& origin) { peer_discovery.forget(origin); },
         .on_retry = [this] { delivery.wake(); }});
    metrics.on_render([this, &in_use = metrics.gauge("hindsight_db_pool_connections_in_use",
                                                     "Database connections leased right now.")] {
      in_use.set({}, static_cast<double>(pool.in_use()));
    });
    add_cache_metrics();
    server = std::make_unique<HttpsServer>(runtime.io(), config, resolve_tls_files(config, logger),
                                           dispatcher, logger);
    // In this order: no new request and none in flight, then no background work.
    runtime.on_shutdown("listener", [this] { return server->drain(); });
    runtime.on_shutdown("token usage", [this] { return flush_token_usage(); });
    runtime.on_shutdown("background tasks", [this] { return tasks.stop(); });
  }

  // Work still queued for the blocking pool refers to the components: finish it first.
  ~Components() { blocking.join(); }

  boost::asio::awaitable<void> flush_token_usage() {
    co_await blocking.run([this] { token_usage.flush(); });
  }

  boost::asio::awaitable<void> purge_nonces() {
    co_await blocking.run([this] {
      db::with_transaction(pool, [](db::Transaction& tx) { federation::purge_expired_nonces(tx); });
    });
  }

  // Read from the database by a background task, never while /metrics renders.
  void add_delivery_metrics() {
    auto& queued =
        metrics.gauge("hindsight_federation_queue_depth",
                      "Deliveries waiting to be sent, by peer (dead ones apart).", {"peer"});
    auto& dead = metrics.gauge("hindsight_federation_dead_deliveries",
                               "Deliveries given up after the retry window, by peer.", {"peer"});
    auto& oldest =
        metrics.gauge("hindsight_federation_oldest_undelivered_seconds",
                      "Age of the oldest delivery waiting, by peer (0: none).", {"peer"});
    tasks.every("delivery metrics", config.delivery.poll_interval,
                [this, &queued, &dead, &oldest]() -> boost::asio::awaitable<void> {
                  auto status = co_await blocking.run([this] {
                    return db::with_read_transaction(pool, federation::delivery_status);
                  });
                  for (const auto& s : status) {
                    queued.set({s.origin}, static_cast<double>(s.queued));
                    dead.set({s.origin}, static_cast<double>(s.dead));
                    oldest.set({s.origin}, s.oldest_queued_seconds.value_or(0));
                  }
                });
  }

  void add_cache_metrics() {
    auto& live = metrics.gauge("hindsight_change_feed_live",
                               "1 while the change feed hears the database (caches in use).");
    auto& hits =
        metrics.counter("hindsight_cache_hits_total", "Reads answered from memory.", {"cache"});
    auto& misses = metrics.counter("hindsight_cache_misses_total",
                                   "Reads that went to the database.", {"cache"});
    auto& bytes = metrics.gauge("hindsight_cache_bytes", "Memory held by a cache.", {"cache"});
    auto report = [&](const std::string& name, auto stats) {
      hits.set({name}, static_cast<double>(stats.hits));
      misses.set({name}, static_cast<double>(stats.misses));
      bytes.set({name}, static_cast<double>(stats.bytes));
    };
    metrics.on_render([this, &live, report] {
      live.set({}, changes.live() ? 1 : 0);
      report("credentials", authenticator.cache().stats());
      report("documents", documents.cache().stats());
    });
  }

  const ServerConfig& config;
  common::Logger& logger;
  common::runtime::Runtime runtime;
  common::runtime::BlockingPool blocking;
  common::runtime::BackgroundTasks tasks;
  DatabaseSession database;
  common::MetricsRegistry metrics;
  db::ConnectionPool pool;
  db::MigrationRunner migrations;
  db::ChangeFeed changes;
  // HTTPS to other instances (discovery, delivery), trusting the system store plus --trust-ca.
  // Made at start so a bad CA file stops the server at once instead of at the first delivery.
  federation::HttpsClient outgoing;
  federation::InstanceIdentity identity;
  // Checks other instances' requests: their discovery documents, their rate, their signatures.
  federation::DiscoveryClient peer_discovery;
  federation::OriginRateLimiter peer_rate;
  federation::PeerStandingCache peer_standings;
  federation::RequestVerifier verifier;
  PeerGate peer_gate;
  // Stores well-formed lesson events in groups (docs/federation.md, "Inbox").
  federation::InboxGroups inbox_groups;
  federation::InstanceKeys instance_keys;
  InstanceKeyCache instance_key_cache;
  federation::SigningKeyCache signing_keys;
  // Pulls read pages of lessons: a larger answer and a longer time than other requests.
  federation::HttpsClient pulling;
  federation::DeliveryWorkers delivery;
  federation::Puller puller;
  federation::SubscriptionRequester requester;
  common::crypto::PasswordHasher hasher;
  UserService users;
  TokenService tokens;
  TokenUsage token_usage;
  SessionService sessions;
  PostmortemService postmortems;
  DocumentCache documents;
  PostmortemSearch search;
  CommentService comments;
  DictionaryService dictionary;
  AnonymizerProvider anonymizers;
  LessonService lessons;
  LessonReader lesson_reader;
  PublicLessonService public_lessons;
  // The peer feed: received lessons, local notes and action items on them, moderation.
  FeedSearch feed_search;
  ReceivedLessonReader feed_reader;
  LessonNotes lesson_notes;
  LessonActionItems lesson_action_items;
  LessonModeration lesson_moderation;
  // Action items, whether they follow from a postmortem or a received lesson.
  OpenActionItems open_action_items;
  ActionItemUpdates action_item_updates;
  Authenticator authenticator;
  Router router;
  StaticFiles static_files;
  Dispatcher dispatcher;
  std::unique_ptr<HttpsServer> server;
  std::optional<std::string> first_admin_password;
};

App::App(const ServerConfig& config, common::Logger& logger)
    : components_(std::make_unique<Components>(config, logger)) {}

App::~App() = default;

const std::optional<std::string>& App::first_admin_password() const {
  return components_->first_admin_password;
}

const Router& App::router() const {
  return components_->router;
}

uint16_t App::listen() {
  uint16_t port = components_->server->listen();
  // Listening on port 0 with no public URL given: the origin is known only now.
  auto& origin = components_->identity.origin;
  if (origin.ends_with(":0")) origin = origin.substr(0, origin.size() - 1) + std::to_string(port);
  return port;
}

void App::run(const std::function<void()>& on_listening) {
  components_->server->start();
  components_->runtime.run(on_listening);
  components_->blocking.join();
}

void App::stop() {
  components_->runtime.request_shutdown();
}

}  // namespace hindsight::server
