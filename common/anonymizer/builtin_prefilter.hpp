// The built-in detectors' Hyperscan prefilter, compiled at build time for any x86-64
// (generator/prefilter_generator.cpp) so that start-up only deserializes it. A blob that does
// not match the detector table and Hyperscan release in use is never read: the prefilter is
// then compiled at start, as before.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/anonymizer/prefilter_database.hpp"

namespace hindsight::common::anonymizer {

struct SerializedPrefilter {
  std::string_view bytes;               // hs_serialize_database's output
  std::uint64_t fingerprint;            // prefilter_fingerprint of the set it was compiled from
  std::span<const unsigned> detectors;  // Hyperscan id -> detector index
};

// The blob built into this binary (the generated prefilter_data.cpp).
SerializedPrefilter embedded_prefilter();

// The prefilter of `builtins` (the whole built-in table): deserialized from `serialized` when its
// fingerprint is theirs and Hyperscan reads it on this machine, otherwise compiled now.
PrefilterDatabase builtin_prefilter(const std::vector<Detector>& builtins,
                                    const SerializedPrefilter& serialized = embedded_prefilter());

}  // namespace hindsight::common::anonymizer
