// The anonymizer's built-in Hyperscan prefilter alone: the database `hindsight anonymize` reads
// at start, scanned over each document of each input in turn (as the pattern engine scans a
// document), with a callback that only counts. Prints, per input, its size, the reports and the
// thread CPU milliseconds per MB of its scans: the median and the best of the rounds. Inputs are
// JSONL files of {"text": ...} documents, as `hindsight anonymize` reads; the rounds take the
// inputs in turn, so a change in the machine's speed falls on all of them alike.
//
//   prefilter_bench [--rounds N] INPUT.jsonl...      (default 21 rounds)
#include <hs/hs.h>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/anonymizer/builtin_prefilter.hpp"
#include "common/anonymizer/detector.hpp"
#include "tests/bench/thread_cpu_time.hpp"

namespace {

using namespace hindsight::common::anonymizer;
using hindsight::bench::thread_cpu_seconds;

struct Input {
  std::string path;
  std::vector<std::string> documents;
  std::size_t bytes = 0;
  unsigned long long reports = 0;
  std::vector<double> ms_per_mb;
};

Input read_input(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "prefilter_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  Input input{path, {}, 0, 0, {}};
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto text = nlohmann::json::parse(line).at("text").get<std::string>();
    input.bytes += text.size();
    input.documents.push_back(std::move(text));
  }
  return input;
}

int count_report(unsigned, unsigned long long, unsigned long long, unsigned, void* reports) {
  ++*static_cast<unsigned long long*>(reports);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 21;
  std::vector<Input> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc)
      rounds = std::max(1, std::atoi(argv[++i]));
    else
      inputs.push_back(read_input(arg));
  }
  if (inputs.empty()) {
    std::fprintf(stderr, "usage: prefilter_bench [--rounds N] INPUT.jsonl...\n");
    return 2;
  }
  auto prefilter = builtin_prefilter(builtin_detectors());
  hs_scratch_t* scratch = nullptr;
  if (!prefilter.database || hs_alloc_scratch(prefilter.database.get(), &scratch) != HS_SUCCESS) {
    std::fprintf(stderr, "prefilter_bench: no prefilter database\n");
    return 1;
  }
  std::printf("prefilter: %zu expressions, %s\n", prefilter.detectors.size(),
              prefilter.deserialized ? "deserialized as at start" : "compiled now");
  for (int round = 0; round < rounds; ++round)
    for (auto& input : inputs) {
      unsigned long long reports = 0;
      double start = thread_cpu_seconds();
      for (const auto& text : input.documents)
        hs_scan(prefilter.database.get(), text.data(), static_cast<unsigned>(text.size()), 0,
                scratch, count_report, &reports);
      input.ms_per_mb.push_back((thread_cpu_seconds() - start) * 1e3 /
                                (static_cast<double>(input.bytes) / 1e6));
      input.reports = reports;
    }
  hs_free_scratch(scratch);
  for (auto& input : inputs) {
    std::sort(input.ms_per_mb.begin(), input.ms_per_mb.end());
    std::printf("%-40s %7.2f MB %9llu reports  %6.3f ms/MB median  %6.3f best\n",
                input.path.c_str(), static_cast<double>(input.bytes) / 1e6, input.reports,
                input.ms_per_mb[input.ms_per_mb.size() / 2], input.ms_per_mb.front());
  }
  return 0;
}
