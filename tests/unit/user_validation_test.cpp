// The contract's rules for new users: username pattern, password length in characters, email.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "common/error/api_error.hpp"
#include "server/users/user_service.hpp"

namespace hindsight::server {
namespace {
using common::ApiError;

NewUser valid_user() {
  NewUser u;
  u.username = "bob";
  u.display_name = "Bob Smith";
  u.email = "bob@example.com";
  u.role = Role::member;
  u.password = "correct horse battery";
  return u;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i)
    out += s;
  return out;
}

const std::string kEAcute = "\xc3\xa9";  // "é": one character, two bytes

// Passes when validate_new_user refuses `user` with 400 validation_failed on `field`.
::testing::AssertionResult RejectedOn(const NewUser& user, const std::string& field) {
  try {
    validate_new_user(user);
  } catch (const ApiError& e) {
    if (e.status() != 400 || e.code() != "validation_failed" || e.field() != field)
      return ::testing::AssertionFailure()
             << "refused with status " << e.status() << ", code '" << e.code() << "', field '"
             << e.field() << "' (" << e.what() << "); expected validation_failed on '" << field
             << "'";
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "accepted; expected validation_failed on '" << field << "'";
}

::testing::AssertionResult Accepted(const NewUser& user) {
  try {
    validate_new_user(user);
  } catch (const ApiError& e) {
    return ::testing::AssertionFailure()
           << "refused: " << e.code() << " on '" << e.field() << "': " << e.what();
  }
  return ::testing::AssertionSuccess();
}

NewUser with_username(std::string name) {
  NewUser u = valid_user();
  u.username = std::move(name);
  return u;
}

NewUser with_password(std::string password) {
  NewUser u = valid_user();
  u.password = std::move(password);
  return u;
}

NewUser with_email(std::optional<std::string> email) {
  NewUser u = valid_user();
  u.email = std::move(email);
  return u;
}

TEST(ValidateNewUser, ValidUserPasses) {
  EXPECT_TRUE(Accepted(valid_user()));
}

TEST(ValidateNewUser, UsernameMustMatchPattern) {
  EXPECT_TRUE(RejectedOn(with_username(""), "username"));
  EXPECT_TRUE(RejectedOn(with_username("Bob"), "username"));
  EXPECT_TRUE(RejectedOn(with_username("-bob"), "username"));
  EXPECT_TRUE(RejectedOn(with_username(".bob"), "username"));
  EXPECT_TRUE(RejectedOn(with_username("_bob"), "username"));
  EXPECT_TRUE(RejectedOn(with_username("bob!"), "username"));
  EXPECT_TRUE(RejectedOn(with_username("bob smith"), "username"));
  EXPECT_TRUE(RejectedOn(with_username("j\xc3\xb6rg"), "username"));  // non-ASCII
}

TEST(ValidateNewUser, UsernameAtMost63Characters) {
  EXPECT_TRUE(Accepted(with_username(std::string(63, 'a'))));
  EXPECT_TRUE(RejectedOn(with_username(std::string(64, 'a')), "username"));
}

TEST(ValidateNewUser, UsernamesThatMatchPatternAccepted) {
  EXPECT_TRUE(Accepted(with_username("a")));
  EXPECT_TRUE(Accepted(with_username("7")));
  EXPECT_TRUE(Accepted(with_username("bob.smith_2-x")));
  EXPECT_TRUE(Accepted(with_username("bob-")));
}

TEST(ValidateNewUser, PasswordNeedsTwelveCharacters) {
  EXPECT_TRUE(RejectedOn(with_password(std::string(11, 'x')), "password"));
  EXPECT_TRUE(Accepted(with_password(std::string(12, 'x'))));
  EXPECT_TRUE(RejectedOn(with_password(""), "password"));
}

TEST(ValidateNewUser, PasswordLengthCountsCharactersNotBytes) {
  // 11 characters are 22 bytes: too short even though the byte count is over 12.
  EXPECT_TRUE(RejectedOn(with_password(repeat(kEAcute, 11)), "password"));
  EXPECT_TRUE(Accepted(with_password(repeat(kEAcute, 12))));
}

TEST(ValidateNewUser, PasswordMustBeUtf8) {
  EXPECT_TRUE(RejectedOn(with_password("twelve chars\xff"), "password"));
}

TEST(ValidateNewUser, PasswordOver1024BytesRejected) {
  EXPECT_TRUE(Accepted(with_password(std::string(1024, 'x'))));
  EXPECT_TRUE(RejectedOn(with_password(std::string(1025, 'x')), "password"));
}

TEST(ValidateNewUser, BadEmailRejected) {
  EXPECT_TRUE(RejectedOn(with_email("bob.example.com"), "email"));
  EXPECT_TRUE(RejectedOn(with_email("bob@@example.com"), "email"));
  EXPECT_TRUE(RejectedOn(with_email("bob@example@com"), "email"));
  EXPECT_TRUE(RejectedOn(with_email("bob smith@example.com"), "email"));
  EXPECT_TRUE(RejectedOn(with_email("bob@example.com "), "email"));
  EXPECT_TRUE(RejectedOn(with_email("@example.com"), "email"));
  EXPECT_TRUE(RejectedOn(with_email("bob@"), "email"));
}

TEST(ValidateNewUser, AbsentEmailIsFine) {
  EXPECT_TRUE(Accepted(with_email(std::nullopt)));
}

TEST(ValidateNewUser, PlainEmailAccepted) {
  EXPECT_TRUE(Accepted(with_email("bob@example.com")));
  EXPECT_TRUE(Accepted(with_email("bob.smith+ops@sub.example.org")));
}

TEST(ValidateNewUser, DisplayNameAtMost200Characters) {
  NewUser ok = valid_user();
  ok.display_name = repeat(kEAcute, 200);  // 400 bytes, 200 characters
  EXPECT_TRUE(Accepted(ok));
  NewUser long_name = valid_user();
  long_name.display_name = std::string(201, 'x');
  EXPECT_TRUE(RejectedOn(long_name, "display_name"));
}

TEST(ValidateNewUser, ErrorCarriesValidationFailedCodeAndFieldName) {
  try {
    validate_new_user(with_username("Not Valid"));
    FAIL() << "expected an ApiError";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "validation_failed");
    EXPECT_EQ(e.field(), "username");
    EXPECT_NE(std::string(e.what()), "");
  }
}

}  // namespace
}  // namespace hindsight::server
