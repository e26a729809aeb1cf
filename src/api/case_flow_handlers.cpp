// The NRM case after referral: decisions, reviews, the reflection period, the guardian of a
// child, assessments, closure and reopening, notes and assignment. Every change goes through
// CaseStore::change_case, so the rules of domain/nrm/case_rules.hpp, the If-Match version
// check, the timeline and the audit trail apply to each in the same way.
#include "api/case_json.hpp"
#include "api/common.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

using domain::nrm::CaseActor;
using domain::nrm::CaseChange;
using domain::nrm::CaseChangeRule;
using domain::nrm::CaseState;
using domain::nrm::CaseView;
using domain::nrm::Date;
using domain::nrm::StoredCase;
using nlohmann::json;

constexpr std::size_t kMaxNoteLength = domain::nrm::kMaxReasonsBytes;

// What a request asks for, read and checked before the case is touched.
struct Input {
  const http::Context& context;
  http::JsonFields& fields;
  const CaseActor& actor;
  const Services& services;
  Date today;
};
// Reads the request into the rule that will change the case; fails only when a lookup fails.
using Prepare = std::function<Result<CaseChangeRule>(Input&)>;

// If-Match: "<version>" (or W/"<version>"); "*" and no header at all match any version.
Result<std::optional<std::int64_t>> expected_version(const http::Request& request) {
  auto header = request.headers.get("If-Match");
  if (!header || *header == "*") return std::optional<std::int64_t>{};
  std::string_view tag = *header;
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  std::optional<std::int64_t> version;
  if (tag.size() >= 3 && tag.front() == '"' && tag.back() == '"') {
    version = parse_integer(tag.substr(1, tag.size() - 2));
  }
  if (!version) {
    return fail(Errc::precondition_failed,
                "If-Match must be the ETag of the case as last read, e.g. \"3\"", "stale-version");
  }
  return version;
}

// Only the competent authority's staff who see the case change it; the others learn no more
// than they may see.
Result<void> may_change(const CaseActor& actor, const StoredCase& stored) {
  switch (domain::nrm::case_view(actor, stored.parties())) {
    case CaseView::none:
      return fail(Errc::not_found, "no such case");
    case CaseView::status_only:
      return fail(Errc::forbidden, "a referrer sees the status of a referral and changes nothing");
    case CaseView::full:
      break;
  }
  if (!domain::nrm::is_authority_staff(actor)) {
    return fail(Errc::forbidden, "only the competent authority's staff change a case");
  }
  return {};
}

http::Response run_change(Services& services, http::Context& context, std::string_view action,
                          const Prepare& prepare) {
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto version = expected_version(context.request);
  if (!version) return http::problem_from(version.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  Input input{context, fields, *actor, services, today(services)};
  auto rule = prepare(input);
  if (!rule) return http::problem_from(rule.error());
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto changed =
      services.cases.change_case(*id, *version, *actor, services.clock.now(), action,
                                 [&](const StoredCase& stored) -> Result<CaseChange> {
                                   if (auto allowed = may_change(*actor, stored); !allowed) {
                                     return tl::unexpected(allowed.error());
                                   }
                                   return (*rule)(stored);
                                 });
  if (!changed) return http::problem_from(changed.error());
  return full_case_response(services, *changed);
}

// A change of the rule state by `apply`, recorded as `kind` with `detail` and `note`.
template <class Apply>
CaseChangeRule state_change(std::string kind, json detail, std::string note, Apply apply) {
  return [kind = std::move(kind), detail = std::move(detail), note = std::move(note),
          apply = std::move(apply)](const StoredCase& stored) -> Result<CaseChange> {
    Result<CaseState> next = apply(stored.state);
    if (!next) return tl::unexpected(next.error());
    return CaseChange{
        std::move(*next), stored.assignment, {kind, detail.dump(), note}, std::nullopt};
  };
}

std::string iso(Date date) {
  return domain::nrm::format_iso_date(date);
}

std::string optional_note(Input& in, std::string_view key = "note") {
  return in.fields.text(key, false, kMaxNoteLength).value_or("");
}

template <class T>
T parsed_or(Input& in, std::string_view key, const Result<T>& parsed, T fallback) {
  if (parsed) return *parsed;
  in.fields.add_error(std::string(key), "is not a known value");
  return fallback;
}

CaseChangeRule decision(Input& in) {
  domain::nrm::DecisionRequest request;
  const auto kind = in.fields.text("kind", true, 32).value_or("");
  const auto outcome = in.fields.text("outcome", true, 16).value_or("");
  request.reasons = in.fields.text("reasons", true, kMaxNoteLength).value_or("");
  request.decided_on = past_date(in.fields, "decided_on", in.today);
  if (!kind.empty()) {
    request.kind = parsed_or(in, "kind", domain::nrm::parse_decision_kind(kind), request.kind);
  }
  if (!outcome.empty()) {
    request.outcome =
        parsed_or(in, "outcome", domain::nrm::parse_outcome(outcome), request.outcome);
  }
  if (auto reviews = in.fields.integer("reviews", false)) {
    if (*reviews < 0) in.fields.add_error("reviews", "must be a decision's index");
    request.reviews = static_cast<std::size_t>(std::max<std::int64_t>(*reviews, 0));
  }
  request.guardian_cosigned_by = in.fields.integer("guardian_cosigned_by", false);
  request.organisation_id = in.actor.organisation_id;
  request.user_id = in.actor.user_id;
  return [request, policy = in.services.case_policy](const StoredCase& stored) {
    json detail = {{"index", stored.state.decisions.size()},
                   {"kind", domain::nrm::to_string(request.kind)},
                   {"outcome", domain::nrm::to_string(request.outcome)},
                   {"decided_on", iso(request.decided_on)}};
    if (request.reviews) detail["reviews"] = *request.reviews;
    return state_change("decision", std::move(detail), request.reasons, [&](const CaseState& s) {
      return domain::nrm::record_decision(s, request, policy);
    })(stored);
  };
}

CaseChangeRule review_request(Input& in) {
  const auto decision = in.fields.integer("decision", true).value_or(-1);
  const auto requester = in.fields.text("requester", true, 64).value_or("");
  const auto on = past_date(in.fields, "requested_on", in.today);
  auto note = optional_note(in);
  if (decision < 0) in.fields.add_error("decision", "must be a decision's index");
  const auto index = static_cast<std::size_t>(std::max<std::int64_t>(decision, 0));
  return state_change(
      "review_request", {{"decision", index}, {"requester", requester}, {"requested_on", iso(on)}},
      std::move(note),
      [=](const CaseState& s) { return domain::nrm::request_review(s, index, requester, on); });
}

CaseChangeRule reflection_extension(Input& in) {
  const auto days = in.fields.integer("days", true).value_or(0);
  auto reason = in.fields.text("reason", true, kMaxNoteLength).value_or("");
  const int whole_days = static_cast<int>(std::clamp<std::int64_t>(days, -1, 100000));
  return state_change("reflection_extension", {{"days", whole_days}}, reason,
                      [whole_days, reason](const CaseState& s) {
                        return domain::nrm::extend_reflection(s, whole_days, reason);
                      });
}

// Whether `user_id` names an enabled user for whom `is_fit` holds; adds `message` to `key`
// otherwise.
template <class Fit>
Result<void> check_party(Input& in, std::string_view key, std::int64_t user_id, Fit is_fit,
                         std::string_view message) {
  auto party = in.services.cases.case_party(user_id);
  if (!party) return tl::unexpected(party.error());
  if (!*party || !is_fit(**party)) in.fields.add_error(std::string(key), std::string(message));
  return {};
}

// The guardian must be an enabled user with the guardian role.
Result<CaseChangeRule> guardian(Input& in) {
  const auto user_id = in.fields.integer("user_id", true).value_or(0);
  const auto on = past_date(in.fields, "appointed_on", in.today);
  auto checked = check_party(
      in, "user_id", user_id,
      [](const CaseActor& party) {
        return domain::nrm::has_role(party, domain::nrm::nrm_role::guardian);
      },
      "is not a user with the guardian role");
  if (!checked) return tl::unexpected(checked.error());
  return state_change(
      "guardian_appointment", {{"user_id", user_id}, {"appointed_on", iso(on)}}, "",
      [=](const CaseState& s) { return domain::nrm::appoint_guardian(s, user_id, on); });
}

CaseChangeRule age_assessment(Input& in) {
  const bool is_child = in.fields.boolean("is_child", true).value_or(true);
  const auto on = past_date(in.fields, "assessed_on", in.today);
  return state_change(
      "age_assessment", {{"is_child", is_child}, {"assessed_on", iso(on)}}, optional_note(in),
      [=](const CaseState& s) { return domain::nrm::record_age_assessment(s, is_child, on); });
}

CaseChangeRule best_interests_assessment(Input& in) {
  const auto on = past_date(in.fields, "assessed_on", in.today);
  return state_change(
      "best_interests_assessment", {{"assessed_on", iso(on)}}, optional_note(in),
      [=](const CaseState& s) { return domain::nrm::record_best_interests_assessment(s, on); });
}

CaseChangeRule closure(Input& in) {
  const auto reason = in.fields.text("reason", true, 64).value_or("");
  const auto on = past_date(in.fields, "closed_on", in.today);
  return state_change("closure", {{"reason", reason}, {"closed_on", iso(on)}}, optional_note(in),
                      [=](const CaseState& s) { return domain::nrm::close_case(s, reason, on); });
}

CaseChangeRule reopening(Input& in) {
  const auto on = past_date(in.fields, "reopened_on", in.today);
  return state_change("reopening", {{"reopened_on", iso(on)}}, optional_note(in),
                      [=](const CaseState& s) { return domain::nrm::reopen_case(s, on); });
}

CaseChangeRule police_cooperation(Input& in) {
  const bool cooperates = in.fields.boolean("cooperates", true).value_or(false);
  return state_change(
      "police_cooperation", {{"cooperates", cooperates}}, optional_note(in),
      [=](const CaseState& s) { return domain::nrm::record_police_cooperation(s, cooperates); });
}

CaseChangeRule note(Input& in) {
  auto text = in.fields.text("text", true, kMaxNoteLength).value_or("");
  return state_change("note", json::object(), std::move(text),
                      [](const CaseState& s) -> Result<CaseState> { return s; });
}

// One side of the assignment: absent (or null) leaves it empty; an id names an enabled member
// of the competent authority with `role`.
Result<std::optional<std::int64_t>> assignee(Input& in, std::string_view key,
                                             std::string_view role) {
  const auto user_id = in.fields.integer(key, false);
  if (!user_id) return std::optional<std::int64_t>{};
  auto checked = check_party(
      in, key, *user_id,
      [role](const CaseActor& party) {
        return domain::nrm::is_authority_staff(party) && domain::nrm::has_role(party, role);
      },
      std::string("is not a ").append(role).append(" of the competent authority"));
  if (!checked) return tl::unexpected(checked.error());
  return user_id;
}

// The assignment becomes exactly what the request names: without a case worker the case goes
// back to the intake queue.
Result<CaseChangeRule> assignment(Input& in) {
  auto worker = assignee(in, "case_worker_id", domain::nrm::nrm_role::case_worker);
  if (!worker) return tl::unexpected(worker.error());
  auto maker = assignee(in, "decision_maker_id", domain::nrm::nrm_role::decision_maker);
  if (!maker) return tl::unexpected(maker.error());
  const domain::nrm::Assignment next{*worker, *maker};
  auto id_json = [](const std::optional<std::int64_t>& id) { return id ? json(*id) : json(); };
  const json detail = {{"case_worker_id", id_json(next.case_worker_id)},
                       {"decision_maker_id", id_json(next.decision_maker_id)}};
  return CaseChangeRule([next, detail](const StoredCase& stored) -> Result<CaseChange> {
    return CaseChange{stored.state, next, {"assignment", detail.dump(), ""}, std::nullopt};
  });
}

CaseChangeRule legal_step(Input& in) {
  domain::nrm::LegalStep step;
  step.kind = in.fields.text("kind", true, 64).value_or("");
  step.outcome = in.fields.text("outcome", true, 64).value_or("");
  step.on = past_date(in.fields, "on", in.today);
  step.amount = in.fields.integer("amount", false);
  step.refoulement_risk = in.fields.boolean("refoulement_risk", false);
  json detail = {{"kind", step.kind}, {"outcome", step.outcome}, {"on", iso(step.on)}};
  if (step.amount) detail["amount"] = *step.amount;
  if (step.refoulement_risk) detail["refoulement_risk"] = *step.refoulement_risk;
  return state_change(
      "legal_step", std::move(detail), optional_note(in),
      [step](const CaseState& s) { return domain::nrm::record_legal_step(s, step); });
}

CaseChangeRule return_plan(Input& in) {
  domain::nrm::ReturnPlan plan;
  plan.country = in.fields.text("country", true, 2).value_or("");
  plan.risk = in.fields.text("risk", true, 16).value_or("");
  plan.receiving_organisation = in.fields.text("receiving_organisation", true, 200).value_or("");
  plan.on = past_date(in.fields, "on", in.today);
  const bool voluntary = in.fields.boolean("voluntary", true).value_or(false);
  const json detail = {{"country", plan.country},
                       {"risk", plan.risk},
                       {"receiving_organisation", plan.receiving_organisation},
                       {"on", iso(plan.on)}};
  return state_change("return", detail, optional_note(in), [plan, voluntary](const CaseState& s) {
    return domain::nrm::record_return(s, plan, voluntary);
  });
}

CaseChangeRule follow_up(Input& in) {
  domain::nrm::FollowUp contact;
  contact.on = past_date(in.fields, "on", in.today);
  contact.reached = in.fields.boolean("reached", true).value_or(false);
  contact.re_trafficked = in.fields.boolean("re_trafficked", false).value_or(false);
  const json detail = {{"on", iso(contact.on)},
                       {"reached", contact.reached},
                       {"re_trafficked", contact.re_trafficked}};
  return state_change("follow_up", detail, optional_note(in), [contact](const CaseState& s) {
    return domain::nrm::record_follow_up(s, contact);
  });
}

// What the case says about consent and identity, for sharing its fields with a provider.
domain::nrm::SharingBasis sharing_basis(const StoredCase& stored, const CaseActor& actor) {
  const auto& referral = stored.referral;
  const bool identified = referral.kind == domain::nrm::ReferralKind::identified;
  return {identified && referral.consent.given && !stored.state.is_child(), identified,
          domain::nrm::has_role(actor, domain::nrm::nrm_role::decision_maker)};
}

Result<CaseChangeRule> service_referral(Input& in) {
  domain::nrm::ServiceReferral referral;
  referral.type = in.fields.text("type", true, 64).value_or("");
  referral.provider_organisation_id = in.fields.integer("provider_org", true).value_or(0);
  referral.shared_fields =
      in.fields.text_list("shared_fields", true, 32, 64).value_or(std::vector<std::string>{});
  referral.lawful_ground = in.fields.text("lawful_ground", false, kMaxNoteLength).value_or("");
  if (referral.provider_organisation_id > 0) {
    auto type = in.services.cases.organisation_type(referral.provider_organisation_id);
    if (!type) return tl::unexpected(type.error());
    referral.provider_organisation_type = *type;
  }
  return CaseChangeRule([referral, actor = in.actor,
                         today = in.today](const StoredCase& stored) -> Result<CaseChange> {
    auto record =
        domain::nrm::check_service_referral(referral, sharing_basis(stored, actor), today);
    if (!record) return tl::unexpected(record.error());
    const json detail = {{"type", record->type},
                         {"provider_org", record->provider_organisation_id},
                         {"shared_fields", record->shared_fields},
                         {"lawful_ground_recorded", record->lawful_ground_recorded}};
    return CaseChange{stored.state,
                      stored.assignment,
                      {"service_referral", detail.dump(), ""},
                      domain::nrm::ServiceChange{*record, referral.lawful_ground}};
  });
}

Result<CaseChangeRule> service_withdrawal(Input& in) {
  auto service_id = id_parameter(in.context, "service_id");
  if (!service_id) return tl::unexpected(service_id.error());
  auto note_text = optional_note(in);
  return CaseChangeRule([id = *service_id, note_text](const StoredCase& stored) {
    return service_status_change(stored, id, std::nullopt, note_text, "service_withdrawal",
                                 domain::nrm::withdraw_service);
  });
}

struct FlowRoute {
  std::string_view path;
  std::string_view action;
  std::string_view summary;
  bool decision_makers_only = false;
  Prepare prepare;
};

std::vector<FlowRoute> flow_routes() {
  return {
      {"/api/v1/cases/{id}/decisions", "case.decision", "Record a decision", true, decision},
      {"/api/v1/cases/{id}/review-requests", "case.review.request",
       "Record a request to review a negative decision", false, review_request},
      {"/api/v1/cases/{id}/reflection-extensions", "case.reflection.extend",
       "Extend the recovery and reflection period", false, reflection_extension},
      {"/api/v1/cases/{id}/guardian", "case.guardian.appoint", "Appoint a child's guardian", false,
       guardian},
      {"/api/v1/cases/{id}/age-assessments", "case.age.assess", "Record an age assessment", false,
       age_assessment},
      {"/api/v1/cases/{id}/best-interests-assessments", "case.best_interests.assess",
       "Record a best-interests assessment", false, best_interests_assessment},
      {"/api/v1/cases/{id}/closure", "case.close", "Close the case", false, closure},
      {"/api/v1/cases/{id}/reopening", "case.reopen", "Reopen a closed case", false, reopening},
      {"/api/v1/cases/{id}/police-cooperation", "case.police_cooperation",
       "Record whether the person co-operates with the police", false, police_cooperation},
      {"/api/v1/cases/{id}/notes", "case.note", "Add a note to the timeline", false, note},
      {"/api/v1/cases/{id}/assignment", "case.assign",
       "Assign the case to a case worker and a decision maker", false, assignment},
      {"/api/v1/cases/{id}/legal-steps", "case.legal_step",
       "Record a step towards legal status or a remedy (documents, permits, asylum, "
       "non-punishment, compensation, criminal proceedings, witness protection)",
       false, legal_step},
      {"/api/v1/cases/{id}/return", "case.return",
       "Record a voluntary return, after a risk assessment, to a receiving organisation", false,
       return_plan},
      {"/api/v1/cases/{id}/follow-ups", "case.follow_up",
       "Record a follow-up contact after the return; flags re-trafficking", false, follow_up},
      {"/api/v1/cases/{id}/services", "case.service.refer",
       "Refer a service of the assistance plan to a provider, with the fields shared for it", false,
       service_referral},
      {"/api/v1/cases/{id}/services/{service_id}/withdrawal", "case.service.withdraw",
       "Withdraw an open service; sharing with the provider ends", false, service_withdrawal},
  };
}

// The case of the path, if the actor may change it; for the changes made outside change_case.
Result<StoredCase> changeable_case(Services& services, const http::Context& context,
                                   const CaseActor& actor) {
  auto id = id_parameter(context, "id");
  if (!id) return tl::unexpected(id.error());
  auto stored = services.cases.find_case(*id);
  if (!stored) return tl::unexpected(stored.error());
  if (!*stored) return fail(Errc::not_found, "no such case");
  if (auto allowed = may_change(actor, **stored); !allowed) {
    return tl::unexpected(allowed.error());
  }
  return std::move(**stored);
}

// A task needs the case to be one the caller may change, an owner on the competent authority's
// staff, a due date and a title.
http::Response create_task(Services& services, http::Context& context) {
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto stored = changeable_case(services, context, *actor);
  if (!stored) return http::problem_from(stored.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  Input in{context, fields, *actor, services, today(services)};
  domain::nrm::CaseTask task;
  task.case_id = stored->id;
  task.owner_id = fields.integer("owner_id", true).value_or(0);
  task.title = fields.text("title", true, 500).value_or("");
  const auto due = fields.text("due_on", true, 10);
  if (due) {
    auto date = domain::nrm::parse_iso_date(*due);
    if (date) task.due_on = *date;
    if (!date) fields.add_error("due_on", "must be a date, YYYY-MM-DD");
  }
  if (task.owner_id > 0) {
    auto checked = check_party(in, "owner_id", task.owner_id, domain::nrm::is_authority_staff,
                               "is not on the competent authority's staff");
    if (!checked) return http::problem_from(checked.error());
  }
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto created = services.cases.create_task(task, *actor, services.clock.now());
  if (!created) return http::problem_from(created.error());
  return full_case_response(services, *stored, 201);
}

http::Response complete_task(Services& services, http::Context& context) {
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto task_id = id_parameter(context, "task_id");
  if (!task_id) return http::problem_from(task_id.error());
  auto stored = changeable_case(services, context, *actor);
  if (!stored) return http::problem_from(stored.error());
  auto done = services.cases.complete_task(stored->id, *task_id, *actor, services.clock.now());
  if (!done) return http::problem_from(done.error());
  return full_case_response(services, *stored);
}

}  // namespace

void add_case_flow_routes(http::Router& router, Services& services) {
  const std::string worker(domain::nrm::nrm_role::case_worker);
  const std::string maker(domain::nrm::nrm_role::decision_maker);
  for (auto& route : flow_routes()) {
    auto access = route.decision_makers_only ? http::AccessRule::roles_any({maker})
                                             : http::AccessRule::roles_any({worker, maker});
    router.add({http::Method::post, std::string(route.path), std::move(access),
                [&services, action = route.action, prepare = std::move(route.prepare)](
                    http::Context& c) { return run_change(services, c, action, prepare); },
                std::string(route.summary)});
  }
  const auto staff = http::AccessRule::roles_any({worker, maker});
  router.add({http::Method::post, "/api/v1/cases/{id}/tasks", staff,
              [&](http::Context& c) { return create_task(services, c); },
              "Give someone of the competent authority a task on the case, with a due date"});
  router.add({http::Method::post, "/api/v1/cases/{id}/tasks/{task_id}/done", staff,
              [&](http::Context& c) { return complete_task(services, c); }, "Mark a task done"});
}

}  // namespace lifeline::api
