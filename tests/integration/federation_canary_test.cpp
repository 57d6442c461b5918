// The promise, checked the way an auditor would: postmortems holding people's names, emails,
// addresses, internal hosts, a customer, secrets and the organization's own name are shared
// with a peer, one by backfill and one by push, then updated. Every byte that crossed the wire
// in either direction (recorded by proxies standing in front of both instances) and every row
// of the receiver's database are searched for those values: none may be there.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "tests/support/recording_proxy.hpp"
#include "tests/support/test_instance.hpp"

namespace hindsight::test {
namespace {

using nlohmann::json;

// What must never leave the publisher, as written in its postmortems.
const std::vector<std::string> kCanaries = {
    "Initech",  // the organization
    "Globex",   // a customer
    "Priya Raman",
    "Tomasz Nowak",                  // people
    "priya.raman@initech-mail.com",  // emails
    "oncall-db@initech-mail.com",
    "10.20.30.40",
    "2001:db8:4:2::17",                          // addresses
    "02:42:ac:11:00:02",                         // a MAC address
    "db-primary-7.corp.initech.net",             // an internal host
    "Tr0ub4dor&3xq-canary",                      // a password in a config line
    "s3cr3t-pw-canary",                          // a password in a connection URL
    "AKIAQ3EGRJ5TKZ6WXB4N",                      // an AWS access key id
    "ghp_x7Kq2mZ9vB4nR8tW1yL5cF3hJ6dP0sA2eG4i",  // a GitHub token
};

json canary_postmortem(const std::string& title, const std::string& detail) {
  return {
      {"title", title},
      {"severity", "SEV1"},
      {"started_at", "2026-03-01T10:00:00Z"},
      {"resolved_at", "2026-03-01T12:30:00Z"},
      {"tags", {"database", "postgres"}},
      {"services", {"checkout"}},
      {"summary",
       "Checkout at Initech failed for 2 hours because the connection pool to "
       "db-primary-7.corp.initech.net (10.20.30.40) was exhausted. Globex, our largest "
       "customer, saw every order fail. " +
           detail},
      {"impact", "Globex could not place orders; 40% of checkout requests failed."},
      {"trigger",
       "Priya Raman applied a config change that halved the pool:\n"
       "  DATABASE_URL=postgres://checkout:s3cr3t-pw-canary@db-primary-7.corp.initech.net:5432/"
       "orders\n  db_password = \"Tr0ub4dor&3xq-canary\""},
      {"detection",
       "An alert paged oncall-db@initech-mail.com; Tomasz Nowak acknowledged it from "
       "2001:db8:4:2::17."},
      {"resolution",
       "Tomasz Nowak restored the pool size. The container 02:42:ac:11:00:02 was restarted."},
      {"went_poorly",
       "The deploy log showed AWS_ACCESS_KEY_ID=AKIAQ3EGRJ5TKZ6WXB4N and the CI token "
       "ghp_x7Kq2mZ9vB4nR8tW1yL5cF3hJ6dP0sA2eG4i in plain text."},
      {"lessons_learned", "Alert on connection pool saturation before it reaches 100%."},
      {"timeline",
       {{{"at", "2026-03-01T10:00:00Z"},
         {"text", "priya.raman@initech-mail.com deploys the pool change."}},
        {{"at", "2026-03-01T10:05:00Z"},
         {"text", "Tomasz Nowak is paged and starts the incident at Initech."}}}},
      {"contributing_factors", {{{"category", "configuration"}}}},
  };
}

void set_dictionary(TestInstance& instance, const json& dictionary) {
  auto current = instance.server().get("/api/v1/dictionary", instance.admin);
  auto put = instance.server().request("PUT", "/api/v1/dictionary",
                                       json{{"dictionary", dictionary}}.dump(), instance.admin,
                                       {{"If-Match", current.header("etag")}});
  ASSERT_EQ(put.status, 200) << put.body;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Every row of every table of the instance's database, as text.
std::string database_dump(const TestInstance& instance) {
  std::string dump;
  for (const auto& table : instance.column(
           "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = "
           "'public' AND table_type = 'BASE TABLE'"))
    for (const auto& row : instance.column("SELECT t::text FROM " + table + " t"))
      dump += table + ": " + row + "\n";
  return dump;
}

TEST(FederationCanary, NothingSensitiveFromAPostmortemCrossesTheWireOrReachesThePeer) {
  RecordingProxy proxy_a, proxy_b;
  // The organization is known to its peers by the name it chose for them, not its own.
  TestInstance a{"Initech", {{"public_url", proxy_a.origin()}, {"peer_name", "A sharing member"}}};
  proxy_a.forward_to(a.server().port());
  TestInstance b{"Beta Corp", {{"public_url", proxy_b.origin()}}};
  proxy_b.forward_to(b.server().port());
  set_dictionary(a, {{"customers", {"Globex"}}, {"internal_domains", {"corp.initech.net"}}});

  std::string backfilled = a.share_postmortem(
      canary_postmortem("Checkout outage at Initech", "It was shared before the peer subscribed."));
  b.subscribe_accepted(a);
  a.share_postmortem(
      canary_postmortem("Second checkout outage at Initech", "It was pushed to the peer."));
  ASSERT_TRUE(eventually([&] {
    return b.count("SELECT 1 FROM received_lessons WHERE fields IS NOT NULL") == 2;
  })) << b.server().log_text();
  a.retract_lesson(backfilled);
  ASSERT_TRUE(
      eventually([&] { return b.count("SELECT 1 FROM received_lessons WHERE retracted") == 1; }));

  std::string traffic;
  for (const auto* proxy : {&proxy_a, &proxy_b})
    for (const auto& e : proxy->exchanges())
      traffic += e.method + " " + e.target + "\n" + e.request_body + "\n" + e.response_body + "\n";
  std::string dump = database_dump(b);
  // Not vacuous: the lessons' content crossed and is stored.
  EXPECT_NE(traffic.find("connection pool saturation"), std::string::npos);
  EXPECT_NE(dump.find("connection pool saturation"), std::string::npos);

  std::string traffic_lower = lower(traffic), dump_lower = lower(dump);
  for (const auto& canary : kCanaries) {
    auto at = traffic_lower.find(lower(canary));
    EXPECT_EQ(at, std::string::npos) << "'" << canary << "' crossed the wire: ..."
                                     << traffic.substr(at - std::min(at, 200ul), 400);
    at = dump_lower.find(lower(canary));
    EXPECT_EQ(at, std::string::npos) << "'" << canary << "' is in the peer's database: ..."
                                     << dump.substr(at - std::min(at, 200ul), 400);
  }
}

}  // namespace
}  // namespace hindsight::test
