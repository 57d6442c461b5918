// The checks that confirm a pattern's match before it becomes a finding: addresses parsed with
// inet_pton, host names against the Public Suffix List, phone digit rules, secret entropy and
// template detection. Each is a `Confirm` of the detector table.
#pragma once

#include "common/anonymizer/detector.hpp"

namespace hindsight::common::anonymizer::validators {

void accept(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void ipv4(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void ipv6(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void mac(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void email(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void url(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void dotted_host(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void short_host(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void phone(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void cloud_account(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void subscription_guid(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void ticket_id(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void provider_token(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void secret_value(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void high_entropy(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void handle(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void login_name(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);

// The secret rows that read around their match (secret_validators.cpp):
void keyed_secret(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void password_argument(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void set_command_value(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void named_value(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void url_password(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void handed_over_key(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void prefixed_token(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void checksummed_token(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);
void bech32_key(const DetectorMatch&, const DetectorEnv&, std::vector<Finding>&);

// Shared by the secret checks and tests: `${PASSWORD}`, `<KEY>`, `xxxx`, `****`.
bool looks_like_template(std::string_view value);

}  // namespace hindsight::common::anonymizer::validators
