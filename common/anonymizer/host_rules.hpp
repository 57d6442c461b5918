// Is this dotted name a host or a domain, and is it the organization's? Uses the Public Suffix
// List (libpsl) so `config.yaml` or `v1.2.3` is no host name, the well-known internal zones
// (.internal, .corp, .lan, ...), and the document's context.
#pragma once

#include <optional>
#include <string_view>

#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/scan_context.hpp"

struct psl_ctx_st;

namespace hindsight::common::anonymizer {

class HostRules {
 public:
  HostRules();

  // HOSTNAME or DOMAIN for a name of the organization; nullopt for public names, files,
  // package names and anything that is not a host.
  std::optional<EntityType> classify(std::string_view name, const ScanContext& context) const;
  // A URL's host that names nobody: example domains, localhost, templates.
  bool is_neutral_host(std::string_view host) const;
  // `db-prod-03`, `pg10-c`, `web-17`: a machine's name rather than a word.
  static bool is_host_label(std::string_view label);
  bool has_known_suffix(std::string_view name) const;

 private:
  const psl_ctx_st* psl_;
};

}  // namespace hindsight::common::anonymizer
