#include "common/anonymizer/pattern_engine.hpp"

#include <hs/hs.h>
#include <re2/re2.h>

#include <limits>
#include <mutex>
#include <stdexcept>

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

bool hyperscan_accepts(const std::string& pattern) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* error = nullptr;
  auto rc = hs_compile(pattern.c_str(), kPrefilterFlags, HS_MODE_BLOCK, nullptr, &db, &error);
  if (error) hs_free_compile_error(error);
  if (db) hs_free_database(db);
  return rc == HS_SUCCESS;
}

// A stretch of text where a detector may match: the line where a prefilter match ends and the
// line before it (patterns may cross one line break through `\s`).
struct Window {
  unsigned detector;
  std::size_t start;
  std::size_t end;
};

struct ScanState {
  std::string_view text;
  std::vector<Window>* windows;  // every detector's, each detector's in text order
  std::vector<int>* last;        // per detector: its last window, or -1
  const std::vector<unsigned>* ids;
};

int on_match(unsigned id, unsigned long long, unsigned long long to, unsigned, void* context) {
  auto* state = static_cast<ScanState*>(context);
  unsigned detector = (*state->ids)[id];
  int& last_window = (*state->last)[detector];
  Window* previous_window = last_window >= 0 ? &(*state->windows)[last_window] : nullptr;
  std::size_t last = to == 0 ? 0 : static_cast<std::size_t>(to) - 1;
  if (previous_window && last < previous_window->end) return 0;  // already covered
  std::string_view text = state->text;
  std::size_t line_end = text.find('\n', last);
  line_end = line_end == std::string_view::npos ? text.size() : line_end + 1;
  std::size_t line_start = last == 0 ? std::string_view::npos : text.rfind('\n', last - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start;
  std::size_t previous =
      line_start == 0 ? std::string_view::npos : text.rfind('\n', line_start - 1);
  std::size_t start = previous == std::string_view::npos ? 0 : previous + 1;
  if (previous_window && start <= previous_window->end) {
    previous_window->end = line_end;
  } else {
    last_window = static_cast<int>(state->windows->size());
    state->windows->push_back({detector, start, line_end});
  }
  return 0;
}

}  // namespace

void PatternEngine::HsDatabaseFree::operator()(hs_database* db) const {
  hs_free_database(db);
}
void PatternEngine::HsScratchFree::operator()(hs_scratch* s) const {
  hs_free_scratch(s);
}

PatternEngine::PatternEngine(std::vector<Detector> detectors, std::size_t builtin_count)
    : detectors_(std::move(detectors)), reads_whole_text_(detectors_.size(), false) {
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
    line_bounded_.push_back(i < builtin_count &&
                            detector.pattern.find(R"([\s\S])") == std::string::npos);
    if (detector.whole_text) {
      reads_whole_text_[i] = true;
      continue;
    }
    hs_ids.push_back(static_cast<unsigned>(hs_patterns.size()));
    hs_patterns.push_back(
        for_hyperscan(i < builtin_count ? prefilter_form(detector.pattern) : detector.pattern));
    hs_flags.push_back(kPrefilterFlags);
    prefiltered_.push_back(i);
  }
  auto compile = [&](hs_database_t** db, std::string* message) {
    std::vector<const char*> expressions;
    for (const auto& p : hs_patterns)
      expressions.push_back(p.c_str());
    hs_compile_error_t* error = nullptr;
    auto rc = hs_compile_multi(expressions.data(), hs_flags.data(), hs_ids.data(),
                               static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                               db, &error);
    if (error) {
      *message = error->message;
      hs_free_compile_error(error);
    }
    return rc == HS_SUCCESS;
  };
  hs_database_t* db = nullptr;
  std::string message;
  if (!compile(&db, &message)) {
    // Hyperscan refuses a few constructs even as a prefilter; those patterns run through RE2
    // on every text instead.
    std::vector<std::string> kept;
    std::vector<unsigned> kept_detectors;
    for (std::size_t k = 0; k < hs_patterns.size(); ++k) {
      if (hyperscan_accepts(hs_patterns[k])) {
        kept.push_back(hs_patterns[k]);
        kept_detectors.push_back(prefiltered_[k]);
      } else {
        reads_whole_text_[prefiltered_[k]] = true;
      }
    }
    hs_patterns = std::move(kept);
    prefiltered_ = std::move(kept_detectors);
    hs_ids.resize(hs_patterns.size());
    hs_flags.resize(hs_patterns.size());
    for (unsigned k = 0; k < hs_ids.size(); ++k)
      hs_ids[k] = k;
    if (hs_patterns.empty()) return;
    if (!compile(&db, &message)) throw std::runtime_error("hyperscan: " + message);
  }
  database_.reset(db);
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
    throw std::runtime_error("hyperscan: cannot allocate scratch space");
  scratches_.prototype.reset(scratch);
}

PatternEngine::ScratchPtr PatternEngine::ScratchPool::acquire() const {
  {
    std::lock_guard lock(mutex);
    if (!idle.empty()) {
      auto scratch = std::move(idle.back());
      idle.pop_back();
      return scratch;
    }
  }
  // Each concurrent caller gets its own scratch, cloned from the prototype.
  hs_scratch_t* raw = nullptr;
  if (hs_clone_scratch(prototype.get(), &raw) != HS_SUCCESS)
    throw std::runtime_error("hyperscan: cannot clone scratch space");
  return ScratchPtr(raw);
}

void PatternEngine::ScratchPool::release(ScratchPtr scratch) const {
  std::lock_guard lock(mutex);
  idle.push_back(std::move(scratch));
}

PatternEngine::~PatternEngine() = default;

void PatternEngine::scan(const DetectorEnv& env, std::vector<Finding>& out) const {
  std::string_view text = env.scan.text;
  std::vector<Window> windows;
  bool prefiltered = database_ && text.size() <= std::numeric_limits<unsigned>::max();
  if (prefiltered) {
    std::vector<int> last(detectors_.size(), -1);
    auto scratch = scratches_.acquire();
    ScanState state{text, &windows, &last, &prefiltered_};
    hs_scan(database_.get(), text.data(), static_cast<unsigned>(text.size()), 0, scratch.get(),
            on_match, &state);
    scratches_.release(std::move(scratch));
    std::stable_sort(windows.begin(), windows.end(),
                     [](const Window& a, const Window& b) { return a.detector < b.detector; });
  }
  // Detectors in table order, each over its windows in text order.
  auto next = windows.begin();
  for (unsigned i = 0; i < detectors_.size(); ++i) {
    auto first = next;
    while (next != windows.end() && next->detector == i)
      ++next;
    // Patterns that may span many lines (PEM blocks) and admin patterns read the whole text,
    // as do detectors outside the prefilter.
    bool whole = !prefiltered || reads_whole_text_[i] || (first != next && !line_bounded_[i]);
    if (whole)
      scan_window(i, 0, text.size(), env, out);
    else
      for (auto w = first; w != next; ++w)
        scan_window(i, w->start, w->end, env, out);
  }
}

void PatternEngine::scan_window(unsigned index, std::size_t from, std::size_t to,
                                const DetectorEnv& env, std::vector<Finding>& out) const {
  const auto& detector = detectors_[index];
  std::string_view text = env.scan.text;
  if (detector.find) {
    std::string_view bounded = text.substr(0, to);
    std::size_t pos = from, start = 0, end = 0;
    while (pos <= to && detector.find(bounded, pos, start, end)) {
      detector.confirm({start, end, detector.type}, env, out);
      pos = end > pos ? end : pos + 1;
    }
    return;
  }
  const auto& regex = *regexes_[index];
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[4];
  int group = detector.group;
  std::size_t pos = from;
  while (pos <= to && regex.Match(input, pos, to, RE2::UNANCHORED, groups, group + 1)) {
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

}  // namespace hindsight::common::anonymizer
