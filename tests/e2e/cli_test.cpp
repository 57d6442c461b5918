// The command-line contract: exit codes, one-line messages, flags > env > config file.
#include <gtest/gtest.h>

#include <fstream>
#include <pqxx/pqxx>
#include <thread>

#include "common/db/migrations.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"
#include "tests/support/test_tls.hpp"

namespace hindsight::test {
namespace {

constexpr const char* kPassword = "correct horse battery\n";

int count_users(const TestDatabase& db) {
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  return tx.exec("SELECT count(*) FROM users")[0][0].as<int>();
}

bool one_line(const std::string& text) {
  return !text.empty() && text.find('\n') == text.size() - 1;
}

TEST(Cli, UserAddCreatesUserWithHashedPassword) {
  TestDatabase db;
  auto r = run_hindsight(
      {"user", "add", "--username", "ana", "--role", "reviewer", "--display-name", "Ana Müller",
       "--email", "ana@example.org", "--password-stdin", "--database", db.conninfo()},
      kPassword);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  auto row = tx.exec(
      "SELECT role::text, display_name, email, password_hash FROM users WHERE username = 'ana'");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0][0].as<std::string>(), "reviewer");
  EXPECT_EQ(row[0][1].as<std::string>(), "Ana Müller");
  EXPECT_EQ(row[0][2].as<std::string>(), "ana@example.org");
  EXPECT_EQ(row[0][3].as<std::string>().rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(row[0][3].as<std::string>().find("correct horse"), std::string::npos);
}

TEST(Cli, DuplicateUsernameExits2WithOneLine) {
  TestDatabase db;
  std::vector<std::string> args = {"user",       "add",    "--username",       "bo",
                                   "--role",     "member", "--password-stdin", "--database",
                                   db.conninfo()};
  ASSERT_EQ(run_hindsight(args, kPassword).exit_code, 0);
  auto r = run_hindsight(args, kPassword);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(one_line(r.err)) << r.err;
  EXPECT_NE(r.err.find("bo"), std::string::npos);
  EXPECT_EQ(count_users(db), 1);
}

TEST(Cli, BadInputExits2NamingItAndStoresNothing) {
  TestDatabase db;
  struct Case {
    std::vector<std::string> args;
    std::string input;
    std::string mentions;
  };
  std::vector<Case> cases = {
      {{"--username", "Bad Name", "--role", "member"}, kPassword, "username"},
      {{"--username", "ok", "--role", "superuser"}, kPassword, "role"},
      {{"--username", "ok", "--role", "member"}, "short\n", "12 characters"},
      {{"--username", "ok", "--role", "member", "--email", "not-an-email"}, kPassword, "email"},
      {{"--username", "ok", "--role", "member"}, "", "stdin"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"user", "add"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"--password-stdin", "--database", db.conninfo()});
    auto r = run_hindsight(args, c.input);
    EXPECT_EQ(r.exit_code, 2) << c.mentions;
    EXPECT_TRUE(one_line(r.err)) << r.err;
    EXPECT_NE(r.err.find(c.mentions), std::string::npos) << r.err;
  }
  EXPECT_EQ(count_users(db), 0);
}

TEST(Cli, MissingRequiredFlagOrUnknownCommandExits2) {
  auto r = run_hindsight({"user", "add", "--role", "member", "--password-stdin"}, kPassword);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("username"), std::string::npos);
  EXPECT_EQ(run_hindsight({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_hindsight({}).exit_code, 2);
}

TEST(Cli, TokenAddPrintsOnlyTheToken) {
  TestDatabase db;
  ASSERT_EQ(run_hindsight({"user", "add", "--username", "cy", "--role", "member",
                           "--password-stdin", "--database", db.conninfo()},
                          kPassword)
                .exit_code,
            0);
  auto r = run_hindsight(
      {"token", "add", "--username", "cy", "--name", "ci", "--database", db.conninfo()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("hs_", 0), 0u);
  EXPECT_TRUE(one_line(r.out));
  auto missing =
      run_hindsight({"token", "add", "--username", "nobody", "--database", db.conninfo()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(missing.out.empty());
}

TEST(Cli, MigrateOnEmptyDatabaseThenAgain) {
  TestDatabase db(false);
  auto first = run_hindsight({"migrate", "--database", db.conninfo()});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("applied"), std::string::npos);
  auto second = run_hindsight({"migrate", "--database", db.conninfo()});
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_NE(second.err.find("current"), std::string::npos);
}

TEST(Cli, TwoMigrateProcessesAtOnceBothSucceed) {
  TestDatabase db(false);
  CommandResult a, b;
  std::thread t([&] { a = run_hindsight({"migrate", "--database", db.conninfo()}); });
  b = run_hindsight({"migrate", "--database", db.conninfo()});
  t.join();
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  // Each migration applied once (versions need not be contiguous).
  EXPECT_EQ(tx.exec("SELECT count(*) FROM schema_migrations")[0][0].as<std::size_t>(),
            common::db::embedded_migrations().size());
}

TEST(Cli, FlagBeatsEnvironmentBeatsConfigFile) {
  TestDatabase good;
  auto dir = make_temp_dir("hindsight-cfg");
  std::string config = (dir / "hindsight.toml").string();
  std::string bad = TestDatabase::conninfo_for("no_such_database");
  std::ofstream(config) << "database = \"" << bad << "\"\n";
  std::vector<std::string> base = {"migrate", "--config", config};

  // File alone: its (bad) database is used.
  EXPECT_EQ(run_hindsight(base).exit_code, 1);
  // Env beats file.
  EXPECT_EQ(run_hindsight(base, {}, {{"HINDSIGHT_DATABASE", good.conninfo()}}).exit_code, 0);
  // Flag beats env.
  auto args = base;
  args.insert(args.end(), {"--database", good.conninfo()});
  EXPECT_EQ(run_hindsight(args, {}, {{"HINDSIGHT_DATABASE", bad}}).exit_code, 0);
  // HINDSIGHT_CONFIG names the file when --config is absent.
  EXPECT_EQ(run_hindsight({"migrate"}, {}, {{"HINDSIGHT_CONFIG", config}}).exit_code, 1);
  std::filesystem::remove_all(dir);
}

TEST(Cli, BrokenConfigFileExits2NamingTheFile) {
  auto dir = make_temp_dir("hindsight-cfg");
  std::string config = (dir / "broken.toml").string();
  std::ofstream(config) << "listen = \n";
  auto r = run_hindsight({"migrate", "--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.toml"), std::string::npos);
  std::ofstream(config) << "lisen = \"127.0.0.1:1\"\n";
  auto unknown = run_hindsight({"migrate", "--config", config});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("lisen"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Cli, ServeRejectsAnUnusableTrustCaWithExit2) {
  TestDatabase db;
  auto dir = make_temp_dir("hindsight-cfg");
  std::string garbage = (dir / "ca.pem").string();
  std::ofstream(garbage) << "not a certificate\n";
  auto r = run_hindsight({"serve", "--listen", "127.0.0.1:0", "--database", db.conninfo(),
                          "--data-dir", dir.string(), "--trust-ca", garbage});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ca.pem"), std::string::npos) << r.err;
  auto missing =
      run_hindsight({"serve", "--database", db.conninfo(), "--trust-ca", "/nonexistent/ca.pem"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--trust-ca"), std::string::npos) << missing.err;
  std::filesystem::remove_all(dir);
}

TEST(Cli, ServeRejectsBadListenAddressWithExit2) {
  auto r = run_hindsight({"serve", "--listen", "nonsense", "--database", "dbname=x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--listen"), std::string::npos);
}

}  // namespace
}  // namespace hindsight::test

namespace hindsight::test {
namespace {

std::vector<std::string> instance_key_ids(const TestDatabase& db) {
  pqxx::connection conn(db.conninfo());
  pqxx::read_transaction tx(conn);
  std::vector<std::string> ids;
  for (const auto& row : tx.exec("SELECT key_id FROM instance_keys ORDER BY created_at"))
    ids.push_back(row[0].as<std::string>());
  return ids;
}

TEST(Cli, KeysRotateListAndRevoke) {
  TestDatabase db;
  const std::map<std::string, std::string> env = {
      {"HINDSIGHT_KEY_ENCRYPTION_KEY", kTestKeyEncryptionKey}};
  auto rotated = run_hindsight({"keys", "rotate", "--database", db.conninfo()}, "", env);
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  auto ids = instance_key_ids(db);
  ASSERT_EQ(ids.size(), 2u) << "the first key, then the rotated one";
  EXPECT_EQ(rotated.out, ids[1] + "\n");

  auto listed = run_hindsight({"keys", "list", "--database", db.conninfo()}, "", env);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.rfind(ids[1] + "  signing", 0), 0u) << listed.out;
  EXPECT_NE(listed.out.find(ids[0] + "  valid    made"), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("verifies until"), std::string::npos) << listed.out;

  // The full discovery id names the same key as its fragment.
  auto revoked =
      run_hindsight({"keys", "revoke", "https://a.example/.well-known/hindsight#" + ids[0],
                     "--database", db.conninfo()});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  auto again = run_hindsight({"keys", "revoke", ids[0], "--database", db.conninfo()});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_TRUE(one_line(again.err)) << again.err;
  auto last = run_hindsight({"keys", "revoke", ids[1], "--database", db.conninfo()});
  EXPECT_EQ(last.exit_code, 2);
  EXPECT_NE(last.err.find("rotate first"), std::string::npos) << last.err;

  auto wrong_key = run_hindsight({"keys", "rotate", "--database", db.conninfo()}, "",
                                 {{"HINDSIGHT_KEY_ENCRYPTION_KEY", std::string(43, 'A') + "="}});
  EXPECT_EQ(wrong_key.exit_code, 1);
  EXPECT_TRUE(one_line(wrong_key.err)) << wrong_key.err;
  EXPECT_NE(wrong_key.err.find("key_encryption_key"), std::string::npos) << wrong_key.err;
  EXPECT_EQ(instance_key_ids(db).size(), 2u);
}

}  // namespace
}  // namespace hindsight::test
