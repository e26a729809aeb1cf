// GET /api/v1/openapi.json: the OpenAPI 3 document of the whole API (checked against the
// router by api_test, so it cannot drift from the routes).
#include "api/services.hpp"
#include "http/message.hpp"

namespace lifeline::api {

std::string_view openapi_document();

void add_openapi_route(http::Router& router) {
  router.add({http::Method::get, "/api/v1/openapi.json", http::AccessRule::anyone(),
              [](http::Context&) {
                http::Response response;
                response.headers.set("Content-Type", "application/json; charset=utf-8");
                response.body = std::string(openapi_document());
                return response;
              },
              "This document"});
}

}  // namespace lifeline::api
