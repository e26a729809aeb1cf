#include "http/metrics.hpp"

#include <gtest/gtest.h>

namespace lifeline::http {
namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(Metrics, CountsRequestsByMethodRouteAndStatus) {
  Metrics metrics;
  metrics.observe("GET", "/api/v1/users/{id}", 200, 0.002);
  metrics.observe("GET", "/api/v1/users/{id}", 200, 0.003);
  metrics.observe("POST", "unmatched", 404, 0.0001);
  const std::string text = metrics.render();
  EXPECT_TRUE(contains(text, "# HELP lifeline_http_requests_total "));
  EXPECT_TRUE(contains(text, "# TYPE lifeline_http_requests_total counter\n"));
  EXPECT_TRUE(contains(text,
                       "lifeline_http_requests_total{method=\"GET\",route=\"/api/v1/users/"
                       "{id}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(
      text,
      "lifeline_http_requests_total{method=\"POST\",route=\"unmatched\",status=\"404\"} 1\n"));
}

TEST(Metrics, KeepsACumulativeLatencyHistogramPerRoute) {
  Metrics metrics;
  metrics.observe("GET", "/healthz", 200, 0.0005);
  metrics.observe("GET", "/healthz", 200, 0.02);
  metrics.observe("GET", "/healthz", 200, 30.0);
  const std::string text = metrics.render();
  EXPECT_TRUE(contains(text, "# TYPE lifeline_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(contains(
      text, "lifeline_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.001\"} 1\n"));
  EXPECT_TRUE(contains(
      text, "lifeline_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.025\"} 2\n"));
  EXPECT_TRUE(contains(
      text, "lifeline_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"10\"} 2\n"));
  EXPECT_TRUE(contains(
      text, "lifeline_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(
      contains(text, "lifeline_http_request_duration_seconds_count{route=\"/healthz\"} 3\n"));
  EXPECT_TRUE(
      contains(text, "lifeline_http_request_duration_seconds_sum{route=\"/healthz\"} 30.0205"));
}

TEST(Metrics, RendersGaugesAndBuildInfo) {
  Metrics metrics;
  metrics.add_gauge("lifeline_db_pool_in_use", "Connections in use.", [] { return 3.0; });
  metrics.set_build_info("0.1.0", "abc1234");
  const std::string text = metrics.render();
  EXPECT_TRUE(contains(text, "# HELP lifeline_db_pool_in_use Connections in use.\n"));
  EXPECT_TRUE(contains(text, "# TYPE lifeline_db_pool_in_use gauge\n"));
  EXPECT_TRUE(contains(text, "lifeline_db_pool_in_use 3\n"));
  EXPECT_TRUE(contains(text, "lifeline_build_info{version=\"0.1.0\",commit=\"abc1234\"} 1\n"));
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.observe("GET", "/a\"b\\c\n", 200, 0.1);
  EXPECT_TRUE(contains(metrics.render(), "route=\"/a\\\"b\\\\c\\n\""));
}

TEST(Metrics, EveryLineIsACommentOrASample) {
  Metrics metrics;
  metrics.observe("GET", "/healthz", 200, 0.1);
  metrics.set_build_info("1", "c");
  const std::string text = metrics.render();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    EXPECT_TRUE(line.starts_with("# HELP ") || line.starts_with("# TYPE ") ||
                line.starts_with("lifeline_"))
        << line;
    start = end + 1;
  }
}

}  // namespace
}  // namespace lifeline::http
