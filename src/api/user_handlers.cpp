// GET|POST /api/v1/users, PATCH /api/v1/users/{id} (administrators).
#include "api/common.hpp"
#include "api/services.hpp"
#include "domain/accounts/vocabulary.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

constexpr std::size_t kMaxRoles = 16;

http::Response list(Services& services, http::Context& context) {
  auto parameters = list_parameters(context.request);
  if (!parameters) return http::problem_from(parameters.error());
  auto page = services.accounts.list_users(parameters->after_id, parameters->limit);
  if (!page) return http::problem_from(page.error());
  return http::json_response(200, page_json(*page, user_json));
}

http::Response create(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto username = fields.text("username", true, 64);
  auto display_name = fields.text("display_name", false, 200);
  auto organisation_id = fields.integer("organisation_id", true);
  auto roles = fields.text_list("roles", true, kMaxRoles);
  auto password = fields.text("password", true, 1024);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  domain::NewUser user{*organisation_id, *username, display_name.value_or(""), *roles};
  auto created = services.accounts.create_user(actor_of(context), user, *password);
  if (!created) return http::problem_from(created.error());
  return http::json_response(201, user_json(*created));
}

http::Response update(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  domain::UserChanges changes;
  changes.display_name = fields.text("display_name", false, 200);
  changes.roles = fields.text_list("roles", false, kMaxRoles);
  changes.disabled = fields.boolean("disabled", false);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto updated = services.accounts.update_user(actor_of(context), *id, changes);
  if (!updated) return http::problem_from(updated.error());
  return http::json_response(200, user_json(*updated));
}

}  // namespace

void add_user_routes(http::Router& router, Services& services) {
  const auto administrators =
      http::AccessRule::roles_any({std::string(domain::role::administrator)});
  router.add({http::Method::get, "/api/v1/users", administrators,
              [&](http::Context& c) { return list(services, c); }, "List users"});
  router.add({http::Method::post, "/api/v1/users", administrators,
              [&](http::Context& c) { return create(services, c); },
              "Create a user with a one-time password"});
  router.add({http::Method::patch, "/api/v1/users/{id}", administrators,
              [&](http::Context& c) { return update(services, c); },
              "Change a user's display name, roles or disabled state"});
}

}  // namespace lifeline::api
