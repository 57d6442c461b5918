#include "common/anonymizer/dictionary_matcher.hpp"

#include <array>

namespace hindsight::common::anonymizer {
namespace {

constexpr std::size_t kMaxSuffix = 3;  // "-s", "-es", "-ów", "-iej" endings, in bytes
constexpr std::size_t kMinStemForSuffix = 4;

std::string_view word_text(std::string_view text, const Word& w) {
  return text.substr(w.start, w.end - w.start);
}

// By table: the login scan asks this of every byte of a text.
constexpr std::array<bool, 256> kLoginChars = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c)
    table[c] = is_ascii_alnum(static_cast<char>(c)) || c == '.' || c == '_' || c == '-';
  return table;
}();

inline bool is_login_char(char c) {
  return kLoginChars[static_cast<unsigned char>(c)];
}

bool is_email_char(char c) {
  return is_login_char(c) || c == '%' || c == '+';
}

}  // namespace

void DictionaryMatcher::add_phrase(std::string_view phrase, EntityType type, Case match_case) {
  auto words = split_words(phrase);
  if (words.empty()) return;
  Entry entry{{}, type, match_case};
  for (const auto& w : words) {
    auto token = word_text(phrase, w);
    entry.tokens.push_back(match_case == Case::kExact ? std::string(token)
                                                      : ascii_lowercase(token));
  }
  if (entry.tokens.size() == 1 && entry.tokens[0].size() < 2) return;
  std::string first =
      match_case == Case::kExact ? ascii_lowercase(entry.tokens[0]) : entry.tokens[0];
  first_tokens_.add(first);
  by_first_token_[std::move(first)].push_back(entries_.size());
  entries_.push_back(std::move(entry));
}

void DictionaryMatcher::add_login(std::string_view username) {
  std::string lower = ascii_lowercase(username);
  if (!lower.empty() && lower.front() == '@') lower.erase(0, 1);
  while (!lower.empty() && !is_ascii_alnum(lower.back()))
    lower.pop_back();
  if (lower.size() < 3) return;
  login_filter_.add(lower);
  logins_[lower] = true;
}

void DictionaryMatcher::add_email(std::string_view email) {
  auto at = email.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == email.size()) return;
  emails_.insert(ascii_lowercase(email));
}

bool DictionaryMatcher::matches_at(std::string_view text, const std::vector<Word>& words,
                                   std::size_t index, const Entry& entry, bool first_inflected,
                                   std::size_t& end) const {
  if (index + entry.tokens.size() > words.size()) return false;
  if (first_inflected && entry.tokens.size() > 1) return false;
  for (std::size_t k = 0; k < entry.tokens.size(); ++k) {
    const Word& w = words[index + k];
    if (k > 0) {
      // Words of one phrase are separated by spaces or a hyphen only.
      auto gap = text.substr(words[index + k - 1].end, w.start - words[index + k - 1].end);
      if (gap.empty() || gap.size() > 2 ||
          gap.find_first_not_of(" -\u00a0") != std::string_view::npos)
        return false;
    }
    auto token = word_text(text, w);
    const std::string& want = entry.tokens[k];
    bool last = k + 1 == entry.tokens.size();
    if (entry.match_case == Case::kExact) {
      if (token != want) return false;
      continue;
    }
    if (entry.match_case == Case::kCapitalized && !w.capitalized) return false;
    if (token.size() == want.size()) {
      if (!iequals_ascii(token, want)) return false;
    } else if (last && want.size() >= kMinStemForSuffix && token.size() > want.size() &&
               token.size() - want.size() <= kMaxSuffix) {
      if (!iequals_ascii(token.substr(0, want.size()), want)) return false;
    } else {
      return false;
    }
  }
  end = words[index + entry.tokens.size() - 1].end;
  return true;
}

void DictionaryMatcher::scan(std::string_view text, const std::vector<Word>& words,
                             std::vector<Finding>& out) const {
  if (!by_first_token_.empty()) {
    std::string key;
    for (std::size_t i = 0; i < words.size(); ++i) {
      auto token = word_text(text, words[i]);
      // No key of this first letter has the length of the word or of a stem of it.
      if (!first_tokens_.may_hold_prefix_of(token[0], token.size(), kMaxSuffix)) continue;
      key.assign(token.begin(), token.end());
      for (auto& c : key)
        c = ascii_lower(c);
      std::size_t best_end = 0;
      EntityType best_type = EntityType::kOrg;
      for (std::size_t cut = 0; cut <= kMaxSuffix && cut + kMinStemForSuffix <= key.size(); ++cut) {
        auto stem = std::string_view(key).substr(0, key.size() - cut);
        if (!first_tokens_.may_contain(stem)) continue;
        auto it = by_first_token_.find(stem);
        if (it == by_first_token_.end()) continue;
        for (auto entry_index : it->second) {
          std::size_t end = 0;
          if (matches_at(text, words, i, entries_[entry_index], cut > 0, end) && end > best_end) {
            best_end = end;
            best_type = entries_[entry_index].type;
          }
        }
      }
      if (key.size() < kMinStemForSuffix && first_tokens_.may_contain(key)) {
        auto it = by_first_token_.find(key);
        if (it != by_first_token_.end())
          for (auto entry_index : it->second) {
            std::size_t end = 0;
            if (matches_at(text, words, i, entries_[entry_index], false, end) && end > best_end) {
              best_end = end;
              best_type = entries_[entry_index].type;
            }
          }
      }
      if (best_end > 0) out.push_back({best_type, words[i].start, best_end});
    }
  }
  if (!logins_.empty()) scan_logins(text, out);
  if (!emails_.empty()) scan_emails(text, out);
}

void DictionaryMatcher::scan_logins(std::string_view text, std::vector<Finding>& out) const {
  std::size_t pos = 0;
  std::string key;
  while (pos < text.size()) {
    if (!is_login_char(text[pos])) {
      ++pos;
      continue;
    }
    std::size_t start = pos;
    while (pos < text.size() && is_login_char(text[pos]))
      ++pos;
    std::size_t end = pos;
    while (end > start && !is_ascii_alnum(text[end - 1]))
      --end;
    std::size_t begin = start;
    while (begin < end && !is_ascii_alnum(text[begin]))
      ++begin;
    if (end <= begin || !login_filter_.may_contain(text.substr(begin, end - begin))) continue;
    key.assign(text.begin() + static_cast<std::ptrdiff_t>(begin),
               text.begin() + static_cast<std::ptrdiff_t>(end));
    for (auto& c : key)
      c = ascii_lower(c);
    if (logins_.count(key) == 0) continue;
    if (begin > 0 && text[begin - 1] == '@') --begin;  // `@handle` keeps its `@`
    out.push_back({EntityType::kUsername, begin, end});
  }
}

void DictionaryMatcher::scan_emails(std::string_view text, std::vector<Finding>& out) const {
  std::string key;
  for (auto at = text.find('@'); at != std::string_view::npos;) {
    std::size_t start = at;
    while (start > 0 && is_email_char(text[start - 1]))
      --start;
    std::size_t end = at + 1;
    while (end < text.size() && is_email_char(text[end]))
      ++end;
    while (end > at + 1 && !is_ascii_alnum(text[end - 1]))  // a full stop after the address
      --end;
    if (start < at && end > at + 1) {
      key.assign(text.substr(start, end - start));
      for (auto& c : key)
        c = ascii_lower(c);
      if (emails_.count(key) > 0) out.push_back({EntityType::kEmail, start, end});
    }
    at = text.find('@', at + 1);
  }
}

}  // namespace hindsight::common::anonymizer
