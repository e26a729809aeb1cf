// GET /api/v1/me; password change; TOTP enrolment.
#include "api/common.hpp"
#include "api/services.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

http::Response me(Services& services, http::Context& context) {
  auto profile = services.accounts.profile(actor_of(context));
  if (!profile) return http::problem_from(profile.error());
  const auto& user = profile->user;
  return http::json_response(200, {{"user",
                                    {{"id", user.id},
                                     {"username", user.username},
                                     {"display_name", user.display_name},
                                     {"must_change_password", user.must_change_password},
                                     {"totp_enabled", user.totp_enabled}}},
                                   {"organisation", organisation_json(profile->organisation)},
                                   {"roles", user.roles},
                                   {"csrf_token", context.principal->csrf_token}});
}

http::Response change_password(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto current = fields.text("current_password", true, 1024);
  auto next = fields.text("new_password", true, 1024);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto changed =
      services.accounts.change_password(actor_of(context), session_id_of(context), *current, *next);
  if (!changed) return http::problem_from(changed.error());
  return http::no_content();
}

http::Response begin_totp(Services& services, http::Context& context) {
  auto enrolment = services.accounts.begin_totp(actor_of(context));
  if (!enrolment) return http::problem_from(enrolment.error());
  return http::json_response(
      200, {{"secret", enrolment->secret}, {"otpauth_uri", enrolment->otpauth_uri}});
}

http::Response confirm_totp(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto code = fields.text("code", true, 16);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto codes = services.accounts.confirm_totp(actor_of(context), *code);
  if (!codes) return http::problem_from(codes.error());
  return http::json_response(200, {{"recovery_codes", *codes}});
}

http::Response disable_totp(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto password = fields.text("password", true, 1024);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto disabled = services.accounts.disable_totp(actor_of(context), *password);
  if (!disabled) return http::problem_from(disabled.error());
  return http::no_content();
}

}  // namespace

void add_me_routes(http::Router& router, Services& services) {
  const auto early = http::AccessRule::signed_in().before_password_change();
  router.add({http::Method::get, "/api/v1/me", early,
              [&](http::Context& c) { return me(services, c); },
              "The signed-in user, their organisation and roles"});
  router.add({http::Method::post, "/api/v1/me/password", early,
              [&](http::Context& c) { return change_password(services, c); },
              "Change the signed-in user's password"});
  router.add({http::Method::post, "/api/v1/me/totp/enrol", http::AccessRule::signed_in(),
              [&](http::Context& c) { return begin_totp(services, c); },
              "Start two-step sign-in: a new TOTP secret"});
  router.add({http::Method::post, "/api/v1/me/totp/confirm", http::AccessRule::signed_in(),
              [&](http::Context& c) { return confirm_totp(services, c); },
              "Confirm the TOTP secret with a code; returns recovery codes once"});
  router.add({http::Method::post, "/api/v1/me/totp/disable", http::AccessRule::signed_in(),
              [&](http::Context& c) { return disable_totp(services, c); },
              "Turn two-step sign-in off"});
}

}  // namespace lifeline::api
