#include "server/users/token_usage.hpp"

#include <nlohmann/json.hpp>

#include "common/db/transaction.hpp"
#include "common/util/time_format.hpp"

namespace hindsight::server {
namespace db = common::db;

namespace {

// Never moves last_used_at back: another process may have written a later use.
constexpr db::Statement kRecordUse{"tokens_record_use", R"(
UPDATE api_tokens t SET last_used_at = u.value::timestamptz
FROM jsonb_each_text($1::jsonb) AS u
WHERE t.token_hash = u.key AND (t.last_used_at IS NULL OR t.last_used_at < u.value::timestamptz))"};

}  // namespace

void TokenUsage::note(const std::string& token_hash) {
  auto now = std::chrono::system_clock::now();
  std::lock_guard lock(mutex_);
  pending_[token_hash] = now;
}

void TokenUsage::flush() {
  std::unordered_map<std::string, std::chrono::system_clock::time_point> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  if (batch.empty()) return;
  nlohmann::json uses = nlohmann::json::object();
  for (const auto& [hash, at] : batch)
    uses[hash] = common::format_rfc3339_millis(at);
  try {
    db::with_transaction(pool_, [&](db::Transaction& tx) { tx.exec(kRecordUse, uses.dump()); });
  } catch (...) {
    // Kept for the next flush, unless a newer use was noted meanwhile.
    std::lock_guard lock(mutex_);
    for (auto& [hash, at] : batch)
      pending_.try_emplace(hash, at);
    throw;
  }
}

}  // namespace hindsight::server
