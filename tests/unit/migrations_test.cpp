// Migration ordering, file naming, and the migrations compiled into this build.
#include "common/db/migrations.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace hindsight::common::db {
namespace {

std::vector<int> versions_of(const std::vector<Migration>& migrations) {
  std::vector<int> out;
  for (const auto& m : migrations)
    out.push_back(m.version);
  return out;
}

TEST(OrderedMigrations, SortsByVersion) {
  std::vector<Migration> sorted = ordered_migrations({
      {3, "third", "SELECT 3;"},
      {1, "first", "SELECT 1;"},
      {10, "tenth", "SELECT 10;"},
      {2, "second", "SELECT 2;"},
  });
  EXPECT_EQ(versions_of(sorted), (std::vector<int>{1, 2, 3, 10}));
  // Names and SQL travel with their version.
  EXPECT_EQ(sorted[0].name, "first");
  EXPECT_EQ(sorted[0].sql, "SELECT 1;");
  EXPECT_EQ(sorted[3].name, "tenth");
  EXPECT_EQ(sorted[3].sql, "SELECT 10;");
}

TEST(OrderedMigrations, EmptyListIsEmpty) {
  EXPECT_TRUE(ordered_migrations({}).empty());
}

TEST(OrderedMigrations, DuplicateVersionThrowsInvalidArgument) {
  EXPECT_THROW(
      ordered_migrations({{1, "a", "SELECT 1;"}, {2, "b", "SELECT 2;"}, {1, "c", "SELECT 3;"}}),
      std::invalid_argument);
  EXPECT_THROW(ordered_migrations({{5, "a", "SELECT 1;"}, {5, "a", "SELECT 1;"}}),
               std::invalid_argument);
}

TEST(ParseMigrationFileName, AcceptsNumberedSqlFiles) {
  EXPECT_EQ(parse_migration_file_name("0001_users.sql"), (std::pair<int, std::string>{1, "users"}));
  EXPECT_EQ(parse_migration_file_name("0042_add_index.sql"),
            (std::pair<int, std::string>{42, "add_index"}));
  EXPECT_EQ(parse_migration_file_name("9999_x.sql"), (std::pair<int, std::string>{9999, "x"}));
}

TEST(ParseMigrationFileName, RejectsNamesNotShapedNnnnUnderscoreNameDotSql) {
  for (const char* name : {"1_users.sql", "0001users.sql", "0001_.sql", "0000_x.sql", "abcd_x.sql",
                           "0001_x.txt", "", "0001_x.sql.bak", "0001_x", "01a1_x.sql"}) {
    EXPECT_THROW(parse_migration_file_name(name), std::invalid_argument) << "'" << name << "'";
  }
}

TEST(EmbeddedMigrations, AreNonEmptyStartAtOneAndStrictlyIncrease) {
  const std::vector<Migration>& migrations = embedded_migrations();
  ASSERT_FALSE(migrations.empty());
  EXPECT_EQ(migrations.front().version, 1);
  for (std::size_t i = 1; i < migrations.size(); ++i)
    EXPECT_LT(migrations[i - 1].version, migrations[i].version) << "at index " << i;
}

TEST(EmbeddedMigrations, EveryMigrationHasANameAndSql) {
  for (const Migration& m : embedded_migrations()) {
    EXPECT_FALSE(m.name.empty()) << "version " << m.version;
    EXPECT_FALSE(m.sql.empty()) << "version " << m.version;
    EXPECT_NE(m.sql.find_first_not_of(" \t\r\n"), std::string::npos)
        << "version " << m.version << " is only whitespace";
  }
}

}  // namespace
}  // namespace hindsight::common::db
