// Settings precedence (flag > HINDSIGHT_* environment > config file), the name mappings, whole
// number parsing, and the TOML config file reader.
#include "common/config/settings.hpp"

#include <gtest/gtest.h>

#include "tests/support/usage_error_message.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/config/config_file.hpp"
#include "common/error/api_error.hpp"

namespace hindsight::common {
namespace {

EnvLookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

EnvLookup no_env() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

ConfigFile parse_toml(std::string_view text) {
  return ConfigFile::parse(text, "settings.toml");
}

using test::usage_error_message;

// --- precedence -----------------------------------------------------------------------------

TEST(Settings, FlagBeatsEnvironmentBeatsFile) {
  Settings settings({{"listen", "10.0.0.1:1"}}, fake_env({{"HINDSIGHT_LISTEN", "10.0.0.2:2"}}),
                    parse_toml("listen = \"10.0.0.3:3\"\n"));
  auto v = settings.get("listen");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, "10.0.0.1:1");
  EXPECT_EQ(v->origin, "--listen");
}

TEST(Settings, EnvironmentUsedWhenNoFlag) {
  Settings settings({}, fake_env({{"HINDSIGHT_LISTEN", "10.0.0.2:2"}}),
                    parse_toml("listen = \"10.0.0.3:3\"\n"));
  auto v = settings.get("listen");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, "10.0.0.2:2");
  EXPECT_EQ(v->origin, "HINDSIGHT_LISTEN");
}

TEST(Settings, FileUsedWhenNeitherFlagNorEnvironment) {
  Settings settings({}, no_env(), parse_toml("listen = \"10.0.0.3:3\"\n"));
  auto v = settings.get("listen");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, "10.0.0.3:3");
  // The origin names the file and the key, for error messages.
  EXPECT_NE(v->origin.find("settings.toml"), std::string::npos) << v->origin;
  EXPECT_NE(v->origin.find("listen"), std::string::npos) << v->origin;
}

TEST(Settings, EmptyEnvironmentVariableIsIgnored) {
  Settings with_file({}, fake_env({{"HINDSIGHT_NAME", ""}}), parse_toml("name = \"From File\"\n"));
  auto v = with_file.get("name");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->value, "From File");

  Settings without_file({}, fake_env({{"HINDSIGHT_NAME", ""}}), ConfigFile{});
  EXPECT_FALSE(without_file.get("name").has_value());
}

TEST(Settings, AbsentEverywhereIsNullopt) {
  Settings settings({{"other", "x"}}, fake_env({{"HINDSIGHT_OTHER", "y"}}),
                    parse_toml("other = 1\n"));
  EXPECT_FALSE(settings.get("name").has_value());
  EXPECT_EQ(settings.get_or("name", "fallback"), "fallback");
}

TEST(Settings, GetOrPrefersAnyPresentValueOverFallback) {
  Settings settings({}, fake_env({{"HINDSIGHT_NAME", "Env Name"}}), ConfigFile{});
  EXPECT_EQ(settings.get_or("name", "fallback"), "Env Name");
}

TEST(Settings, EnvironmentIsQueriedUnderHindsightPrefixedUpperCaseName) {
  std::vector<std::string> asked;
  EnvLookup recording = [&](const std::string& name) -> std::optional<std::string> {
    asked.push_back(name);
    return std::nullopt;
  };
  Settings settings({}, recording, ConfigFile{});
  EXPECT_FALSE(settings.get("public_url").has_value());
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0], "HINDSIGHT_PUBLIC_URL");
}

TEST(Settings, EnvNameIsPrefixedUpperCase) {
  EXPECT_EQ(Settings::env_name("public_url"), "HINDSIGHT_PUBLIC_URL");
  EXPECT_EQ(Settings::env_name("listen"), "HINDSIGHT_LISTEN");
  EXPECT_EQ(Settings::env_name("db_pool_size"), "HINDSIGHT_DB_POOL_SIZE");
}

TEST(Settings, FlagNameIsDashedWithDoubleHyphenPrefix) {
  EXPECT_EQ(Settings::flag_name("public_url"), "--public-url");
  EXPECT_EQ(Settings::flag_name("listen"), "--listen");
  EXPECT_EQ(Settings::flag_name("db_pool_size"), "--db-pool-size");
}

// --- parse_integer_setting --------------------------------------------------------------------

TEST(ParseIntegerSetting, AcceptsWholeNumbersWithinInclusiveRange) {
  EXPECT_EQ(parse_integer_setting({"42", "--threads"}, 1, 256), 42);
  EXPECT_EQ(parse_integer_setting({"1", "--threads"}, 1, 256), 1);
  EXPECT_EQ(parse_integer_setting({"256", "--threads"}, 1, 256), 256);
  EXPECT_EQ(parse_integer_setting({"-3", "--offset"}, -5, 5), -3);
}

TEST(ParseIntegerSetting, RejectsNonNumberNamingOrigin) {
  std::string message = usage_error_message([] {
    parse_integer_setting({"many", "--threads"}, 1, 256);
  });
  EXPECT_NE(message.find("--threads"), std::string::npos) << message;
  EXPECT_NE(message.find("many"), std::string::npos) << message;
  EXPECT_THROW(parse_integer_setting({"", "--threads"}, 1, 256), UsageError);
}

TEST(ParseIntegerSetting, RejectsTrailingOrLeadingJunk) {
  EXPECT_THROW(parse_integer_setting({"12abc", "--threads"}, 1, 256), UsageError);
  EXPECT_THROW(parse_integer_setting({"12 ", "--threads"}, 1, 256), UsageError);
  EXPECT_THROW(parse_integer_setting({" 12", "--threads"}, 1, 256), UsageError);
  EXPECT_THROW(parse_integer_setting({"1.5", "--threads"}, 1, 256), UsageError);
}

TEST(ParseIntegerSetting, RejectsOutOfRangeNamingOriginAndBounds) {
  std::string below = usage_error_message([] {
    parse_integer_setting({"0", "HINDSIGHT_THREADS"}, 1, 256);
  });
  EXPECT_NE(below.find("HINDSIGHT_THREADS"), std::string::npos) << below;
  EXPECT_NE(below.find("1..256"), std::string::npos) << below;

  std::string above = usage_error_message([] {
    parse_integer_setting({"257", "--threads"}, 1, 256);
  });
  EXPECT_NE(above.find("--threads"), std::string::npos) << above;
}

TEST(ParseIntegerSetting, RejectsNumbersTooLargeForLongLong) {
  std::string message = usage_error_message([] {
    parse_integer_setting({"99999999999999999999999", "--body-limit"}, 0, 100);
  });
  EXPECT_NE(message.find("--body-limit"), std::string::npos) << message;
}

// --- ConfigFile -------------------------------------------------------------------------------

TEST(ConfigFile, ScalarsComeBackAsText) {
  ConfigFile file = parse_toml(
      "name = \"Acme Ops\"\n"
      "threads = 8\n"
      "verbose = true\n"
      "quiet = false\n");
  EXPECT_EQ(file.source_name(), "settings.toml");
  EXPECT_EQ(file.scalar("name"), std::optional<std::string>("Acme Ops"));
  EXPECT_EQ(file.scalar("threads"), std::optional<std::string>("8"));
  EXPECT_EQ(file.scalar("verbose"), std::optional<std::string>("true"));
  EXPECT_EQ(file.scalar("quiet"), std::optional<std::string>("false"));
  EXPECT_FALSE(file.scalar("missing").has_value());
}

TEST(ConfigFile, TablesComeBackAsJson) {
  ConfigFile file = parse_toml(R"(
listen = "0.0.0.0:8443"

[anonymizer]
enabled = true
max_length = 80
words = ["alpha", "beta"]

[[anonymizer.patterns]]
name = "ticket"
regex = "T-[0-9]+"

[[anonymizer.patterns]]
name = "host"
regex = "h[0-9]+"
)");
  auto table = file.table("anonymizer");
  ASSERT_TRUE(table.has_value());
  ASSERT_TRUE(table->is_object());
  EXPECT_EQ(table->at("enabled").dump(), "true");
  EXPECT_EQ(table->at("max_length").dump(), "80");
  EXPECT_EQ(table->at("words").dump(), R"(["alpha","beta"])");
  const nlohmann::json& patterns = table->at("patterns");
  ASSERT_TRUE(patterns.is_array());
  ASSERT_EQ(patterns.size(), 2u);
  EXPECT_EQ(patterns[0].at("name").get<std::string>(), "ticket");
  EXPECT_EQ(patterns[0].at("regex").get<std::string>(), "T-[0-9]+");
  EXPECT_EQ(patterns[1].at("name").get<std::string>(), "host");
  EXPECT_EQ(patterns[1].at("regex").get<std::string>(), "h[0-9]+");

  // A table is not a scalar, and a scalar is not a table.
  EXPECT_FALSE(file.scalar("anonymizer").has_value());
  EXPECT_FALSE(file.table("listen").has_value());
  EXPECT_FALSE(file.table("missing").has_value());
}

TEST(ConfigFile, SyntaxErrorThrowsUsageErrorNamingSourceAndLine) {
  std::string message = usage_error_message([] {
    parse_toml(
        "name = \"ok\"\n"
        "threads = = 4\n");
  });
  EXPECT_NE(message.find("settings.toml:2:"), std::string::npos) << message;
}

TEST(ConfigFile, TopLevelArrayRejected) {
  std::string message = usage_error_message([] { parse_toml("peers = [\"a\", \"b\"]\n"); });
  EXPECT_NE(message.find("settings.toml"), std::string::npos) << message;
  EXPECT_NE(message.find("peers"), std::string::npos) << message;
}

TEST(ConfigFile, KeysListScalarsAndTables) {
  ConfigFile file = parse_toml(R"(
name = "Acme"
listen = "127.0.0.1:1"

[anonymizer]
enabled = false
)");
  std::vector<std::string> keys = file.keys();
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"anonymizer", "listen", "name"}));
}

TEST(ConfigFile, EmptyTextHasNoKeys) {
  EXPECT_TRUE(parse_toml("").keys().empty());
  EXPECT_TRUE(ConfigFile{}.keys().empty());
}

TEST(ConfigFile, MissingFileThrowsUsageErrorNamingPath) {
  std::string message = usage_error_message(
      [] { ConfigFile::load("/nonexistent-hindsight-test-dir/hindsight.toml"); });
  EXPECT_NE(message.find("/nonexistent-hindsight-test-dir/hindsight.toml"), std::string::npos)
      << message;
}

}  // namespace
}  // namespace hindsight::common
