// Who is calling, and with which role. Roles nest: admin implies reviewer implies member.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hindsight::server {

enum class Role { member = 1, reviewer = 2, admin = 3 };

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view text);

struct Principal {
  std::string user_id;
  std::string username;
  std::string display_name;
  Role role = Role::member;
  bool has(Role needed) const { return static_cast<int>(role) >= static_cast<int>(needed); }
};

}  // namespace hindsight::server
