// One test per entity shape: what must be found, and the look-alikes that carry the lesson and
// must stay (versions, timestamps, codes, CVE ids, commit hashes, public names, regions).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/anonymizer/anonymizer_test_support.hpp"

namespace hindsight::common::anonymizer {
namespace {

using test_support::detect;
using test_support::found_as;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using T = EntityType;

TEST(IpAddressShape, FindsIpv4CidrAndAddressWithoutPort) {
  EXPECT_THAT(found_as("from 10.1.2.3:5432 and 192.168.0.0/16.", T::kIpAddress),
              ElementsAre("10.1.2.3", "192.168.0.0/16"));
}

TEST(IpAddressShape, FindsEveryIpv6Form) {
  EXPECT_THAT(found_as("peers 2001:db8::1, fe80::1ff:fe23:4567:890a%eth0 and ::ffff:10.0.0.1",
                       T::kIpAddress),
              ElementsAre("2001:db8::1", "fe80::1ff:fe23:4567:890a%eth0", "::ffff:10.0.0.1"));
  EXPECT_THAT(found_as("bind [2a05:d018:32f::76f5]:443", T::kIpAddress),
              ElementsAre("2a05:d018:32f::76f5"));
}

TEST(IpAddressShape, KeepsLoopbackVersionsAndTimes) {
  EXPECT_THAT(detect("127.0.0.1 and ::1 and 0.0.0.0/0 at 13:10:20, version 1.2.3.4, "
                     "Chrome 120.0.6099.109"),
              IsEmpty());
}

TEST(MacAddressShape, FindsColonDashAndCiscoForms) {
  EXPECT_THAT(
      found_as("eth0 33:ed:12:34:02:f3 eth1 44-9A-4D-B4-31-56 sw 5403.52a4.effe", T::kMacAddress),
      ElementsAre("33:ed:12:34:02:f3", "44-9A-4D-B4-31-56", "5403.52a4.effe"));
}

TEST(EmailShape, FindsEveryWellFormedAddressWithoutContext) {
  EXPECT_THAT(found_as("mail ops-escalations@marlowe.ai or x@example.com", T::kEmail),
              ElementsAre("ops-escalations@marlowe.ai", "x@example.com"));
  // Hyphenated labels, three or more labels, reserved domains, any case.
  EXPECT_THAT(found_as("cc priya.raman@corp-mail.example, Jo@Corp.Example.org and "
                       "x+ops@mail.eu-west.acme-corp.co.uk.",
                       T::kEmail),
              ElementsAre("priya.raman@corp-mail.example", "Jo@Corp.Example.org",
                          "x+ops@mail.eu-west.acme-corp.co.uk"));
}

TEST(EmailShape, KeepsVersionsTimesCodesAndCredentialUrls) {
  EXPECT_THAT(found_as("v1.2.3 at 2024-03-01T10:22:13Z, HTTP 503, CVE-2024-3094, commit "
                       "9fceb02d, @here, git@ then, "
                       "\"mysql://user:${PASSWORD}@example.com:3306/db\"",
                       T::kEmail),
              IsEmpty());
}

TEST(HostnameShape, FindsShortAndQualifiedHosts) {
  EXPECT_THAT(
      found_as("db-prod-03, pg10-c, web-17.eu1 and pg1.fra1.mrl.internal failed", T::kHostname),
      ElementsAre("db-prod-03", "pg10-c", "web-17.eu1", "pg1.fra1.mrl.internal"));
  EXPECT_THAT(found_as("node ip-10-1-2-3.eu-west-1.compute.internal", T::kHostname),
              ElementsAre("ip-10-1-2-3.eu-west-1.compute.internal"));
}

TEST(HostnameShape, KeepsFilesVersionsRegionsAndPublicHosts) {
  EXPECT_THAT(detect("config.yaml, v1.2.3, us-east-1, utf-8, registry.npmjs.org, "
                     "api.github.com, LedgerClient.java, kafka-3.6.1"),
              IsEmpty());
}

TEST(DomainShape, FindsTheOrganizationsDomainsFromContext) {
  DocumentContext context;
  context.internal_domains = {"mrl.internal"};
  context.org_names = {"Marlowe"};
  EXPECT_THAT(found_as("zone mrl.internal, status page on marlowe.ai", T::kDomain, context),
              ElementsAre("mrl.internal", "marlowe.ai"));
}

TEST(UrlShape, SplitsTokensOutOfTheQueryString) {
  EXPECT_THAT(
      detect("hook https://hooks.sdl.lan/notify?token=lba53p23l4zgeiw1xf266ccifu6fd6yi ok"),
      ElementsAre("URL:https://hooks.sdl.lan/notify", "SECRET:lba53p23l4zgeiw1xf266ccifu6fd6yi"));
  EXPECT_THAT(found_as("see https://wiki.corp.internal/display/OPS/DB+Failover.", T::kUrl),
              ElementsAre("https://wiki.corp.internal/display/OPS/DB+Failover"));
}

TEST(UrlShape, SplitsCredentialsFromTheHost) {
  EXPECT_THAT(detect("`postgres://app_rw:gOMTNw#cxvjcn42@log-prd-26:5432/orders`"),
              ElementsAre("SECRET:gOMTNw#cxvjcn42", "HOSTNAME:log-prd-26"));
}

TEST(UrlShape, KeepsTemplatesAndExampleHosts) {
  EXPECT_THAT(detect("const T = \"mysql://user:${PASSWORD}@example.com:3306/db\";"), IsEmpty());
}

TEST(PhoneShape, FindsInternationalNumbersOnly) {
  EXPECT_THAT(found_as("call +48 22 123 47 56 or +82 2-312-3333", T::kPhone),
              ElementsAre("+48 22 123 47 56", "+82 2-312-3333"));
  EXPECT_THAT(
      found_as("epoch 1700000000123 and id 550e8400-e29b-41d4-a716-446655440000", T::kPhone),
      IsEmpty());
}

TEST(AccountIdShape, FindsCloudAccountsSubscriptionsAndTickets) {
  EXPECT_THAT(
      found_as("role arn:aws:iam::106128917496:role/x; account 771600830189.", T::kAccountId),
      ElementsAre("106128917496", "771600830189"));
  EXPECT_THAT(
      found_as("Azure subscription 032634f0-87e5-1b42-9fe8-110102c995f1 hosts it", T::kAccountId),
      ElementsAre("032634f0-87e5-1b42-9fe8-110102c995f1"));
  EXPECT_THAT(found_as("opened OPS-8670 and SUP-1299", T::kAccountId),
              ElementsAre("OPS-8670", "SUP-1299"));
}

TEST(AccountIdShape, KeepsCveIdsAndSeverities) {
  EXPECT_THAT(detect("CVE-2024-3094 at SEV-1, HTTP 503, ORA-00060, SQLSTATE 40001"), IsEmpty());
}

TEST(SecretShape, FindsProviderTokens) {
  EXPECT_THAT(
      found_as("ghp_MUP6n0a0uARxlNtencYFJEeAgYzQJjOIfPkz and AKIAJOD3YEETKDLD4VJ3 and "
               "xoxb-35532283050-311857299479-4yvMpy62O6SQ1IEE1HSa2bB9 and "
               "npm_5rTeXMM0GrMn5otgxRK4ZfxbSHeh19unaDOW and sk_live_5wU1tV3wK6gML15HeECAa49Q",
               T::kSecret),
      ElementsAre("ghp_MUP6n0a0uARxlNtencYFJEeAgYzQJjOIfPkz", "AKIAJOD3YEETKDLD4VJ3",
                  "xoxb-35532283050-311857299479-4yvMpy62O6SQ1IEE1HSa2bB9",
                  "npm_5rTeXMM0GrMn5otgxRK4ZfxbSHeh19unaDOW", "sk_live_5wU1tV3wK6gML15HeECAa49Q"));
}

TEST(SecretShape, FindsWholePrivateKeysAndJwts) {
  std::string pem =
      "-----BEGIN EC PRIVATE KEY-----\nMIGlAgEBBDEA1yi+kzpV+5nUnRGzTjPPAPoMQlFu2WexPjZ4\n"
      "-----END EC PRIVATE KEY-----";
  EXPECT_THAT(found_as("key:\n" + pem + "\nend", T::kSecret), ElementsAre(pem));
  EXPECT_THAT(
      found_as("Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.abcDEF123_-x",
               T::kSecret),
      ElementsAre("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0In0.abcDEF123_-x"));
}

TEST(SecretShape, FindsPasswordsInAssignmentsAndHighEntropyStrings) {
  EXPECT_THAT(found_as("TRELLO_TOKEN=x4dKYL3wTOK4RkCDOF8FGgtgFoUx9jTi", T::kSecret),
              ElementsAre("x4dKYL3wTOK4RkCDOF8FGgtgFoUx9jTi"));
  EXPECT_THAT(found_as("db_password: \"S3cr3t-Pa55!x\"", T::kSecret), ElementsAre("S3cr3t-Pa55!x"));
  EXPECT_THAT(
      found_as("contained `ahDzWAqqBHgpAeUBUULuU0gA4p09rt0WDAsUOmFg` (the token)", T::kSecret),
      ElementsAre("ahDzWAqqBHgpAeUBUULuU0gA4p09rt0WDAsUOmFg"));
}

TEST(SecretShape, KeepsTemplatesPlaceholdersAndHashes) {
  EXPECT_THAT(
      detect("SUMO_ACCESS_KEY=${SUMO_ACCESS_KEY:=$2} and "
             "glptt-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx and "
             "PREFECT_API_KEY = \"pnu_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\" and "
             "commit 1c71b106e934d263b5ba0837bbf1b3ba, curl -u \"${_username}:${_password}\""),
      IsEmpty());
}

TEST(UsernameShape, FindsHandlesAndLoginFields) {
  EXPECT_THAT(
      found_as("ping @mkrishnan; {\"user\": \"htran\"}\n[08:19] <nivanov> hi", T::kUsername),
      ElementsAre("@mkrishnan", "htran", "nivanov"));
  EXPECT_THAT(found_as("{\"user\": \"postgres\"} @here", T::kUsername), IsEmpty());
}

TEST(PersonShape, FindsFullNamesWithoutADirectory) {
  EXPECT_THAT(found_as("Credits were approved by Meera Krishnan yesterday.", T::kPerson),
              ElementsAre("Meera Krishnan"));
  EXPECT_THAT(found_as("Николай Иванов restarted it", T::kPerson), ElementsAre("Николай Иванов"));
  // Capitals of Latin Extended-A whose code points are odd (Ł, Ż, Ń) open names too.
  EXPECT_THAT(found_as("IC: Łukasz Żółw paged Ńadia", T::kPerson),
              ElementsAre("Łukasz Żółw", "Ńadia"));
}

TEST(PersonShape, FindsFirstNamesAndInitialsAfterAKnownName) {
  EXPECT_THAT(
      found_as("paged Agnieszka Zielińska. Later Agnieszka acked; closed by AZ.", T::kPerson),
      ElementsAre("Agnieszka Zielińska", "Agnieszka", "AZ"));
}

TEST(PersonShape, KeepsMonthsAndTechnologyNames) {
  EXPECT_THAT(detect("On Monday, July 20th the Cassandra clients and Kubernetes pods on AWS "
                     "restarted; PostgreSQL 15.4 in us-east-1 returned HTTP 503."),
              IsEmpty());
}

}  // namespace
}  // namespace hindsight::common::anonymizer
