// `hindsight anonymize`: JSON Lines in, JSON Lines out (DESIGN.md, "`hindsight anonymize`").
// Streams batches of lines through the machine's cores in input order, so memory stays flat
// whatever the input size; a bad line gets an error line and the run goes on.
#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>
#include <vector>

#include "anonymizer/anonymizer.hpp"
#include "cli/commands.hpp"
#include "config/config_file.hpp"
#include "error/api_error.hpp"
#include "util/process.hpp"

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

}  // namespace

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
    return dump(
        {{"id", id}, {"text", std::move(redacted.text)}, {"findings", std::move(findings)}});
  } catch (const json::exception& e) {
    return dump({{"id", id}, {"error", fmt::format("invalid JSON: {}", e.what())}});
  } catch (const std::exception& e) {
    return dump({{"id", id}, {"error", e.what()}});
  }
}

int anonymize_command(const std::string& config_path) {
  anon::Anonymizer anonymizer = [&] {
    auto config = load_config(config_path);
    try {
      return anon::Anonymizer(std::move(config));
    } catch (const std::invalid_argument& e) {
      throw common::UsageError(fmt::format("[anonymizer] {}", e.what()));
    }
  }();
  std::ios::sync_with_stdio(false);
  // Batches of lines go to worker tasks; results are written in input order. At most `window`
  // batches are in flight, so memory stays flat whatever the input size.
  constexpr std::size_t kBatchLines = 64;
  const std::size_t window = 2 * std::max(1u, std::thread::hardware_concurrency());
  using Batch = std::vector<std::string>;
  std::deque<std::future<Batch>> in_flight;
  auto write_oldest = [&] {
    for (const auto& out : in_flight.front().get())
      std::cout << out << '\n';
    in_flight.pop_front();
  };
  auto launch = [&](Batch batch) {
    in_flight.push_back(std::async(std::launch::async, [&anonymizer, batch = std::move(batch)] {
      Batch out;
      out.reserve(batch.size());
      for (const auto& line : batch)
        out.push_back(anonymize_json_line(anonymizer, line));
      return out;
    }));
    if (in_flight.size() >= window) write_oldest();
  };
  Batch batch;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    batch.push_back(std::move(line));
    if (batch.size() == kBatchLines) launch(std::exchange(batch, {}));
  }
  if (!batch.empty()) launch(std::move(batch));
  while (!in_flight.empty())
    write_oldest();
  std::cout.flush();
  return std::cout ? 0 : 1;
}

}  // namespace hindsight::server
