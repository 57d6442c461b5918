// What lessons are anonymized with (docs/anonymizer.md, "Lessons"): the anonymizer compiled
// from the org dictionary, and the context of the instance's own name plus every user's name,
// username and email. Compiling is expensive (Hyperscan), so the compiled anonymizer is kept and
// rebuilt only when the dictionary's version changes; it is const and shared between requests.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "common/anonymizer/anonymizer.hpp"
#include "common/db/transaction.hpp"

namespace hindsight::server {

struct LessonScanner {
  std::shared_ptr<const common::anonymizer::Anonymizer> anonymizer;
  common::anonymizer::DocumentContext context;
};

class AnonymizerProvider {
 public:
  explicit AnonymizerProvider(std::string org_name) : org_name_(std::move(org_name)) {}

  // Reads the dictionary's version (and, when it changed, its content) and the user directory
  // in `tx`, so a draft sees the dictionary and users of its own snapshot.
  LessonScanner load(common::db::Transaction& tx) const;

 private:
  std::shared_ptr<const common::anonymizer::Anonymizer> compiled(common::db::Transaction& tx) const;

  std::string org_name_;
  mutable std::mutex mutex_;  // held while compiling: one compile per dictionary version
  mutable int version_ = 0;
  mutable std::shared_ptr<const common::anonymizer::Anonymizer> anonymizer_;
};

}  // namespace hindsight::server
