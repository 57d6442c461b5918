// Prometheus text exposition of counters, gauges and histograms.
#include "common/metrics/metrics_registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace hindsight::common {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Metrics, CounterRenderHasHelpTypeAndLabelledSample) {
  MetricsRegistry registry;
  MetricFamily& requests =
      registry.counter("http_requests_total", "Requests answered.", {"method", "status"});
  requests.add({"GET", "200"}, 1);
  requests.add({"GET", "200"}, 2);
  requests.add({"POST", "201"}, 1);
  std::string text = registry.render();
  EXPECT_TRUE(contains(text,
                       "# HELP http_requests_total Requests answered.\n"
                       "# TYPE http_requests_total counter\n"))
      << text;
  EXPECT_TRUE(contains(text, "http_requests_total{method=\"GET\",status=\"200\"} 3\n")) << text;
  EXPECT_TRUE(contains(text, "http_requests_total{method=\"POST\",status=\"201\"} 1\n")) << text;
}

TEST(Metrics, UnlabelledGaugeRendersWithoutBraces) {
  MetricsRegistry registry;
  MetricFamily& gauge = registry.gauge("queue_depth", "Jobs waiting.");
  gauge.set({}, 4);
  gauge.set({}, 7);
  std::string text = registry.render();
  EXPECT_TRUE(contains(text, "# TYPE queue_depth gauge\n")) << text;
  EXPECT_TRUE(contains(text, "\nqueue_depth 7\n")) << text;
  EXPECT_FALSE(contains(text, "queue_depth{")) << text;
}

TEST(Metrics, ValueReturnsTheCounterValue) {
  MetricsRegistry registry;
  MetricFamily& counter = registry.counter("logins_total", "Logins.", {"result"});
  counter.add({"ok"}, 1);
  counter.add({"ok"}, 1);
  counter.add({"ok"}, 0.5);
  counter.add({"refused"}, 1);
  EXPECT_DOUBLE_EQ(counter.value({"ok"}), 2.5);
  EXPECT_DOUBLE_EQ(counter.value({"refused"}), 1);
  EXPECT_DOUBLE_EQ(counter.value({"never"}), 0);
}

TEST(Metrics, LabelValuesEscapeBackslashQuoteAndNewline) {
  EXPECT_EQ(escape_label_value("plain"), "plain");
  EXPECT_EQ(escape_label_value("a\\b"), "a\\\\b");
  EXPECT_EQ(escape_label_value("say \"hi\""), "say \\\"hi\\\"");
  EXPECT_EQ(escape_label_value("two\nlines"), "two\\nlines");

  MetricsRegistry registry;
  MetricFamily& counter = registry.counter("odd_total", "Odd labels.", {"path"});
  counter.add({"a\\b\"c\nd"}, 1);
  std::string text = registry.render();
  EXPECT_TRUE(contains(text, R"(odd_total{path="a\\b\"c\nd"} 1)")) << text;
}

TEST(Metrics, HistogramBucketsAreCumulativeWithInfEqualToCount) {
  MetricsRegistry registry;
  MetricFamily& latency =
      registry.histogram("latency_seconds", "Latency.", {"route"}, {0.25, 0.5, 1});
  for (double v : {0.125, 0.5, 0.5, 0.75, 2.0})
    latency.observe({"/x"}, v);
  std::string text = registry.render();
  EXPECT_TRUE(contains(text, "# TYPE latency_seconds histogram\n")) << text;
  EXPECT_TRUE(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"0.25\"} 1\n")) << text;
  // 0.5 is on a boundary and counts in le="0.5".
  EXPECT_TRUE(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"0.5\"} 3\n")) << text;
  EXPECT_TRUE(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"1\"} 4\n")) << text;
  EXPECT_TRUE(contains(text, "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 5\n")) << text;
  EXPECT_TRUE(contains(text, "latency_seconds_sum{route=\"/x\"} 3.875\n")) << text;
  EXPECT_TRUE(contains(text, "latency_seconds_count{route=\"/x\"} 5\n")) << text;
}

TEST(Metrics, HistogramWithoutLabelsStillHasLeLabel) {
  MetricsRegistry registry;
  MetricFamily& h = registry.histogram("job_seconds", "Job time.", {}, {1});
  h.observe({}, 0.5);
  std::string text = registry.render();
  EXPECT_TRUE(contains(text, "job_seconds_bucket{le=\"1\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, "job_seconds_bucket{le=\"+Inf\"} 1\n")) << text;
  EXPECT_TRUE(contains(text, "job_seconds_sum 0.5\n")) << text;
  EXPECT_TRUE(contains(text, "job_seconds_count 1\n")) << text;
}

TEST(Metrics, WrongLabelCountThrowsInvalidArgument) {
  MetricsRegistry registry;
  MetricFamily& counter = registry.counter("c_total", "C.", {"a", "b"});
  EXPECT_THROW(counter.add({"only-one"}, 1), std::invalid_argument);
  EXPECT_THROW(counter.add({"x", "y", "z"}, 1), std::invalid_argument);
  MetricFamily& gauge = registry.gauge("g", "G.", {"a"});
  EXPECT_THROW(gauge.set({}, 1), std::invalid_argument);
  MetricFamily& histogram = registry.histogram("h_seconds", "H.", {"a"}, {1});
  EXPECT_THROW(histogram.observe({"x", "y"}, 1), std::invalid_argument);
  // Nothing was recorded by the refused calls.
  std::string text = registry.render();
  EXPECT_FALSE(contains(text, "c_total{")) << text;
}

TEST(Metrics, OnRenderRefreshRunsBeforeRenderingAGauge) {
  MetricsRegistry registry;
  MetricFamily& in_use = registry.gauge("pool_in_use", "Connections in use.");
  int renders = 0;
  registry.on_render([&] { in_use.set({}, ++renders * 10); });
  std::string first = registry.render();
  EXPECT_EQ(renders, 1);
  EXPECT_TRUE(contains(first, "\npool_in_use 10\n")) << first;
  std::string second = registry.render();
  EXPECT_EQ(renders, 2);
  EXPECT_TRUE(contains(second, "\npool_in_use 20\n")) << second;
}

TEST(Metrics, FamiliesRenderInRegistrationOrder) {
  MetricsRegistry registry;
  registry.counter("zeta_total", "Z.").add({}, 1);
  registry.counter("alpha_total", "A.").add({}, 1);
  std::string text = registry.render();
  std::size_t zeta = text.find("# HELP zeta_total");
  std::size_t alpha = text.find("# HELP alpha_total");
  ASSERT_NE(zeta, std::string::npos) << text;
  ASSERT_NE(alpha, std::string::npos) << text;
  EXPECT_LT(zeta, alpha);
}

TEST(Metrics, DefaultLatencyBucketsAreIncreasingFromOneMillisecondToTenSeconds) {
  std::vector<double> buckets = default_latency_buckets();
  ASSERT_FALSE(buckets.empty());
  EXPECT_DOUBLE_EQ(buckets.front(), 0.001);
  EXPECT_DOUBLE_EQ(buckets.back(), 10);
  for (std::size_t i = 1; i < buckets.size(); ++i)
    EXPECT_LT(buckets[i - 1], buckets[i]);
}

}  // namespace
}  // namespace hindsight::common
