#include "federation/signatures/signature_base.hpp"

#include <algorithm>
#include <vector>

#include "federation/signatures/signature_error.hpp"

namespace hindsight::federation {

std::string signature_base(const sf::InnerList& input, const RequestParts& request) {
  using Reason = SignatureError::Reason;
  std::string base;
  std::vector<std::string> seen;
  for (const auto& component : input.items) {
    const auto* name = std::get_if<std::string>(&component.value);
    if (name == nullptr)
      throw SignatureError(Reason::kMalformed, "a covered component identifier is not a String");
    // Step 2.1: the identifier with its parameters may appear once.
    std::string identifier = sf::serialize_item(component);
    if (std::find(seen.begin(), seen.end(), identifier) != seen.end())
      throw SignatureError(Reason::kMalformed, "the component " + identifier + " is covered twice");
    seen.push_back(identifier);
    // Step 2.5: parameters (sf, key, bs, req, tr, name) are not understood here, so each one
    // fails, as the RFC requires of a parameter not understood.
    if (!component.parameters.empty())
      throw SignatureError(Reason::kUnsupportedComponent,
                           "component parameters are not supported: " + identifier);
    if (*name == "@signature-params")
      throw SignatureError(Reason::kMalformed, "\"@signature-params\" cannot be covered");
    base += identifier;
    base += ": ";
    base += component_value(request, *name);
    base += '\n';
  }
  // Step 3. Serialization only writes printable ASCII, and component_value refuses anything
  // else, so step 4 holds.
  base += "\"@signature-params\": ";
  base += sf::serialize_inner_list(input);
  return base;
}

}  // namespace hindsight::federation
