#include "http/pipeline.hpp"

#include <memory>
#include <sstream>
#include <stdexcept>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "http/problem.hpp"

namespace lifeline::http {
namespace {

// Principals by session cookie: "admin" (administrator), "worker" (case_worker), "fresh"
// (administrator who must change the password).
class StubAuthenticator final : public Authenticator {
 public:
  Result<std::optional<Principal>> authenticate(const Request& request) override {
    ++calls;
    const auto session = request.cookie("session");
    if (!session) return std::nullopt;
    if (*session == "database-down")
      return tl::unexpected(Error{Errc::unavailable, "down", {}, {}});
    Principal principal;
    principal.user_id = 1;
    principal.csrf_token = "csrf-" + *session;
    if (*session == "admin") principal.roles = {"administrator"};
    if (*session == "worker") principal.roles = {"case_worker"};
    if (*session == "fresh") {
      principal.roles = {"administrator"};
      principal.must_change_password = true;
    }
    if (principal.roles.empty()) return std::nullopt;
    return principal;
  }
  int calls = 0;
};

struct RecordingObserver final : RequestObserver {
  void observe(std::string_view observed_method, std::string_view route, int observed_status,
               double) override {
    method = observed_method;
    route_pattern = route;
    status = observed_status;
  }
  std::string method;
  std::string route_pattern;
  int status = 0;
};

Response ok_text(std::string body) {
  Response response;
  response.headers.set("Content-Type", "text/plain");
  response.body = std::move(body);
  return response;
}

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() {
    add(Method::get, "/healthz", AccessRule::anyone(), [](Context&) { return ok_text("ok"); });
    add(Method::get, "/api/v1/me", AccessRule::signed_in().before_password_change(),
        [](Context& context) {
          return json_response(200, {{"id", context.principal->user_id}});
        });
    add(Method::get, "/api/v1/users/{id}", AccessRule::roles_any({"administrator"}),
        [](Context& context) { return ok_text(std::string(*context.params.get("id"))); });
    add(Method::post, "/api/v1/users", AccessRule::roles_any({"administrator"}), [](Context&) {
      return json_response(201, {{"id", 2}});
    });
    add(Method::post, "/api/v1/session", AccessRule::anyone(), [](Context&) {
      return json_response(200, {{"signed_in", true}});
    });
    add(Method::get, "/api/v1/unguarded", std::nullopt, [](Context&) { return ok_text("leak"); });
    add(Method::get, "/api/v1/broken", AccessRule::anyone(), [](Context&) -> Response {
      throw std::runtime_error("database said: no such person Maria");
    });
    add(Method::get, "/*", AccessRule::anyone(), [](Context&) { return ok_text("<html>"); });
  }

  void add(Method method, std::string pattern, std::optional<AccessRule> access, Handler handler) {
    router_.add(Route{method, std::move(pattern), std::move(access), std::move(handler), ""});
  }

  Response send(Method method, std::string target, const std::string& session = {},
                std::string body = {}, bool tls = false) {
    Request request;
    request.method = method;
    request.target = std::move(target);
    if (!session.empty()) {
      request.headers.add("Cookie", "session=" + session);
      request.headers.add("X-CSRF-Token", "csrf-" + session);
    }
    if (!body.empty()) request.headers.add("Content-Type", "application/json");
    request.body = std::move(body);
    return dispatch(router_, authenticator_, request, PipelineOptions{tls}, &observer_);
  }

  Response send_request(const Request& request) {
    return dispatch(router_, authenticator_, request, PipelineOptions{}, &observer_);
  }

  static std::string type_of(const Response& response) {
    return nlohmann::json::parse(response.body).value("type", "");
  }

  Router router_;
  StubAuthenticator authenticator_;
  RecordingObserver observer_;
};

TEST_F(PipelineTest, ServesAnAllowedRequest) {
  const Response response = send(Method::get, "/api/v1/users/42", "admin");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "42");
  EXPECT_EQ(observer_.route_pattern, "/api/v1/users/{id}");
  EXPECT_EQ(observer_.method, "GET");
  EXPECT_EQ(observer_.status, 200);
}

TEST_F(PipelineTest, DeniesARouteWithoutAccessRule) {
  const Response response = send(Method::get, "/api/v1/unguarded", "admin");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(response.body.find("leak"), std::string::npos);
}

TEST_F(PipelineTest, AsksAnonymousCallersToSignIn) {
  const Response response = send(Method::get, "/api/v1/me");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(type_of(response), "urn:lifeline:problem:unauthorized");
}

TEST_F(PipelineTest, ForbidsCallersWithoutTheRole) {
  const Response response = send(Method::get, "/api/v1/users/1", "worker");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(type_of(response), "urn:lifeline:problem:forbidden");
}

TEST_F(PipelineTest, RequiresThePasswordChangeFirst) {
  const Response blocked = send(Method::get, "/api/v1/users/1", "fresh");
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(type_of(blocked), "urn:lifeline:problem:password-change-required");
  EXPECT_EQ(send(Method::get, "/api/v1/me", "fresh").status, 200);
}

TEST_F(PipelineTest, RequiresTheCsrfTokenForStateChanges) {
  Request request;
  request.method = Method::post;
  request.target = "/api/v1/users";
  request.headers.add("Cookie", "session=admin");
  request.headers.add("Content-Type", "application/json");
  request.body = "{}";

  const Response missing = send_request(request);
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(type_of(missing), "urn:lifeline:problem:csrf");

  request.headers.set("X-CSRF-Token", "csrf-other");
  EXPECT_EQ(send_request(request).status, 403);

  request.headers.set("X-CSRF-Token", "csrf-admin");
  EXPECT_EQ(send_request(request).status, 201);
}

TEST_F(PipelineTest, EmptyExpectedCsrfTokenNeverMatches) {
  class EmptyTokenAuthenticator final : public Authenticator {
    Result<std::optional<Principal>> authenticate(const Request&) override {
      Principal principal;
      principal.roles = {"administrator"};
      return principal;
    }
  } authenticator;
  Request request;
  request.method = Method::post;
  request.target = "/api/v1/users";
  request.headers.add("Content-Type", "application/json");
  request.body = "{}";
  EXPECT_EQ(dispatch(router_, authenticator, request, {}).status, 403);
  request.headers.add("X-CSRF-Token", "");
  EXPECT_EQ(dispatch(router_, authenticator, request, {}).status, 403);
}

TEST_F(PipelineTest, UnknownApiPathsAre404ForEveryMethod) {
  EXPECT_EQ(send(Method::post, "/api/v1/nothing", "admin", "{}").status, 404);
  EXPECT_EQ(send(Method::delete_, "/api/v1/nothing", "admin").status, 404);
  EXPECT_EQ(send(Method::post, "/some/ui/page", "admin", "{}").status, 405);
}

TEST_F(PipelineTest, AnAuthenticationFaultIs503ButPublicRoutesGoOn) {
  const Response refused = send(Method::get, "/api/v1/me", "database-down");
  EXPECT_EQ(refused.status, 503);
  EXPECT_TRUE(refused.headers.get("Retry-After").has_value());
  EXPECT_EQ(send(Method::get, "/healthz", "database-down").status, 200);
}

TEST_F(PipelineTest, RefusesNonJsonBodiesOnStateChanges) {
  Request request;
  request.method = Method::post;
  request.target = "/api/v1/session";
  request.headers.add("Content-Type", "application/x-www-form-urlencoded");
  request.body = "username=a&password=b";
  const Response response = send_request(request);
  EXPECT_EQ(response.status, 415);
  EXPECT_EQ(type_of(response), "urn:lifeline:problem:unsupported-media-type");

  request.headers.set("Content-Type", "application/json; charset=utf-8");
  request.body = "{}";
  EXPECT_EQ(send_request(request).status, 200);
}

TEST_F(PipelineTest, AnswersUnknownPathsAnd405WithAllow) {
  const Response not_found = send(Method::delete_, "/api/v1/me", "admin");
  EXPECT_EQ(not_found.status, 405);
  EXPECT_EQ(not_found.headers.get("Allow"), "GET, HEAD");
  EXPECT_EQ(observer_.route_pattern, "unmatched");
}

TEST_F(PipelineTest, RejectsBadTargetsWith400) {
  for (const char* target : {"/%2e%2e/etc/passwd", "/a%00", "http://evil/", "/bad%zz"}) {
    const Response response = send(Method::get, target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(observer_.route_pattern, "unmatched");
  }
}

TEST_F(PipelineTest, HidesHandlerExceptions) {
  auto stream = std::make_shared<std::ostringstream>();
  auto logger = std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(*stream));
  const auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  const Response response = send(Method::get, "/api/v1/broken?name=Maria");
  spdlog::set_default_logger(previous);

  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("Maria"), std::string::npos);
  EXPECT_EQ(response.body.find("database"), std::string::npos);
  const std::string log = stream->str();
  EXPECT_NE(log.find("GET /api/v1/broken"), std::string::npos);
  EXPECT_EQ(log.find("name=Maria"), std::string::npos);
}

void expect_security_headers(const Response& response) {
  EXPECT_EQ(response.headers.get("Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  EXPECT_EQ(response.headers.get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.headers.get("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(response.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.headers.get("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(response.headers.get("Permissions-Policy"), "camera=(), microphone=(), geolocation=()");
}

TEST_F(PipelineTest, PutsSecurityHeadersOnEveryResponse) {
  expect_security_headers(send(Method::get, "/api/v1/me", "admin"));  // 200 API
  expect_security_headers(send(Method::get, "/index.html"));          // 200 static
  expect_security_headers(send(Method::post, "/api/v1/nothing"));     // 405
  expect_security_headers(send(Method::get, "/api/v1/users/1"));      // 401
  expect_security_headers(send(Method::get, "/a%00"));                // 400
  Router empty;
  Request request;
  request.target = "/missing";
  const Response not_found = dispatch(empty, authenticator_, request, {});
  EXPECT_EQ(not_found.status, 404);
  expect_security_headers(not_found);
}

TEST_F(PipelineTest, SendsHstsOnlyOverTls) {
  EXPECT_EQ(send(Method::get, "/healthz").headers.get("Strict-Transport-Security"), std::nullopt);
  EXPECT_EQ(send(Method::get, "/healthz", {}, {}, true).headers.get("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
}

TEST_F(PipelineTest, ForbidsCachingOfApiResponsesOnly) {
  EXPECT_EQ(send(Method::get, "/api/v1/me", "admin").headers.get("Cache-Control"), "no-store");
  EXPECT_EQ(send(Method::get, "/api/v1/me").headers.get("Cache-Control"), "no-store");
  EXPECT_EQ(send(Method::get, "/healthz").headers.get("Cache-Control"), std::nullopt);
}

TEST_F(PipelineTest, HeadGetsTheGetResponseWithoutBody) {
  const Response response = send(Method::head, "/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(response.headers.get("Content-Length"), "2");
  EXPECT_EQ(observer_.method, "HEAD");
  EXPECT_EQ(observer_.route_pattern, "/healthz");
}

TEST_F(PipelineTest, DoesNotAuthenticateForStaticFiles) {
  send(Method::get, "/assets/app.js", "admin");
  EXPECT_EQ(authenticator_.calls, 0);
  send(Method::get, "/healthz", "admin");
  EXPECT_EQ(authenticator_.calls, 1);
}

TEST_F(PipelineTest, FillsPathAndQueryForHandlers) {
  add(Method::get, "/api/v1/echo", AccessRule::anyone(), [](Context& context) {
    return ok_text(context.request.path + "|" + context.request.query_param("q").value_or("-"));
  });
  EXPECT_EQ(send(Method::get, "/api/v1/echo?q=a+b").body, "/api/v1/echo|a b");
}

TEST(ConstantTimeEquals, ComparesContent) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
  EXPECT_TRUE(constant_time_equals("", ""));
}

}  // namespace
}  // namespace lifeline::http
