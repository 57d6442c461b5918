// The hand-written finders must find exactly what their detectors' patterns find with RE2: the
// same spans, in the same order, from the same resume points. Patterns and finders are taken
// from the detector table itself, so a change to either is checked here.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/anonymizer/detector.hpp"

namespace hindsight::common::anonymizer {
namespace {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

// The table's row for `name`: the pattern is the spec, the finder what the scan runs.
const Detector& detector(std::string_view name) {
  static const std::vector<Detector> table = builtin_detectors();
  for (const auto& d : table)
    if (d.name == name) return d;
  throw std::logic_error("no detector named " + std::string(name));
}

// The spans of the detector's group (0: the whole match), resuming where each whole match ends,
// as the pattern engine scans.
Spans with_re2(const re2::RE2& regex, int group, const std::string& text) {
  Spans spans;
  re2::StringPiece input(text);
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(group) + 1);
  std::size_t pos = 0;
  while (pos <= text.size() &&
         regex.Match(input, pos, text.size(), RE2::UNANCHORED, groups.data(), group + 1)) {
    std::size_t start = static_cast<std::size_t>(groups[group].data() - text.data());
    spans.emplace_back(start, start + groups[group].size());
    std::size_t match_end =
        static_cast<std::size_t>(groups[0].data() - text.data()) + groups[0].size();
    pos = match_end > pos ? match_end : pos + 1;
  }
  return spans;
}

std::vector<std::string> texts_of(const Spans& spans, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& [start, end] : spans)
    out.push_back(text.substr(start, end - start));
  return out;
}

Spans with_finder(const Detector& d, const std::string& text) {
  Spans spans;
  if (d.find == nullptr) throw std::logic_error(d.name + " has no finder");
  std::size_t pos = 0, start = 0, end = 0;
  while (pos <= text.size() && d.find(text, pos, start, end)) {
    spans.emplace_back(start, end);
    pos = end > pos ? end : pos + 1;
  }
  return spans;
}

// Pieces that exercise every branch of the host-name patterns.
const std::vector<std::string> kHostPieces = {
    "a",  "z", "Q", "7",  "0",    "-",  "-",   ".",  ".", "_",        " ",
    "\n", "/", "é", "db", "prod", "eu", "fra", "12", "3", "internal", std::string(62, 'k'),
    "x9"};

// Random texts of `pieces`, compared with RE2 from every resume point a scan would use.
void expect_same_on_random_text(const Detector& d, unsigned seed,
                                const std::vector<std::string>& pieces = kHostPieces) {
  const re2::RE2 regex(d.pattern);
  ASSERT_TRUE(regex.ok()) << d.name;
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1), length(0, 40);
  std::size_t matches = 0;
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n)
      text += pieces[piece(random)];
    auto expected = with_re2(regex, d.group, text);
    ASSERT_EQ(with_finder(d, text), expected) << d.name << ": " << text;
    matches += expected.size();
  }
  // The pieces make matches often enough that the comparison is not of nothing.
  EXPECT_GT(matches, 30u) << d.name;
}

TEST(HostNameFinders, DottedNameFindsHostsAndFilesAsTheRegexDoes) {
  const Detector& d = detector("dotted_host");
  const re2::RE2 regex(d.pattern);
  std::string text =
      "pg1.fra1.mrl.internal, config.yaml, v1.2.3, e.g. 10.0.0.1, a.b_c, x.-y, "
      "web-17.eu1.example.com. and api." +
      std::string(70, 'q') + ".io";
  EXPECT_EQ(with_finder(d, text), with_re2(regex, d.group, text));
  // Labels longer than 63 bytes and labels that end in `-` break a name.
  EXPECT_THAT(texts_of(with_finder(d, text), text),
              ::testing::ElementsAre("pg1.fra1.mrl.internal", "config.yaml", "e.g",
                                     "web-17.eu1.example.com"));
}

TEST(HostNameFinders, DottedNameMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("dotted_host"), 1717);
}

TEST(HostNameFinders, ShortHostFindsMachineNamesAsTheRegexDoes) {
  const Detector& d = detector("short_host");
  const re2::RE2 regex(d.pattern);
  std::string text = "db-prod-03 and web-17.eu1, on-call, ab-cd_e, x-y.abcdef1, Db-prod, a-b-c.";
  EXPECT_EQ(with_finder(d, text), with_re2(regex, d.group, text));
  EXPECT_THAT(texts_of(with_finder(d, text), text),
              ::testing::ElementsAre("db-prod-03", "web-17.eu1", "on-call", "x-y", "a-b-c"));
}

TEST(HostNameFinders, ShortHostMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("short_host"), 2929);
}

TEST(AddressFinders, EmailFindsAddressesAsTheRegexDoes) {
  const Detector& d = detector("email");
  const re2::RE2 regex(d.pattern);
  std::string text =
      "mail priya.raman@corp-mail.example, x@y, a@b.c, -.ops+oncall@eu.mrl.io- and "
      "jo@host.com1 or first@@second@mail.example.org.";
  EXPECT_EQ(with_finder(d, text), with_re2(regex, d.group, text));
  EXPECT_THAT(texts_of(with_finder(d, text), text),
              ::testing::ElementsAre("priya.raman@corp-mail.example", "ops+oncall@eu.mrl.io",
                                     "second@mail.example.org"));
}

TEST(AddressFinders, EmailMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("email"), 3131,
                             {"a", "Z", "7", "-", ".", ".", "_", "%", "+", "@", "@", " ", "\n", "é",
                              "com", "io", "x1", "mail"});
}

TEST(AddressFinders, Ipv4FindsAddressesAsTheRegexDoes) {
  const Detector& d = detector("ipv4");
  const re2::RE2 regex(d.pattern);
  std::string text =
      "10.1.2.3:5432, 192.168.0.0/16, 10.0.0.0/240, 1.2.3, 1234.1.1.1, v1.2.3.4a, "
      "1.2.3.4.5 and 255.255.255.255/8x";
  EXPECT_EQ(with_finder(d, text), with_re2(regex, d.group, text));
  EXPECT_THAT(texts_of(with_finder(d, text), text),
              ::testing::ElementsAre("10.1.2.3", "192.168.0.0/16", "10.0.0.0", "1.2.3.4",
                                     "255.255.255.255"));
}

TEST(AddressFinders, Ipv4MatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("ipv4"), 4141,
                             {"1", "25", "255", "1000", ".", "1.", "10.", "1.2.", "/", "/24", "/8",
                              "a", "_", " ", ":", "\n", "-"});
}

TEST(AssignmentFinder, FindsSecretAssignmentsAsTheRegexDoes) {
  const Detector& d = detector("secret_assignment");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "DB_PASSWORD=hunter2\nexport API_TOKEN := x\n\"client_secret\": \"s\"\nport: 5432\n"
      "${API_KEY:?missing} a.b-auth_x => 1 .token: y Credential\t:\tz key'=1 pwd ";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 0, text));
  EXPECT_THAT(
      texts_of(found, text),
      ::testing::ElementsAre("DB_PASSWORD=", "API_TOKEN := ", "client_secret\": ", "API_KEY:",
                             "a.b-auth_x => ", "token: ", "Credential\t:\t", "key'="));
}

TEST(AssignmentFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("secret_assignment"), 5151,
                             {"password",
                              "Pass",
                              "PWD",
                              "token",
                              "KEY",
                              "auth",
                              "Credential",
                              "secret",
                              "pa",
                              "ss",
                              "ke",
                              "\xC5\xBF",
                              "\xE2\x84\xAA",
                              "\xC3\xA9",
                              "a",
                              "Z",
                              "7",
                              "_",
                              ".",
                              "-",
                              "\"",
                              "'",
                              " ",
                              "\t",
                              ":",
                              "=",
                              ":=",
                              "=>",
                              ">",
                              "\n",
                              "{",
                              "$"});
}

TEST(AddressFinders, Ipv6FindsAddressesAsTheRegexDoes) {
  const Detector& d = detector("ipv6");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "fe80::1%eth0 2001:DB8:0:0:8:800:200C:417A/64 ::1 at 12:30:45 deadbeef:cafe::1/1289 "
      "a::b:: ::ffff:10.0.0.1. 1:2:";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 0, text));
  // A bare `::1` has too few colons for the pattern; the validator drops times.
  EXPECT_THAT(texts_of(found, text),
              ::testing::ElementsAre("fe80::1%eth0", "2001:DB8:0:0:8:800:200C:417A/64", "12:30:45",
                                     "beef:cafe::1/128", "a::b", "::ffff:10.0.0.1"));
}

TEST(AddressFinders, Ipv6MatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("ipv6"), 6161, {"1",
                                                      "ab",
                                                      "F",
                                                      "12345",
                                                      "g",
                                                      ":",
                                                      "::",
                                                      ".",
                                                      "%",
                                                      "eth0",
                                                      "/",
                                                      "64",
                                                      "/128",
                                                      " ",
                                                      "\n",
                                                      "_",
                                                      "-",
                                                      "\xC5\xBF",
                                                      "\xE2\x84\xAA",
                                                      "\xC3\xA9"});
}

TEST(MentionFinder, FindsMentionedSecretsAsTheRegexDoes) {
  const Detector& d = detector("secret_mention");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "the token is aB3dE6gH9jK2 and Passwords: 'Zx9!Zx9!Zx9!' key\nwas Qw3rTy6uIo9p, "
      "tokenish: aB3dE6gH9jK2mm, secret of issue1234567890 KEY=short, bearer\t=\"Xy1Xy1Xy1Xy1\"";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text),
              ::testing::ElementsAre("aB3dE6gH9jK2", "Zx9!Zx9!Zx9!", "Qw3rTy6uIo9p",
                                     "issue1234567890", "Xy1Xy1Xy1Xy1"));
}

TEST(MentionFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("secret_mention"), 7171,
      {"token",      "Tokens", "KEY",     "secret",   "password",     "passwd",
       "Credential", "bearer", "s",       " is",      " was",         " of",
       " for",       "is",     "\n",      " ",        "\t",           ":",
       "=",          "`",      "'",       "\"",       "aB3dE6gH9jK2", "abc",
       "_",          "+/",     ".~!#&*-", "\xC5\xBF", "\xE2\x84\xAA", "\xC3\xA9",
       "x",          "7"});
}

TEST(AuthorizationFinder, FindsHeaderCredentialsAsTheRegexDoes) {
  const Detector& d = detector("authorization_header");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "Authorization: Bearer eyJhbGciOi.x-y_z~+/=, AUTHORIZATION:basic QWxhZGRpbjpv "
      "xauthorization: token abcdefghij authorization:\n  \xE2\x84\xAA"
      "ey \xC5\xBF"
      "ecretvalue1 "
      "authorization: Key short authorization: digest  abc\xC5\xBF\xE2\x84\xAA"
      "defg "
      "authorization: apikeys abcdefghij authorization: ssws 0123456789";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text), ::testing::ElementsAre("eyJhbGciOi.x-y_z~+/=", "QWxhZGRpbjpv",
                                                            "\xC5\xBF"
                                                            "ecretvalue1",
                                                            "abc\xC5\xBF\xE2\x84\xAA"
                                                            "defg",
                                                            "0123456789"));
}

TEST(AuthorizationFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("authorization_header"), 8383,
                             {"authorization:",
                              "Authorization: ",
                              "AUTHORIZATION:",
                              "x",
                              "a",
                              " ",
                              "\n",
                              "\t",
                              "bearer",
                              "Basic ",
                              "token",
                              "key",
                              "apiKey",
                              "ssws",
                              "digest",
                              "abc",
                              "Z9",
                              ".",
                              "~",
                              "=",
                              "/",
                              "-",
                              "\xC5\xBF",
                              "\xE2\x84\xAA",
                              "\xC3\xA9",
                              "0123456"});
}

TEST(FlagFinder, FindsFlagsThatNameASecretAsTheRegexDoes) {
  const Detector& d = detector("secret_flag");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "cli --api-token abc -p x --DB-PASSWORD=y\n--auth\t\tz x-token y -secret-\n "
      "--keys=1 --monkey q --paſs 1 --pass:2 --tok en ";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 0, text));
  EXPECT_THAT(texts_of(found, text),
              ::testing::ElementsAre(" --api-token ", " --DB-PASSWORD=", "\n--auth\t\t",
                                     " --keys=", " --monkey ", " --paſs "));
}

TEST(FlagFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("secret_flag"), 2323,
      {"-",          "--",     "pass", "PWD", "Token",    "key",          "auth",
       "credential", "secret", "pa",   "s",   "\xC5\xBF", "\xE2\x84\xAA", "\xC3\xA9",
       "a",          "7",      "_",    " ",   "\t",       "\n",           "=",
       ":"});
}

TEST(NamedValueFinder, FindsDefaultsAndValuesAsTheRegexDoes) {
  const Detector& d = detector("named_secret_value");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "default = \"x\"\n  value: y, \"default\":1 'value' \t= z defaults = 1 my_value=2 "
      "Default = 3 .value=4 value \"=5";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 0, text));
  EXPECT_THAT(
      texts_of(found, text),
      ::testing::ElementsAre("default = ", "value: ", "default\":", "value' \t= ", "value="));
}

TEST(NamedValueFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("named_secret_value"), 3434,
                             {"default", "value", "val", "d", "v", "x", "_", "7", "\"", "'", " ",
                              "\t", "\n", "=", ":", ".", "\xC3\xA9"});
}

TEST(ShellCommandFinders, PasswordArgumentFindsPasswordsAfterTheCommandAsTheRegexDoes) {
  const Detector& d = detector("password_argument");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "mysql -u app -phunter2 db\nmysqldump --all -p 's3 cr' x\nmysqlx -pno\n"
      "docker login -u ci -p\ttok3n reg\nmongo -p\n -pnext\nsshpass -p -p pw ssh h\n"
      "mongosh -p\xC3\xA9t\xC3\xA9 _mysql -pno";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text),
              ::testing::ElementsAre("hunter2", "'s3", "tok3n", "-p", "\xC3\xA9t\xC3\xA9"));
}

TEST(ShellCommandFinders, PasswordArgumentMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("password_argument"), 5656,
      {"mysql", "dump", "mongo", "sh", "docker", " login", "sshpass", "x", "_",  " ",
       "\t",    "\n",   "-",     "-p", " -p",    "p",      "pw",      "'", "\r", "\xC3\xA9"});
}

TEST(ShellCommandFinders, RedisCliPasswordFindsTheValueOfDashAAsTheRegexDoes) {
  const Detector& d = detector("redis_cli_password");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "redis-cli -h cache -a s3cret ping\nredis-cli -ano\nredis-cli -a\n -a x\n"
      "redis-cli --tls -a\t'q w' -a late";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text), ::testing::ElementsAre("s3cret", "'q"));
}

TEST(ShellCommandFinders, RedisCliPasswordMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("redis_cli_password"), 6767,
                             {"redis-cli", "redis", "-cli", "x", "_", " ", "\t", "\n", "-", "-a",
                              " -a", "a", "pw", "\r", "\xC3\xA9"});
}

TEST(ShellCommandFinders, HtpasswdPasswordFindsTheBatchPasswordAsTheRegexDoes) {
  const Detector& d = detector("htpasswd_password");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "htpasswd -bc /etc/nginx/.htpasswd admin hunter2\nhtpasswd -c f u p\n"
      "htpasswd\t-Bb f u\n p\nhtpasswd -b f u p1 p2\nxhtpasswd -b f u no";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text), ::testing::ElementsAre("hunter2", "p1"));
}

TEST(ShellCommandFinders, HtpasswdPasswordMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("htpasswd_password"), 7878,
                             {"htpasswd", "htpasswd ", "-b", "-", "b", "c", "B", "f", "u", "p", "_",
                              " ", "\t", "\n", "\r", "\xC3\xA9"});
}

TEST(ShellCommandFinders, UserPasswordFlagFindsTheUsersPasswordAsTheRegexDoes) {
  const Detector& d = detector("user_password_flag");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "-u admin:pw1 curl --user=\"ci:p@ss\" x -u  u:p:q x-u a:b --user 'o:' -u @a:b -U a:b "
      "-u==:pw2 -u=:no -u ==\":no";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text), ::testing::ElementsAre("pw1", "p@ss", "p:q", "pw2"));
}

TEST(ShellCommandFinders, UserPasswordFlagMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("user_password_flag"), 8989,
      {"-u", "--user", "-", "u", " ", "\t", "=", "\"", "'", ":", "@", "a", "pw", "\n", "\xC3\xA9"});
}

TEST(UrlFinders, UrlFindsListedSchemesAsTheRegexDoes) {
  const Detector& d = detector("url");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "see https://status.example.com/x?a=1, git+ssh://git@host:repo, mongodb+srv://u:p@c0/db "
      "xhttp://no, foo://no, Http://no, redis://\"q\" _ftp://no <s3://bucket/key>\n"
      "postgresql://db:5432/app";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 0, text));
  EXPECT_THAT(texts_of(found, text),
              ::testing::ElementsAre("https://status.example.com/x?a=1,", "ssh://git@host:repo,",
                                     "mongodb+srv://u:p@c0/db", "s3://bucket/key",
                                     "postgresql://db:5432/app"));
}

TEST(UrlFinders, UrlMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("url"), 8181,
      {"http", "https", "s",   "postgres", "ql", "mongodb", "+srv",     "+", "wss", "gs",
       "x",    "_",     "://", "://",      ":",  "/",       "@",        " ", "\n",  "\"",
       "<",    ">",     "`",   "'",        ".",  "-",       "\xC3\xA9", "7"});
}

TEST(UrlFinders, UrlPasswordFindsPasswordsOfAnySchemeAsTheRegexDoes) {
  const Detector& d = detector("url_password");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "postgres://app:s3cr%&t.-\"}@db:5432 redis://:hunter2@cache amqp+ssl://u:p:q@mq "
      "_x://u:nope@h 9a://u:nope@h x.y-z://u:pw@h https://host/p:x@y s://u:a/b@c "
      "s://\"u\":p@h s://u:@h";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text),
              ::testing::ElementsAre("s3cr%&t.-\"}", "hunter2", "p:q", "pw"));
}

TEST(UrlFinders, UrlPasswordMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("url_password"), 9191,
      {"a", "Z", "7",  "+",  ".", "-", "_", "://", "://",  ":",  ":",     "/",        "@",
       "@", " ", "\n", "\"", "'", "`", "%", "}",   "user", "pw", "redis", "\xC3\xA9", "\t"});
}

TEST(AccountFinders, TicketIdFindsTicketsAsTheRegexDoes) {
  const Detector& d = detector("ticket_id");
  const re2::RE2 regex(d.pattern);
  std::string text =
      "OPS-1234, SUP-55, X-123, ABCDEFGHIJK-12, INC-123456789, aOPS-12, OPS-12a, (PAY-9001).";
  EXPECT_EQ(with_finder(d, text), with_re2(regex, d.group, text));
  EXPECT_THAT(texts_of(with_finder(d, text), text),
              ::testing::ElementsAre("OPS-1234", "SUP-55", "PAY-9001"));
}

TEST(AccountFinders, TicketIdMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("ticket_id"), 5151,
      {"A", "OPS", "Q", "a", "-", "-", "1", "12", "123456789", "_", " ", ".", "\n", "é"});
}

TEST(AccountFinders, TwelveDigitsFindsAccountNumbersAsTheRegexDoes) {
  const Detector& d = detector("cloud_account_number");
  const re2::RE2 regex(d.pattern);
  std::string text =
      "account 123456789012, 1234567890123, a123456789012, 123456789012_x, "
      "arn:aws:iam::210987654321:role";
  EXPECT_EQ(with_finder(d, text), with_re2(regex, d.group, text));
  EXPECT_THAT(texts_of(with_finder(d, text), text),
              ::testing::ElementsAre("123456789012", "210987654321"));
}

TEST(AccountFinders, TwelveDigitsMatchesRe2OnRandomText) {
  expect_same_on_random_text(
      detector("cloud_account_number"), 6161,
      {"1", "1234", "12345678", "123456789012", "a", "_", " ", ":", "-", "\n", "é"});
}

TEST(AccountFinders, ChatNickFindsNicksAtLineStartsAsTheRegexDoes) {
  const Detector& d = detector("chat_nick");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "<priya> up?\n[14:02] <jo.r-2> yes\n[14:03]\n\n<dev_ops> x <notme>\n <late>\n<A> <b>\n"
      "[] <empty>\n[1:2]x<glued>\n<" +
      std::string(33, 'q') + ">\n<" + std::string(32, 'q') + ">";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(texts_of(found, text),
              ::testing::ElementsAre("priya", "jo.r-2", "dev_ops", std::string(32, 'q')));
}

TEST(AccountFinders, ChatNickMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("chat_nick"), 4545,
                             {"<", ">", "[", "]", "12", ":", "\n", "\n", " ", "\t", "a", "bob", "Z",
                              "7", ".", "_", "-", std::string(30, 'q'), "\xC3\xA9"});
}

TEST(AccountFinders, AtHandleFindsHandlesAfterAnyCharacterButAnAddressByteAsTheRegexDoes) {
  const Detector& d = detector("at_handle");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "@priya ping, cc @jo.r-2. mail ops@corp.example or x%@y or _@abc and (@dev_ops) "
      "\xC3\xA9@caf\xC3\xA9 \xE2\x80\x94@em-dash @ab @a.b @-no @@twice @" +
      std::string(40, 'q') + " @" + std::string(39, 'q') + "-. @Upper";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(
      texts_of(found, text),
      ::testing::ElementsAre("@priya", "@jo.r-2", "@dev_ops", "@caf", "@em-dash", "@a.b", "@twice",
                             "@" + std::string(40, 'q'), "@" + std::string(39, 'q')));
}

TEST(AccountFinders, AtHandleMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("at_handle"), 5252,
                             {"@", "@", "a", "bob", "7", ".", "_", "-", "%", "+", "Z", " ", "\n",
                              "(", std::string(37, 'q'), "\xC3\xA9", "\xE2\x84\xAA"});
}

TEST(AccountFinders, LoginFieldFindsLoginsAsTheRegexDoes) {
  const Detector& d = detector("login_field");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "user: priya, \"username\": \"jo.r-2\", USER_NAME = 'Dev_Ops' login:\n  bob assignee=x "
      "author: a1 xuser: no user:\xC5\xBF\xE2\x84\xAAip U\xC5\xBF"
      "er: \xE2\x84\xAA"
      "ate "
      "usename: 9lives usename: ab\xE2\x84\xAA user: " +
      std::string(40, 'q') + " login: " + std::string(30, 'q') +
      "-x. login: " + std::string(31, 'q') + "-x.";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(
      texts_of(found, text),
      ::testing::ElementsAre("priya", "jo.r-2", "Dev_Ops", "bob", "a1", "\xC5\xBF\xE2\x84\xAAip",
                             "\xE2\x84\xAA"
                             "ate",
                             "ab", std::string(30, 'q') + "-x", std::string(31, 'q') + "-"));
}

TEST(AccountFinders, LoginFieldMatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("login_field"), 6363,
                             {"user",
                              "User",
                              "name",
                              "_name",
                              "login",
                              "usename",
                              "assignee",
                              "author",
                              "\"",
                              "'",
                              ":",
                              "=",
                              " ",
                              "\n",
                              "\t",
                              "a",
                              "bob",
                              "Z",
                              "7",
                              ".",
                              "_",
                              "-",
                              std::string(29, 'q'),
                              "\xC5\xBF",
                              "\xE2\x84\xAA",
                              "\xC3\xA9"});
}

TEST(LongWordFinder, FindsTokensOfTwentyOrMoreWithPadding) {
  const Detector& d = detector("high_entropy_string");
  const re2::RE2 regex(d.pattern);
  std::string text =
      "key AbCdEfGhIjKlMnOpQrSt== and x.AbCdEfGhIjKlMnOpQrStUv, Ab1/Cd2+Ef3_Gh4-Ij5k";
  EXPECT_EQ(with_finder(d, text), with_re2(regex, d.group, text));
  EXPECT_THAT(texts_of(with_finder(d, text), text),
              ::testing::ElementsAre("AbCdEfGhIjKlMnOpQrSt==", "Ab1/Cd2+Ef3_Gh4-Ij5k"));
}

TEST(LongWordFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("high_entropy_string"), 4242,
                             {"a", "Z", "7", "+", "/", "_", "-", ".", "=", "==", " ", "\n", ",",
                              "\xC3\xA9", "\xE6\x97\xA5", "aB3dE6gH9jK2mN5pQ8sT"});
}

TEST(HandedKeyFinder, FindsKeysThatAPhraseHandsOverAsTheRegexDoes) {
  const Detector& d = detector("handed_over_key");
  const re2::RE2 regex(d.pattern);
  const std::string text =
      "it's: `aB3dE6gH9jK2mN5pQ8sT` then use this one aB3dE6gH9jK2mN5p== or use "
      "thisaB3dE6gH9jK2mN5pQ\nHere it is\t \"Zx9Zx9Zx9Zx9Zx9Zx9\" x/tryAb1/Cd2+Ef3_Gh4-Ij "
      "Password is short, token is ab-cd-ef-gh-ij-kl-mn, set it to \xC5\xBFixteenCharsLong01";
  auto found = with_finder(d, text);
  EXPECT_EQ(found, with_re2(regex, 1, text));
  EXPECT_THAT(
      texts_of(found, text),
      ::testing::ElementsAre("aB3dE6gH9jK2mN5pQ8sT", "aB3dE6gH9jK2mN5p==", "aB3dE6gH9jK2mN5pQ",
                             "Zx9Zx9Zx9Zx9Zx9Zx9", "Ab1/Cd2+Ef3_Gh4-Ij", "ab-cd-ef-gh-ij-kl-mn",
                             "\xC5\xBFixteenCharsLong01"));
}

TEST(HandedKeyFinder, MatchesRe2OnRandomText) {
  expect_same_on_random_text(detector("handed_over_key"), 8989,
                             {"it",
                              "'s",
                              "\xE2\x80\x99s",
                              "s",
                              " is",
                              "use",
                              " this",
                              " one",
                              "try",
                              "here",
                              " it",
                              "pw",
                              "pass",
                              "password",
                              "KEY",
                              "Secret",
                              "token",
                              "passphrase",
                              "new",
                              "changed",
                              " to",
                              "set",
                              " ",
                              "\t",
                              ":",
                              "`",
                              "'",
                              "\"",
                              "=",
                              "\n",
                              "x",
                              "7",
                              "+/",
                              "_-",
                              "\xC5\xBF",
                              "\xE2\x84\xAA",
                              "\xC3\xA9",
                              "aB3dE6gH9jK2",
                              "aB3dE6gH9jK2mN5pQ8sT"});
}

// A finder added to the table is checked here too.
TEST(Finders, EveryFinderInTheTableIsComparedWithItsPattern) {
  const std::set<std::string> checked = {"dotted_host",
                                         "short_host",
                                         "email",
                                         "ipv4",
                                         "cloud_account_number",
                                         "ticket_id",
                                         "high_entropy_string",
                                         "secret_assignment",
                                         "ipv6",
                                         "secret_mention",
                                         "url",
                                         "url_password",
                                         "secret_flag",
                                         "named_secret_value",
                                         "chat_nick",
                                         "at_handle",
                                         "authorization_header",
                                         "login_field",
                                         "password_argument",
                                         "redis_cli_password",
                                         "htpasswd_password",
                                         "user_password_flag",
                                         "handed_over_key"};
  for (const auto& d : builtin_detectors()) {
    if (d.find != nullptr) {
      EXPECT_TRUE(checked.count(d.name)) << d.name << " has no test here";
    }
  }
}

}  // namespace
}  // namespace hindsight::common::anonymizer
