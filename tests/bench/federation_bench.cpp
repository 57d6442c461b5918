// Federation delivery at scale, on real instances over HTTPS on loopback (tests/bench/README.md):
//  - push ingest: a publisher's outbox holds N approved lessons for one subscriber; a delivery
//    process starts on the publisher's database and the subscriber applies them; lessons per
//    second at the subscriber, beside this machine's two bounds measured in the same run
//    (`openssl speed ed25519` verifies per second, single-row inserts per second into the same
//    PostgreSQL);
//  - approval-to-visible: a lesson approved at the publisher until the subscriber holds it;
//  - catch-up: the subscriber was stopped while N more lessons were approved; it starts with no
//    delivery process running, so it catches up by pull alone.
// Built by federation_bench.sh in Release; each step checks what it measured arrived whole.
#include <gtest/gtest.h>
#include <signal.h>
#include <stdio.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "server/config/server_config.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_instance.hpp"

namespace hindsight::test {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct BenchOptions {
  int lessons = 10'000;       // approved for the ingest, and again for the catch-up
  int latency_samples = 200;  // lessons approved one at a time for the latency
  int approvers = 4;          // threads approving through the API
  int delivery_workers = 4;   // the delivery process's workers (the product's default)
  int delivery_batch = 32;    // events each worker sends at once (the product's default)
  double bound_seconds = 5;   // each bound is measured this long
};
BenchOptions options;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The verifies per second `openssl speed` reports for Ed25519 (its last column), on one core.
double openssl_verifies_per_second() {
  std::string command = "openssl speed -seconds " +
                        std::to_string(static_cast<int>(options.bound_seconds)) +
                        " ed25519 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return 0;
  std::string output;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe))
    output.append(buffer, n);
  pclose(pipe);
  // " 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  35201.1  13101.0"
  std::istringstream lines(output);
  double verifies = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("Ed25519") == std::string::npos) continue;
    std::istringstream words(line);
    for (std::string word; words >> word;)
      verifies = std::atof(word.c_str());
  }
  return verifies;
}

// Single-row inserts per second, each its own committed transaction, from `connections`
// connections at once, of a row the size of a received lesson, into a database of the same
// PostgreSQL the instances use.
double single_row_inserts_per_second(int connections, const std::string& row) {
  TestDatabase db;
  {
    pqxx::connection conn(db.conninfo());
    pqxx::nontransaction tx(conn);
    tx.exec(
        "CREATE TABLE bench_rows (id bigserial PRIMARY KEY, origin text NOT NULL, "
        "body jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())");
  }
  std::atomic<long long> inserted = 0;
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(options.bound_seconds);
  std::vector<std::thread> threads;
  for (int i = 0; i < connections; ++i)
    threads.emplace_back([&] {
      pqxx::connection conn(db.conninfo());
      conn.prepare("insert", "INSERT INTO bench_rows (origin, body) VALUES ($1, $2::jsonb)");
      while (Clock::now() < deadline) {
        pqxx::work tx(conn);
        tx.exec_prepared("insert", "https://peer.example", row);
        tx.commit();
        ++inserted;
      }
    });
  for (auto& t : threads)
    t.join();
  return static_cast<double>(inserted) / seconds_since(start);
}

// A postmortem filed, published and drafted as a lesson, ready to approve; returns the lesson id.
std::string draft_lesson(TestInstance& a, int n) {
  json postmortem = {{"title", "Connection pool exhaustion, incident " + std::to_string(n)},
                     {"severity", "SEV2"},
                     {"started_at", "2026-03-01T10:00:00Z"},
                     {"resolved_at", "2026-03-01T11:00:00Z"},
                     {"tags", {"database", "capacity"}},
                     {"summary", "The pool of the billing service ran out after a deploy."},
                     {"trigger", "A configuration change halved the pool."},
                     {"resolution", "Restored the pool size and drained the queue."},
                     {"lessons_learned", "Alert on pool saturation before it is full."}};
  auto made = a.call_as(a.member, "POST", "/api/v1/postmortems", postmortem);
  EXPECT_EQ(made.status, 201) << made.body;
  std::string pm = made.body.value("id", "");
  for (const auto& [who, status] : {std::pair{a.member, "in_review"}, {a.reviewer, "published"}})
    EXPECT_EQ(a.call_as(who, "POST", "/api/v1/postmortems/" + pm + "/status", {{"status", status}})
                  .status,
              200);
  auto lesson =
      a.call_as(a.reviewer, "POST", "/api/v1/postmortems/" + pm + "/lesson", json::object());
  EXPECT_EQ(lesson.status, 201) << lesson.body;
  return lesson.body.value("id", "");
}

void approve(TestInstance& a, const std::string& lesson) {
  auto r = a.call_as(a.reviewer, "POST", "/api/v1/lessons/" + lesson + "/approve", json::object());
  EXPECT_EQ(r.status, 200) << r.body;
}

// `count` lessons filed, drafted and approved through the API by several threads at once.
void approve_many(TestInstance& a, int count, int first_number) {
  std::atomic<int> next = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < options.approvers; ++t)
    threads.emplace_back([&] {
      for (int i = next++; i < count; i = next++)
        approve(a, draft_lesson(a, first_number + i));
    });
  for (auto& t : threads)
    t.join();
}

long long held(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  return tx.exec1("SELECT count(*) FROM received_lessons WHERE fields IS NOT NULL")[0]
      .as<long long>();
}

// Waits until the subscriber holds `target` lessons, then reads when they arrived from the rows
// themselves (received_at: the start of the transaction that stored each one). The count scans
// the table, so it is taken only every 100 ms: polled faster it would take a core from the
// instances being measured.
struct Arrival {
  double first_to_last = 0;  // between the first and the last row stored since `since`
  double from_start = 0;     // from `since` to the last row
  bool complete = false;
};
Arrival wait_until_held(const TestInstance& b, long long target,
                        std::chrono::system_clock::time_point since, std::chrono::seconds timeout) {
  pqxx::connection conn(b.database().conninfo());
  Arrival arrival;
  auto start = Clock::now();
  while (seconds_since(start) < static_cast<double>(timeout.count())) {
    if (held(conn) >= target) {
      double since_epoch = std::chrono::duration<double>(since.time_since_epoch()).count();
      pqxx::nontransaction tx(conn);
      auto row = tx.exec_params1(
          "SELECT extract(epoch FROM max(received_at) - min(received_at))::float8, "
          "extract(epoch FROM max(received_at))::float8 - $1 "
          "FROM received_lessons WHERE received_at >= to_timestamp($1)",
          since_epoch);
      arrival.first_to_last = row[0].as<double>();
      arrival.from_start = row[1].as<double>();
      arrival.complete = true;
      return arrival;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return arrival;
}

// The cluster's WAL so far: its position, and pg_stat_wal's records and flushes. Backends report
// their WAL statistics at most once a second while busy and ten seconds after they go idle, so
// the counters are read once every backend has been idle that long.
struct WalActivity {
  double bytes = 0;
  double records = 0;
  double flushes = 0;
};
WalActivity settled_wal_activity(const TestInstance& instance) {
  std::this_thread::sleep_for(std::chrono::seconds(11));
  pqxx::connection conn(instance.database().conninfo());
  pqxx::nontransaction tx(conn);
  auto row = tx.exec1(
      "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::float8, wal_records::float8, "
      "wal_sync::float8 FROM pg_stat_wal");
  return {row[0].as<double>(), row[1].as<double>(), row[2].as<double>()};
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  auto at = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

TEST(FederationBench, IngestLatencyAndCatchUp) {
  // The publisher's own process only answers requests; sending is a separate process's, started
  // when a step needs it. Product timers, not the tests' fast ones, and the product's threads
  // and connections for this machine, not the tests' smaller ones.
  server::ServerConfig defaults = server::load_server_config(
      common::Settings({}, [](const std::string&) { return std::nullopt; }, {}));
  std::map<std::string, std::string> product_settings = {
      {"delivery_backoff_base", "10s"},
      {"delivery_poll_interval", "5s"},
      {"delivery_lease", "120s"},
      {"pull_interval", "10m"},
      {"threads", std::to_string(defaults.threads)},
      {"db_pool_size", std::to_string(defaults.db_pool_size)}};
  auto publisher_settings = product_settings;
  publisher_settings["delivery_workers"] = "0";
  TestInstance a("Publisher", publisher_settings);
  // The subscriber keeps the default per-origin rate limit: pushes must never meet a 429.
  TestInstance b("Subscriber", product_settings);
  const std::map<std::string, std::string> sender = {
      {"delivery_workers", std::to_string(options.delivery_workers)},
      {"delivery_batch", std::to_string(options.delivery_batch)}};

  // The subscription, then approval to visible at the peer, one lesson at a time, with a sender
  // running (it also carries the acceptance to the subscriber).
  std::vector<double> latencies_ms;
  {
    auto sending = a.start_process(sender);
    b.subscribe_accepted(a);
    pqxx::connection conn(b.database().conninfo());
    for (int i = 0; i < options.latency_samples; ++i) {
      std::string lesson = draft_lesson(a, i);
      auto start = Clock::now();
      approve(a, lesson);
      while (held(conn) < i + 1 && seconds_since(start) < 30)
        std::this_thread::sleep_for(std::chrono::microseconds(500));
      latencies_ms.push_back(seconds_since(start) * 1000);
    }
    sending->signal(SIGTERM);
    EXPECT_EQ(sending->wait_exit(), 0);
  }
  long long after_latency = options.latency_samples;
  pqxx::connection b_conn(b.database().conninfo());
  ASSERT_EQ(held(b_conn), after_latency);

  // Push ingest: the outbox fills with no sender running, then one starts.
  auto approving = Clock::now();
  approve_many(a, options.lessons, 100'000);
  double approve_seconds = seconds_since(approving);
  ASSERT_EQ(a.count("SELECT 1 FROM federation_outbox WHERE lesson_id IS NOT NULL"),
            options.lessons);
  WalActivity wal_before = settled_wal_activity(b);
  auto pushing = std::chrono::system_clock::now();
  auto sending = a.start_process(sender);
  auto ingest =
      wait_until_held(b, after_latency + options.lessons, pushing, std::chrono::seconds(1800));
  ASSERT_TRUE(ingest.complete) << "held " << held(b_conn);
  WalActivity wal_after = settled_wal_activity(b);
  sending->signal(SIGTERM);
  EXPECT_EQ(sending->wait_exit(), 0);
  EXPECT_EQ(b.count("SELECT 1 FROM received_lessons WHERE received_via = 'pull'"), 0);
  EXPECT_EQ(a.count("SELECT 1 FROM federation_outbox"), 0);
  // Every send was taken the first time: no 429, no error, no retry.
  EXPECT_EQ(a.column("SELECT COALESCE(sum(failures), 0) FROM federation_delivery_status").at(0),
            "0");
  long long after_ingest = after_latency + options.lessons;

  // Catch-up: the subscriber is down while more lessons are approved, then starts; nothing
  // sends, so what arrives comes by pull.
  b.stop();
  approve_many(a, options.lessons, 200'000);
  auto restarting = std::chrono::system_clock::now();
  b.start();
  auto catch_up =
      wait_until_held(b, after_ingest + options.lessons, restarting, std::chrono::seconds(1800));
  ASSERT_TRUE(catch_up.complete) << "held " << held(b_conn);
  EXPECT_EQ(b.count("SELECT 1 FROM received_lessons WHERE received_via = 'pull'"), options.lessons);

  // The bounds, measured after the steps so they do not share the cores with them.
  std::string row = b.column("SELECT document::text FROM received_lessons LIMIT 1").at(0);
  double verifies = openssl_verifies_per_second();
  double inserts_one = single_row_inserts_per_second(1, row);
  double inserts_workers = single_row_inserts_per_second(options.delivery_workers, row);
  double lower_bound = std::min(verifies, inserts_workers);
  double ingest_rate = static_cast<double>(options.lessons) / ingest.first_to_last;

  std::printf("\nsubscriber's received lesson document: %zu bytes\n", row.size());
  std::printf("approved through the API (%d threads): %d lessons in %.1f s = %.0f/s\n",
              options.approvers, options.lessons, approve_seconds,
              options.lessons / approve_seconds);
  std::printf("bounds of this machine, this run:\n");
  std::printf("  openssl speed ed25519 verifies (one core):        %10.0f /s\n", verifies);
  std::printf("  single-row inserts, 1 connection:                 %10.0f /s\n", inserts_one);
  std::printf("  single-row inserts, %d connections:                %10.0f /s\n",
              options.delivery_workers, inserts_workers);
  std::printf("push ingest, %d lessons, sender with %d workers sending %d at a time each:\n",
              options.lessons, options.delivery_workers, options.delivery_batch);
  std::printf("  first to last arrival %.2f s = %.0f lessons/s (%.2f s from the sender's start)\n",
              ingest.first_to_last, ingest_rate, ingest.from_start);
  std::printf("  ratio to the lower bound (%.0f /s): %.2f (target at least 0.25, aim 0.50)\n",
              lower_bound, ingest_rate / lower_bound);
  std::printf("  WAL of the cluster per lesson: %.0f bytes, %.1f records; %.1f lessons per flush\n",
              (wal_after.bytes - wal_before.bytes) / options.lessons,
              (wal_after.records - wal_before.records) / options.lessons,
              options.lessons / std::max(1.0, wal_after.flushes - wal_before.flushes));
  std::printf("approval to visible at the peer, %d lessons one at a time:\n",
              options.latency_samples);
  std::printf("  p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 under 1 s)\n",
              percentile(latencies_ms, 50), percentile(latencies_ms, 90),
              percentile(latencies_ms, 99), percentile(latencies_ms, 100));
  std::printf("catch-up by pull, %d lessons approved while the subscriber was down:\n",
              options.lessons);
  std::printf("  %.2f s from its start, %.2f s first to last (target under 60 s)\n",
              catch_up.from_start, catch_up.first_to_last);
}

}  // namespace
}  // namespace hindsight::test

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  auto& o = hindsight::test::options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    double value = std::atof(argv[i + 1]);
    if (flag == "--lessons")
      o.lessons = static_cast<int>(value);
    else if (flag == "--latency-samples")
      o.latency_samples = static_cast<int>(value);
    else if (flag == "--approvers")
      o.approvers = static_cast<int>(value);
    else if (flag == "--delivery-workers")
      o.delivery_workers = static_cast<int>(value);
    else if (flag == "--delivery-batch")
      o.delivery_batch = static_cast<int>(value);
    else if (flag == "--bound-seconds")
      o.bound_seconds = value;
    else {
      std::cerr << "unknown option " << flag << "\n";
      return 2;
    }
  }
  // The instances' databases are cloned from a throw-away cluster's migrated template, as in
  // the test suite.
  std::string cluster = std::string(HINDSIGHT_TEST_CLUSTER) + " ";
  std::string dir = hindsight::test::shell_quoted(HINDSIGHT_TEST_PG_DIR);
  if (std::system((cluster + "start " + dir + " >/dev/null").c_str()) != 0) {
    std::cerr << "could not start the PostgreSQL cluster in " << HINDSIGHT_TEST_PG_DIR << "\n";
    return 1;
  }
  int result = RUN_ALL_TESTS();
  if (std::system((cluster + "stop " + dir).c_str()) != 0)
    std::cerr << "could not stop the PostgreSQL cluster in " << HINDSIGHT_TEST_PG_DIR << "\n";
  return result;
}
