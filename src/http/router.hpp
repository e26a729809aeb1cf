// Routes: method + pattern ("/api/v1/users/{id}") -> handler, with the access rule every route
// must declare. A route without a rule is denied (and a test lists such routes).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace lifeline::http {

// Who is calling, as resolved from the session cookie by the application.
struct Principal {
  std::int64_t user_id = 0;
  std::int64_t organisation_id = 0;
  std::vector<std::string> roles;
  bool must_change_password = false;
  std::string session_key;  // opaque id of the session row (a hash, never the token)
  std::string csrf_token;   // expected value of X-CSRF-Token

  bool has_role(std::string_view role) const;
};

struct AccessRule {
  enum class Kind { anyone, signed_in, any_of_roles };
  Kind kind = Kind::signed_in;
  std::vector<std::string> roles;               // for any_of_roles
  bool allowed_before_password_change = false;  // e.g. GET /me, password change, logout

  static AccessRule anyone() { return {Kind::anyone, {}, true}; }
  static AccessRule signed_in() { return {Kind::signed_in, {}, false}; }
  static AccessRule roles_any(std::vector<std::string> roles) {
    return {Kind::any_of_roles, std::move(roles), false};
  }
  AccessRule& before_password_change() {
    allowed_before_password_change = true;
    return *this;
  }
};

struct PathParams {
  std::vector<std::pair<std::string, std::string>> values;
  std::optional<std::string_view> get(std::string_view name) const;
};

struct Context {
  const Request& request;
  PathParams params;
  std::optional<Principal> principal;  // set when a valid session came with the request
  std::string_view route_pattern;
};

using Handler = std::function<Response(Context&)>;

struct Route {
  Method method = Method::get;
  std::string pattern;  // segments; "{name}" captures one segment; "*" at the end captures the rest
  std::optional<AccessRule> access;  // nullopt = no rule declared = always denied
  Handler handler;
  std::string summary;  // one line, shown in the OpenAPI document
};

struct RouteMatch {
  const Route* route = nullptr;  // null -> see status
  PathParams params;
  int status = 200;                     // 404 (no path) or 405 (path, other method)
  std::vector<Method> allowed_methods;  // for 405's Allow header
};

class Router {
 public:
  // Throws std::invalid_argument for a malformed pattern or a duplicate method + pattern: both
  // are programming errors found at start-up.
  void add(Route route);
  RouteMatch match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Segment {
    enum class Kind { literal, capture, rest };  // also the precedence order when matching
    Kind kind = Kind::literal;
    std::string text;  // the literal, or the capture's name
  };
  using Pattern = std::vector<Segment>;

  std::vector<Route> routes_;
  std::vector<Pattern> patterns_;  // parallel to routes_
};

}  // namespace lifeline::http
