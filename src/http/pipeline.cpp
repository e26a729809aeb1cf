#include "http/pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>

#include <spdlog/spdlog.h>

#include "http/json_body.hpp"
#include "http/problem.hpp"

namespace lifeline::http {

namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

bool is_api_path(std::string_view path) {
  return path == "/api" || path.starts_with("/api/");
}

std::string allow_header(const std::vector<Method>& methods) {
  std::string allow;
  for (Method method : methods) {
    if (!allow.empty()) allow += ", ";
    allow += to_string(method);
  }
  return allow;
}

// True when the only route at this API path is the UI's catch-all: the API has nothing here,
// whatever the method, so the answer is 404 rather than "405, try GET".
bool only_the_ui_matches(const Router& router, const Request& request) {
  if (!request.path.starts_with("/api/")) return false;
  const RouteMatch as_get = router.match(Method::get, request.path);
  return as_get.route != nullptr && as_get.route->pattern == kStaticCatchAllPattern;
}

Response routing_failure(const Router& router, const Request& request, const RouteMatch& match) {
  if (match.status == 405 && !only_the_ui_matches(router, request)) {
    Response response = problem(405, "method-not-allowed", "Method not allowed",
                                "this resource does not support the request method");
    response.headers.set("Allow", allow_header(match.allowed_methods));
    return response;
  }
  return problem_from(Error{Errc::not_found, "no resource at this path", {}, {}});
}

Response forbidden(std::string_view slug, std::string_view detail) {
  return problem_from(Error{Errc::forbidden, std::string(detail), std::string(slug), {}});
}

// The route's access rule applied to the caller; a response when the caller may not proceed.
std::optional<Response> check_access(const Route& route,
                                     const std::optional<Principal>& principal) {
  if (!route.access) {
    spdlog::warn("route {} {} declares no access rule; request denied", to_string(route.method),
                 route.pattern);
    return forbidden("forbidden", "access to this resource is not configured");
  }
  const AccessRule& rule = *route.access;
  if (rule.kind != AccessRule::Kind::anyone && !principal) {
    return problem_from(Error{Errc::unauthorized, "sign in to use this resource", {}, {}});
  }
  if (rule.kind == AccessRule::Kind::any_of_roles) {
    const bool allowed =
        std::any_of(rule.roles.begin(), rule.roles.end(),
                    [&](const std::string& role) { return principal->has_role(role); });
    if (!allowed) return forbidden("forbidden", "your role does not allow this");
  }
  if (principal && principal->must_change_password && !rule.allowed_before_password_change) {
    return forbidden("password-change-required", "change your password before you continue");
  }
  return std::nullopt;
}

// A state-changing request from a signed-in caller must echo the session's CSRF token.
std::optional<Response> check_csrf(const Request& request,
                                   const std::optional<Principal>& principal) {
  if (!changes_state(request.method) || !principal) return std::nullopt;
  const auto sent = request.headers.get("X-CSRF-Token");
  // An empty expected token would match an absent header: treat it as a mismatch.
  if (sent && !principal->csrf_token.empty() &&
      constant_time_equals(*sent, principal->csrf_token)) {
    return std::nullopt;
  }
  return forbidden("csrf", "the X-CSRF-Token header is missing or does not match the session");
}

// Only JSON bodies: a browser cannot send JSON across sites without a CORS preflight, so this
// shuts out cross-site form posts.
std::optional<Response> check_content_type(const Request& request, const Route& route) {
  if (!changes_state(request.method) || request.body.empty()) return std::nullopt;
  if (route.pattern == kStaticCatchAllPattern) return std::nullopt;
  const auto content_type = request.headers.get("Content-Type");
  if (content_type && is_json_media_type(*content_type)) return std::nullopt;
  return problem_from(
      Error{Errc::unsupported_media_type, "the request body must be application/json", {}, {}});
}

Response run_handler(const Route& route, Context& context) {
  try {
    return route.handler(context);
  } catch (const std::exception& error) {
    spdlog::error("handler for {} {} failed: {}", to_string(route.method), route.pattern,
                  error.what());
  } catch (...) {
    spdlog::error("handler for {} {} failed with an unknown exception", to_string(route.method),
                  route.pattern);
  }
  return problem_from(Error{Errc::internal, {}, {}, {}});
}

struct Outcome {
  Response response;
  std::string_view route_pattern = kUnmatchedRoute;
};

Outcome route_and_handle(const Router& router, Authenticator& authenticator,
                         const Request& request) {
  RouteMatch match = router.match(request.method, request.path);
  if (!match.route) return {routing_failure(router, request, match)};
  const Route& route = *match.route;
  Outcome outcome{{}, route.pattern};

  std::optional<Principal> principal;
  if (route.pattern != kStaticCatchAllPattern) {
    auto resolved = authenticator.authenticate(request);
    if (resolved) {
      principal = std::move(*resolved);
    } else if (route.access && route.access->kind != AccessRule::Kind::anyone) {
      outcome.response = problem_from(resolved.error());
      return outcome;
    }
  }

  auto refusal = check_access(route, principal);
  if (!refusal) refusal = check_csrf(request, principal);
  if (!refusal) refusal = check_content_type(request, route);
  if (refusal) {
    outcome.response = std::move(*refusal);
    return outcome;
  }
  if (!route.handler) {
    outcome.response = problem_from(Error{Errc::internal, {}, {}, {}});
    return outcome;
  }
  Context context{request, std::move(match.params), std::move(principal), route.pattern};
  outcome.response = run_handler(route, context);
  return outcome;
}

// HEAD gets the GET response's headers, including the length of the body it does not get.
void strip_body_for_head(Response& response) {
  response.headers.set("Content-Length", std::to_string(response.body.size()));
  response.body.clear();
}

}  // namespace

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  // volatile keeps the compiler from turning the loop into an early-exit comparison.
  volatile unsigned char result = difference;
  return result == 0;
}

void add_security_headers(Headers& headers, const PipelineOptions& options) {
  headers.set("Content-Security-Policy", std::string(kContentSecurityPolicy));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (options.tls) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

Response dispatch(const Router& router, Authenticator& authenticator, const Request& request,
                  const PipelineOptions& options, RequestObserver* observer) {
  const auto started = std::chrono::steady_clock::now();
  Outcome outcome;
  const auto target = split_target(request.target);
  if (!target) {
    outcome.response = problem_from(
        Error{Errc::malformed, "the request target is not a valid path", "malformed-request", {}});
  } else if (request.path == target->path && request.query == target->query) {
    outcome = route_and_handle(router, authenticator, request);
  } else {
    // The request came without its decoded path (tests, tools): complete a copy.
    Request completed = request;
    completed.path = target->path;
    completed.query = target->query;
    outcome = route_and_handle(router, authenticator, completed);
  }

  Response& response = outcome.response;
  add_security_headers(response.headers, options);
  if (target && is_api_path(target->path)) response.headers.set("Cache-Control", "no-store");
  if (request.method == Method::head) strip_body_for_head(response);

  if (observer) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    observer->observe(to_string(request.method), outcome.route_pattern, response.status,
                      elapsed.count());
  }
  return response;
}

}  // namespace lifeline::http
