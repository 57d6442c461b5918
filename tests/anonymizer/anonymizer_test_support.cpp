#include "tests/anonymizer/anonymizer_test_support.hpp"

namespace hindsight::common::anonymizer::test_support {

const Anonymizer& shared_anonymizer() {
  static const Anonymizer anonymizer;
  return anonymizer;
}

std::vector<std::string> describe(std::string_view text, const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    out.push_back(std::string(entity_type_name(f.type)) + ":" +
                  std::string(text.substr(f.start, f.size())));
  return out;
}

std::vector<std::string> detect(std::string_view text, const DocumentContext& context) {
  return describe(text, shared_anonymizer().detect(text, context));
}

std::vector<std::string> found_as(std::string_view text, EntityType type,
                                  const DocumentContext& context) {
  std::vector<std::string> out;
  for (const auto& f : shared_anonymizer().detect(text, context))
    if (f.type == type) out.emplace_back(text.substr(f.start, f.size()));
  return out;
}

}  // namespace hindsight::common::anonymizer::test_support
