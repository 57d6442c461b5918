// The finding types of the `hindsight anonymize` contract (docs/anonymizer.md) and their
// precedence when findings of different types cover the same text.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace hindsight::common::anonymizer {

enum class EntityType {
  kPerson,
  kUsername,
  kEmail,
  kPhone,
  kOrg,
  kCustomer,
  kHostname,
  kDomain,
  kUrl,
  kIpAddress,
  kMacAddress,
  kSecret,
  kAccountId,
};

inline constexpr std::size_t kEntityTypeCount = 13;

std::string_view entity_type_name(EntityType type);
std::optional<EntityType> parse_entity_type(std::string_view name);

// Higher wins a tie between findings of equal length: SECRET > URL > EMAIL > HOSTNAME >
// IP_ADDRESS > the rest.
int tie_rank(EntityType type);

// A finding: UTF-8 byte offsets into the scanned text, end exclusive.
struct Finding {
  EntityType type;
  std::size_t start;
  std::size_t end;

  std::size_t size() const { return end - start; }
  bool operator==(const Finding&) const = default;
};

}  // namespace hindsight::common::anonymizer
