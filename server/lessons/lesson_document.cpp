#include "server/lessons/lesson_document.hpp"

namespace hindsight::server {
using nlohmann::json;

json lesson_document(const std::string& public_url, const LessonVersion& v) {
  std::string origin = public_url;
  while (!origin.empty() && origin.back() == '/')
    origin.pop_back();
  json document = {
      {"id", origin + "/lessons/" + v.lesson_id}, {"version", v.version}, {"origin", origin},
      {"published_at", v.published_at},           {"tags", v.tags},       {"severity", v.severity},
      {"retracted", v.fields == nullptr}};
  if (v.fields) document["fields"] = *v.fields;
  return document;
}

}  // namespace hindsight::server
