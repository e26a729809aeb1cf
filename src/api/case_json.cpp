#include "api/case_json.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "http/problem.hpp"

namespace lifeline::api {
namespace {

using domain::nrm::CaseState;
using domain::nrm::Date;
using domain::nrm::StoredCase;
using nlohmann::json;

json optional_json(const std::optional<std::int64_t>& value) {
  return value ? json(*value) : json(nullptr);
}

json iso(Date date) {
  return domain::nrm::format_iso_date(date);
}

json decisions_json(const CaseState& state) {
  auto list = json::array();
  for (std::size_t i = 0; i < state.decisions.size(); ++i) {
    const auto& d = state.decisions[i];
    json item = {{"index", i},
                 {"kind", domain::nrm::to_string(d.kind)},
                 {"outcome", domain::nrm::to_string(d.outcome)},
                 {"decided_on", iso(d.decided_on)},
                 {"organisation_id", d.organisation_id},
                 {"user_id", d.user_id},
                 {"guardian_cosigned_by", optional_json(d.guardian_cosigned_by)}};
    if (d.reviews) item["reviews"] = *d.reviews;
    list.push_back(std::move(item));
  }
  return list;
}

json review_requests_json(const CaseState& state) {
  auto list = json::array();
  for (const auto& r : state.review_requests) {
    list.push_back({{"decision", r.decision},
                    {"requester", r.requester},
                    {"requested_on", iso(r.requested_on)},
                    {"answered", r.answered_by.has_value()}});
  }
  return list;
}

json reflection_json(const CaseState& state) {
  if (!state.reflection) return nullptr;
  const auto& period = *state.reflection;
  auto extensions = json::array();
  for (const auto& e : period.extensions) extensions.push_back({{"days", e.days}});
  return {{"start", iso(period.start)},
          {"minimum_days", period.minimum_days},
          {"minimum_end", iso(period.minimum_end())},
          {"end", iso(period.end())},
          {"extensions", std::move(extensions)}};
}

json closures_json(const CaseState& state) {
  auto list = json::array();
  for (const auto& c : state.closures) {
    list.push_back({{"reason", c.reason},
                    {"closed_on", iso(c.closed_on)},
                    {"reopened_on", c.reopened_on ? iso(*c.reopened_on) : json(nullptr)}});
  }
  return list;
}

json protection_json(const CaseState& state) {
  auto steps = json::array();
  for (const auto& step : state.legal_steps) {
    json item = {{"kind", step.kind}, {"outcome", step.outcome}, {"on", iso(step.on)}};
    if (step.amount) item["amount"] = *step.amount;
    if (step.refoulement_risk) item["refoulement_risk"] = *step.refoulement_risk;
    steps.push_back(std::move(item));
  }
  json plan = nullptr;
  if (state.return_plan) {
    plan = {{"country", state.return_plan->country},
            {"risk", state.return_plan->risk},
            {"receiving_organisation", state.return_plan->receiving_organisation},
            {"on", iso(state.return_plan->on)}};
  }
  auto follow_ups = json::array();
  for (const auto& f : state.follow_ups) {
    follow_ups.push_back(
        {{"on", iso(f.on)}, {"reached", f.reached}, {"re_trafficked", f.re_trafficked}});
  }
  return {{"legal_steps", std::move(steps)},
          {"return", std::move(plan)},
          {"follow_ups", std::move(follow_ups)},
          {"re_trafficked", state.re_trafficked()}};
}

json child_json(const StoredCase& stored) {
  const auto& state = stored.state;
  json guardian = nullptr;
  if (state.guardian) {
    guardian = {{"user_id", state.guardian->user_id},
                {"appointed_on", iso(state.guardian->appointed_on)}};
  }
  auto body = child_flags_json(stored);
  body.update(json{
      {"age_assessed_child",
       state.age_assessed_child ? json(*state.age_assessed_child) : json(nullptr)},
      {"guardian", std::move(guardian)},
      {"best_interests_assessed_on",
       state.best_interests_assessed_on ? iso(*state.best_interests_assessed_on) : json(nullptr)}});
  return body;
}

json services_json(const StoredCase& stored) {
  auto list = json::array();
  for (const auto& service : stored.services) {
    list.push_back({{"service_id", service.id},
                    {"type", service.type},
                    {"provider_org", service.provider_organisation_id},
                    {"shared_fields", service.shared_fields},
                    {"lawful_ground_recorded", service.lawful_ground_recorded},
                    {"status", domain::nrm::to_string(service.status)}});
  }
  return list;
}

json timeline_json(const std::vector<domain::nrm::TimelineEntry>& timeline) {
  auto list = json::array();
  for (const auto& entry : timeline) {
    json item = {
        {"id", entry.id},           {"at", entry.at},
        {"user_id", entry.user_id}, {"organisation_id", entry.organisation_id},
        {"kind", entry.event.kind}, {"detail", json::parse(entry.event.detail, nullptr, false)}};
    if (!entry.event.note.empty()) item["note"] = entry.event.note;
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace

Result<domain::nrm::CaseActor> case_actor(Services& services, const http::Context& context) {
  const auto& principal = context.principal.value();
  auto type = services.cases.organisation_type(principal.organisation_id);
  if (!type) return tl::unexpected(type.error());
  return domain::nrm::CaseActor{principal.user_id, principal.organisation_id, *type,
                                principal.roles};
}

Date today(const Services& services) {
  const std::chrono::sys_seconds now{std::chrono::seconds{services.clock.now()}};
  return Date{std::chrono::floor<std::chrono::days>(now)};
}

Date past_date(http::JsonFields& fields, std::string_view key, Date today) {
  auto text = fields.text(key, false, 10);
  if (!text) return today;
  auto date = domain::nrm::parse_iso_date(*text);
  if (!date) {
    fields.add_error(std::string(key), "must be a date, YYYY-MM-DD");
    return today;
  }
  if (*date > today) fields.add_error(std::string(key), "must not be in the future");
  return *date;
}

json status_json(const StoredCase& stored) {
  return {{"case_id", stored.id}, {"status", stored.status}, {"referred_on", stored.referred_on}};
}

std::vector<domain::nrm::Deadline> case_deadlines(const StoredCase& stored,
                                                  const Services& services) {
  auto deadlines = domain::nrm::deadlines(stored.state, services.case_policy, today(services));
  if (stored.state.status() == domain::nrm::CaseStatus::open) {
    auto waiting =
        domain::nrm::service_deadlines(stored.services, services.case_policy, today(services));
    deadlines.insert(deadlines.end(), waiting.begin(), waiting.end());
  }
  domain::nrm::most_urgent_first(deadlines);
  return deadlines;
}

// An age assessment that found an adult ends the child's situation too.
json child_flags_json(const StoredCase& stored) {
  const bool child = stored.state.is_child();
  const auto& situation = stored.referral.child_situation;
  return {{"is_child", child},
          {"child_situation", child && !situation.empty() ? json(situation) : json(nullptr)}};
}

json deadlines_json(const std::vector<domain::nrm::Deadline>& deadlines) {
  auto list = json::array();
  for (const auto& d : deadlines) {
    list.push_back({{"what", std::string(d.what)},
                    {"due", iso(d.due)},
                    {"status", domain::nrm::to_string(d.status)}});
  }
  return list;
}

json task_json(const domain::nrm::CaseTask& task, const Services& services) {
  const auto status =
      domain::nrm::deadline_status(task.due_on, today(services), task.done, services.case_policy);
  return {{"task_id", task.id},        {"case_id", task.case_id},
          {"owner_id", task.owner_id}, {"due_on", iso(task.due_on)},
          {"title", task.title},       {"created_by", task.created_by},
          {"done", task.done},         {"status", domain::nrm::to_string(status)}};
}

json full_case_json(const StoredCase& stored, const Services& services,
                    const domain::nrm::CaseDetails& details) {
  auto tasks_list = json::array();
  for (const auto& task : details.tasks) tasks_list.push_back(task_json(task, services));
  const auto& r = stored.referral;
  const auto& state = stored.state;
  auto body = status_json(stored);
  body.update(json{
      {"kind", domain::nrm::to_string(r.kind)},
      {"referring_organisation_id", stored.referring_organisation_id},
      {"sex", r.sex},
      {"citizenship", r.citizenship},
      {"age_band", r.age_band},
      {"country_of_exploitation", r.country_of_exploitation},
      {"exploitation_types", r.exploitation_types},
      {"indicators", r.indicators},
      {"needs", r.needs},
      {"consent", {{"explained_by", r.consent.explained_by}, {"language", r.consent.language}}},
      {"has_identity", r.kind == domain::nrm::ReferralKind::identified && !stored.identity_erased},
      {"identity_erased", stored.identity_erased},
      {"possible_duplicates", details.possible_duplicates},
      {"trafficking_status", domain::nrm::trafficking_status(state)},
      {"htcds_status", domain::nrm::htcds_case_status(state)},
      {"assigned_case_worker", optional_json(stored.assignment.case_worker_id)},
      {"assigned_decision_maker", optional_json(stored.assignment.decision_maker_id)},
      {"decisions", decisions_json(state)},
      {"review_requests", review_requests_json(state)},
      {"reflection", reflection_json(state)},
      {"closures", closures_json(state)},
      {"cooperates_with_police", state.cooperates_with_police},
      {"services", services_json(stored)},
      {"deadlines", deadlines_json(case_deadlines(stored, services))},
      {"timeline", timeline_json(details.timeline)},
      {"tasks", std::move(tasks_list)},
      {"version", stored.version}});
  body.update(child_json(stored));
  body.update(protection_json(state));
  return body;
}

Result<domain::nrm::CaseChange> service_status_change(
    const StoredCase& stored, std::int64_t service_id, std::optional<std::int64_t> provider_org,
    const std::string& note, std::string_view event_kind, const ServiceTransition& transition) {
  const auto it = std::ranges::find(stored.services, service_id, &domain::nrm::ServiceRecord::id);
  if (it == stored.services.end() ||
      (provider_org && it->provider_organisation_id != *provider_org)) {
    return fail(Errc::not_found, "no such service");
  }
  auto next = transition(*it);
  if (!next) return tl::unexpected(next.error());
  const json detail = {{"service_id", service_id},
                       {"type", next->type},
                       {"status", domain::nrm::to_string(next->status)}};
  return domain::nrm::CaseChange{stored.state,
                                 stored.assignment,
                                 {std::string(event_kind), detail.dump(), note},
                                 domain::nrm::ServiceChange{*next, ""}};
}

http::Response full_case_response(Services& services, const StoredCase& stored, int status) {
  auto details = services.cases.case_details(stored.id);
  if (!details) return http::problem_from(details.error());
  auto response = http::json_response(status, full_case_json(stored, services, *details));
  response.headers.set("ETag", fmt::format("\"{}\"", stored.version));
  return response;
}

}  // namespace lifeline::api
