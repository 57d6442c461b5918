// What the OpenAPI document promises about input: every string a client may send states its
// maximum length and the NUL ban, and every PATCH body needs at least one member. (The walk in
// tests/e2e/openapi_walk_test.cpp checks the server keeps these promises.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "server/api/system_routes.hpp"

namespace hindsight::server {
namespace {
using nlohmann::json;

const json& document() {
  static const json doc = json::parse(openapi_document());
  return doc;
}

// The schema with a local $ref followed.
const json& followed(const json& schema) {
  if (!schema.is_object() || !schema.contains("$ref")) return schema;
  std::string ref = schema["$ref"];
  return document().at(json::json_pointer(ref.substr(1)));
}

bool is_string_type(const json& schema) {
  const json& type = schema.value("type", json());
  if (type == "string") return true;
  if (!type.is_array()) return false;
  for (const auto& t : type)
    if (t == "string") return true;
  return false;
}

// Every string schema under `schema` (at `where`) without maxLength or pattern, unless an enum
// or const fixes its values.
void unbounded_strings(const json& node, const std::string& where, std::vector<std::string>& out) {
  const json& schema = followed(node);
  if (!schema.is_object()) return;
  if (is_string_type(schema) && !schema.contains("enum") && !schema.contains("const") &&
      (!schema.contains("maxLength") || !schema.contains("pattern")))
    out.push_back(where);
  if (schema.contains("properties"))
    for (const auto& [name, sub] : schema["properties"].items())
      unbounded_strings(sub, where + "." + name, out);
  if (schema.contains("items")) unbounded_strings(schema["items"], where + "[]", out);
  for (const char* key : {"oneOf", "anyOf", "allOf"})
    if (schema.contains(key))
      for (const auto& sub : schema[key])
        unbounded_strings(sub, where, out);
  for (const char* key : {"if", "then", "else"})
    if (schema.contains(key)) unbounded_strings(schema[key], where, out);
}

TEST(OpenApiDocument, EveryStringAClientSendsHasItsLengthAndTheNulBan) {
  std::vector<std::string> unbounded;
  for (const auto& [path, item] : document()["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      std::string label = method + " " + path;
      for (const auto& p : op.value("parameters", json::array()))
        unbounded_strings(p["schema"], label + " " + p["name"].get<std::string>(), unbounded);
      if (op.contains("requestBody"))
        unbounded_strings(op["requestBody"]["content"]["application/json"]["schema"],
                          label + " body", unbounded);
    }
  }
  EXPECT_TRUE(unbounded.empty()) << [&] {
    std::string all;
    for (const auto& u : unbounded)
      all += u + "\n";
    return all;
  }();
}

TEST(OpenApiDocument, TheNulBanIsOnePatternThatRefusesNulOnly) {
  // ECMA-262 and JSON Schema read "\u0000" in a pattern as the NUL character.
  const json& title = document()["components"]["schemas"]["PostmortemInput"]["properties"]["title"];
  EXPECT_NE(title["pattern"].get<std::string>().find("\\u0000"), std::string::npos);
  EXPECT_EQ(title["minLength"], 1);
}

TEST(OpenApiDocument, PatchBodiesNeedAMember) {
  for (const auto& [path, item] : document()["paths"].items()) {
    if (!item.contains("patch")) continue;
    const json& schema =
        followed(item["patch"]["requestBody"]["content"]["application/json"]["schema"]);
    EXPECT_EQ(schema.value("minProperties", 0), 1) << path;
  }
}

}  // namespace
}  // namespace hindsight::server
