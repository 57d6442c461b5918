// `hindsight anonymize`: JSON Lines in, JSON Lines out (docs/anonymizer.md, "Command line").
// Streams blocks of lines through the machine's cores in input order, so memory stays flat
// whatever the input size; a bad line gets an error line and the run goes on.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <future>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "common/anonymizer/anonymizer.hpp"
#include "common/config/config_file.hpp"
#include "common/config/settings.hpp"
#include "common/error/api_error.hpp"
#include "server/cli/anonymize_cli.hpp"
#include "server/cli/anonymize_line_reader.hpp"
#include "server/cli/anonymize_line_writer.hpp"
#include "server/cli/worker_threads.hpp"

namespace hindsight::server {
namespace {

namespace anon = common::anonymizer;
using nlohmann::json;

anon::AnonymizerConfig load_config(const std::string& flag_path) {
  std::string path = flag_path;
  if (path.empty()) path = common::process_environment()("HINDSIGHT_CONFIG").value_or("");
  if (path.empty()) return {};
  auto file = common::ConfigFile::load(path);
  auto table = file.table("anonymizer");
  if (!table) return {};
  try {
    return anon::AnonymizerConfig::from_json(*table);
  } catch (const std::exception& e) {
    throw common::UsageError(fmt::format("config file {}: [anonymizer] {}", path, e.what()));
  }
}

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// One input line to its output line (a result or an error object), without a line ending.
std::string anonymize_json_line(const anon::Anonymizer& anonymizer, std::string_view line) {
  json id = nullptr;
  try {
    json document = json::parse(line);
    if (!document.is_object()) throw std::invalid_argument("a line must be a JSON object");
    if (auto it = document.find("id"); it != document.end()) id = *it;
    auto text = document.find("text");
    if (text == document.end() || !text->is_string())
      throw std::invalid_argument("text must be a string");
    auto context = anon::DocumentContext::from_json(document.value("context", json(nullptr)));
    anon::RedactionSession session;
    const auto& original = text->get_ref<const std::string&>();
    auto redacted = anonymizer.anonymize(original, context, session);
    json findings = json::array();
    for (const auto& f : redacted.findings)
      findings.push_back({{"type", anon::entity_type_name(f.finding.type)},
                          {"start", f.finding.start},
                          {"end", f.finding.end}});
    json out = {{"id", id}, {"text", std::move(redacted.text)}, {"findings", std::move(findings)}};
    // Only with `incident_start`: without it, dates stay and the line keeps its old shape.
    if (context.incident) {
      json coarsened = json::array();
      for (const auto& c : redacted.coarsened)
        coarsened.push_back({{"start", c.start}, {"end", c.end}, {"replacement", c.replacement}});
      out["coarsened"] = std::move(coarsened);
    }
    return dump(out);
  } catch (const json::exception& e) {
    return dump({{"id", id}, {"error", fmt::format("invalid JSON: {}", e.what())}});
  } catch (const std::exception& e) {
    return dump({{"id", id}, {"error", e.what()}});
  }
}

// One line to its output line: the usual shape by the hand-written reader and writer, anything
// else (including every error) by the general path above.
void answer_line(const anon::Anonymizer& anonymizer, std::string_view line, AnonymizeInput& input,
                 std::string& out) {
  if (read_anonymize_line(line, input)) {
    try {
      anon::RedactionSession session;
      auto redacted = anonymizer.anonymize(input.text, input.context, session);
      if (append_anonymize_result(out, input.id, redacted)) {
        out += '\n';
        return;
      }
    } catch (const std::exception&) {
      // Answered below, with the general path's wording.
    }
  }
  out += anonymize_json_line(anonymizer, line);
  out += '\n';
}

// The output of a batch of complete input lines (each ending in '\n').
std::string answer_batch(const anon::Anonymizer& anonymizer, std::string_view batch) {
  std::string out;
  out.reserve(batch.size() + batch.size() / 4);
  AnonymizeInput input;
  while (!batch.empty()) {
    auto end = batch.find('\n');
    std::string_view line = batch.substr(0, end);
    batch.remove_prefix(end == std::string_view::npos ? batch.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    answer_line(anonymizer, line, input, out);
  }
  return out;
}

}  // namespace

int anonymize_command(const std::string& config_path) {
  anon::Anonymizer anonymizer = [&] {
    auto config = load_config(config_path);
    try {
      return anon::Anonymizer(std::move(config));
    } catch (const std::invalid_argument& e) {
      throw common::UsageError(fmt::format("[anonymizer] {}", e.what()));
    }
  }();
  // Input is read in blocks of whole lines; the worker threads answer them and results are
  // written in input order. At most `window` blocks are in flight, so memory stays flat
  // whatever the input size (a single line longer than a block is held whole). A block of a
  // quarter mebibyte keeps a thread's work in its core's caches, and a few megabytes of input
  // are already many blocks, so the cores finish together (tests/bench/README.md: 10 MB in
  // 0.29 s against 0.35 s with a thread per mebibyte block).
  constexpr std::size_t kBlockBytes = 256 * 1024;
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t window = 2 * cores;
  WorkerThreads workers(cores);
  std::deque<std::future<std::string>> in_flight;
  bool write_ok = true;
  auto write_oldest = [&] {
    auto out = in_flight.front().get();
    in_flight.pop_front();
    if (write_ok && !out.empty())
      write_ok = std::fwrite(out.data(), 1, out.size(), stdout) == out.size();
  };
  auto launch = [&](std::string block) {
    in_flight.push_back(workers.submit(WorkerThreads::Task(
        [&anonymizer, block = std::move(block)] { return answer_batch(anonymizer, block); })));
    if (in_flight.size() >= window) write_oldest();
  };
  std::string pending;  // read but not yet launched: the tail holds a partial line
  std::size_t last_newline = std::string::npos;  // in `pending`; only new bytes are searched
  for (;;) {
    std::size_t want = pending.size() < kBlockBytes ? kBlockBytes - pending.size() : kBlockBytes;
    std::size_t old_size = pending.size();
    pending.resize(old_size + want);
    std::size_t got = std::fread(pending.data() + old_size, 1, want, stdin);
    pending.resize(old_size + got);
    if (got == 0) break;
    auto newline = std::string_view(pending).substr(old_size).rfind('\n');
    if (newline != std::string_view::npos) last_newline = old_size + newline;
    if (pending.size() < kBlockBytes || last_newline == std::string::npos) continue;
    std::string rest = pending.substr(last_newline + 1);
    pending.resize(last_newline + 1);
    launch(std::exchange(pending, std::move(rest)));
    last_newline = std::string::npos;
  }
  if (!pending.empty()) launch(std::move(pending));
  while (!in_flight.empty())
    write_oldest();
  return write_ok && std::fflush(stdout) == 0 && !std::ferror(stdout) ? 0 : 1;
}

}  // namespace hindsight::server
