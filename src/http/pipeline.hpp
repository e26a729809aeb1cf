// What every request goes through, in order: target check, routing, authentication, access
// rule, CSRF, content type, handler; and what every response gets: security headers, cache
// policy, HEAD handling. Synchronous and free of Beast, so it is unit tested and fuzzed as is.
#pragma once

#include <optional>
#include <string_view>

#include "core/error.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace lifeline::http {

// Resolves the caller from the request (session cookie); nullopt for anonymous callers.
// Not called for the static-file catch-all route: files do not depend on who asks.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // An error (say, the database is unreachable) is answered with its problem response on
  // routes that need a principal; routes open to anyone go on without one.
  virtual Result<std::optional<Principal>> authenticate(const Request& request) = 0;
};

// Sees every finished request, for metrics and the access log. `route_pattern` is the matched
// pattern or "unmatched", never the raw path: paths carry ids.
struct RequestObserver {
  virtual ~RequestObserver() = default;
  virtual void observe(std::string_view method, std::string_view route_pattern, int status,
                       double seconds) = 0;
};

struct PipelineOptions {
  bool tls = false;  // adds Strict-Transport-Security
};

// The pattern of the route that serves the UI's files; it alone accepts non-JSON bodies and
// skips authentication.
inline constexpr std::string_view kStaticCatchAllPattern = "/*";
// The route name observers see when no route matched.
inline constexpr std::string_view kUnmatchedRoute = "unmatched";

Response dispatch(const Router& router, Authenticator& authenticator, const Request& request,
                  const PipelineOptions& options, RequestObserver* observer = nullptr);

// The headers every response carries; the server uses it for the responses it makes itself
// (oversized requests, connection limit).
void add_security_headers(Headers& headers, const PipelineOptions& options);

// Compares in time that depends only on the lengths, not on where the inputs differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace lifeline::http
