#include "common/metrics/metrics_registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hindsight::common {
namespace {

std::string format_number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (std::isnan(v)) return "NaN";
  return fmt::format("{}", v);
}

std::string label_block(const std::vector<std::string>& names, const LabelValues& values,
                        const std::string& extra = {}) {
  if (names.empty() && extra.empty()) return {};
  std::string out = "{";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i] + "=\"" + escape_label_value(values[i]) + '"';
  }
  if (!extra.empty()) {
    if (!names.empty()) out += ',';
    out += extra;
  }
  return out + "}";
}

}  // namespace

std::string escape_label_value(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::vector<double> default_latency_buckets() {
  return {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

MetricFamily::MetricFamily(Kind kind, std::string name, std::string help,
                           std::vector<std::string> labels, std::vector<double> buckets)
    : kind_(kind),
      name_(std::move(name)),
      help_(std::move(help)),
      labels_(std::move(labels)),
      buckets_(std::move(buckets)) {
  std::sort(buckets_.begin(), buckets_.end());
}

MetricFamily::Series& MetricFamily::series(const LabelValues& values) {
  if (values.size() != labels_.size())
    throw std::invalid_argument(fmt::format("metric {}: {} label values for {} labels", name_,
                                            values.size(), labels_.size()));
  auto [it, inserted] = series_.try_emplace(values);
  if (inserted && kind_ == Kind::histogram) it->second.bucket_counts.assign(buckets_.size(), 0);
  return it->second;
}

void MetricFamily::add(const LabelValues& values, double amount) {
  std::lock_guard lock(mutex_);
  series(values).value += amount;
}

void MetricFamily::set(const LabelValues& values, double value) {
  std::lock_guard lock(mutex_);
  series(values).value = value;
}

void MetricFamily::observe(const LabelValues& values, double value) {
  std::lock_guard lock(mutex_);
  Series& s = series(values);
  s.value += value;
  ++s.count;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    if (value <= buckets_[i]) {
      ++s.bucket_counts[i];
      break;
    }
  }
}

double MetricFamily::value(const LabelValues& values) const {
  std::lock_guard lock(mutex_);
  auto it = series_.find(values);
  return it == series_.end() ? 0 : it->second.value;
}

void MetricFamily::render(std::string& out) const {
  static constexpr const char* kTypes[] = {"counter", "gauge", "histogram"};
  std::string help;
  for (char c : help_)
    help += c == '\\' ? "\\\\" : c == '\n' ? "\\n" : std::string(1, c);
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name_, help, name_,
                     kTypes[static_cast<int>(kind_)]);
  std::lock_guard lock(mutex_);
  for (const auto& [values, s] : series_) {
    if (kind_ != Kind::histogram) {
      out += name_ + label_block(labels_, values) + ' ' + format_number(s.value) + '\n';
      continue;
    }
    uint64_t cumulative = 0;
    for (std::size_t i = 0; i < buckets_.size(); ++i) {
      cumulative += s.bucket_counts[i];
      out += name_ + "_bucket" +
             label_block(labels_, values, "le=\"" + format_number(buckets_[i]) + '"') + ' ' +
             std::to_string(cumulative) + '\n';
    }
    out += name_ + "_bucket" + label_block(labels_, values, "le=\"+Inf\"") + ' ' +
           std::to_string(s.count) + '\n';
    out += name_ + "_sum" + label_block(labels_, values) + ' ' + format_number(s.value) + '\n';
    out += name_ + "_count" + label_block(labels_, values) + ' ' + std::to_string(s.count) + '\n';
  }
}

MetricFamily& MetricsRegistry::add(std::unique_ptr<MetricFamily> family) {
  std::lock_guard lock(mutex_);
  families_.push_back(std::move(family));
  return *families_.back();
}

MetricFamily& MetricsRegistry::counter(std::string name, std::string help,
                                       std::vector<std::string> labels) {
  return add(std::make_unique<MetricFamily>(MetricFamily::Kind::counter, std::move(name),
                                            std::move(help), std::move(labels)));
}

MetricFamily& MetricsRegistry::gauge(std::string name, std::string help,
                                     std::vector<std::string> labels) {
  return add(std::make_unique<MetricFamily>(MetricFamily::Kind::gauge, std::move(name),
                                            std::move(help), std::move(labels)));
}

MetricFamily& MetricsRegistry::histogram(std::string name, std::string help,
                                         std::vector<std::string> labels,
                                         std::vector<double> buckets) {
  return add(std::make_unique<MetricFamily>(MetricFamily::Kind::histogram, std::move(name),
                                            std::move(help), std::move(labels),
                                            std::move(buckets)));
}

void MetricsRegistry::on_render(std::function<void()> refresh) {
  std::lock_guard lock(mutex_);
  refreshers_.push_back(std::move(refresh));
}

std::string MetricsRegistry::render() const {
  std::vector<std::function<void()>> refreshers;
  {
    std::lock_guard lock(mutex_);
    refreshers = refreshers_;
  }
  for (const auto& refresh : refreshers)
    refresh();  // outside the lock: they may add series
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& family : families_)
    family->render(out);
  return out;
}

}  // namespace hindsight::common
