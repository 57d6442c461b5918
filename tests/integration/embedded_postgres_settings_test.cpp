// The embedded cluster is sized to the machine: an eighth of the memory for shared buffers,
// between 128 MB and 2 GB (the fixture's cluster is started the way `serve` starts one).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <pqxx/pqxx>

#include "tests/support/test_database.hpp"

namespace hindsight::test {
namespace {

TEST(EmbeddedPostgresSettings, SharedBuffersAreAnEighthOfTheMemory) {
  long long total_mb =
      static_cast<long long>(sysconf(_SC_PHYS_PAGES)) * sysconf(_SC_PAGE_SIZE) / (1024 * 1024);
  long long expected_mb = std::clamp(total_mb / 8, 128LL, 2048LL);
  TestDatabase db;
  pqxx::connection conn(db.conninfo());
  pqxx::nontransaction tx(conn);
  auto row = tx.exec1(
      "SELECT setting::bigint * 8192 / 1048576 FROM pg_settings WHERE name = 'shared_buffers'");
  EXPECT_EQ(row[0].as<long long>(), expected_mb);
}

}  // namespace
}  // namespace hindsight::test
