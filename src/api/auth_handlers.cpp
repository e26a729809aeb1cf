// POST /api/v1/auth/login, /logout, /logout-all.
#include <fmt/format.h>

#include "api/common.hpp"
#include "api/services.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

std::string session_cookie(const http::Request& request, std::string_view token,
                           UnixSeconds max_age) {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
                     session_cookie_name(request.secure), token, max_age,
                     request.secure ? "; Secure" : "");
}

http::Response login(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto username = fields.text("username", true, 256);
  auto password = fields.text("password", true, 1024);
  auto totp = fields.text("totp", false, 64);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());

  const auto previous = context.request.cookie(session_cookie_name(context.request.secure));
  domain::LoginAttempt attempt{*username, *password, totp.value_or(""),
                               context.request.remote_address, previous.value_or("")};
  auto signed_in = services.accounts.login(attempt);
  if (!signed_in) return http::problem_from(signed_in.error());
  auto response =
      http::json_response(200, {{"csrf_token", signed_in->csrf_token},
                                {"must_change_password", signed_in->must_change_password}});
  response.headers.add("Set-Cookie", session_cookie(context.request, signed_in->session_token,
                                                    services.policy.session_absolute));
  return response;
}

http::Response clear_cookie(const http::Request& request) {
  auto response = http::no_content();
  response.headers.add("Set-Cookie", session_cookie(request, "", 0));
  return response;
}

http::Response logout(Services& services, http::Context& context) {
  auto ended = services.accounts.logout(actor_of(context), session_id_of(context));
  if (!ended) return http::problem_from(ended.error());
  return clear_cookie(context.request);
}

http::Response logout_everywhere(Services& services, http::Context& context) {
  auto ended = services.accounts.logout_everywhere(actor_of(context));
  if (!ended) return http::problem_from(ended.error());
  return clear_cookie(context.request);
}

}  // namespace

void add_auth_routes(http::Router& router, Services& services) {
  router.add({http::Method::post, "/api/v1/auth/login", http::AccessRule::anyone(),
              [&](http::Context& c) { return login(services, c); },
              "Sign in; sets the session cookie and returns the CSRF token"});
  router.add({http::Method::post, "/api/v1/auth/logout",
              http::AccessRule::signed_in().before_password_change(),
              [&](http::Context& c) { return logout(services, c); }, "End this session"});
  router.add({http::Method::post, "/api/v1/auth/logout-all",
              http::AccessRule::signed_in().before_password_change(),
              [&](http::Context& c) { return logout_everywhere(services, c); },
              "End every session of the signed-in user"});
}

}  // namespace lifeline::api
