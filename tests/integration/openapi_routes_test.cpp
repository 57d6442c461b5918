// The OpenAPI document and the router agree: every route is documented and every documented
// operation is routed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "server/api/system_routes.hpp"
#include "tests/support/test_database.hpp"
#include "tests/support/test_server.hpp"

namespace hindsight::test {
namespace {

std::set<std::string> routed_operations(const server::Router& router) {
  std::set<std::string> out;
  for (const auto& route : router.routes()) {
    std::string method = route.method;
    for (auto& c : method)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.insert(method + " " + route.pattern);
  }
  return out;
}

std::set<std::string> documented_operations() {
  auto doc = nlohmann::json::parse(server::openapi_document());
  std::set<std::string> out;
  for (auto& [path, item] : doc["paths"].items()) {
    for (auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      out.insert(method + " " + path);
    }
  }
  return out;
}

TEST(OpenApi, EveryRouteIsDocumentedAndEveryDocumentedOperationIsRouted) {
  TestDatabase db;
  TestServer server(db.conninfo());
  auto routed = routed_operations(server.router());
  auto documented = documented_operations();
  for (const auto& op : routed)
    EXPECT_TRUE(documented.contains(op)) << "undocumented route: " << op;
  for (const auto& op : documented)
    EXPECT_TRUE(routed.contains(op)) << "documented, not routed: " << op;
}

TEST(OpenApi, DocumentIsOpenApi31WithErrorSchema) {
  auto doc = nlohmann::json::parse(server::openapi_document());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}

}  // namespace
}  // namespace hindsight::test
