// The life of an NRM case as a pure state machine: each operation takes the case as a value and
// returns the new value, or an Error saying which rule refused it. Nothing is ever partly
// applied: a refused operation leaves the caller's state exactly as it was.
//
// Error messages never identify the person; each carries a stable `type` slug for the problem
// response. Assistance is never made conditional on co-operation with the police (Addendum
// IV.1.1): `CaseState::cooperates_with_police` is recorded and no rule here reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/working_days.hpp"

namespace lifeline::domain::nrm {

enum class DecisionKind { reasonable_grounds, conclusive, review, durable_solution };
enum class Outcome { positive, negative };

std::string_view to_string(DecisionKind kind);
std::string_view to_string(Outcome outcome);
Result<DecisionKind> parse_decision_kind(std::string_view id);
Result<Outcome> parse_outcome(std::string_view id);

inline constexpr std::size_t kMaxReasonsBytes = 20000;
inline constexpr int kMaxReflectionExtensionDays = 365;

struct Decision {
  DecisionKind kind = DecisionKind::reasonable_grounds;
  Outcome outcome = Outcome::negative;
  std::string reasons;
  Date decided_on{};
  std::int64_t organisation_id = 0;
  std::int64_t user_id = 0;
  std::optional<std::int64_t> guardian_cosigned_by;
  std::optional<std::size_t> reviews;  // for a review: index of the decision it reviews
  bool operator==(const Decision&) const = default;
};

struct ReviewRequest {
  std::size_t decision = 0;  // index of the negative decision to review
  std::string requester;     // from review_requesters()
  Date requested_on{};
  std::optional<std::size_t> answered_by;  // index of the review decision
  bool operator==(const ReviewRequest&) const = default;
};

struct ReflectionExtension {
  int days = 0;
  std::string reason;
  bool operator==(const ReflectionExtension&) const = default;
};

// The recovery and reflection period. Its minimum is fixed when it starts, so a later change of
// policy does not move a running period.
struct ReflectionPeriod {
  Date start{};
  int minimum_days = 0;
  std::vector<ReflectionExtension> extensions;

  Date minimum_end() const;  // the earliest date of a conclusive decision
  Date end() const;          // minimum end plus all extensions
  bool operator==(const ReflectionPeriod&) const = default;
};

struct Guardian {
  std::int64_t user_id = 0;
  Date appointed_on{};
  bool operator==(const Guardian&) const = default;
};

struct Closure {
  std::string reason;  // from closure_reasons()
  Date closed_on{};
  std::optional<Date> reopened_on;
  bool operator==(const Closure&) const = default;
};

// A step towards legal status or a remedy, as it stands on `on`.
struct LegalStep {
  std::string kind;     // legal_step_kinds()
  std::string outcome;  // legal_step_outcomes()
  Date on{};
  std::optional<std::int64_t> amount;    // compensation claimed or awarded, in minor units
  std::optional<bool> refoulement_risk;  // asylum: what the non-refoulement check found
  bool operator==(const LegalStep&) const = default;
};

// A voluntary return (Action Plan V.7) to the receiving organisation abroad.
struct ReturnPlan {
  std::string country;  // ISO 3166-1 alpha-2
  std::string risk;     // return_risks()
  std::string receiving_organisation;
  Date on{};
  bool operator==(const ReturnPlan&) const = default;
};

struct FollowUp {
  Date on{};
  bool reached = false;
  bool re_trafficked = false;
  bool operator==(const FollowUp&) const = default;
};

enum class ReferralKind { identified, anonymous_notification };
// "identified" or "anonymous_notification", as the API and the database name them.
std::string_view to_string(ReferralKind kind);
enum class CaseStatus { open, closed };

struct CaseState {
  Date referred_on{};
  std::int64_t referring_organisation_id = 0;
  ReferralKind referral_kind = ReferralKind::identified;
  bool presumed_child = false;             // referred as a child or possibly a child
  std::optional<bool> age_assessed_child;  // the latest age assessment, once made
  std::optional<Date> age_assessed_on;
  std::vector<Decision> decisions;  // in the order made, never removed
  std::vector<ReviewRequest> review_requests;
  std::optional<ReflectionPeriod> reflection;
  std::optional<Guardian> guardian;
  std::optional<Date> best_interests_assessed_on;
  std::vector<Closure> closures;        // the last one without reopened_on closes the case
  bool cooperates_with_police = false;  // a fact on record; no rule reads it
  std::vector<LegalStep> legal_steps;   // in the order recorded
  std::optional<ReturnPlan> return_plan;
  std::vector<FollowUp> follow_ups;

  bool re_trafficked() const;  // flagged by any follow-up

  // A presumed child is a child until an age assessment says otherwise (Action Plan V.10).
  bool is_child() const;
  CaseStatus status() const;
  bool operator==(const CaseState&) const = default;
};

struct CasePolicy {
  int reasonable_grounds_working_days = 5;
  int reflection_minimum_days = 30;
  int guardian_appointment_working_days = 3;
  int review_decision_days = 30;  // calendar days from the review request
  int retention_days_after_closure = 5 * 365;
  int service_answer_working_days = 3;
  int deadline_warning_days = 3;  // calendar days before a deadline that it shows as due soon
  WorkingCalendar calendar;
};

CaseState open_case(Date referred_on, std::int64_t referring_organisation_id, bool presumed_child,
                    ReferralKind kind);

struct DecisionRequest {
  DecisionKind kind = DecisionKind::reasonable_grounds;
  Outcome outcome = Outcome::negative;
  std::string reasons;
  Date decided_on{};
  std::int64_t organisation_id = 0;
  std::int64_t user_id = 0;
  std::optional<std::int64_t> guardian_cosigned_by;
  std::optional<std::size_t> reviews;
};

// Records a decision if every rule allows it:
// - the case is open; reasons are given (at most kMaxReasonsBytes); the date is not before the
//   referral; the deciding organisation is not the referring one ("own-referral");
// - once a guardian is appointed to a child, the guardian co-signs ("guardian-must-co-sign");
// - reasonable grounds come first and once; a positive one starts the reflection period;
// - a conclusive decision needs positive reasonable grounds (possibly after a review), comes
//   once, and not before the reflection period's minimum end ("reflection-period-running");
// - a review answers a pending request about a negative reasonable-grounds or conclusive
//   decision, is made by another user than that decision's maker, and when positive reverses
//   it (a reversed reasonable-grounds decision starts the reflection period on the review date);
// - a durable solution (return, placement) for a child needs a best-interests assessment.
Result<CaseState> record_decision(const CaseState& state, const DecisionRequest& request,
                                  const CasePolicy& policy);

// A request to review a negative reasonable-grounds or conclusive decision (Addendum IV.1.3).
Result<CaseState> request_review(const CaseState& state, std::size_t decision,
                                 std::string_view requester, Date requested_on);

Result<CaseState> extend_reflection(const CaseState& state, int days, std::string_view reason);
Result<CaseState> appoint_guardian(const CaseState& state, std::int64_t user_id, Date on);
Result<CaseState> record_age_assessment(const CaseState& state, bool is_child, Date on);
Result<CaseState> record_best_interests_assessment(const CaseState& state, Date on);
Result<CaseState> close_case(const CaseState& state, std::string_view reason, Date on);
Result<CaseState> reopen_case(const CaseState& state, Date on);
// Never refused, on an open or closed case: co-operation is a fact on record and nothing else.
Result<CaseState> record_police_cooperation(const CaseState& state, bool cooperates);

// A legal step: a known kind and outcome, not before the referral; compensation with its amount
// (not negative); asylum with the non-refoulement check's finding.
Result<CaseState> record_legal_step(const CaseState& state, const LegalStep& step);
// A return must be voluntary, to a known country with a receiving organisation and an assessed
// risk. It is refused while the risk is high ("return-unsafe"), while an asylum application is
// pending ("asylum-pending") or when the non-refoulement check found a risk ("non-refoulement"),
// and for a child before a best-interests assessment ("best-interests-first"). Once only.
Result<CaseState> record_return(const CaseState& state, const ReturnPlan& plan, bool voluntary);
// A follow-up contact after the return; one that finds the person trafficked again flags the
// case.
Result<CaseState> record_follow_up(const CaseState& state, const FollowUp& follow_up);

// The outcome of the reasonable-grounds or conclusive stage after any review; nullopt while
// no such decision exists.
std::optional<Outcome> reasonable_grounds_outcome(const CaseState& state);
std::optional<Outcome> conclusive_outcome(const CaseState& state);
// HTCDS vic_TraffickingStatus id: presumed_victim, identified_victim or not_a_victim.
std::string_view trafficking_status(const CaseState& state);
// HTCDS cas_Status id: active, closed or closed_referred.
std::string_view htcds_case_status(const CaseState& state);

// The day a closed case's identifying data falls due for erasure, `retention_days` after it was
// last closed; nullopt while the case is open.
std::optional<Date> erasure_due(const CaseState& state, int retention_days);
// The day the case was last closed; nullopt while it is open.
std::optional<Date> closed_on(const CaseState& state);

// due_soon: within CasePolicy::deadline_warning_days, the alert that a deadline approaches.
enum class DeadlineStatus { overdue, due_today, due_soon, upcoming, met };
std::string_view to_string(DeadlineStatus status);
// Where a deadline stands on `today`: met, overdue, due today, due soon or further off.
DeadlineStatus deadline_status(Date due, Date today, bool met, const CasePolicy& policy);

struct Deadline {
  std::string_view what;  // stable slug, e.g. "reasonable-grounds-decision"
  Date due{};
  DeadlineStatus status = DeadlineStatus::upcoming;
  bool operator==(const Deadline&) const = default;
};

namespace deadline {
inline constexpr std::string_view reasonable_grounds = "reasonable-grounds-decision";
inline constexpr std::string_view reflection_end = "reflection-period-end";
inline constexpr std::string_view earliest_conclusive = "earliest-conclusive-decision";
inline constexpr std::string_view guardian = "guardian-appointment";
inline constexpr std::string_view review = "review-decision";
}  // namespace deadline

// Every deadline of an open case as seen on `today` (a closed case has none).
std::vector<Deadline> deadlines(const CaseState& state, const CasePolicy& policy, Date today);
// Overdue first (oldest first), then due today, then upcoming by date, then those met.
bool more_urgent(const Deadline& a, const Deadline& b);
void most_urgent_first(std::vector<Deadline>& deadlines);

// An adult's informed consent to be referred with identity (who explained it, in which language).
struct Consent {
  bool given = false;
  std::string explained_by;
  std::string language;
};

// Which record a referral creates: a child never needs consent; an adult without consent is an
// anonymous notification with no identifying fields. Consent marked given but without who
// explained it or the language is not informed consent and is refused.
Result<ReferralKind> validate_referral_consent(bool is_child, const Consent& consent);

}  // namespace lifeline::domain::nrm
