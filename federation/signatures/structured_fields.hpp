// RFC 8941 Structured Field Values: the data model, the parser of section 4.2 and the serializer
// of section 4.1. Sizes are bounded, so a header written by a stranger costs little to refuse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hindsight::federation::sf {

// Section 3 sets what parsers must at least accept; beyond these we refuse.
inline constexpr std::size_t kMaxFieldBytes = 8192;
inline constexpr std::size_t kMaxMembers = 1024;  // of a List or a Dictionary
inline constexpr std::size_t kMaxInnerListItems = 256;
inline constexpr std::size_t kMaxParameters = 256;

class StructuredFieldError : public std::runtime_error {
 public:
  enum class Reason {
    kTooLarge,            // over one of the bounds above
    kNotAscii,            // section 4.2 step 1
    kTrailingCharacters,  // section 4.2 step 5
    kExpectedComma,       // sections 4.2.1 and 4.2.2
    kTrailingComma,
    kBadInnerList,     // section 4.2.1.2
    kBadKey,           // section 4.2.3.3
    kBadBareItem,      // section 4.2.3.1: no type starts with this character
    kBadNumber,        // section 4.2.4
    kBadString,        // section 4.2.5
    kBadToken,         // section 4.2.6
    kBadByteSequence,  // section 4.2.7
    kBadBoolean,       // section 4.2.8
    kNotSerializable,  // section 4.1: a value the format cannot carry
  };
  StructuredFieldError(Reason reason, const std::string& message)
      : std::runtime_error(message), reason_(reason) {}
  Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

struct Token {
  std::string value;
  friend bool operator==(const Token&, const Token&) = default;
};

struct ByteSequence {
  std::string bytes;
  friend bool operator==(const ByteSequence&, const ByteSequence&) = default;
};

// A Decimal has at most 12 integer and 3 fraction digits, so it is held exactly in thousandths.
struct Decimal {
  std::int64_t thousandths = 0;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// Integer, Decimal, String, Token, Byte Sequence, Boolean (section 3.3).
using BareItem = std::variant<std::int64_t, Decimal, std::string, Token, ByteSequence, bool>;

// Parameters and Dictionaries: ordered maps whose keys are unique (sections 3.1.2 and 3.2).
template <typename Value>
class OrderedMap {
 public:
  using Entry = std::pair<std::string, Value>;

  const Value* find(std::string_view key) const {
    for (const auto& entry : entries_)
      if (entry.first == key) return &entry.second;
    return nullptr;
  }
  // A key seen again keeps its place and takes the new value (sections 4.2.2 and 4.2.3.2).
  void set(std::string key, Value value) {
    for (auto& entry : entries_) {
      if (entry.first == key) {
        entry.second = std::move(value);
        return;
      }
    }
    entries_.emplace_back(std::move(key), std::move(value));
  }

  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  friend bool operator==(const OrderedMap&, const OrderedMap&) = default;

 private:
  std::vector<Entry> entries_;
};

using Parameters = OrderedMap<BareItem>;

struct Item {
  BareItem value;
  Parameters parameters;
  friend bool operator==(const Item&, const Item&) = default;
};

struct InnerList {
  std::vector<Item> items;
  Parameters parameters;
  friend bool operator==(const InnerList&, const InnerList&) = default;
};

using ListMember = std::variant<Item, InnerList>;
using List = std::vector<ListMember>;
using Dictionary = OrderedMap<ListMember>;

// Each parses one field value, its field lines already combined with ", " (section 4.2), and
// throws StructuredFieldError naming what failed. An empty value is an empty List or
// Dictionary, but no Item.
Item parse_item(std::string_view field_value);
List parse_list(std::string_view field_value);
Dictionary parse_dictionary(std::string_view field_value);

// Each throws StructuredFieldError(kNotSerializable) for a value section 4.1 refuses. An empty
// List or Dictionary serializes to "", which means "leave the field out".
std::string serialize_item(const Item& item);
std::string serialize_inner_list(const InnerList& inner_list);
std::string serialize_list(const List& list);
std::string serialize_dictionary(const Dictionary& dictionary);
std::string serialize_bare_item(const BareItem& value);

}  // namespace hindsight::federation::sf
