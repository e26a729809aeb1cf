// What the NRM case handlers share: who is acting, today's date, and a case as JSON.
#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/services.hpp"
#include "domain/nrm/case_store.hpp"
#include "http/json_body.hpp"
#include "http/router.hpp"

namespace lifeline::api {

Result<domain::nrm::CaseActor> case_actor(Services& services, const http::Context& context);

// Deadlines count in the deployment's calendar; until a time zone is configured it is UTC.
domain::nrm::Date today(const Services& services);

// An optional date field ("decided_on", ...): today when absent; never in the future, since
// a record states what has happened. Errors are added to `fields`.
domain::nrm::Date past_date(http::JsonFields& fields, std::string_view key,
                            domain::nrm::Date today);

// The referral's status as its referrer may see it.
nlohmann::json status_json(const domain::nrm::StoredCase& stored);

// Whether the person is (presumed) a child, and whether unaccompanied or separated: the flags
// every list of cases shows.
nlohmann::json child_flags_json(const domain::nrm::StoredCase& stored);

// The deadlines of an open case as of today, most urgent first.
std::vector<domain::nrm::Deadline> case_deadlines(const domain::nrm::StoredCase& stored,
                                                  const Services& services);
nlohmann::json deadlines_json(const std::vector<domain::nrm::Deadline>& deadlines);

// The whole case as the competent authority sees it, identity apart.
nlohmann::json full_case_json(const domain::nrm::StoredCase& stored, const Services& services,
                              const domain::nrm::CaseDetails& details);

// A task with its status as of today (overdue, due_today, due_soon, upcoming, or met once done).
nlohmann::json task_json(const domain::nrm::CaseTask& task, const Services& services);

// A new status of service `service_id` of the case by `transition`, recorded on the timeline as
// `event_kind` with `note`. When `provider_org` is given, the service must be referred to it:
// a provider learns nothing of services that are not its own.
using ServiceTransition =
    std::function<Result<domain::nrm::ServiceRecord>(const domain::nrm::ServiceRecord&)>;
Result<domain::nrm::CaseChange> service_status_change(const domain::nrm::StoredCase& stored,
                                                      std::int64_t service_id,
                                                      std::optional<std::int64_t> provider_org,
                                                      const std::string& note,
                                                      std::string_view event_kind,
                                                      const ServiceTransition& transition);

// The whole case, its timeline and tasks, and an ETag naming its version.
http::Response full_case_response(Services& services, const domain::nrm::StoredCase& stored,
                                  int status = 200);

}  // namespace lifeline::api
