// Runs the detector table over a text in linear time: Hyperscan prefilter databases (the
// built-in detectors', compiled at build time, and the admin patterns', compiled here) tell which
// detectors can match and on which lines; RE2 then finds their exact spans and capture groups
// there.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "common/anonymizer/detector.hpp"
#include "common/anonymizer/prefilter_database.hpp"
#include "common/anonymizer/regex_search.hpp"
#include "common/anonymizer/token_pattern.hpp"

namespace re2 {
class RE2;
}
struct hs_scratch;

namespace hindsight::common::anonymizer {

class PatternEngine {
 public:
  // Throws std::invalid_argument naming a detector whose pattern RE2 refuses. The first
  // `builtin_count` detectors are the built-in table, prefiltered by `builtin_prefilter`; the
  // rest (admin patterns) are read whole.
  PatternEngine(std::vector<Detector> detectors, std::size_t builtin_count,
                PrefilterDatabase builtin_prefilter);
  ~PatternEngine();
  PatternEngine(const PatternEngine&) = delete;
  PatternEngine& operator=(const PatternEngine&) = delete;

  void scan(const DetectorEnv& env, std::vector<Finding>& out) const;

 private:
  // Detector `index` over [from, to) of the text, by its finder or by RE2.
  void scan_window(unsigned index, std::size_t from, std::size_t to, const DetectorEnv& env,
                   std::vector<Finding>& out) const;

  struct HsScratchFree {
    void operator()(hs_scratch* scratch) const;
  };
  using ScratchPtr = std::unique_ptr<hs_scratch, HsScratchFree>;
  // Hyperscan scratch spaces reused across calls; one per concurrent caller.
  struct ScratchPool {
    ScratchPtr prototype;
    mutable std::mutex mutex;
    mutable std::vector<ScratchPtr> idle;
    ScratchPtr acquire() const;
    void release(ScratchPtr scratch) const;
  };

  // A detector's search, read off its pattern the first time one of its windows is read: the
  // bytes its matches hold at a known place, and its token shape if it has one. Its RE2 is compiled
  // when first needed: most built-in rows (provider tokens) never fire in a given run, and
  // compiling them all at start cost about 7 of its 40 ms (tests/bench/README.md); a token-shaped
  // row needs it only after many failed openings in one window. Admin patterns compile in the
  // constructor, which names one that does not.
  struct LazyRow {
    std::once_flag read;
    Opening opening;
    std::optional<TokenPattern> token;
    std::once_flag compiled;
    std::unique_ptr<re2::RE2> regex;
  };
  const LazyRow& read(unsigned index) const;
  const re2::RE2& regex(unsigned index) const;

  std::vector<Detector> detectors_;
  std::unique_ptr<LazyRow[]> rows_;
  std::vector<bool> line_bounded_;      // RE2 may read only the lines around prefilter hits
  std::vector<bool> reads_whole_text_;  // Hyperscan could not take them, or would slow down
  PrefilterDatabase builtin_prefilter_;
  PrefilterDatabase admin_prefilter_;
  ScratchPool scratches_;
};

}  // namespace hindsight::common::anonymizer
