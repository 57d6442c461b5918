#include "server/postmortems/postmortem_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"
#include "common/util/time_format.hpp"

namespace hindsight::server {
using common::ApiError;
using nlohmann::json;

namespace {

constexpr std::size_t kTitleMax = 300;
constexpr std::size_t kTextMax = 100'000;
constexpr std::size_t kShortTextMax = 10'000;
constexpr std::size_t kLabelMax = 64;
constexpr std::size_t kListMax = 50;
constexpr std::size_t kEntriesMax = 1000;

const std::vector<std::string> kTextFields = {"summary",     "impact",     "trigger",
                                              "detection",   "resolution", "went_well",
                                              "went_poorly", "lucky",      "lessons_learned"};
const std::vector<std::string> kTimeFields = {"started_at", "detected_at", "mitigated_at",
                                              "resolved_at"};
// Keys a client may send back from a GET; they are the server's to set, so they are ignored.
const std::set<std::string> kReadOnly = {"id",         "version",    "status",
                                         "durations",  "created_by", "updated_by",
                                         "created_at", "updated_at", "published_at"};

std::string path(const std::string& parent, std::size_t index, const std::string& field = {}) {
  std::string out = fmt::format("{}[{}]", parent, index);
  return field.empty() ? out : out + "." + field;
}

std::string text_field(const json& object, const std::string& key, const std::string& field_path,
                       std::size_t max, bool required) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) throw ApiError::validation(field_path, field_path + " is required");
    return {};
  }
  if (!it->is_string()) throw ApiError::validation(field_path, field_path + " must be a string");
  const auto& text = it->get_ref<const std::string&>();
  common::check_text(text, field_path, max);
  if (required && text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError::validation(field_path, field_path + " must not be empty");
  return text;
}

json timestamp_field(const json& object, const std::string& key, const std::string& field_path,
                     bool required) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) throw ApiError::validation(field_path, field_path + " is required");
    return nullptr;
  }
  if (!it->is_string())
    throw ApiError::validation(field_path, field_path + " must be an RFC 3339 timestamp string");
  auto instant = common::canonical_instant(it->get_ref<const std::string&>());
  if (!instant)
    throw ApiError::validation(field_path, field_path +
                                               " is not an RFC 3339 timestamp within the years "
                                               "0001-9999, such as 2026-05-01T12:30:00Z");
  return *instant;
}

json label_list(const json& body, const std::string& key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return json::array();
  if (!it->is_array()) throw ApiError::validation(key, key + " must be an array of strings");
  if (it->size() > kListMax)
    throw ApiError::validation(key, fmt::format("{} has more than {} entries", key, kListMax));
  json out = json::array();
  std::set<std::string> seen;
  for (std::size_t i = 0; i < it->size(); ++i) {
    std::string label = text_field(json{{"v", (*it)[i]}}, "v", path(key, i), kLabelMax, true);
    if (std::any_of(label.begin(), label.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      throw ApiError::validation(path(key, i),
                                 path(key, i) + " must not contain control characters");
    if (seen.insert(label).second) out.push_back(label);
  }
  return out;
}

const json& object_list(const json& body, const std::string& key, json& empty) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return empty;
  if (!it->is_array()) throw ApiError::validation(key, key + " must be an array");
  if (it->size() > kEntriesMax)
    throw ApiError::validation(key, fmt::format("{} has more than {} entries", key, kEntriesMax));
  for (std::size_t i = 0; i < it->size(); ++i)
    if (!(*it)[i].is_object())
      throw ApiError::validation(path(key, i), path(key, i) + " must be an object");
  return *it;
}

void reject_unknown_keys(const json& object, const std::set<std::string>& known,
                         const std::string& prefix) {
  for (auto& [key, _] : object.items()) {
    if (!known.contains(key)) {
      std::string field = prefix.empty() ? key : prefix + "." + key;
      throw ApiError::validation(field, "unknown field " + field);
    }
  }
}

json one_of(const json& object, const std::string& key, const std::string& field_path,
            const std::vector<std::string>& allowed, const std::string& fallback) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (fallback.empty()) throw ApiError::validation(field_path, field_path + " is required");
    return fallback;
  }
  if (!it->is_string() ||
      std::find(allowed.begin(), allowed.end(), it->get<std::string>()) == allowed.end()) {
    std::string options;
    for (const auto& a : allowed)
      options += (options.empty() ? "" : ", ") + a;
    throw ApiError::validation(field_path,
                               fmt::format("{} must be one of {}", field_path, options));
  }
  return *it;
}

}  // namespace

const std::vector<std::string>& factor_categories() {
  static const std::vector<std::string> categories = {
      "change",          "configuration",  "capacity",       "dependency",
      "software_defect", "infrastructure", "monitoring_gap", "process_gap",
      "human_system",    "security",       "unknown"};
  return categories;
}

json parse_postmortem_input(const json& body) {
  std::set<std::string> known = kReadOnly;
  for (const char* k : {"title", "severity", "services", "tags", "timeline", "contributing_factors",
                        "action_items"})
    known.insert(k);
  known.insert(kTextFields.begin(), kTextFields.end());
  known.insert(kTimeFields.begin(), kTimeFields.end());
  reject_unknown_keys(body, known, "");

  json out = json::object();
  out["title"] = text_field(body, "title", "title", kTitleMax, true);
  out["severity"] = one_of(body, "severity", "severity", {"SEV1", "SEV2", "SEV3", "SEV4"}, "");
  for (const auto& key : kTimeFields)
    out[key] = timestamp_field(body, key, key, false);
  // Phases happen in order; durations would otherwise come out negative.
  std::string previous;
  for (const auto& key : kTimeFields) {
    if (out[key].is_null()) continue;
    auto t = common::parse_rfc3339(out[key].get<std::string>());
    if (!previous.empty() && *t < *common::parse_rfc3339(out[previous].get<std::string>()))
      throw ApiError::validation(key, fmt::format("{} is before {}", key, previous));
    previous = key;
  }
  out["services"] = label_list(body, "services");
  out["tags"] = label_list(body, "tags");
  for (const auto& key : kTextFields)
    out[key] = text_field(body, key, key, kTextMax, false);

  json empty = json::array();
  out["timeline"] = json::array();
  const json& timeline = object_list(body, "timeline", empty);
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const json& e = timeline[i];
    reject_unknown_keys(e, {"at", "kind", "text"}, path("timeline", i));
    std::string kind = text_field(e, "kind", path("timeline", i, "kind"), kLabelMax, false);
    out["timeline"].push_back(
        {{"at", timestamp_field(e, "at", path("timeline", i, "at"), true)},
         {"kind", kind.empty() ? "event" : kind},
         {"text", text_field(e, "text", path("timeline", i, "text"), kShortTextMax, true)}});
  }

  out["contributing_factors"] = json::array();
  const json& factors = object_list(body, "contributing_factors", empty);
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const json& f = factors[i];
    reject_unknown_keys(f, {"category", "text"}, path("contributing_factors", i));
    out["contributing_factors"].push_back(
        {{"category", one_of(f, "category", path("contributing_factors", i, "category"),
                             factor_categories(), "")},
         {"text",
          text_field(f, "text", path("contributing_factors", i, "text"), kShortTextMax, false)}});
  }

  out["action_items"] = json::array();
  const json& items = object_list(body, "action_items", empty);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& a = items[i];
    reject_unknown_keys(a, {"id", "text", "owner", "due", "status", "external_link"},
                        path("action_items", i));
    json item = {
        {"text", text_field(a, "text", path("action_items", i, "text"), kShortTextMax, true)},
        {"status", one_of(a, "status", path("action_items", i, "status"),
                          {"open", "in_progress", "done", "wont_do"}, "open")}};
    std::string id = text_field(a, "id", path("action_items", i, "id"), 64, false);
    item["id"] = id.empty() ? json(nullptr) : json(id);
    std::string owner = text_field(a, "owner", path("action_items", i, "owner"), 63, false);
    item["owner"] = owner.empty() ? json(nullptr) : json(owner);
    std::string due = text_field(a, "due", path("action_items", i, "due"), 10, false);
    if (!due.empty() && !common::parse_date(due))
      throw ApiError::validation(
          path("action_items", i, "due"),
          path("action_items", i, "due") + " must be a date such as 2026-06-30");
    item["due"] = due.empty() ? json(nullptr) : json(due);
    std::string link =
        text_field(a, "external_link", path("action_items", i, "external_link"), 2000, false);
    if (!link.empty() && !link.starts_with("https://") && !link.starts_with("http://"))
      throw ApiError::validation(
          path("action_items", i, "external_link"),
          path("action_items", i, "external_link") + " must be an http(s) URL");
    item["external_link"] = link.empty() ? json(nullptr) : json(link);
    out["action_items"].push_back(std::move(item));
  }
  return out;
}

}  // namespace hindsight::server
