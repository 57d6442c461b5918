// Finds a document's context terms (people, org names, codenames, customers, usernames) by
// token lookup in hash maps built per document: case-insensitive, multi-word, and tolerant of
// inflections (plural, possessive and case endings) on the last word. Emails match whole.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/key_filter.hpp"
#include "common/anonymizer/string_hash.hpp"
#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

class DictionaryMatcher {
 public:
  enum class Case { kInsensitive, kCapitalized, kExact };

  void add_phrase(std::string_view phrase, EntityType type, Case match_case = Case::kInsensitive);
  // Login names match as whole `[A-Za-z0-9._-]` runs, with a leading `@` when there is one.
  void add_login(std::string_view username);
  // Email addresses match as whole `[A-Za-z0-9._%+-]@[...]` tokens, any case.
  void add_email(std::string_view email);
  bool empty() const { return entries_.empty() && logins_.empty() && emails_.empty(); }

  void scan(std::string_view text, const std::vector<Word>& words, std::vector<Finding>& out) const;

 private:
  struct Entry {
    std::vector<std::string> tokens;  // lower case unless exact
    EntityType type;
    Case match_case;
  };
  bool matches_at(std::string_view text, const std::vector<Word>& words, std::size_t index,
                  const Entry& entry, bool first_inflected, std::size_t& end) const;
  void scan_logins(std::string_view text, std::vector<Finding>& out) const;
  void scan_emails(std::string_view text, std::vector<Finding>& out) const;

  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<std::size_t>, StringHash, std::equal_to<>>
      by_first_token_;
  KeyFilter first_tokens_;
  std::unordered_map<std::string, bool, StringHash, std::equal_to<>> logins_;
  KeyFilter login_filter_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> emails_;  // lower case
};

}  // namespace hindsight::common::anonymizer
