// Every route of the API, in one list.
#include "api/services.hpp"

namespace lifeline::api {

void add_routes(http::Router& router, Services& services) {
  add_health_routes(router, services);
  add_openapi_route(router);
  add_auth_routes(router, services);
  add_me_routes(router, services);
  add_meta_routes(router, services);
  add_organisation_routes(router, services);
  add_user_routes(router, services);
  add_corpus_routes(router, services);
  add_case_routes(router, services);
  add_case_flow_routes(router, services);
  add_service_routes(router, services);
  add_audit_routes(router, services);
  add_stats_routes(router, services);
  add_hotline_routes(router, services);
  add_action_plan_routes(router, services);
  add_questionnaire_routes(router, services);
  add_xlsform_routes(router, services);
  add_stats_report_routes(router, services);
  add_stats_exchange_routes(router, services);
}

}  // namespace lifeline::api
