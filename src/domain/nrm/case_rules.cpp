#include "domain/nrm/case_rules.hpp"

#include <algorithm>
#include <utility>

#include "domain/nrm/referral.hpp"
#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::nrm {
namespace {

using Check = Result<void>;

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

tl::unexpected<Error> conflict(std::string message, std::string type) {
  return fail(Errc::conflict, std::move(message), std::move(type));
}

Check require_open(const CaseState& state) {
  if (state.status() == CaseStatus::closed) {
    return conflict("the case is closed; reopen it first", "case-closed");
  }
  return {};
}

Check require_child(const CaseState& state) {
  if (!state.is_child()) return conflict("the case is not a child's case", "not-a-child");
  return {};
}

Check not_before_referral(const CaseState& state, Date on) {
  if (on < state.referred_on) {
    return fail(Errc::invalid_argument, "the date is before the referral", "date-before-referral");
  }
  return {};
}

Check check_text(std::string_view text, const std::string& field) {
  if (is_blank(text)) return fail_fields("the input breaks a rule", {{field, "is required"}});
  if (text.size() > kMaxReasonsBytes) {
    return fail_fields("the input breaks a rule", {{field, "is too long"}});
  }
  return {};
}

// The outcome of decision `index` once any review of it is taken into account: a positive review
// reverses a negative decision; a negative review leaves it standing.
Outcome outcome_after_review(const CaseState& state, std::size_t index) {
  const bool reversed = std::ranges::any_of(state.decisions, [index](const Decision& d) {
    return d.kind == DecisionKind::review && d.reviews == index && d.outcome == Outcome::positive;
  });
  return reversed ? Outcome::positive : state.decisions.at(index).outcome;
}

std::optional<std::size_t> first_of_kind(const CaseState& state, DecisionKind kind) {
  const auto it = std::ranges::find(state.decisions, kind, &Decision::kind);
  if (it == state.decisions.end()) return std::nullopt;
  return static_cast<std::size_t>(it - state.decisions.begin());
}

bool has_decision(const CaseState& state, DecisionKind kind) {
  return first_of_kind(state, kind).has_value();
}

std::optional<Outcome> stage_outcome(const CaseState& state, DecisionKind kind) {
  const auto index = first_of_kind(state, kind);
  if (!index) return std::nullopt;
  return outcome_after_review(state, *index);
}

// Once a guardian is appointed to a child, every decision needs the guardian's co-signature;
// a co-signature by anyone else is refused too.
Check check_guardian(const CaseState& state, const DecisionRequest& request) {
  const bool guardian_acts = state.is_child() && state.guardian.has_value();
  if (guardian_acts && request.guardian_cosigned_by != state.guardian->user_id) {
    return fail(Errc::invalid_argument, "the child's guardian must co-sign the decision",
                "guardian-must-co-sign");
  }
  if (!guardian_acts && request.guardian_cosigned_by.has_value()) {
    return fail(Errc::invalid_argument, "only the appointed guardian of a child can co-sign",
                "not-the-guardian");
  }
  return {};
}

Check check_common(const CaseState& state, const DecisionRequest& request) {
  if (auto open = require_open(state); !open) return open;
  if (auto reasons = check_text(request.reasons, "reasons"); !reasons) return reasons;
  if (request.kind == DecisionKind::review && !request.reviews) {
    return fail_fields("the input breaks a rule", {{"reviews", "is required for a review"}});
  }
  if (request.kind != DecisionKind::review && request.reviews) {
    return fail_fields("the input breaks a rule", {{"reviews", "is allowed only for a review"}});
  }
  if (auto date = not_before_referral(state, request.decided_on); !date) return date;
  if (request.organisation_id == state.referring_organisation_id) {
    return fail(Errc::forbidden,
                "a decision maker cannot decide a case their organisation referred",
                "own-referral");
  }
  return check_guardian(state, request);
}

Check check_reasonable_grounds(const CaseState& state) {
  if (has_decision(state, DecisionKind::reasonable_grounds)) {
    return conflict("a reasonable-grounds decision has already been made", "decision-out-of-order");
  }
  return {};
}

// The conclusive decision may come once the reflection period's minimum has passed; extensions
// lengthen the period of recovery but do not hold the decision back.
Check check_conclusive(const CaseState& state, Date decided_on) {
  if (reasonable_grounds_outcome(state) != Outcome::positive) {
    return conflict("a conclusive decision needs a positive reasonable-grounds decision first",
                    "decision-out-of-order");
  }
  if (has_decision(state, DecisionKind::conclusive)) {
    return conflict("a conclusive decision has already been made", "decision-out-of-order");
  }
  if (state.reflection && decided_on < state.reflection->minimum_end()) {
    return conflict("the reflection period's minimum has not passed yet",
                    "reflection-period-running");
  }
  return {};
}

std::optional<std::size_t> open_review_request(const CaseState& state, std::size_t decision) {
  const auto it = std::ranges::find_if(state.review_requests, [decision](const ReviewRequest& r) {
    return r.decision == decision && !r.answered_by;
  });
  if (it == state.review_requests.end()) return std::nullopt;
  return static_cast<std::size_t>(it - state.review_requests.begin());
}

Check check_reviewable(const CaseState& state, std::size_t index) {
  if (index >= state.decisions.size()) {
    return fail(Errc::not_found, "the decision to review does not exist", "not-reviewable");
  }
  const auto& reviewed = state.decisions[index];
  if (reviewed.kind != DecisionKind::reasonable_grounds &&
      reviewed.kind != DecisionKind::conclusive) {
    return conflict("only identification decisions can be reviewed", "not-reviewable");
  }
  if (reviewed.outcome != Outcome::negative) {
    return conflict("only a negative decision can be reviewed", "not-reviewable");
  }
  return {};
}

Check check_review(const CaseState& state, const DecisionRequest& request) {
  const auto index = *request.reviews;
  if (auto reviewable = check_reviewable(state, index); !reviewable) return reviewable;
  if (!open_review_request(state, index)) {
    return conflict("no review of this decision has been requested", "review-not-requested");
  }
  const auto& reviewed = state.decisions[index];
  if (request.user_id == reviewed.user_id) {
    return fail(Errc::forbidden, "the reviewer must not be the maker of the decision reviewed",
                "reviewer-not-independent");
  }
  if (request.decided_on < reviewed.decided_on) {
    return fail(Errc::invalid_argument, "a review cannot predate the decision it reviews",
                "date-out-of-order");
  }
  return {};
}

// Return, placement or another durable solution for a child needs a best-interests assessment
// first (MC 6/18, MC 7/17).
Check check_durable_solution(const CaseState& state) {
  if (state.is_child() && !state.best_interests_assessed_on) {
    return conflict("a best-interests assessment must precede this decision",
                    "best-interests-assessment-required");
  }
  return {};
}

Check check_kind(const CaseState& state, const DecisionRequest& request) {
  switch (request.kind) {
    case DecisionKind::reasonable_grounds:
      return check_reasonable_grounds(state);
    case DecisionKind::conclusive:
      return check_conclusive(state, request.decided_on);
    case DecisionKind::review:
      return check_review(state, request);
    case DecisionKind::durable_solution:
      return check_durable_solution(state);
  }
  return fail(Errc::internal, "unknown decision kind");
}

void start_reflection(CaseState& state, Date start, const CasePolicy& policy) {
  state.reflection = ReflectionPeriod{start, policy.reflection_minimum_days, {}};
}

// A positive reasonable-grounds decision, or a positive review of a negative one, starts the
// reflection period on its own date.
void apply_decision(CaseState& state, const DecisionRequest& request, const CasePolicy& policy) {
  const auto index = state.decisions.size();
  state.decisions.push_back(Decision{request.kind, request.outcome, request.reasons,
                                     request.decided_on, request.organisation_id, request.user_id,
                                     request.guardian_cosigned_by, request.reviews});
  const bool positive = request.outcome == Outcome::positive;
  if (request.kind == DecisionKind::reasonable_grounds && positive) {
    start_reflection(state, request.decided_on, policy);
  }
  if (request.kind != DecisionKind::review) return;
  const auto reviewed = *request.reviews;
  state.review_requests.at(*open_review_request(state, reviewed)).answered_by = index;
  if (positive && state.decisions.at(reviewed).kind == DecisionKind::reasonable_grounds) {
    start_reflection(state, request.decided_on, policy);
  }
}

const Closure* open_closure(const CaseState& state) {
  if (state.closures.empty() || state.closures.back().reopened_on) return nullptr;
  return &state.closures.back();
}

// A period's end is not a task: once it has passed it counts as met.
DeadlineStatus period_status_on(Date end, Date today, const CasePolicy& policy) {
  return deadline_status(end, today, today > end, policy);
}

int urgency_rank(DeadlineStatus status) {
  switch (status) {
    case DeadlineStatus::overdue:
      return 0;
    case DeadlineStatus::due_today:
      return 1;
    case DeadlineStatus::due_soon:
      return 2;
    case DeadlineStatus::upcoming:
      return 3;
    case DeadlineStatus::met:
      break;
  }
  return 4;
}

}  // namespace

std::string_view to_string(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::reasonable_grounds:
      return "reasonable_grounds";
    case DecisionKind::conclusive:
      return "conclusive";
    case DecisionKind::review:
      return "review";
    case DecisionKind::durable_solution:
      break;
  }
  return "durable_solution";
}

std::string_view to_string(Outcome outcome) {
  return outcome == Outcome::positive ? "positive" : "negative";
}

std::string_view to_string(ReferralKind kind) {
  return kind == ReferralKind::identified ? "identified" : "anonymous_notification";
}

Result<DecisionKind> parse_decision_kind(std::string_view id) {
  for (const auto kind : {DecisionKind::reasonable_grounds, DecisionKind::conclusive,
                          DecisionKind::review, DecisionKind::durable_solution}) {
    if (to_string(kind) == id) return kind;
  }
  return fail_fields("the input breaks a rule", {{"kind", "is not a known decision kind"}});
}

Result<Outcome> parse_outcome(std::string_view id) {
  if (id == "positive") return Outcome::positive;
  if (id == "negative") return Outcome::negative;
  return fail_fields("the input breaks a rule", {{"outcome", "must be positive or negative"}});
}

Date ReflectionPeriod::minimum_end() const {
  return add_days(start, minimum_days);
}

Date ReflectionPeriod::end() const {
  int total = minimum_days;
  for (const auto& extension : extensions) total += extension.days;
  return add_days(start, total);
}

bool CaseState::is_child() const {
  return age_assessed_child.value_or(presumed_child);
}

CaseStatus CaseState::status() const {
  return open_closure(*this) ? CaseStatus::closed : CaseStatus::open;
}

CaseState open_case(Date referred_on, std::int64_t referring_organisation_id, bool presumed_child,
                    ReferralKind kind) {
  CaseState state;
  state.referred_on = referred_on;
  state.referring_organisation_id = referring_organisation_id;
  state.presumed_child = presumed_child;
  state.referral_kind = kind;
  return state;
}

Result<CaseState> record_decision(const CaseState& state, const DecisionRequest& request,
                                  const CasePolicy& policy) {
  if (auto common = check_common(state, request); !common) return tl::unexpected(common.error());
  if (auto rule = check_kind(state, request); !rule) return tl::unexpected(rule.error());
  CaseState next = state;
  apply_decision(next, request, policy);
  return next;
}

Result<CaseState> request_review(const CaseState& state, std::size_t decision,
                                 std::string_view requester, Date requested_on) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  if (!is_review_requester(requester)) {
    return fail_fields("the input breaks a rule", {{"requester", "is not a known requester"}});
  }
  if (auto reviewable = check_reviewable(state, decision); !reviewable) {
    return tl::unexpected(reviewable.error());
  }
  const bool already_requested = std::ranges::any_of(
      state.review_requests, [decision](const ReviewRequest& r) { return r.decision == decision; });
  if (already_requested) {
    return conflict("a review of this decision has already been requested", "review-requested");
  }
  if (requested_on < state.decisions[decision].decided_on) {
    return fail(Errc::invalid_argument, "a review request cannot predate the decision",
                "date-out-of-order");
  }
  CaseState next = state;
  next.review_requests.push_back({decision, std::string(requester), requested_on, std::nullopt});
  return next;
}

Result<CaseState> extend_reflection(const CaseState& state, int days, std::string_view reason) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  if (!state.reflection) {
    return conflict("the reflection period has not started", "reflection-not-started");
  }
  if (days < 1 || days > kMaxReflectionExtensionDays) {
    return fail_fields("the input breaks a rule", {{"days", "must be between 1 and 365"}});
  }
  if (auto text = check_text(reason, "reason"); !text) return tl::unexpected(text.error());
  CaseState next = state;
  next.reflection->extensions.push_back({days, std::string(reason)});
  return next;
}

Result<CaseState> appoint_guardian(const CaseState& state, std::int64_t user_id, Date on) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  if (auto child = require_child(state); !child) return tl::unexpected(child.error());
  if (user_id <= 0) return fail_fields("the input breaks a rule", {{"user_id", "is required"}});
  if (auto date = not_before_referral(state, on); !date) return tl::unexpected(date.error());
  CaseState next = state;
  next.guardian = Guardian{user_id, on};
  return next;
}

Result<CaseState> record_age_assessment(const CaseState& state, bool is_child, Date on) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  if (auto date = not_before_referral(state, on); !date) return tl::unexpected(date.error());
  CaseState next = state;
  next.age_assessed_child = is_child;
  next.age_assessed_on = on;
  return next;
}

Result<CaseState> record_best_interests_assessment(const CaseState& state, Date on) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  if (auto child = require_child(state); !child) return tl::unexpected(child.error());
  if (auto date = not_before_referral(state, on); !date) return tl::unexpected(date.error());
  CaseState next = state;
  next.best_interests_assessed_on = on;
  return next;
}

Result<CaseState> close_case(const CaseState& state, std::string_view reason, Date on) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  if (!is_closure_reason(reason)) {
    return fail_fields("the input breaks a rule", {{"reason", "is not a known closure reason"}});
  }
  if (auto date = not_before_referral(state, on); !date) return tl::unexpected(date.error());
  const Date last_reopened = state.closures.empty()
                                 ? state.referred_on
                                 : state.closures.back().reopened_on.value_or(state.referred_on);
  if (on < last_reopened) {
    return fail(Errc::invalid_argument, "the case cannot close before it was reopened",
                "date-out-of-order");
  }
  CaseState next = state;
  next.closures.push_back({std::string(reason), on, std::nullopt});
  return next;
}

Result<CaseState> reopen_case(const CaseState& state, Date on) {
  const Closure* closure = open_closure(state);
  if (closure == nullptr) return conflict("the case is already open", "case-open");
  if (on < closure->closed_on) {
    return fail(Errc::invalid_argument, "the case cannot reopen before it was closed",
                "date-out-of-order");
  }
  CaseState next = state;
  next.closures.back().reopened_on = on;
  return next;
}

Result<CaseState> record_police_cooperation(const CaseState& state, bool cooperates) {
  CaseState next = state;
  next.cooperates_with_police = cooperates;
  return next;
}

std::optional<Outcome> reasonable_grounds_outcome(const CaseState& state) {
  return stage_outcome(state, DecisionKind::reasonable_grounds);
}

std::optional<Outcome> conclusive_outcome(const CaseState& state) {
  return stage_outcome(state, DecisionKind::conclusive);
}

std::string_view trafficking_status(const CaseState& state) {
  const auto conclusive = conclusive_outcome(state);
  if (conclusive == Outcome::positive) return "identified_victim";
  if (conclusive == Outcome::negative || reasonable_grounds_outcome(state) == Outcome::negative) {
    return "not_a_victim";
  }
  return "presumed_victim";
}

std::string_view htcds_case_status(const CaseState& state) {
  const Closure* closure = open_closure(state);
  if (closure == nullptr) return "active";
  return closure->reason == "transferred_abroad" ? "closed_referred" : "closed";
}

bool CaseState::re_trafficked() const {
  return std::ranges::any_of(follow_ups, &FollowUp::re_trafficked);
}

Result<CaseState> record_legal_step(const CaseState& state, const LegalStep& step) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  std::vector<FieldError> errors;
  if (!is_legal_step_kind(step.kind)) errors.push_back({"kind", "is not a known legal step"});
  if (!is_legal_step_outcome(step.outcome)) errors.push_back({"outcome", "is not a known outcome"});
  const bool compensation = step.kind.starts_with("compensation_");
  if (compensation && (!step.amount || *step.amount < 0)) {
    errors.push_back({"amount", "is required for compensation and may not be negative"});
  }
  if (!compensation && step.amount) errors.push_back({"amount", "is only for compensation"});
  if (step.kind == "asylum" && !step.refoulement_risk) {
    errors.push_back({"refoulement_risk", "is required: the non-refoulement check's finding"});
  }
  if (step.kind != "asylum" && step.refoulement_risk) {
    errors.push_back({"refoulement_risk", "is only for asylum"});
  }
  if (!errors.empty()) return fail_fields("the legal step breaks these rules", errors);
  if (auto dated = not_before_referral(state, step.on); !dated) {
    return tl::unexpected(dated.error());
  }
  CaseState next = state;
  next.legal_steps.push_back(step);
  return next;
}

namespace {

// The latest step of each asylum application decides: pending while it says "applied".
bool asylum_pending(const CaseState& state) {
  const auto last = std::find_if(state.legal_steps.rbegin(), state.legal_steps.rend(),
                                 [](const LegalStep& step) { return step.kind == "asylum"; });
  return last != state.legal_steps.rend() && last->outcome == "applied";
}

bool refoulement_risk_found(const CaseState& state) {
  return std::ranges::any_of(state.legal_steps, [](const LegalStep& step) {
    return step.kind == "asylum" && step.refoulement_risk.value_or(false);
  });
}

Check check_return_safety(const CaseState& state, const ReturnPlan& plan) {
  if (plan.risk == "high") {
    return conflict("the risk assessment found a return unsafe", "return-unsafe");
  }
  if (refoulement_risk_found(state)) {
    return conflict("the non-refoulement check found a risk: no return (Action Plan V.9)",
                    "non-refoulement");
  }
  if (asylum_pending(state)) {
    return conflict("an asylum application is pending", "asylum-pending");
  }
  if (state.is_child() && !state.best_interests_assessed_on) {
    return conflict("a child's return needs a best-interests assessment first",
                    "best-interests-first");
  }
  return {};
}

}  // namespace

Result<CaseState> record_return(const CaseState& state, const ReturnPlan& plan, bool voluntary) {
  if (auto open = require_open(state); !open) return tl::unexpected(open.error());
  std::vector<FieldError> errors;
  if (!voluntary) errors.push_back({"voluntary", "a return is recorded only when voluntary"});
  if (!is_country_code(plan.country)) errors.push_back({"country", "is not a country code"});
  if (!is_return_risk(plan.risk)) errors.push_back({"risk", "is not a known risk level"});
  if (is_blank(plan.receiving_organisation)) {
    errors.push_back({"receiving_organisation", "is required"});
  }
  if (!errors.empty()) return fail_fields("the return breaks these rules", errors);
  if (state.return_plan) return conflict("a return is already recorded", "return-recorded");
  if (auto dated = not_before_referral(state, plan.on); !dated) {
    return tl::unexpected(dated.error());
  }
  if (auto safe = check_return_safety(state, plan); !safe) return tl::unexpected(safe.error());
  CaseState next = state;
  next.return_plan = plan;
  return next;
}

Result<CaseState> record_follow_up(const CaseState& state, const FollowUp& follow_up) {
  if (!state.return_plan) return conflict("there is no return to follow up", "no-return");
  if (follow_up.on < state.return_plan->on) {
    return fail(Errc::invalid_argument, "a follow-up cannot predate the return",
                "date-out-of-order");
  }
  CaseState next = state;
  next.follow_ups.push_back(follow_up);
  return next;
}

std::optional<Date> closed_on(const CaseState& state) {
  const Closure* closure = open_closure(state);
  if (closure == nullptr) return std::nullopt;
  return closure->closed_on;
}

std::optional<Date> erasure_due(const CaseState& state, int retention_days) {
  const auto closed = closed_on(state);
  if (!closed) return std::nullopt;
  return add_days(*closed, retention_days);
}

std::string_view to_string(DeadlineStatus status) {
  switch (status) {
    case DeadlineStatus::overdue:
      return "overdue";
    case DeadlineStatus::due_today:
      return "due_today";
    case DeadlineStatus::due_soon:
      return "due_soon";
    case DeadlineStatus::upcoming:
      return "upcoming";
    case DeadlineStatus::met:
      break;
  }
  return "met";
}

DeadlineStatus deadline_status(Date due, Date today, bool met, const CasePolicy& policy) {
  if (met) return DeadlineStatus::met;
  if (today == due) return DeadlineStatus::due_today;
  if (today > due) return DeadlineStatus::overdue;
  const auto days_left = (std::chrono::sys_days{due} - std::chrono::sys_days{today}).count();
  return days_left <= policy.deadline_warning_days ? DeadlineStatus::due_soon
                                                   : DeadlineStatus::upcoming;
}

std::vector<Deadline> deadlines(const CaseState& state, const CasePolicy& policy, Date today) {
  if (state.status() == CaseStatus::closed) return {};
  const auto status_on = [&](Date due, Date on, bool met) {
    return deadline_status(due, on, met, policy);
  };
  const auto& calendar = policy.calendar;
  std::vector<Deadline> list;
  const Date rg_due =
      add_working_days(state.referred_on, policy.reasonable_grounds_working_days, calendar);
  list.push_back({deadline::reasonable_grounds, rg_due,
                  status_on(rg_due, today, has_decision(state, DecisionKind::reasonable_grounds))});
  if (state.reflection) {
    const Date end = state.reflection->end();
    list.push_back({deadline::reflection_end, end, period_status_on(end, today, policy)});
    const Date earliest = state.reflection->minimum_end();
    list.push_back({deadline::earliest_conclusive, earliest,
                    status_on(earliest, today, has_decision(state, DecisionKind::conclusive))});
  }
  if (state.is_child()) {
    const Date due =
        add_working_days(state.referred_on, policy.guardian_appointment_working_days, calendar);
    list.push_back({deadline::guardian, due, status_on(due, today, state.guardian.has_value())});
  }
  for (const auto& request : state.review_requests) {
    const Date due = add_days(request.requested_on, policy.review_decision_days);
    list.push_back({deadline::review, due, status_on(due, today, request.answered_by.has_value())});
  }
  return list;
}

bool more_urgent(const Deadline& a, const Deadline& b) {
  const int rank_a = urgency_rank(a.status);
  const int rank_b = urgency_rank(b.status);
  if (rank_a != rank_b) return rank_a < rank_b;
  return a.due < b.due;
}

void most_urgent_first(std::vector<Deadline>& deadlines) {
  std::ranges::stable_sort(deadlines, more_urgent);
}

Result<ReferralKind> validate_referral_consent(bool is_child, const Consent& consent) {
  if (is_child) return ReferralKind::identified;
  if (!consent.given) return ReferralKind::anonymous_notification;
  std::vector<FieldError> fields;
  if (is_blank(consent.explained_by)) {
    fields.push_back({"consent.explained_by", "is required for informed consent"});
  }
  if (is_blank(consent.language)) {
    fields.push_back({"consent.language", "is required for informed consent"});
  }
  if (!fields.empty()) return fail_fields("consent is not informed", std::move(fields));
  return ReferralKind::identified;
}

}  // namespace lifeline::domain::nrm
