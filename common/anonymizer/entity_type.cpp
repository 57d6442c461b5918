#include "common/anonymizer/entity_type.hpp"

#include <array>

namespace hindsight::common::anonymizer {
namespace {

constexpr std::array<std::string_view, kEntityTypeCount> kNames = {
    "PERSON", "USERNAME", "EMAIL",      "PHONE",       "ORG",    "CUSTOMER",   "HOSTNAME",
    "DOMAIN", "URL",      "IP_ADDRESS", "MAC_ADDRESS", "SECRET", "ACCOUNT_ID",
};

}  // namespace

std::string_view entity_type_name(EntityType type) {
  return kNames[static_cast<std::size_t>(type)];
}

std::optional<EntityType> parse_entity_type(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<EntityType>(i);
  return std::nullopt;
}

int tie_rank(EntityType type) {
  switch (type) {
    case EntityType::kSecret:
      return 5;
    case EntityType::kUrl:
      return 4;
    case EntityType::kEmail:
      return 3;
    case EntityType::kHostname:
      return 2;
    case EntityType::kIpAddress:
      return 1;
    default:
      return 0;
  }
}

}  // namespace hindsight::common::anonymizer
