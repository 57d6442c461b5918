#include "server/lessons/lesson_fields.hpp"

#include <fmt/format.h>

#include "common/util/time_format.hpp"

namespace hindsight::server {
using common::anonymizer::IncidentClock;
using nlohmann::json;

namespace {

std::optional<std::string> offset_of(const IncidentClock& clock, const json& timestamp) {
  if (!timestamp.is_string()) return std::nullopt;
  auto at = common::parse_rfc3339(timestamp.get<std::string>());
  if (!at) return std::nullopt;
  return clock.offset(*at);
}

// A string member of a postmortem item, or `fallback` where it is absent or not a string.
std::string string_or(const json& item, const char* key, const char* fallback) {
  auto it = item.find(key);
  return it != item.end() && it->is_string() ? it->get<std::string>() : fallback;
}

}  // namespace

std::string owner_role(const json& action_item) {
  auto owner = action_item.find("owner");
  return owner != action_item.end() && owner->is_string() ? "assigned engineer" : "unassigned";
}

federation::LessonFields lesson_fields(const json& pm,
                                       const std::map<std::string, std::string>& redacted,
                                       const IncidentClock& clock) {
  auto text = [&](const std::string& path) {
    auto it = redacted.find(path);
    return it == redacted.end() ? std::string() : it->second;
  };
  // Each item of the postmortem's list `key`, made by `make(item, its text_fields path)`.
  auto list = [&](const char* key, auto&& make) {
    const json items = pm.value(key, json::array());
    std::vector<decltype(make(items, std::string()))> out;
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(make(items[i], fmt::format("{}[{}]", key, i)));
    return out;
  };
  auto at = [&](const json& item, const char* key) {
    return offset_of(clock, item.value(key, json(nullptr)));
  };
  federation::LessonFields fields;
  fields.title = text("title");
  fields.services =
      list("services", [&](const json&, const std::string& path) { return text(path); });
  fields.summary = text("summary");
  fields.impact = text("impact");
  fields.timeline = list("timeline", [&](const json& entry, const std::string& path) {
    return federation::TimelineEntry{at(entry, "at"), text(path + ".text")};
  });
  fields.trigger = text("trigger");
  fields.contributing_factors =
      list("contributing_factors", [&](const json& factor, const std::string& path) {
        return federation::ContributingFactor{string_or(factor, "category", "unknown"),
                                              text(path + ".text")};
      });
  fields.detection = text("detection");
  fields.resolution = text("resolution");
  fields.went_well = text("went_well");
  fields.went_poorly = text("went_poorly");
  fields.lucky = text("lucky");
  fields.action_items = list("action_items", [&](const json& item, const std::string& path) {
    return federation::ActionItem{text(path + ".text"), owner_role(item),
                                  string_or(item, "status", "open")};
  });
  fields.lessons_learned = text("lessons_learned");
  fields.durations = federation::LessonDurations{at(pm, "detected_at"), at(pm, "mitigated_at"),
                                                 at(pm, "resolved_at")};
  return fields;
}

}  // namespace hindsight::server
