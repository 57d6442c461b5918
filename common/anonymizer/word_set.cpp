#include "common/anonymizer/word_set.hpp"

#include <bit>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace hindsight::common::anonymizer {
namespace {

std::uint16_t tag_of(std::uint64_t hash) {
  return static_cast<std::uint16_t>(hash >> 48);
}

}  // namespace

WordSet::WordSet(std::string_view words) : list_(words) {
  if (words.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("word list too large");
  std::size_t lines = 1;
  for (char c : words)
    lines += c == '\n';
  // At most half full, so probe sequences stay short. Slot 0 holds the word count.
  std::size_t slot_count = std::bit_ceil(2 * lines);
  built_.assign(1 + slot_count, Slot{0, 0, 0});
  mask_ = slot_count - 1;
  Slot* slots = built_.data() + 1;
  std::size_t start = 0;
  while (start < words.size()) {
    auto end = words.find('\n', start);
    if (end == std::string_view::npos) end = words.size();
    if (end > start && end - start <= std::numeric_limits<std::uint16_t>::max() &&
        insert(words.substr(start, end - start), slots))
      ++size_;
    start = end + 1;
  }
  static_assert(sizeof(Slot) == sizeof(std::uint64_t));
  auto count = static_cast<std::uint64_t>(size_);
  std::memcpy(built_.data(), &count, sizeof count);
  table_ = {reinterpret_cast<const char*>(built_.data()), built_.size() * sizeof(Slot)};
}

WordSet::WordSet(std::string_view words, std::string_view table) : list_(words), table_(table) {
  std::size_t slot_count = table.size() / sizeof(Slot);
  if (table.size() % sizeof(Slot) != 0 || slot_count < 2 || !std::has_single_bit(slot_count - 1))
    throw std::invalid_argument("word set table of a wrong size");
  std::uint64_t count = 0;
  std::memcpy(&count, table.data(), sizeof count);
  size_ = static_cast<std::size_t>(count);
  mask_ = slot_count - 2;
}

// Read by copy: an embedded table is bytes, with no alignment promised.
WordSet::Slot WordSet::slot(std::size_t i) const {
  Slot s;
  std::memcpy(&s, table_.data() + (1 + i) * sizeof(Slot), sizeof s);
  return s;
}

std::uint64_t WordSet::hash(std::string_view word) {
  // Eight bytes at a time, mixed by multiplication: gazetteer words are short.
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ word.size();
  std::size_t i = 0;
  for (; i + 8 <= word.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, word.data() + i, 8);
    h = (h ^ chunk) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, word.data() + i, word.size() - i);
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 29;
  h *= 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 32);
}

bool WordSet::insert(std::string_view word, Slot* slots) {
  auto h = hash(word);
  for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
    Slot& slot = slots[i];
    if (slot.length == 0) {
      slot = {static_cast<std::uint32_t>(word.data() - list_.data()),
              static_cast<std::uint16_t>(word.size()), tag_of(h)};
      return true;
    }
    if (slot.tag == tag_of(h) && list_.substr(slot.offset, slot.length) == word) return false;
  }
}

bool WordSet::contains(std::string_view word) const {
  if (word.empty()) return false;
  auto h = hash(word);
  for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
    Slot s = slot(i);
    if (s.length == 0) return false;
    if (s.tag == tag_of(h) && s.length == word.size() &&
        std::memcmp(list_.data() + s.offset, word.data(), word.size()) == 0)
      return true;
  }
}

}  // namespace hindsight::common::anonymizer
