// POST /api/v1/referrals and GET /api/v1/cases/{id}[/identity]: the National Referral
// Mechanism's intake. What a caller sees of a case follows domain/nrm/case_store.hpp.
#include "api/case_json.hpp"
#include "api/common.hpp"
#include "domain/nrm/case_store.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

using domain::nrm::CaseActor;
using domain::nrm::CaseView;
using domain::nrm::ReferralInput;
using domain::nrm::StoredCase;

constexpr std::size_t kMaxListItems = 100;
constexpr std::size_t kMaxTextLength = 200;

// Reads a nested object's fields, reporting its errors as "<object>.<field>".
template <class Read>
void read_object(http::JsonFields& outer, std::string_view key, Read read) {
  const auto* value = outer.raw(key, false);
  if (value == nullptr) return;
  if (!value->is_object()) {
    outer.add_error(std::string(key), "must be an object");
    return;
  }
  http::JsonFields inner(*value);
  read(inner);
  if (auto finished = inner.finish(); !finished) {
    for (const auto& field : finished.error().fields) {
      outer.add_error(std::string(key) + "." + field.field, field.message);
    }
  }
}

struct ReferralRequest {
  ReferralInput input;
  domain::nrm::Date referred_on{};
};

// `referred_on` may name an earlier day, for a referral recorded after the first contact.
Result<ReferralRequest> referral_input(const nlohmann::json& body, domain::nrm::Date today) {
  http::JsonFields fields(body);
  ReferralRequest request;
  auto& input = request.input;
  read_object(fields, "person", [&](http::JsonFields& person) {
    input.person.given_name = person.text("given_name", false, kMaxTextLength);
    input.person.family_name = person.text("family_name", false, kMaxTextLength);
    input.person.date_of_birth = person.text("date_of_birth", false, 10);
    input.person.sex = person.text("sex", false, 64);
    input.person.citizenship = person.text("citizenship", false, 2);
  });
  read_object(fields, "consent", [&](http::JsonFields& consent) {
    input.consent.given = consent.boolean("given", true).value_or(false);
    input.consent.explained_by = consent.text("explained_by", false, kMaxTextLength).value_or("");
    input.consent.language = consent.text("language", false, 64).value_or("");
  });
  input.is_child = fields.boolean("is_child", false).value_or(false);
  input.child_situation = fields.text("child_situation", false, 32).value_or("");
  auto list = [&](std::string_view key) {
    return fields.text_list(key, false, kMaxListItems, 64).value_or(std::vector<std::string>{});
  };
  input.exploitation_types = list("exploitation_types");
  input.country_of_exploitation = fields.text("country_of_exploitation", false, 2).value_or("");
  input.indicators = list("indicators");
  input.needs = list("needs");
  request.referred_on = past_date(fields, "referred_on", today);
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  return request;
}

http::Response create_referral(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  auto request = referral_input(*body, today(services));
  if (!request) return http::problem_from(request.error());
  auto referral =
      domain::nrm::validate_referral(request->input, services.indicators, request->referred_on);
  if (!referral) return http::problem_from(referral.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto id = services.cases.create_referral(*referral, *actor, services.clock.now(),
                                           domain::nrm::format_iso_date(request->referred_on));
  if (!id) return http::problem_from(id.error());
  return http::json_response(201,
                             {{"case_id", *id}, {"kind", domain::nrm::to_string(referral->kind)}});
}

// The case a caller may see, or a 404 that does not tell whether it exists.
Result<std::pair<StoredCase, CaseView>> visible_case(Services& services,
                                                     const http::Context& context,
                                                     const CaseActor& actor) {
  auto id = id_parameter(context, "id");
  if (!id) return tl::unexpected(id.error());
  auto found = services.cases.find_case(*id);
  if (!found) return tl::unexpected(found.error());
  const auto view = *found ? domain::nrm::case_view(actor, (*found)->parties()) : CaseView::none;
  if (view == CaseView::none) return fail(Errc::not_found, "no such case");
  return std::pair{std::move(**found), view};
}

// The scope of the case list: the intake queue and one's own cases for the competent
// authority's staff, the children one is guardian of, or one's organisation's referrals.
domain::nrm::CaseScope list_scope(const CaseActor& actor) {
  domain::nrm::CaseScope scope;
  if (domain::nrm::is_authority_staff(actor)) {
    scope.staff_user_id = actor.user_id;
  } else if (domain::nrm::has_role(actor, domain::nrm::nrm_role::guardian)) {
    scope.guardian_id = actor.user_id;
  } else {
    scope.referring_organisation_id = actor.organisation_id;
  }
  return scope;
}

// The competent authority's staff and guardians see more of each case than a referrer, who
// sees the status of their own organisation's referrals only.
http::Response list_cases(Services& services, http::Context& context) {
  auto paging = list_parameters(context.request);
  if (!paging) return http::problem_from(paging.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  const int limit = paging->limit > 0 ? paging->limit : 50;
  const auto scope = list_scope(*actor);
  auto cases = services.cases.list_cases(paging->after_id, limit + 1, scope);
  if (!cases) return http::problem_from(cases.error());
  auto item_json = [&](const StoredCase& c) {
    auto item = status_json(c);
    if (domain::nrm::case_view(*actor, c.parties()) == CaseView::full) {
      item["kind"] = domain::nrm::to_string(c.referral.kind);
      item.update(child_flags_json(c));
      item["exploitation_types"] = c.referral.exploitation_types;
      item["in_intake"] = !c.assignment.case_worker_id.has_value();
      item["deadlines"] = deadlines_json(case_deadlines(c, services));
    }
    return item;
  };
  return http::json_response(
      200, fetched_page_json(
               *cases, limit, [](const StoredCase& c) { return c.id; }, item_json));
}

http::Response get_case(Services& services, http::Context& context) {
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto visible = visible_case(services, context, *actor);
  if (!visible) return http::problem_from(visible.error());
  const auto& [stored, view] = *visible;
  if (view == CaseView::status_only) return http::json_response(200, status_json(stored));
  return full_case_response(services, stored);
}

// A case worker's or decision maker's open cases, the case with the most urgent deadline
// first; cases without a pending deadline last.
http::Response my_cases(Services& services, http::Context& context) {
  auto cases = services.cases.assigned_open_cases(context.principal->user_id);
  if (!cases) return http::problem_from(cases.error());
  std::vector<std::pair<const StoredCase*, std::vector<domain::nrm::Deadline>>> rows;
  rows.reserve(cases->size());
  for (const auto& c : *cases) rows.emplace_back(&c, case_deadlines(c, services));
  std::ranges::stable_sort(rows, [](const auto& a, const auto& b) {
    if (a.second.empty() || b.second.empty()) return !a.second.empty() && b.second.empty();
    return domain::nrm::more_urgent(a.second.front(), b.second.front());
  });
  auto items = nlohmann::json::array();
  for (const auto& [stored, deadlines] : rows) {
    auto item = status_json(*stored);
    item.update(child_flags_json(*stored));
    item["deadlines"] = deadlines_json(deadlines);
    items.push_back(std::move(item));
  }
  return http::json_response(200, {{"items", std::move(items)}});
}

http::Response get_identity(Services& services, http::Context& context) {
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto visible = visible_case(services, context, *actor);
  if (!visible) return http::problem_from(visible.error());
  if (!domain::nrm::may_see_identity(*actor, visible->first.parties())) {
    return http::problem(403, "forbidden", "Forbidden",
                         "only the competent authority's case workers and decision makers and a "
                         "child's guardian see identity fields");
  }
  auto identity = services.cases.reveal_identity(visible->first.id, *actor, services.clock.now());
  if (!identity) return http::problem_from(identity.error());
  if (!*identity) {
    return http::problem(404, "not-found", "Not found",
                         "no identity is recorded for this case: it is an anonymous notification, "
                         "or its identity was erased after the retention period");
  }
  return http::json_response(200, {{"given_name", (*identity)->given_name},
                                   {"family_name", (*identity)->family_name},
                                   {"date_of_birth", (*identity)->date_of_birth}});
}

// My open tasks on open cases, the earliest due first.
http::Response my_tasks(Services& services, http::Context& context) {
  auto tasks = services.cases.open_tasks(context.principal->user_id);
  if (!tasks) return http::problem_from(tasks.error());
  auto items = nlohmann::json::array();
  for (const auto& task : *tasks) items.push_back(task_json(task, services));
  return http::json_response(200, {{"items", std::move(items)}});
}

// Names for the ids a case carries, for the competent authority's staff.
http::Response directory(Services& services, http::Context&) {
  auto found = services.cases.directory();
  if (!found) return http::problem_from(found.error());
  auto people = nlohmann::json::array();
  for (const auto& person : found->people) {
    people.push_back({{"user_id", person.user_id},
                      {"display_name", person.display_name},
                      {"organisation_id", person.organisation_id},
                      {"roles", person.roles}});
  }
  auto organisations = nlohmann::json::array();
  for (const auto& org : found->organisations) {
    organisations.push_back({{"id", org.id}, {"name", org.name}, {"type", org.type}});
  }
  return http::json_response(
      200, {{"people", std::move(people)}, {"organisations", std::move(organisations)}});
}

}  // namespace

void add_case_routes(http::Router& router, Services& services) {
  using domain::nrm::nrm_role::case_worker;
  using domain::nrm::nrm_role::decision_maker;
  using domain::nrm::nrm_role::first_responder;
  using domain::nrm::nrm_role::guardian;
  router.add({http::Method::post, "/api/v1/referrals",
              http::AccessRule::roles_any({std::string(first_responder), std::string(case_worker)}),
              [&](http::Context& c) { return create_referral(services, c); },
              "Refer a presumed victim"});
  router.add({http::Method::get, "/api/v1/cases",
              http::AccessRule::roles_any({std::string(first_responder), std::string(case_worker),
                                           std::string(decision_maker), std::string(guardian)}),
              [&](http::Context& c) { return list_cases(services, c); },
              "The intake queue, or one's own referrals"});
  router.add({http::Method::get, "/api/v1/cases/{id}", http::AccessRule::signed_in(),
              [&](http::Context& c) { return get_case(services, c); },
              "A case as the caller may see it"});
  router.add({http::Method::get, "/api/v1/me/tasks",
              http::AccessRule::roles_any({std::string(case_worker), std::string(decision_maker)}),
              [&](http::Context& c) { return my_tasks(services, c); },
              "My open tasks, the earliest due first"});
  router.add({http::Method::get, "/api/v1/nrm/directory",
              http::AccessRule::roles_any({std::string(case_worker), std::string(decision_maker)}),
              [&](http::Context& c) { return directory(services, c); },
              "Names of the authority's staff, the guardians and the organisations"});
  router.add({http::Method::get, "/api/v1/me/cases",
              http::AccessRule::roles_any({std::string(case_worker), std::string(decision_maker)}),
              [&](http::Context& c) { return my_cases(services, c); },
              "My open cases, the most urgent deadline first"});
  router.add({http::Method::get, "/api/v1/cases/{id}/identity",
              http::AccessRule::roles_any(
                  {std::string(case_worker), std::string(decision_maker), std::string(guardian)}),
              [&](http::Context& c) { return get_identity(services, c); },
              "The identity fields of a case (audited)"});
}

}  // namespace lifeline::api
