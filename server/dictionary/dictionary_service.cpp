#include "server/dictionary/dictionary_service.hpp"

#include <fmt/format.h>

#include "common/anonymizer/anonymizer.hpp"
#include "common/anonymizer/anonymizer_config.hpp"
#include "common/db/transaction.hpp"
#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"
#include "server/audit/audit_log.hpp"

namespace hindsight::server {
namespace db = common::db;
using common::ApiError;
using nlohmann::json;

namespace {

constexpr db::Statement kGet{"dictionary_get", R"(
SELECT jsonb_build_object('version', d.version, 'dictionary', d.content, 'updated_by', u.username,
                          'updated_at', rfc3339(d.updated_at))::text
FROM org_dictionary d LEFT JOIN users u ON u.id = d.updated_by)"};
constexpr db::Statement kLock{"dictionary_lock",
                              "SELECT version, content::text FROM org_dictionary FOR UPDATE"};
constexpr db::Statement kReplace{"dictionary_replace", R"(
UPDATE org_dictionary SET version = version + 1, content = $1::jsonb, updated_by = $2::uuid, updated_at = now())"};

const char* const kKeys[] = {"org_names",        "terms",         "customers",
                             "internal_domains", "allowed_terms", "patterns"};

constexpr std::size_t kMaxEntries = 10'000;
constexpr std::size_t kMaxPatterns = 1'000;
constexpr std::size_t kMaxEntryChars = 1'000;

// Bounds on what a dictionary holds, so it stays a size the anonymizer compiles quickly.
void check_sizes(const std::string& key, const json& value) {
  std::string field = "dictionary." + key;
  if (!value.is_array()) return;  // the anonymizer names wrong types
  std::size_t max = key == "patterns" ? kMaxPatterns : kMaxEntries;
  if (value.size() > max)
    throw ApiError::validation(field, fmt::format("{} has more than {} entries", field, max));
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string at = fmt::format("{}[{}]", field, i);
    const json& entry = value[i];
    if (entry.is_string())
      common::check_text(entry.get_ref<const std::string&>(), at, kMaxEntryChars);
    if (!entry.is_object()) continue;
    for (auto [name, max_chars] : {std::pair{"name", 200}, std::pair{"regex", 1000}}) {
      auto it = entry.find(name);
      if (it != entry.end() && it->is_string())
        common::check_text(it->get_ref<const std::string&>(), at + "." + name,
                           static_cast<std::size_t>(max_chars));
    }
  }
}

// The dictionary as the anonymizer will read it; throws 400 naming what is wrong.
void validate(const json& dictionary) {
  if (!dictionary.is_object())
    throw ApiError::validation("dictionary", "dictionary must be an object");
  for (auto& [key, value] : dictionary.items()) {
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      throw ApiError::validation("dictionary." + key, "unknown field dictionary." + key);
    check_sizes(key, value);
  }
  try {
    common::anonymizer::Anonymizer compiled(
        common::anonymizer::AnonymizerConfig::from_json(dictionary));
  } catch (const std::exception& e) {
    throw ApiError::validation(
        "dictionary", fmt::format("the anonymizer cannot use this dictionary: {}", e.what()));
  }
}

}  // namespace

json DictionaryService::get() const {
  return json::parse(db::read_one(pool_, kGet)[0][0].as<std::string>());
}

json DictionaryService::replace(db::Transaction& tx, const Principal& admin, int expected_version,
                                const json& dictionary) const {
  validate(dictionary);
  auto current = tx.exec(kLock);
  int version = current[0][0].as<int>();
  if (version != expected_version)
    throw ApiError::conflict(
        fmt::format("the dictionary is at version {}, not {}", version, expected_version))
        .with("current", json::parse(current[0][1].as<std::string>()));
  tx.exec(kReplace, dictionary.dump(), admin.user_id);
  record_audit(tx, &admin,
               {"dictionary.replace", "dictionary", "org",
                json::parse(current[0][1].as<std::string>()), dictionary});
  return json::parse(tx.exec(kGet)[0][0].as<std::string>());
}

}  // namespace hindsight::server
