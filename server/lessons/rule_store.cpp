#include "server/lessons/rule_store.hpp"

#include <map>
#include <stdexcept>

#include "server/lessons/text_fields.hpp"

namespace hindsight::server {
namespace anon = common::anonymizer;
namespace db = common::db;
using nlohmann::json;

namespace {

constexpr db::Statement kVersion{"lesson_source_version", R"(
SELECT document::text FROM postmortem_versions WHERE postmortem_id = $1::uuid AND version = $2)"};
constexpr db::Statement kRules{"lesson_rules_load", R"(
SELECT id::text, kind::text, term, field, start_offset, end_offset, entity_type, source_version
FROM lesson_rules WHERE lesson_id = $1::uuid ORDER BY created_at, id)"};
constexpr db::Statement kInsert{"lesson_rule_insert", R"(
INSERT INTO lesson_rules (lesson_id, kind, term, field, start_offset, end_offset, entity_type,
                          source_version, created_by)
VALUES ($1::uuid, $2::lesson_rule_kind, $3, $4, $5, $6, $7, $8, $9::uuid)
RETURNING id::text)"};
constexpr db::Statement kDelete{"lesson_rule_delete", R"(
DELETE FROM lesson_rules WHERE id = $1::uuid AND lesson_id = $2::uuid
RETURNING id::text, kind::text, entity_type)"};

anon::EntityType type_of(const pqxx::field& column) {
  auto type = anon::parse_entity_type(column.as<std::string>());
  if (!type) throw std::runtime_error("lesson_rules holds an unknown type");
  return *type;
}

}  // namespace

json read_postmortem_version(db::Transaction& tx, const std::string& postmortem_id, int version) {
  auto rows = tx.exec(kVersion, postmortem_id, version);
  if (rows.empty()) throw std::runtime_error("postmortem version missing");
  return json::parse(rows[0][0].as<std::string>());
}

RuleSet load_rule_set(db::Transaction& tx, const std::string& lesson_id,
                      const std::string& postmortem_id, int source_version) {
  RuleSet set;
  std::map<int, std::vector<TextField>> older;  // fields of older versions, read once each
  for (const auto& row : tx.exec(kRules, lesson_id)) {
    std::string id = row[0].as<std::string>();
    std::string kind = row[1].as<std::string>();
    if (kind == "keep_term") {
      set.keep_terms.push_back(row[2].as<std::string>());
    } else if (kind == "redact_term") {
      set.redact_terms.push_back({id, row[2].as<std::string>(), type_of(row[6]), {}});
    } else {
      std::string field = row[3].as<std::string>();
      auto start = row[4].as<std::size_t>();
      auto end = row[5].as<std::size_t>();
      int version = row[7].as<int>();
      if (version == source_version) {
        set.redact_spans.push_back({id, field, start, end, type_of(row[6])});
        continue;
      }
      auto [it, added] = older.try_emplace(version);
      if (added) it->second = text_fields(read_postmortem_version(tx, postmortem_id, version));
      const TextField* then = find_text_field(it->second, field);
      if (then && end <= then->text.size())
        set.redact_terms.push_back(
            {id, then->text.substr(start, end - start), type_of(row[6]), field});
    }
  }
  return set;
}

std::string insert_rule(db::Transaction& tx, const std::string& lesson_id, const RuleRequest& rule,
                        const std::optional<std::string>& keep_text, int source_version,
                        const std::string& user_id) {
  std::optional<std::string> term, field, type;
  std::optional<long long> start, end;
  std::optional<int> version;
  std::string kind;
  if (rule.keep) {
    kind = "keep_term";
    term = rule.term ? rule.term : keep_text;
  } else {
    type = std::string(anon::entity_type_name(*rule.type));
    if (rule.term) {
      kind = "redact_term";
      term = rule.term;
    } else {
      kind = "redact_span";
      field = rule.field;
      start = static_cast<long long>(rule.start);
      end = static_cast<long long>(rule.end);
      version = source_version;
    }
  }
  return tx.exec(kInsert, lesson_id, kind, term, field, start, end, type, version, user_id)[0][0]
      .as<std::string>();
}

std::optional<json> delete_rule(db::Transaction& tx, const std::string& lesson_id,
                                const std::string& rule_id) {
  auto rows = tx.exec(kDelete, rule_id, lesson_id);
  if (rows.empty()) return std::nullopt;
  return json{{"id", rows[0][0].as<std::string>()},
              {"kind", rows[0][1].as<std::string>()},
              {"type", rows[0][2].is_null() ? json(nullptr) : json(rows[0][2].as<std::string>())}};
}

}  // namespace hindsight::server
