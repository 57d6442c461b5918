// A database restart while the server runs: requests fail with 503 during the outage, the
// server does not crash, and it recovers by itself once PostgreSQL is back.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/db/embedded_postgres.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

TEST(DatabaseRestart, ServerAnswers503DuringOutageAndRecovers) {
  auto dir = make_temp_dir("hindsight-restart");
  common::EmbeddedPostgres pg(dir);
  pg.acquire();
  {
    TestServer server(pg.conninfo());
    auto token = server.create_user_with_token("olga", "member");
    ASSERT_EQ(server.get("/api/v1/me", token).status, 200);

    pg.stop();
    auto ready = server.get("/readyz");
    EXPECT_EQ(ready.status, 503);
    EXPECT_EQ(nlohmann::json::parse(ready.body)["error"]["code"], "unavailable");
    auto me = server.get("/api/v1/me", token);
    EXPECT_EQ(me.status, 503);
    EXPECT_EQ(nlohmann::json::parse(me.body)["error"]["code"], "unavailable");
    EXPECT_EQ(server.get("/healthz").status, 200);  // the process itself is fine

    pg.start();
    EXPECT_EQ(server.get("/readyz").status, 200);
    EXPECT_EQ(server.get("/api/v1/me", token).status, 200);
  }
  pg.release();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hindsight::test
