// Counters, gauges and histograms with labels, rendered in the Prometheus text exposition
// format (version 0.0.4). Families are created at wiring time; updates are thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace hindsight::common {

using LabelValues = std::vector<std::string>;

class MetricFamily {
 public:
  enum class Kind { counter, gauge, histogram };
  MetricFamily(Kind kind, std::string name, std::string help, std::vector<std::string> labels,
               std::vector<double> buckets = {});

  void add(const LabelValues& values, double amount);     // counter or gauge
  void set(const LabelValues& values, double value);      // gauge
  void observe(const LabelValues& values, double value);  // histogram
  // The current value of one series (counters and gauges), 0 when absent; for tests and admin
  // views.
  double value(const LabelValues& values) const;
  void render(std::string& out) const;

 private:
  struct Series {
    double value = 0;                     // counter/gauge value, or histogram sum
    std::vector<uint64_t> bucket_counts;  // histogram: per bucket, not cumulative
    uint64_t count = 0;                   // histogram observations
  };
  Series& series(const LabelValues& values);

  Kind kind_;
  std::string name_;
  std::string help_;
  std::vector<std::string> labels_;
  std::vector<double> buckets_;
  mutable std::mutex mutex_;
  std::map<LabelValues, Series> series_;
};

class MetricsRegistry {
 public:
  MetricFamily& counter(std::string name, std::string help, std::vector<std::string> labels = {});
  MetricFamily& gauge(std::string name, std::string help, std::vector<std::string> labels = {});
  MetricFamily& histogram(std::string name, std::string help, std::vector<std::string> labels,
                          std::vector<double> buckets);
  // Called on every render, to refresh gauges read from elsewhere (pool usage, queue depth).
  void on_render(std::function<void()> refresh);

  std::string render() const;

 private:
  MetricFamily& add(std::unique_ptr<MetricFamily> family);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<MetricFamily>> families_;
  std::vector<std::function<void()>> refreshers_;
};

// Latency buckets in seconds, from 1 ms to 10 s.
std::vector<double> default_latency_buckets();
// Escapes a label value: backslash, double quote and newline.
std::string escape_label_value(const std::string& value);

}  // namespace hindsight::common
