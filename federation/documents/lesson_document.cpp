#include "federation/documents/lesson_document.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "common/util/time_format.hpp"
#include "federation/discovery/origin.hpp"

namespace hindsight::federation {
using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 4> kSeverities = {"SEV1", "SEV2", "SEV3", "SEV4"};
constexpr std::size_t kMaxLocalIdLength = 128;

std::string member_path(const std::string& path, std::string_view name) {
  return path + "." + std::string(name);
}

std::string element_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

[[noreturn]] void refuse(const std::string& path, const std::string& message) {
  throw LessonDocumentError(path, message);
}

void expect_object(const json& value, const std::string& path) {
  if (!value.is_object()) refuse(path, "must be an object");
}

const json& member(const json& object, std::string_view name, const std::string& path) {
  auto it = object.find(name);
  if (it == object.end()) refuse(member_path(path, name), "is missing");
  return *it;
}

std::string string_member(const json& object, std::string_view name, const std::string& path) {
  const json& value = member(object, name, path);
  if (!value.is_string()) refuse(member_path(path, name), "must be a string");
  return value.get<std::string>();
}

bool bool_member(const json& object, std::string_view name, const std::string& path) {
  const json& value = member(object, name, path);
  if (!value.is_boolean()) refuse(member_path(path, name), "must be true or false");
  return value.get<bool>();
}

// Digits, then `unit`, at `text[at]`; advances past them. False, without moving, when absent.
bool take_component(std::string_view text, std::size_t& at, char unit, bool fraction_allowed) {
  std::size_t i = at, digits = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    ++i;
    ++digits;
  }
  if (digits == 0 || digits > 18) return false;
  if (fraction_allowed && i < text.size() && text[i] == '.') {
    std::size_t fraction = 0;
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
      ++fraction;
    }
    if (fraction == 0 || fraction > 9) return false;
  }
  if (i >= text.size() || text[i] != unit) return false;
  at = i + 1;
  return true;
}

// An ISO 8601 elapsed time: an optional '-' (before the incident's start, as XML Schema writes
// it), then "P", days, and hours, minutes and seconds after "T" ("PT6M", "-PT5M", "P1DT2H",
// "PT0S"). Years and months are refused: they have no fixed length.
bool is_duration(std::string_view text) {
  std::size_t at = 0;
  if (at < text.size() && text[at] == '-') ++at;
  if (at >= text.size() || text[at] != 'P') return false;
  ++at;
  bool any = take_component(text, at, 'D', false);
  if (at < text.size() && text[at] == 'T') {
    ++at;
    bool timed = take_component(text, at, 'H', false);
    timed = take_component(text, at, 'M', false) || timed;
    timed = take_component(text, at, 'S', true) || timed;
    if (!timed) return false;
    any = true;
  }
  return any && at == text.size();
}

std::optional<std::string> duration_member(const json& object, std::string_view name,
                                           const std::string& path) {
  const json& value = member(object, name, path);
  if (value.is_null()) return std::nullopt;
  if (!value.is_string()) refuse(member_path(path, name), "must be a string or null");
  std::string text = value.get<std::string>();
  if (!is_duration(text))
    refuse(member_path(path, name), "must be an ISO 8601 duration such as PT6M, or null");
  return text;
}

// Each element of the array member `name`, read by `read(element, element_path)`.
template <typename Read>
auto array_member(const json& object, std::string_view name, const std::string& path, Read read) {
  const json& value = member(object, name, path);
  std::string here = member_path(path, name);
  if (!value.is_array()) refuse(here, "must be an array");
  std::vector<decltype(read(value, here))> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i)
    out.push_back(read(value[i], element_path(here, i)));
  return out;
}

std::string read_string(const json& value, const std::string& path) {
  if (!value.is_string()) refuse(path, "must be a string");
  return value.get<std::string>();
}

TimelineEntry read_timeline_entry(const json& value, const std::string& path) {
  expect_object(value, path);
  return {duration_member(value, "offset", path), string_member(value, "text", path)};
}

ContributingFactor read_factor(const json& value, const std::string& path) {
  expect_object(value, path);
  return {string_member(value, "category", path), string_member(value, "text", path)};
}

ActionItem read_action_item(const json& value, const std::string& path) {
  expect_object(value, path);
  return {string_member(value, "text", path), string_member(value, "owner_role", path),
          string_member(value, "status", path)};
}

LessonDurations read_durations(const json& value, const std::string& path) {
  expect_object(value, path);
  return {duration_member(value, "time_to_detect", path),
          duration_member(value, "time_to_mitigate", path),
          duration_member(value, "time_to_resolve", path)};
}

int read_version(const json& lesson) {
  const json& value = member(lesson, "version", "lesson");
  constexpr std::uint64_t kMax = std::numeric_limits<int>::max();
  // Integers only: 3.0 is the same JSON number, but no publisher writes it so.
  bool valid = value.is_number_unsigned()
                   ? value.get<std::uint64_t>() >= 1 && value.get<std::uint64_t>() <= kMax
                   : value.is_number_integer() && value.get<std::int64_t>() >= 1 &&
                         static_cast<std::uint64_t>(value.get<std::int64_t>()) <= kMax;
  if (!valid) refuse("lesson.version", "must be an integer from 1 to 2147483647");
  return value.get<int>();
}

std::string read_origin(const json& lesson) {
  std::string origin = string_member(lesson, "origin", "lesson");
  auto normal = normalize_origin(origin);
  if (!normal || *normal != origin)
    refuse("lesson.origin", "must be an origin https://host[:port] in normal form");
  return origin;
}

bool is_local_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxLocalIdLength) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_'))
      return false;
  return true;
}

std::string read_id(const json& lesson, const std::string& origin) {
  std::string id = string_member(lesson, "id", "lesson");
  std::string prefix = origin + "/lessons/";
  if (id.size() <= prefix.size() || id.compare(0, prefix.size(), prefix) != 0 ||
      !is_local_id(std::string_view(id).substr(prefix.size())))
    refuse("lesson.id", "must be " + prefix + "<id>, the id of letters, digits, '-' and '_'");
  return id;
}

json durations_json(const LessonDurations& d) {
  auto value = [](const std::optional<std::string>& text) {
    return text ? json(*text) : json(nullptr);
  };
  return json{{"time_to_detect", value(d.time_to_detect)},
              {"time_to_mitigate", value(d.time_to_mitigate)},
              {"time_to_resolve", value(d.time_to_resolve)}};
}

}  // namespace

LessonFields parse_lesson_fields(const json& fields, const std::string& path) {
  expect_object(fields, path);
  LessonFields out;
  out.title = string_member(fields, "title", path);
  out.services = array_member(fields, "services", path, read_string);
  out.summary = string_member(fields, "summary", path);
  out.impact = string_member(fields, "impact", path);
  out.timeline = array_member(fields, "timeline", path, read_timeline_entry);
  out.trigger = string_member(fields, "trigger", path);
  out.contributing_factors = array_member(fields, "contributing_factors", path, read_factor);
  out.detection = string_member(fields, "detection", path);
  out.resolution = string_member(fields, "resolution", path);
  out.went_well = string_member(fields, "went_well", path);
  out.went_poorly = string_member(fields, "went_poorly", path);
  out.lucky = string_member(fields, "lucky", path);
  out.action_items = array_member(fields, "action_items", path, read_action_item);
  out.lessons_learned = string_member(fields, "lessons_learned", path);
  if (fields.contains("durations"))
    out.durations = read_durations(fields.at("durations"), member_path(path, "durations"));
  return out;
}

LessonDocument parse_lesson_document(const json& lesson) {
  expect_object(lesson, "lesson");
  LessonDocument out;
  // The origin first: the id is checked against it.
  out.origin = read_origin(lesson);
  out.id = read_id(lesson, out.origin);
  out.version = read_version(lesson);
  out.published_at = string_member(lesson, "published_at", "lesson");
  if (!common::parse_rfc3339(out.published_at))
    refuse("lesson.published_at", "must be an RFC 3339 date-time");
  out.tags = array_member(lesson, "tags", "lesson", read_string);
  out.severity = string_member(lesson, "severity", "lesson");
  if (std::find(kSeverities.begin(), kSeverities.end(), out.severity) == kSeverities.end())
    refuse("lesson.severity", "must be one of SEV1, SEV2, SEV3, SEV4");
  out.retracted = bool_member(lesson, "retracted", "lesson");
  bool has_fields = lesson.contains("fields");
  if (out.retracted && has_fields) refuse("lesson.fields", "a retraction carries no fields");
  if (!out.retracted && !has_fields) refuse("lesson.fields", "is missing");
  if (has_fields) out.fields = parse_lesson_fields(lesson.at("fields"));
  return out;
}

LessonDocument make_lesson_document(std::string origin, std::string_view local_id, int version,
                                    std::string published_at, std::vector<std::string> tags,
                                    std::string severity, std::optional<LessonFields> fields) {
  LessonDocument document;
  document.id = origin + "/lessons/" + std::string(local_id);
  document.version = version;
  document.origin = std::move(origin);
  document.published_at = std::move(published_at);
  document.tags = std::move(tags);
  document.severity = std::move(severity);
  document.retracted = !fields.has_value();
  document.fields = std::move(fields);
  parse_lesson_document(to_json(document));
  return document;
}

json to_json(const LessonFields& f) {
  json timeline = json::array();
  for (const auto& entry : f.timeline)
    timeline.push_back(
        json{{"offset", entry.offset ? json(*entry.offset) : json(nullptr)}, {"text", entry.text}});
  json factors = json::array();
  for (const auto& factor : f.contributing_factors)
    factors.push_back(json{{"category", factor.category}, {"text", factor.text}});
  json items = json::array();
  for (const auto& item : f.action_items)
    items.push_back(
        json{{"text", item.text}, {"owner_role", item.owner_role}, {"status", item.status}});
  json out{{"title", f.title},
           {"services", f.services},
           {"summary", f.summary},
           {"impact", f.impact},
           {"timeline", std::move(timeline)},
           {"trigger", f.trigger},
           {"contributing_factors", std::move(factors)},
           {"detection", f.detection},
           {"resolution", f.resolution},
           {"went_well", f.went_well},
           {"went_poorly", f.went_poorly},
           {"lucky", f.lucky},
           {"action_items", std::move(items)},
           {"lessons_learned", f.lessons_learned}};
  if (f.durations) out["durations"] = durations_json(*f.durations);
  return out;
}

json to_json(const LessonDocument& d) {
  json out{{"id", d.id},
           {"version", d.version},
           {"origin", d.origin},
           {"published_at", d.published_at},
           {"tags", d.tags},
           {"severity", d.severity},
           {"retracted", d.retracted}};
  if (d.fields) out["fields"] = to_json(*d.fields);
  return out;
}

nlohmann::json document_to_send(const std::string& stored_document, bool tombstone) {
  auto lesson = nlohmann::json::parse(stored_document);
  if (!tombstone) return lesson;
  lesson["retracted"] = true;
  lesson.erase("fields");
  return lesson;
}

}  // namespace hindsight::federation
