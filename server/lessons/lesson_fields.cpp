#include "server/lessons/lesson_fields.hpp"

#include <fmt/format.h>

#include "common/util/time_format.hpp"

namespace hindsight::server {
using nlohmann::json;

namespace {

json offset_of(const IncidentClock& clock, const json& timestamp) {
  if (!timestamp.is_string()) return nullptr;
  auto at = common::parse_rfc3339(timestamp.get<std::string>());
  if (!at) return nullptr;
  auto offset = clock.offset(*at);
  return offset ? json(*offset) : json(nullptr);
}

}  // namespace

std::string owner_role(const json& action_item) {
  auto owner = action_item.find("owner");
  return owner != action_item.end() && owner->is_string() ? "assigned engineer" : "unassigned";
}

json lesson_fields(const json& pm, const std::map<std::string, std::string>& redacted,
                   const IncidentClock& clock) {
  auto text = [&](const std::string& path) {
    auto it = redacted.find(path);
    return it == redacted.end() ? std::string() : it->second;
  };
  auto list = [&](const char* key, auto&& make) {
    json out = json::array();
    const json items = pm.value(key, json::array());
    for (std::size_t i = 0; i < items.size(); ++i)
      out.push_back(make(items[i], fmt::format("{}[{}]", key, i)));
    return out;
  };
  json fields = json::object();
  fields["title"] = text("title");
  fields["services"] =
      list("services", [&](const json&, const std::string& path) { return json(text(path)); });
  fields["summary"] = text("summary");
  fields["impact"] = text("impact");
  fields["timeline"] = list("timeline", [&](const json& entry, const std::string& path) {
    return json{{"offset", offset_of(clock, entry.value("at", json(nullptr)))},
                {"text", text(path + ".text")}};
  });
  fields["trigger"] = text("trigger");
  fields["contributing_factors"] = list("contributing_factors", [&](const json& factor,
                                                                    const std::string& path) {
    return json{{"category", factor.value("category", "unknown")}, {"text", text(path + ".text")}};
  });
  for (const char* key : {"detection", "resolution", "went_well", "went_poorly", "lucky"})
    fields[key] = text(key);
  fields["action_items"] = list("action_items", [&](const json& item, const std::string& path) {
    return json{{"text", text(path + ".text")},
                {"owner_role", owner_role(item)},
                {"status", item.value("status", "open")}};
  });
  fields["lessons_learned"] = text("lessons_learned");
  fields["durations"] = {
      {"time_to_detect", offset_of(clock, pm.value("detected_at", json(nullptr)))},
      {"time_to_mitigate", offset_of(clock, pm.value("mitigated_at", json(nullptr)))},
      {"time_to_resolve", offset_of(clock, pm.value("resolved_at", json(nullptr)))}};
  return fields;
}

}  // namespace hindsight::server
