// An immutable set of words for the gazetteer's large lists: open addressing in one flat array
// of small slots, so a lookup reads one slot and the word itself rather than a bucket, a node and
// the word, which matters when every word of every text is looked up. The build lays out the
// gazetteer's sets (gazetteer_generator writes table()), so a start-up hashes none of its words.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace hindsight::common::anonymizer {

class WordSet {
 public:
  // `words`: newline-separated, in storage that outlives the set; empty lines are skipped.
  explicit WordSet(std::string_view words);
  // A set laid out before: `table` is table() of a set of the same `words`; both outlive it.
  // Throws std::invalid_argument for a table of the wrong shape.
  WordSet(std::string_view words, std::string_view table);
  WordSet(const WordSet&) = delete;
  WordSet& operator=(const WordSet&) = delete;

  bool contains(std::string_view word) const;
  std::size_t size() const { return size_; }
  // The word count, then the slots, as bytes of this machine's layout.
  std::string_view table() const { return table_; }

 private:
  struct Slot {
    std::uint32_t offset;  // into the list
    std::uint16_t length;  // 0: empty slot
    std::uint16_t tag;     // high bits of the hash, to skip most other words unread
  };
  static std::uint64_t hash(std::string_view word);
  bool insert(std::string_view word, Slot* slots);
  Slot slot(std::size_t i) const;

  std::string_view list_;
  std::vector<Slot> built_;  // a table built here: the count in the first slot, then the slots
  std::string_view table_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace hindsight::common::anonymizer
