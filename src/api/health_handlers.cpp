// GET /healthz (alive), /readyz (database reachable and current), /metrics (Prometheus).
#include "api/common.hpp"
#include "api/services.hpp"
#include "http/metrics.hpp"

namespace lifeline::api {
namespace {

http::Response text(int status, std::string body,
                    std::string content_type = "text/plain; charset=utf-8") {
  http::Response response;
  response.status = status;
  response.headers.set("Content-Type", std::move(content_type));
  response.headers.set("Cache-Control", "no-store");
  response.body = std::move(body);
  return response;
}

http::Response ready(Services& services) {
  if (auto ping = services.database.ping(); !ping) return http::problem_from(ping.error());
  auto status = storage::migration_status(services.database);
  if (!status) return http::problem_from(status.error());
  if (status->current != status->latest) {
    return http::problem_from(
        Error{Errc::unavailable, "database migrations are not current", "not-ready", {}});
  }
  return text(200, "ready\n");
}

}  // namespace

void add_health_routes(http::Router& router, Services& services) {
  router.add({http::Method::get, "/healthz", http::AccessRule::anyone(),
              [](http::Context&) { return text(200, "ok\n"); }, "Liveness"});
  router.add({http::Method::get, "/readyz", http::AccessRule::anyone(),
              [&](http::Context&) { return ready(services); },
              "Readiness: database reachable and migrations current"});
  // Metrics carry no personal data (route patterns and counts only); scrapers run on the
  // operator's network, so the route is open like /healthz.
  router.add({http::Method::get, "/metrics", http::AccessRule::anyone(),
              [&](http::Context&) {
                return text(200, services.metrics.render(),
                            "text/plain; version=0.0.4; charset=utf-8");
              },
              "Prometheus metrics"});
}

}  // namespace lifeline::api
