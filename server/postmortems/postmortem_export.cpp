#include "server/postmortems/postmortem_export.hpp"

#include <fmt/format.h>

#include "common/error/api_error.hpp"
#include "common/json/json_fields.hpp"
#include "server/postmortems/postmortem_input.hpp"

namespace hindsight::server {
using common::ApiError;
using nlohmann::json;

namespace {

// Headings name what a section is for; prose fields are Markdown already and go in as written.
const std::pair<const char*, const char*> kSections[] = {{"Summary", "summary"},
                                                         {"Customer impact", "impact"},
                                                         {"Trigger", "trigger"},
                                                         {"Detection", "detection"},
                                                         {"Response and resolution", "resolution"},
                                                         {"What went well", "went_well"},
                                                         {"What went poorly", "went_poorly"},
                                                         {"Where we got lucky", "lucky"},
                                                         {"Lessons learned", "lessons_learned"}};

std::string or_dash(const json& value) {
  return value.is_string() ? value.get<std::string>() : "—";
}

std::string join(const json& list) {
  std::string out;
  for (const auto& item : list)
    out += (out.empty() ? "" : ", ") + item.get<std::string>();
  return out.empty() ? "—" : out;
}

std::string duration(const json& seconds) {
  if (!seconds.is_number()) return "—";
  long long s = seconds.get<long long>();
  return fmt::format("{}h {:02d}m", s / 3600, static_cast<int>((s % 3600) / 60));
}

// One line of a list item or table cell: no line breaks inside.
std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

}  // namespace

json export_json(const json& document) {
  json fields = json::object();
  for (const char* key : kTemplateFields)
    fields[key] = document[key];
  for (auto& item : fields["action_items"])
    item.erase("id");  // ids belong to this instance
  return {{"format", kExportFormat},
          {"postmortem", fields},
          {"source",
           {{"id", document["id"]},
            {"version", document["version"]},
            {"status", document["status"]},
            {"created_by", document["created_by"]},
            {"created_at", document["created_at"]},
            {"updated_at", document["updated_at"]},
            {"published_at", document["published_at"]}}}};
}

json import_fields(const json& exported) {
  if (common::optional_string(exported, "format", 100) != kExportFormat)
    throw ApiError::validation("format", fmt::format("format must be \"{}\"", kExportFormat));
  auto it = exported.find("postmortem");
  if (it == exported.end() || !it->is_object())
    throw ApiError::validation("postmortem", "postmortem must be an object");
  return *it;
}

std::string export_markdown(const json& d) {
  std::string md = fmt::format("# {}\n\n", one_line(d["title"].get<std::string>()));
  md += fmt::format("| | |\n|---|---|\n| Severity | {} |\n| Status | {} (version {}) |\n",
                    d["severity"].get<std::string>(), d["status"].get<std::string>(),
                    d["version"].get<int>());
  md += fmt::format("| Started | {} |\n| Detected | {} |\n| Mitigated | {} |\n| Resolved | {} |\n",
                    or_dash(d["started_at"]), or_dash(d["detected_at"]), or_dash(d["mitigated_at"]),
                    or_dash(d["resolved_at"]));
  const auto& durations = d["durations"];
  md +=
      fmt::format("| Time to detect | {} |\n| Time to mitigate | {} |\n| Time to resolve | {} |\n",
                  duration(durations["time_to_detect_seconds"]),
                  duration(durations["time_to_mitigate_seconds"]),
                  duration(durations["time_to_resolve_seconds"]));
  md += fmt::format("| Services | {} |\n| Tags | {} |\n| Authors | {} |\n\n",
                    one_line(join(d["services"])), one_line(join(d["tags"])),
                    or_dash(d["created_by"]));
  auto section = [&](const char* heading, const std::string& body) {
    md += fmt::format("## {}\n\n{}\n\n", heading, body.empty() ? "—" : body);
  };
  for (const auto& [heading, key] : kSections) {
    section(heading, d[key].get<std::string>());
    if (std::string(key) == "impact") {
      std::string timeline;
      for (const auto& e : d["timeline"])
        timeline +=
            fmt::format("- **{}** ({}) {}\n", e["at"].get<std::string>(),
                        e["kind"].get<std::string>(), one_line(e["text"].get<std::string>()));
      section("Timeline", timeline.empty() ? "" : timeline.substr(0, timeline.size() - 1));
    }
    if (std::string(key) == "detection") {
      std::string factors;
      for (const auto& f : d["contributing_factors"])
        factors += fmt::format("- **{}**: {}\n", f["category"].get<std::string>(),
                               one_line(f["text"].get<std::string>()));
      section("Contributing factors", factors.empty() ? "" : factors.substr(0, factors.size() - 1));
    }
  }
  std::string items;
  for (const auto& a : d["action_items"])
    items += fmt::format(
        "- [{}] {} — owner: {}, due: {}, status: {}{}\n", a["status"] == "done" ? "x" : " ",
        one_line(a["text"].get<std::string>()), or_dash(a["owner"]), or_dash(a["due"]),
        a["status"].get<std::string>(),
        a["external_link"].is_string() ? " (" + a["external_link"].get<std::string>() + ")" : "");
  section("Action items", items.empty() ? "" : items.substr(0, items.size() - 1));
  return md;
}

}  // namespace hindsight::server
