#include "anonymizer/pattern_engine.hpp"

#include <hs/hs.h>
#include <re2/re2.h>

#include <stdexcept>

namespace hindsight::common::anonymizer {
namespace {

// Prefilter mode may over-report, never under-report; multiline and dot-all widen it further
// so inline flags that Hyperscan lacks do not matter.
constexpr unsigned kPrefilterFlags = HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH | HS_FLAG_MULTILINE |
                                     HS_FLAG_DOTALL | HS_FLAG_ALLOWEMPTY;

std::string for_hyperscan(const std::string& pattern) {
  std::string out = pattern;
  for (const char* flag : {"(?m)", "(?s)"}) {
    auto pos = out.find(flag);
    if (pos == 0) out.erase(0, 4);
  }
  return out;
}

bool hyperscan_accepts(const std::string& pattern) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  auto rc = hs_compile(pattern.c_str(), kPrefilterFlags, HS_MODE_BLOCK, nullptr, &db, &error);
  if (error) hs_free_compile_error(error);
  if (db) hs_free_database(db);
  return rc == HS_SUCCESS;
}

struct ScanState {
  std::vector<bool>* hit;
  const std::vector<unsigned>* ids;
};

int on_match(unsigned id, unsigned long long, unsigned long long, unsigned, void* context) {
  auto* state = static_cast<ScanState*>(context);
  (*state->hit)[(*state->ids)[id]] = true;
  return 0;
}

}  // namespace

void PatternEngine::HsDatabaseFree::operator()(hs_database* db) const {
  hs_free_database(db);
}
void PatternEngine::HsScratchFree::operator()(hs_scratch* s) const {
  hs_free_scratch(s);
}

PatternEngine::PatternEngine(std::vector<Detector> detectors) : detectors_(std::move(detectors)) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  std::vector<std::string> hs_patterns;
  std::vector<unsigned> hs_flags;
  std::vector<unsigned> hs_ids;
  for (unsigned i = 0; i < detectors_.size(); ++i) {
    const auto& detector = detectors_[i];
    auto regex = std::make_unique<re2::RE2>(detector.pattern, options);
    if (!regex->ok())
      throw std::invalid_argument("pattern '" + detector.name + "': " + regex->error());
    if (detector.group > regex->NumberOfCapturingGroups())
      throw std::invalid_argument("pattern '" + detector.name + "' lacks its capture group");
    regexes_.push_back(std::move(regex));
    std::string hs_pattern = for_hyperscan(detector.pattern);
    if (hyperscan_accepts(hs_pattern)) {
      hs_ids.push_back(static_cast<unsigned>(hs_patterns.size()));
      hs_patterns.push_back(std::move(hs_pattern));
      hs_flags.push_back(kPrefilterFlags);
      prefiltered_.push_back(i);
    } else {
      always_run_.push_back(i);
    }
  }
  if (hs_patterns.empty()) return;
  std::vector<const char*> expressions;
  for (const auto& p : hs_patterns)
    expressions.push_back(p.c_str());
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), hs_flags.data(), hs_ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr, &db,
                       &error) != HS_SUCCESS) {
    std::string message = error ? error->message : "unknown error";
    if (error) hs_free_compile_error(error);
    throw std::runtime_error("hyperscan: " + message);
  }
  database_.reset(db);
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
    throw std::runtime_error("hyperscan: cannot allocate scratch space");
  scratch_prototype_.reset(scratch);
}

PatternEngine::~PatternEngine() = default;

void PatternEngine::scan(const DetectorEnv& env, std::vector<Finding>& out) const {
  std::string_view text = env.scan.text;
  std::vector<bool> hit(detectors_.size(), false);
  for (auto i : always_run_)
    hit[i] = true;
  if (database_) {
    // Each call gets its own scratch, so one engine serves concurrent callers.
    hs_scratch_t* raw = nullptr;
    if (hs_clone_scratch(scratch_prototype_.get(), &raw) != HS_SUCCESS)
      throw std::runtime_error("hyperscan: cannot clone scratch space");
    std::unique_ptr<hs_scratch, HsScratchFree> scratch(raw);
    ScanState state{&hit, &prefiltered_};
    hs_scan(database_.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(),
            on_match, &state);
  }
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[4];
  for (std::size_t i = 0; i < detectors_.size(); ++i) {
    if (!hit[i]) continue;
    const auto& detector = detectors_[i];
    const auto& regex = *regexes_[i];
    int group = detector.group;
    std::size_t pos = 0;
    while (pos <= text.size() &&
           regex.Match(input, pos, text.size(), RE2::UNANCHORED, groups, group + 1)) {
      const auto& whole = groups[0];
      std::size_t match_end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
      const auto& marked = groups[group];
      if (marked.data() != nullptr && !marked.empty()) {
        std::size_t start = static_cast<std::size_t>(marked.data() - text.data());
        detector.confirm({start, start + marked.size(), detector.type}, env, out);
      }
      pos = match_end > pos ? match_end : pos + 1;
    }
  }
}

}  // namespace hindsight::common::anonymizer
