#include "http/metrics.hpp"

#include <fmt/format.h>

namespace lifeline::http {

namespace {

// Label values are our own route patterns and method names, but escape them as the format asks.
std::string escape_label(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void append_header(std::string& out, std::string_view name, std::string_view help,
                   std::string_view type) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

void Metrics::observe(std::string_view method, std::string_view route_pattern, int status,
                      double seconds) {
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;

  std::lock_guard lock(mutex_);
  auto request = requests_.find(RequestKeyView{method, route_pattern, status});
  if (request == requests_.end()) {
    request =
        requests_.emplace(RequestKey{std::string(method), std::string(route_pattern), status}, 0)
            .first;
  }
  ++request->second;
  auto latency = latencies_.find(route_pattern);
  if (latency == latencies_.end()) {
    latency = latencies_.emplace(std::string(route_pattern), Latency{}).first;
  }
  if (bucket < kLatencyBuckets.size()) ++latency->second.buckets[bucket];
  ++latency->second.count;
  latency->second.sum += seconds;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::set_build_info(std::string version, std::string commit) {
  std::lock_guard lock(mutex_);
  build_version_ = std::move(version);
  build_commit_ = std::move(commit);
}

void Metrics::render_requests(std::string& out) const {
  append_header(out, "lifeline_http_requests_total", "HTTP requests by method, route and status.",
                "counter");
  for (const auto& [key, count] : requests_) {
    fmt::format_to(std::back_inserter(out),
                   "lifeline_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                   escape_label(key.method), escape_label(key.route), key.status, count);
  }
}

void Metrics::render_latencies(std::string& out) const {
  constexpr std::string_view kName = "lifeline_http_request_duration_seconds";
  append_header(out, kName, "Time to handle an HTTP request, by route.", "histogram");
  for (const auto& [route, latency] : latencies_) {
    const std::string label = escape_label(route);
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      cumulative += latency.buckets[i];
      fmt::format_to(std::back_inserter(out), "{}_bucket{{route=\"{}\",le=\"{}\"}} {}\n", kName,
                     label, kLatencyBuckets[i], cumulative);
    }
    fmt::format_to(std::back_inserter(out), "{}_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", kName,
                   label, latency.count);
    fmt::format_to(std::back_inserter(out), "{}_sum{{route=\"{}\"}} {}\n", kName, label,
                   latency.sum);
    fmt::format_to(std::back_inserter(out), "{}_count{{route=\"{}\"}} {}\n", kName, label,
                   latency.count);
  }
}

std::string Metrics::render() const {
  std::string out;
  std::vector<Gauge> gauges;
  {
    std::lock_guard lock(mutex_);
    render_requests(out);
    render_latencies(out);
    if (!build_version_.empty() || !build_commit_.empty()) {
      append_header(out, "lifeline_build_info", "Version and commit of this build.", "gauge");
      fmt::format_to(std::back_inserter(out),
                     "lifeline_build_info{{version=\"{}\",commit=\"{}\"}} 1\n",
                     escape_label(build_version_), escape_label(build_commit_));
    }
    gauges = gauges_;
  }
  // Gauges may take locks of their own (a connection pool): read them without holding ours.
  for (const Gauge& gauge : gauges) {
    append_header(out, gauge.name, gauge.help, "gauge");
    fmt::format_to(std::back_inserter(out), "{} {}\n", gauge.name, gauge.read());
  }
  return out;
}

}  // namespace lifeline::http
