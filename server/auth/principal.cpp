#include "server/auth/principal.hpp"

namespace hindsight::server {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::member:
      return "member";
    case Role::reviewer:
      return "reviewer";
    case Role::admin:
      return "admin";
  }
  return "member";
}

std::optional<Role> parse_role(std::string_view text) {
  if (text == "member") return Role::member;
  if (text == "reviewer") return Role::reviewer;
  if (text == "admin") return Role::admin;
  return std::nullopt;
}

}  // namespace hindsight::server
