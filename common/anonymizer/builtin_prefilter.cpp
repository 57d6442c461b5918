#include "common/anonymizer/builtin_prefilter.hpp"

#include <hs/hs.h>

#include <algorithm>

namespace hindsight::common::anonymizer {

PrefilterDatabase builtin_prefilter(const std::vector<Detector>& builtins,
                                    const SerializedPrefilter& serialized) {
  auto set = prefilter_set(builtins, 0, true);
  bool ids_known =
      std::all_of(serialized.detectors.begin(), serialized.detectors.end(), [&](unsigned d) {
        return std::find(set.detectors.begin(), set.detectors.end(), d) != set.detectors.end();
      });
  if (serialized.fingerprint == prefilter_fingerprint(set) && ids_known &&
      !serialized.detectors.empty()) {
    hs_database_t* db = nullptr;
    if (hs_deserialize_database(serialized.bytes.data(), serialized.bytes.size(), &db) ==
        HS_SUCCESS) {
      PrefilterDatabase out;
      out.database.reset(db);
      out.detectors.assign(serialized.detectors.begin(), serialized.detectors.end());
      out.deserialized = true;
      return out;
    }
  }
  return compile_prefilter(std::move(set), nullptr);
}

}  // namespace hindsight::common::anonymizer
