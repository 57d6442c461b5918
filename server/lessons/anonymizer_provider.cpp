#include "server/lessons/anonymizer_provider.hpp"

#include <nlohmann/json.hpp>

namespace hindsight::server {
namespace anon = common::anonymizer;
namespace db = common::db;

namespace {

constexpr db::Statement kDictionaryVersion{"lesson_dictionary_version",
                                           "SELECT version FROM org_dictionary"};
constexpr db::Statement kDictionary{"lesson_dictionary",
                                    "SELECT version, content::text FROM org_dictionary"};
// Disabled users too: their names still appear in old postmortems.
constexpr db::Statement kPeople{"lesson_people",
                                "SELECT display_name, username, COALESCE(email, '') FROM users"};

}  // namespace

std::shared_ptr<const anon::Anonymizer> AnonymizerProvider::compiled(db::Transaction& tx) const {
  int current = tx.exec(kDictionaryVersion)[0][0].as<int>();
  std::lock_guard lock(mutex_);
  if (anonymizer_ && version_ == current) return anonymizer_;
  auto row = tx.exec(kDictionary)[0];
  auto config = anon::AnonymizerConfig::from_json(nlohmann::json::parse(row[1].as<std::string>()));
  anonymizer_ = std::make_shared<const anon::Anonymizer>(std::move(config));
  version_ = row[0].as<int>();
  return anonymizer_;
}

LessonScanner AnonymizerProvider::load(db::Transaction& tx) const {
  LessonScanner scanner{compiled(tx), {}};
  if (!org_name_.empty()) scanner.context.org_names.push_back(org_name_);
  for (const auto& row : tx.exec(kPeople))
    scanner.context.people.push_back(
        {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()});
  return scanner;
}

}  // namespace hindsight::server
