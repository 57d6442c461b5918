#include "federation/signatures/signature_parameters.hpp"

#include "federation/signatures/signature_error.hpp"

namespace hindsight::federation {
namespace {

template <typename T>
std::optional<T> typed_parameter(const sf::Parameters& parameters, std::string_view key) {
  const sf::BareItem* value = parameters.find(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* typed = std::get_if<T>(value)) return *typed;
  throw SignatureError(SignatureError::Reason::kMalformed,
                       "the signature parameter '" + std::string(key) + "' has the wrong type");
}

}  // namespace

sf::InnerList to_inner_list(const SignatureParameters& parameters) {
  sf::InnerList out;
  for (const auto& component : parameters.components)
    out.items.push_back(sf::Item{component, {}});
  if (parameters.created) out.parameters.set("created", *parameters.created);
  if (parameters.expires) out.parameters.set("expires", *parameters.expires);
  if (parameters.nonce) out.parameters.set("nonce", *parameters.nonce);
  if (parameters.keyid) out.parameters.set("keyid", *parameters.keyid);
  if (parameters.alg) out.parameters.set("alg", *parameters.alg);
  if (parameters.tag) out.parameters.set("tag", *parameters.tag);
  return out;
}

SignatureParameters from_inner_list(const sf::InnerList& input) {
  SignatureParameters out;
  for (const auto& item : input.items) {
    const auto* name = std::get_if<std::string>(&item.value);
    if (name == nullptr)
      throw SignatureError(SignatureError::Reason::kMalformed,
                           "a covered component identifier is not a String");
    out.components.push_back(*name);
  }
  // Section 2.3: created and expires are Integers; the others are Strings.
  out.created = typed_parameter<std::int64_t>(input.parameters, "created");
  out.expires = typed_parameter<std::int64_t>(input.parameters, "expires");
  out.nonce = typed_parameter<std::string>(input.parameters, "nonce");
  out.alg = typed_parameter<std::string>(input.parameters, "alg");
  out.keyid = typed_parameter<std::string>(input.parameters, "keyid");
  out.tag = typed_parameter<std::string>(input.parameters, "tag");
  return out;
}

}  // namespace hindsight::federation
