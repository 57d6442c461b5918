#include "common/anonymizer/prefilter_database.hpp"

#include <hs/hs.h>

#include <stdexcept>
#include <string_view>

#include "common/anonymizer/prefilter_form.hpp"

namespace hindsight::common::anonymizer {
namespace {

// Prefilter mode may over-report, never under-report; multiline and dot-all widen it further
// so inline flags that Hyperscan lacks do not matter.
constexpr unsigned kPrefilterFlags =
    HS_FLAG_PREFILTER | HS_FLAG_MULTILINE | HS_FLAG_DOTALL | HS_FLAG_ALLOWEMPTY;

std::string for_hyperscan(const std::string& pattern) {
  std::string out = pattern;
  for (const char* flag : {"(?m)", "(?s)"}) {
    auto pos = out.find(flag);
    if (pos == 0) out.erase(0, 4);
  }
  return out;
}

// All expressions share the flags; ids are positions.
bool compile(const std::vector<std::string>& patterns, const hs_platform_info* platform,
             hs_database_t** db, std::string* message) {
  std::vector<const char*> expressions;
  std::vector<unsigned> flags(patterns.size(), kPrefilterFlags);
  std::vector<unsigned> ids;
  for (const auto& p : patterns) {
    ids.push_back(static_cast<unsigned>(expressions.size()));
    expressions.push_back(p.c_str());
  }
  hs_compile_error_t* error = nullptr;
  auto rc = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                             static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, platform, db,
                             &error);
  if (error) {
    if (message) *message = error->message;
    hs_free_compile_error(error);
  }
  return rc == HS_SUCCESS;
}

}  // namespace

void HsDatabaseFree::operator()(hs_database* db) const {
  hs_free_database(db);
}

PrefilterSet prefilter_set(std::span<const Detector> detectors, unsigned first_index,
                           bool builtin) {
  PrefilterSet set;
  for (unsigned i = 0; i < detectors.size(); ++i) {
    const auto& detector = detectors[i];
    if (detector.whole_text) continue;
    set.expressions.push_back(
        for_hyperscan(builtin ? prefilter_form(detector.pattern) : detector.pattern));
    set.detectors.push_back(first_index + i);
  }
  return set;
}

std::uint64_t prefilter_fingerprint(const PrefilterSet& set) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  auto add = [&hash](std::string_view bytes) {
    for (unsigned char c : bytes) {
      hash ^= c;
      hash *= 0x100000001b3ULL;
    }
    hash ^= 0xff;  // a separator no UTF-8 text holds, so fields cannot run together
    hash *= 0x100000001b3ULL;
  };
  add(hs_version());
  add(std::to_string(kPrefilterFlags));
  for (std::size_t k = 0; k < set.expressions.size(); ++k) {
    add(set.expressions[k]);
    add(std::to_string(set.detectors[k]));
  }
  return hash;
}

PrefilterDatabase compile_prefilter(PrefilterSet set, const hs_platform_info* platform) {
  PrefilterDatabase out;
  if (set.expressions.empty()) return out;
  hs_database_t* db = nullptr;
  if (!compile(set.expressions, platform, &db, nullptr)) {
    // Hyperscan refuses a few constructs even as a prefilter; those patterns run through RE2
    // on every text instead.
    PrefilterSet kept;
    for (std::size_t k = 0; k < set.expressions.size(); ++k) {
      if (!compile({set.expressions[k]}, platform, &db, nullptr)) continue;
      hs_free_database(db);
      kept.expressions.push_back(std::move(set.expressions[k]));
      kept.detectors.push_back(set.detectors[k]);
    }
    set = std::move(kept);
    db = nullptr;
    std::string message;
    if (!set.expressions.empty() && !compile(set.expressions, platform, &db, &message))
      throw std::runtime_error("hyperscan: " + message);
  }
  out.database.reset(db);
  if (db) out.detectors = std::move(set.detectors);
  return out;
}

}  // namespace hindsight::common::anonymizer
