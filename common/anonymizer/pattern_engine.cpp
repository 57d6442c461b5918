#include "common/anonymizer/pattern_engine.hpp"

#include <hs/hs.h>
#include <re2/re2.h>

#include <cstring>
#include <limits>
#include <mutex>
#include <span>
#include <stdexcept>

namespace hindsight::common::anonymizer {
namespace {

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

// The position of the last line break before `end`, or npos. memrchr reads backwards a vector
// at a time, where string_view::rfind goes a byte at a time.
std::size_t last_line_break_before(std::string_view text, std::size_t end) {
  const void* found = memrchr(text.data(), '\n', end);
  return found == nullptr ? std::string_view::npos
                          : static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
}

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
  std::size_t line_break = last_line_break_before(text, last);  // ends the line before
  std::size_t previous = line_break == std::string_view::npos || line_break == 0
                             ? std::string_view::npos
                             : last_line_break_before(text, line_break);
  std::size_t start = previous == std::string_view::npos ? 0 : previous + 1;
  if (previous_window && start <= previous_window->end) {
    previous_window->end = line_end;
  } else {
    last_window = static_cast<int>(state->windows->size());
    state->windows->push_back({detector, start, line_end});
  }
  return 0;
}

std::unique_ptr<re2::RE2> compile_detector(const Detector& detector) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return std::make_unique<re2::RE2>(detector.pattern, options);
}

}  // namespace

const PatternEngine::LazyRow& PatternEngine::read(unsigned index) const {
  auto& lazy = rows_[index];
  std::call_once(lazy.read, [&] {
    lazy.opening = opening_of(detectors_[index].pattern);
    lazy.token = TokenPattern::read(detectors_[index].pattern);
  });
  return lazy;
}

const re2::RE2& PatternEngine::regex(unsigned index) const {
  auto& lazy = rows_[index];
  std::call_once(lazy.compiled, [&] {
    if (!lazy.regex) lazy.regex = compile_detector(detectors_[index]);
  });
  return *lazy.regex;
}

void PatternEngine::HsScratchFree::operator()(hs_scratch* s) const {
  hs_free_scratch(s);
}

PatternEngine::PatternEngine(std::vector<Detector> detectors, std::size_t builtin_count,
                             PrefilterDatabase builtin_prefilter)
    : detectors_(std::move(detectors)),
      reads_whole_text_(detectors_.size(), true),
      builtin_prefilter_(std::move(builtin_prefilter)) {
  rows_ = std::make_unique<LazyRow[]>(detectors_.size());
  for (unsigned i = 0; i < detectors_.size(); ++i) {
    const auto& detector = detectors_[i];
    if (i >= builtin_count) {
      auto regex = compile_detector(detector);
      if (!regex->ok())
        throw std::invalid_argument("pattern '" + detector.name + "': " + regex->error());
      if (detector.group > regex->NumberOfCapturingGroups())
        throw std::invalid_argument("pattern '" + detector.name + "' lacks its capture group");
      rows_[i].regex = std::move(regex);
    }
    line_bounded_.push_back(i < builtin_count &&
                            detector.pattern.find(R"([\s\S])") == std::string::npos);
  }
  auto admin = std::span<const Detector>(detectors_).subspan(builtin_count);
  admin_prefilter_ =
      compile_prefilter(prefilter_set(admin, static_cast<unsigned>(builtin_count), false), nullptr);
  // Detectors outside both prefilters read the whole text. One scratch space serves both.
  hs_scratch_t* scratch = nullptr;
  for (const auto* prefilter : {&builtin_prefilter_, &admin_prefilter_}) {
    for (unsigned detector : prefilter->detectors)
      reads_whole_text_[detector] = false;
    if (prefilter->database &&
        hs_alloc_scratch(prefilter->database.get(), &scratch) != HS_SUCCESS) {
      if (scratch) hs_free_scratch(scratch);
      throw std::runtime_error("hyperscan: cannot allocate scratch space");
    }
  }
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
  bool prefiltered = scratches_.prototype && text.size() <= std::numeric_limits<unsigned>::max();
  if (prefiltered) {
    std::vector<int> last(detectors_.size(), -1);
    auto scratch = scratches_.acquire();
    for (const auto* prefilter : {&builtin_prefilter_, &admin_prefilter_}) {
      if (!prefilter->database) continue;
      ScanState state{text, &windows, &last, &prefilter->detectors};
      hs_scan(prefilter->database.get(), text.data(), static_cast<unsigned>(text.size()), 0,
              scratch.get(), on_match, &state);
    }
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
  const auto& row = read(index);
  re2::StringPiece groups[4];
  int group = detector.group;
  RegexSearch search([this, index]() -> const re2::RE2& { return regex(index); }, row.opening,
                     row.token ? &*row.token : nullptr, text, to);
  std::size_t pos = from;
  while (pos <= to && search.next(pos, groups, group + 1)) {
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
