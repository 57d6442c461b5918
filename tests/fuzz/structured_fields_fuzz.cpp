// libFuzzer target for the RFC 8941 parser: whatever the input, parsing either fails with
// StructuredFieldError or gives a value that serializes, parses back to itself, and serializes
// to the same text again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "federation/signatures/structured_fields.hpp"

namespace {

namespace sf = hindsight::federation::sf;

[[noreturn]] void fail(const char* what, std::string_view input, std::string_view serialized) {
  std::cerr << "structured field property violated: " << what << "\ninput: " << input
            << "\nserialized: " << serialized << "\n";
  std::abort();
}

template <typename Parse, typename Serialize>
void check_stable(std::string_view input, Parse parse, Serialize serialize) {
  decltype(parse(input)) first;
  try {
    first = parse(input);
  } catch (const sf::StructuredFieldError&) {
    return;
  }
  std::string once;
  try {
    once = serialize(first);
  } catch (const sf::StructuredFieldError&) {
    fail("a parsed value does not serialize", input, "");
  }
  decltype(parse(input)) second;
  try {
    second = parse(once);
  } catch (const sf::StructuredFieldError& e) {
    fail(e.what(), input, once);
  }
  if (!(second == first)) fail("the serialization parses to another value", input, once);
  if (serialize(second) != once) fail("serializing twice differs", input, once);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Serialization can grow a field by half (", " for ","; restored '=' padding), so inputs are
  // kept under two thirds of the bound the parser enforces.
  if (size > sf::kMaxFieldBytes * 2 / 3) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  check_stable(input, sf::parse_item, sf::serialize_item);
  check_stable(input, sf::parse_list, sf::serialize_list);
  check_stable(input, sf::parse_dictionary, sf::serialize_dictionary);
  return 0;
}
