// CPU time of the calling thread, the clock the benchmark programs time themselves by.
#pragma once

#include <time.h>

namespace hindsight::bench {

inline double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace hindsight::bench
