// The Hyperscan prefilter of a list of detectors: the expressions it is compiled from and the
// compiled database. The built-in detectors' database is compiled at build time by
// generator/prefilter_generator.cpp from the same set, so both go through here.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/anonymizer/detector.hpp"

struct hs_database;
struct hs_platform_info;

namespace hindsight::common::anonymizer {

struct PrefilterSet {
  std::vector<std::string> expressions;  // Hyperscan syntax; the id of each is its position
  std::vector<unsigned> detectors;       // expression -> detector index
};

// The prefilter expressions of `detectors`, whose indexes start at `first_index`. Built-in
// patterns take their shorter prefilter form; admin patterns are read as written. Detectors
// marked whole_text are left out.
PrefilterSet prefilter_set(std::span<const Detector> detectors, unsigned first_index, bool builtin);

// Names a set and the Hyperscan release compiling it (FNV-1a over the expressions, flags,
// detectors and hs_version()), so a database serialized from another set is never used.
std::uint64_t prefilter_fingerprint(const PrefilterSet& set);

struct HsDatabaseFree {
  void operator()(hs_database* db) const;
};

struct PrefilterDatabase {
  std::unique_ptr<hs_database, HsDatabaseFree> database;  // null: no detector is prefiltered
  std::vector<unsigned> detectors;                        // Hyperscan id -> detector index
  bool deserialized = false;                              // read from a build-time blob
};

// Compiles `set` for `platform` (null: this machine). Expressions Hyperscan refuses even as a
// prefilter are left out, so their detectors read the whole text. Throws std::runtime_error
// when the rest does not compile.
PrefilterDatabase compile_prefilter(PrefilterSet set, const hs_platform_info* platform);

}  // namespace hindsight::common::anonymizer
