#include "server/auth/authenticator.hpp"

#include "common/crypto/api_token.hpp"
#include "common/crypto/digest.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"

namespace hindsight::server {
namespace {

constexpr common::db::Statement kFindTokenOwner{"auth_find_token_owner", R"(
SELECT u.id, u.username, u.display_name, u.role::text
FROM api_tokens t JOIN users u ON u.id = t.user_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled_at IS NULL)"};

bool is_safe_method(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(),
                    [](char a, char b) { return std::tolower(a) == std::tolower(b); });
}

}  // namespace

std::optional<std::string> cookie_value(const Request& request, std::string_view name) {
  auto header = request.header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    std::size_t end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ')
      pair.remove_prefix(1);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

Authenticator::Authenticator(common::db::ConnectionPool& pool, const SessionService& sessions,
                             common::db::ChangeFeed& changes,
                             common::runtime::BlockingPool& blocking, TokenUsage& token_usage)
    : pool_(pool),
      sessions_(sessions),
      blocking_(blocking),
      token_usage_(token_usage),
      cache_(changes, {.keyed_topics = {},
                       .clearing_topics = {"credentials"},
                       .byte_budget = 4 << 20,
                       .weigh = [](const Credential&) { return std::size_t{512}; }}) {}

boost::asio::awaitable<std::optional<Principal>> Authenticator::authenticate(
    const Request& request) const {
  if (auto header = request.header("authorization")) co_return co_await from_bearer(*header);
  if (auto token = cookie_value(request, kSessionCookie))
    co_return co_await from_session(request, *token);
  co_return std::nullopt;
}

template <typename Load>
boost::asio::awaitable<std::optional<Authenticator::Credential>> Authenticator::cached(
    const std::string& key, Load load) const {
  if (auto hit = cache_.peek(key)) co_return hit;
  co_return co_await blocking_.run(
      [&] { return cache_.get_or_load(key, [&](const std::string&) { return load(); }); });
}

std::optional<Authenticator::Credential> Authenticator::find_token(
    const std::string& token_hash) const {
  auto row = common::db::read_one(pool_, kFindTokenOwner, token_hash);
  if (row.empty()) return std::nullopt;
  return Credential{
      {row[0][0].as<std::string>(), row[0][1].as<std::string>(), row[0][2].as<std::string>(),
       parse_role(row[0][3].as<std::string>()).value_or(Role::member)},
      {},
      std::nullopt};
}

boost::asio::awaitable<Principal> Authenticator::from_bearer(std::string_view header) const {
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || !iequals_prefix(header, kScheme))
    throw common::ApiError::unauthenticated("the Authorization header must be 'Bearer <token>'");
  std::string token(header.substr(kScheme.size()));
  if (!token.starts_with(common::crypto::kApiTokenPrefix) || token.size() > 100)
    throw common::ApiError::unauthenticated("invalid or revoked token");
  std::string hash = common::crypto::token_hash(token);
  auto credential = co_await cached("token:" + hash, [&] { return find_token(hash); });
  if (!credential) throw common::ApiError::unauthenticated("invalid or revoked token");
  token_usage_.note(hash);
  co_return std::move(credential->principal);
}

boost::asio::awaitable<Principal> Authenticator::from_session(const Request& request,
                                                              const std::string& token) const {
  if (token.empty() || token.size() > 100)
    throw common::ApiError::unauthenticated("invalid session");
  auto credential = co_await cached(
      "session:" + common::crypto::token_hash(token), [&]() -> std::optional<Credential> {
        auto session = sessions_.find(token);
        if (!session) return std::nullopt;
        return Credential{std::move(session->principal), std::move(session->csrf_hash),
                          session->expires_at};
      });
  if (!credential || !credential->expires_at ||
      *credential->expires_at <= std::chrono::system_clock::now())
    throw common::ApiError::unauthenticated("the session expired or was closed; sign in again");
  if (!is_safe_method(request.method)) {
    auto csrf = request.header("x-csrf-token");
    if (!csrf || !common::crypto::constant_time_equal(common::crypto::token_hash(*csrf),
                                                      credential->csrf_hash))
      throw common::ApiError(403, "csrf_failed", "missing or wrong X-CSRF-Token header");
  }
  co_return std::move(credential->principal);
}

}  // namespace hindsight::server
