#include "server/lessons/text_fields.hpp"

#include <fmt/format.h>

namespace hindsight::server {
using nlohmann::json;

namespace {

// The order of a lesson's fields in the federation protocol (docs/federation.md), tags last.
enum class Shape { text, list, entries };
struct Member {
  const char* key;
  Shape shape;
};
constexpr Member kMembers[] = {
    {"title", Shape::text},
    {"services", Shape::list},
    {"summary", Shape::text},
    {"impact", Shape::text},
    {"timeline", Shape::entries},
    {"trigger", Shape::text},
    {"contributing_factors", Shape::entries},
    {"detection", Shape::text},
    {"resolution", Shape::text},
    {"went_well", Shape::text},
    {"went_poorly", Shape::text},
    {"lucky", Shape::text},
    {"action_items", Shape::entries},
    {"lessons_learned", Shape::text},
    {"tags", Shape::list},
};

}  // namespace

std::vector<TextField> text_fields(const json& document) {
  std::vector<TextField> out;
  for (const auto& member : kMembers) {
    auto it = document.find(member.key);
    if (it == document.end()) continue;
    if (member.shape == Shape::text) {
      if (it->is_string()) out.push_back({member.key, it->get<std::string>()});
      continue;
    }
    if (!it->is_array()) continue;
    for (std::size_t i = 0; i < it->size(); ++i) {
      const json& item = (*it)[i];
      if (member.shape == Shape::list && item.is_string())
        out.push_back({fmt::format("{}[{}]", member.key, i), item.get<std::string>()});
      else if (member.shape == Shape::entries && item.is_object() && item.contains("text") &&
               item["text"].is_string())
        out.push_back({fmt::format("{}[{}].text", member.key, i), item["text"].get<std::string>()});
    }
  }
  return out;
}

const TextField* find_text_field(const std::vector<TextField>& fields, const std::string& path) {
  for (const auto& field : fields)
    if (field.path == path) return &field;
  return nullptr;
}

}  // namespace hindsight::server
