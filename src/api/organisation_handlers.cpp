// GET|POST /api/v1/orgs (administrators).
#include "api/common.hpp"
#include "api/services.hpp"
#include "domain/accounts/vocabulary.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

http::Response list(Services& services, http::Context& context) {
  auto parameters = list_parameters(context.request);
  if (!parameters) return http::problem_from(parameters.error());
  auto page = services.accounts.list_organisations(parameters->after_id, parameters->limit);
  if (!page) return http::problem_from(page.error());
  return http::json_response(200, page_json(*page, organisation_json));
}

http::Response create(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto name = fields.text("name", true, 200);
  auto type = fields.text("type", true, 64);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto created = services.accounts.create_organisation(actor_of(context), *name, *type);
  if (!created) return http::problem_from(created.error());
  return http::json_response(201, organisation_json(*created));
}

}  // namespace

void add_organisation_routes(http::Router& router, Services& services) {
  const auto administrators =
      http::AccessRule::roles_any({std::string(domain::role::administrator)});
  router.add({http::Method::get, "/api/v1/orgs", administrators,
              [&](http::Context& c) { return list(services, c); }, "List organisations"});
  router.add({http::Method::post, "/api/v1/orgs", administrators,
              [&](http::Context& c) { return create(services, c); }, "Create an organisation"});
}

}  // namespace lifeline::api
