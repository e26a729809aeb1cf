// A small Prometheus registry: request counts and latencies by route, gauges read on demand,
// build information; rendered in the text exposition format 0.0.4.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "http/pipeline.hpp"

namespace lifeline::http {

class Metrics : public RequestObserver {
 public:
  // Upper bounds of the latency histogram buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 13> kLatencyBuckets{
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};

  void observe(std::string_view method, std::string_view route_pattern, int status,
               double seconds) override;

  // `read` is called on every render, outside the registry's lock; it must be thread-safe.
  // `name` must be a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*).
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  void set_build_info(std::string version, std::string commit);

  std::string render() const;

 private:
  struct RequestKey {
    std::string method;
    std::string route;
    int status = 0;
  };
  // Looks up a key without building its strings: observe() runs on every request.
  struct RequestKeyView {
    std::string_view method;
    std::string_view route;
    int status = 0;
  };
  struct RequestKeyLess {
    using is_transparent = void;
    template <class A, class B>
    bool operator()(const A& a, const B& b) const {
      return std::tuple<std::string_view, std::string_view, int>(a.method, a.route, a.status) <
             std::tuple<std::string_view, std::string_view, int>(b.method, b.route, b.status);
    }
  };
  struct Latency {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};  // not cumulative
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };

  void render_requests(std::string& out) const;
  void render_latencies(std::string& out) const;

  mutable std::mutex mutex_;
  std::map<RequestKey, std::uint64_t, RequestKeyLess> requests_;
  std::map<std::string, Latency, std::less<>> latencies_;  // by route pattern
  std::vector<Gauge> gauges_;
  std::string build_version_;
  std::string build_commit_;
};

}  // namespace lifeline::http
