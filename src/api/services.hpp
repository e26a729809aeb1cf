// What the API handlers are given to work with; wired by src/app.
#pragma once

#include <string>

#include "domain/accounts/account_service.hpp"
#include "domain/hotline/hotline.hpp"
#include "domain/nrm/case_rules.hpp"
#include "domain/nrm/vocabulary.hpp"
#include "domain/stats/suppression.hpp"
#include "http/router.hpp"
#include "storage/database.hpp"

namespace lifeline::http {
class Metrics;
}
namespace lifeline::domain::corpus {
class CorpusStore;
}
namespace lifeline::search {
class CorpusSearch;
}
namespace lifeline::domain::nrm {
class CaseStore;
}
namespace lifeline::domain::monitoring {
class MonitoringStore;
}
namespace lifeline {
class Clock;
}
namespace lifeline::domain::hotline {
class HotlineStore;
}

namespace lifeline::api {

struct Services {
  domain::AccountService& accounts;
  storage::Database& database;
  http::Metrics& metrics;
  domain::AccountPolicy policy;  // for cookie lifetimes
  domain::corpus::CorpusStore& corpus;
  search::CorpusSearch& corpus_search;
  domain::nrm::CaseStore& cases;
  const Clock& clock;
  domain::nrm::CasePolicy case_policy;
  const domain::nrm::Checklist& indicators;  // the deployment's checklist of indicators
  domain::stats::StatsPolicy stats_policy;
  domain::hotline::HotlineStore& hotline;
  domain::hotline::HotlinePolicy hotline_policy;
  domain::monitoring::MonitoringStore& monitoring;
};

// Adds every API route; each handler file contributes its own.
void add_routes(http::Router& router, Services& services);

void add_health_routes(http::Router& router, Services& services);
void add_auth_routes(http::Router& router, Services& services);
void add_me_routes(http::Router& router, Services& services);
void add_organisation_routes(http::Router& router, Services& services);
void add_user_routes(http::Router& router, Services& services);
void add_meta_routes(http::Router& router, Services& services);
void add_openapi_route(http::Router& router);
void add_corpus_routes(http::Router& router, Services& services);
void add_case_routes(http::Router& router, Services& services);
void add_case_flow_routes(http::Router& router, Services& services);
void add_service_routes(http::Router& router, Services& services);
void add_audit_routes(http::Router& router, Services& services);
void add_stats_routes(http::Router& router, Services& services);
void add_hotline_routes(http::Router& router, Services& services);
void add_action_plan_routes(http::Router& router, Services& services);
void add_questionnaire_routes(http::Router& router, Services& services);
void add_xlsform_routes(http::Router& router, Services& services);
void add_stats_report_routes(http::Router& router, Services& services);
void add_stats_exchange_routes(http::Router& router, Services& services);

}  // namespace lifeline::api
