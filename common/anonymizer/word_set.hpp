// An immutable set of words for the gazetteer's large lists: open addressing in one flat array
// of small slots, so a lookup reads one slot and the word itself rather than a bucket, a node and
// the word, which matters when every word of every text is looked up.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace hindsight::common::anonymizer {

class WordSet {
 public:
  // `words`: newline-separated, in storage that outlives the set; empty lines are skipped.
  explicit WordSet(std::string_view words);

  bool contains(std::string_view word) const;
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint32_t offset;  // into the list
    std::uint16_t length;  // 0: empty slot
    std::uint16_t tag;     // high bits of the hash, to skip most other words unread
  };
  static std::uint64_t hash(std::string_view word);
  bool insert(std::string_view word);

  std::string_view list_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace hindsight::common::anonymizer
