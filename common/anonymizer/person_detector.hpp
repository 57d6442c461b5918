// Finds people who are not in the directory: title-case sequences built on gazetteer names,
// names after person cues ("paged", "IC:", "owner", "cc", "reported by"), CJK names that start
// with a known surname, and the initials of every person found or known.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/anonymizer/entity_type.hpp"
#include "common/anonymizer/gazetteer.hpp"
#include "common/anonymizer/text_utils.hpp"

namespace hindsight::common::anonymizer {

class PersonDetector {
 public:
  explicit PersonDetector(const Gazetteer& names) : names_(names) {}

  // `known_names`: directory names, whose initials are looked for too.
  void scan(std::string_view text, const std::vector<Word>& words,
            const std::vector<std::string>& known_names, std::vector<Finding>& out) const;

 private:
  void scan_cjk(std::string_view text, const Word& word, std::vector<Finding>& out) const;

  const Gazetteer& names_;
};

// "Trần Văn Hùng" -> "TVH"; empty unless every part starts with an ASCII letter.
std::string initials_of(std::string_view name);

}  // namespace hindsight::common::anonymizer
