// GET /api/v1/meta/vocabularies: the identifiers forms offer.
#include "api/common.hpp"
#include "api/services.hpp"
#include "domain/accounts/vocabulary.hpp"

namespace lifeline::api {
namespace {

nlohmann::json list_json(std::span<const std::string_view> ids) {
  auto list = nlohmann::json::array();
  for (auto id : ids) list.push_back(std::string(id));
  return list;
}

}  // namespace

void add_meta_routes(http::Router& router, Services& /*services*/) {
  router.add({http::Method::get, "/api/v1/meta/vocabularies", http::AccessRule::signed_in(),
              [](http::Context&) {
                return http::json_response(
                    200, {{"organisation_types", list_json(domain::organisation_types())},
                          {"roles", list_json(domain::roles())}});
              },
              "Organisation types and roles"});
}

}  // namespace lifeline::api
