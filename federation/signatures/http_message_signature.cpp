#include "federation/signatures/http_message_signature.hpp"

#include "common/crypto/random.hpp"
#include "federation/signatures/signature_base.hpp"
#include "federation/signatures/signature_error.hpp"

namespace hindsight::federation {
namespace {

using Reason = SignatureError::Reason;

// Field lines combined as RFC 9110 section 5.3 combines them, then parsed (RFC 8941 section 4.2).
std::optional<sf::Dictionary> dictionary_field(const FieldLookup& fields, std::string_view name) {
  auto lines = fields(name);
  if (lines.empty()) return std::nullopt;
  std::string combined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) combined += ", ";
    combined += lines[i];
  }
  return sf::parse_dictionary(combined);
}

}  // namespace

SignatureFields RequestSigner::sign(const RequestParts& request, bool has_body,
                                    std::chrono::system_clock::time_point now) const {
  namespace policy = signature_policy;
  SignatureParameters parameters;
  for (auto component : policy::required_components(has_body))
    parameters.components.emplace_back(component);
  auto created = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  parameters.created = created.count();
  parameters.expires = (created + policy::kMaxLifetime).count();
  parameters.nonce = common::crypto::random_base64url(policy::kNonceBytes);
  parameters.alg = std::string(policy::kAlgorithm);
  parameters.tag = std::string(policy::kTag);
  return sign(request, std::move(parameters), policy::kLabel);
}

SignatureFields RequestSigner::sign(const RequestParts& request, SignatureParameters parameters,
                                    std::string_view label) const {
  parameters.keyid = key_id_;
  sf::InnerList input = to_inner_list(parameters);
  std::string signature = key_.sign(signature_base(input, request));
  sf::Dictionary signature_input_field;
  signature_input_field.set(std::string(label), input);
  sf::Dictionary signature_field;
  signature_field.set(std::string(label), sf::Item{sf::ByteSequence{std::move(signature)}, {}});
  return {sf::serialize_dictionary(signature_input_field),
          sf::serialize_dictionary(signature_field)};
}

std::optional<ReceivedSignature> read_signature(const FieldLookup& fields, std::string_view label) {
  auto inputs = dictionary_field(fields, "signature-input");
  auto signatures = dictionary_field(fields, "signature");
  const sf::ListMember* input = inputs ? inputs->find(label) : nullptr;
  const sf::ListMember* signature = signatures ? signatures->find(label) : nullptr;
  if (input == nullptr && signature == nullptr) return std::nullopt;
  std::string quoted_label = "'" + std::string(label) + "'";
  if (input == nullptr || signature == nullptr)
    throw SignatureError(Reason::kMalformed, "the signature " + quoted_label +
                                                 " is not in both Signature-Input and Signature");
  const auto* inner_list = std::get_if<sf::InnerList>(input);
  if (inner_list == nullptr)
    throw SignatureError(Reason::kMalformed,
                         "the Signature-Input member " + quoted_label + " is not an Inner List");
  const auto* item = std::get_if<sf::Item>(signature);
  const auto* bytes = item ? std::get_if<sf::ByteSequence>(&item->value) : nullptr;
  if (bytes == nullptr)
    throw SignatureError(Reason::kMalformed,
                         "the Signature member " + quoted_label + " is not a Byte Sequence");
  return ReceivedSignature{*inner_list, from_inner_list(*inner_list), bytes->bytes};
}

void verify_signature(const ReceivedSignature& received, const RequestParts& request,
                      const common::crypto::Ed25519PublicKey& key) {
  // Step 6.5: an algorithm named in the parameters must be the key's.
  const auto& alg = received.parameters.alg;
  if (alg && *alg != signature_policy::kAlgorithm)
    throw SignatureError(Reason::kWrongAlgorithm,
                         "the signature names the algorithm '" + *alg + "', not ed25519");
  std::string base = signature_base(received.input, request);
  if (!key.verify(base, received.signature))
    throw SignatureError(Reason::kBadSignature, "the signature does not verify");
}

}  // namespace hindsight::federation
