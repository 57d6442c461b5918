// JSON from another instance, read strictly: a bounded size and depth, and no member name twice in
// one object. nlohmann::json keeps the last of two equal names; two receivers that kept different
// ones would read one signed document two ways, so a duplicate is refused instead.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hindsight::federation {

// The request body limit (docs/architecture.md, `body_limit`'s default).
inline constexpr std::size_t kMaxStrictJsonBytes = 1024 * 1024;
// Far beyond the protocol's documents (a lesson inside a pull answer is 5 levels deep), and low
// enough that no later recursive walk of the value can exhaust the stack.
inline constexpr int kMaxStrictJsonDepth = 64;

class StrictJsonError : public std::runtime_error {
 public:
  enum class Reason {
    kTooLarge,         // more bytes than allowed
    kMalformed,        // not one JSON value (RFC 8259) in UTF-8, or a number out of range
    kTooDeep,          // arrays and objects nested deeper than kMaxStrictJsonDepth
    kDuplicateMember,  // one object has two members of the same name
  };
  StrictJsonError(Reason reason, const std::string& message)
      : std::runtime_error(message), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

// Throws StrictJsonError. Messages never quote more than a short, valid UTF-8 prefix of the input.
nlohmann::json parse_strict_json(std::string_view bytes,
                                 std::size_t max_bytes = kMaxStrictJsonBytes);

}  // namespace hindsight::federation
