#include "domain/nrm/case_rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

namespace lifeline::domain::nrm {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr std::int64_t kReferrer = 1;
constexpr std::int64_t kAuthority = 2;
constexpr std::int64_t kDecider = 10;
constexpr std::int64_t kReviewer = 11;
constexpr std::int64_t kGuardian = 20;

constexpr Date d(int y, unsigned m, unsigned dd) {
  return Date{year{y}, month{m}, day{dd}};
}

constexpr Date kReferred = d(2026, 11, 2);  // a Monday

CasePolicy policy() {
  return CasePolicy{};
}

CaseState adult_case() {
  return open_case(kReferred, kReferrer, false, ReferralKind::identified);
}

CaseState child_case() {
  return open_case(kReferred, kReferrer, true, ReferralKind::identified);
}

DecisionRequest decision(DecisionKind kind, Outcome outcome, Date on) {
  DecisionRequest request;
  request.kind = kind;
  request.outcome = outcome;
  request.reasons = "Indicators of forced labour corroborated by the labour inspectorate.";
  request.decided_on = on;
  request.organisation_id = kAuthority;
  request.user_id = kDecider;
  return request;
}

DecisionRequest rg(Outcome outcome, Date on = d(2026, 11, 5)) {
  return decision(DecisionKind::reasonable_grounds, outcome, on);
}

DecisionRequest conclusive(Outcome outcome, Date on) {
  return decision(DecisionKind::conclusive, outcome, on);
}

DecisionRequest review_of(std::size_t index, Outcome outcome, Date on) {
  auto request = decision(DecisionKind::review, outcome, on);
  request.reviews = index;
  request.user_id = kReviewer;
  return request;
}

CaseState must(const Result<CaseState>& result) {
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().type);
  return result.value_or(CaseState{});
}

std::string refusal(const Result<CaseState>& result) {
  return result ? std::string("allowed") : result.error().type;
}

CaseState with_positive_rg() {
  return must(record_decision(adult_case(), rg(Outcome::positive), policy()));
}

CaseState with_negative_rg() {
  return must(record_decision(adult_case(), rg(Outcome::negative), policy()));
}

// --- reasonable grounds -------------------------------------------------------------------

TEST(NrmReasonableGrounds, PositiveStartsTheReflectionPeriodOnItsDate) {
  const auto state = with_positive_rg();
  ASSERT_TRUE(state.reflection.has_value());
  EXPECT_EQ(state.reflection->start, d(2026, 11, 5));
  EXPECT_EQ(state.reflection->minimum_days, 30);
  EXPECT_EQ(state.reflection->minimum_end(), d(2026, 12, 5));
  EXPECT_EQ(reasonable_grounds_outcome(state), Outcome::positive);
  EXPECT_EQ(trafficking_status(state), "presumed_victim");
}

TEST(NrmReasonableGrounds, NegativeStartsNoPeriod) {
  const auto state = with_negative_rg();
  EXPECT_FALSE(state.reflection.has_value());
  EXPECT_EQ(trafficking_status(state), "not_a_victim");
}

TEST(NrmReasonableGrounds, OnlyOnce) {
  EXPECT_EQ(refusal(record_decision(with_positive_rg(), rg(Outcome::negative), policy())),
            "decision-out-of-order");
  EXPECT_EQ(refusal(record_decision(with_negative_rg(), rg(Outcome::positive), policy())),
            "decision-out-of-order");
}

TEST(NrmReasonableGrounds, ThePolicyMinimumIsUsed) {
  auto custom = policy();
  custom.reflection_minimum_days = 90;
  const auto state = must(record_decision(adult_case(), rg(Outcome::positive), custom));
  EXPECT_EQ(state.reflection->minimum_end(), d(2027, 2, 3));
}

TEST(NrmDecisions, TheReferringOrganisationCannotDecide) {
  auto request = rg(Outcome::positive);
  request.organisation_id = kReferrer;
  const auto result = record_decision(adult_case(), request, policy());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().type, "own-referral");
  EXPECT_EQ(result.error().code, Errc::forbidden);
}

TEST(NrmDecisions, ReasonsAreRequiredAndBounded) {
  for (const auto& reasons :
       {std::string(), std::string("   \n"), std::string(kMaxReasonsBytes + 1, 'x')}) {
    auto request = rg(Outcome::positive);
    request.reasons = reasons;
    const auto result = record_decision(adult_case(), request, policy());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().type, "validation");
    ASSERT_EQ(result.error().fields.size(), 1u);
    EXPECT_EQ(result.error().fields[0].field, "reasons");
  }
  auto longest = rg(Outcome::positive);
  longest.reasons = std::string(kMaxReasonsBytes, 'x');
  EXPECT_TRUE(record_decision(adult_case(), longest, policy()));
}

TEST(NrmDecisions, NotBeforeTheReferral) {
  EXPECT_EQ(refusal(record_decision(adult_case(), rg(Outcome::positive, d(2026, 11, 1)), policy())),
            "date-before-referral");
  EXPECT_TRUE(record_decision(adult_case(), rg(Outcome::positive, kReferred), policy()));
}

TEST(NrmDecisions, ReviewsFieldOnlyOnAReview) {
  auto request = rg(Outcome::positive);
  request.reviews = 0;
  EXPECT_EQ(refusal(record_decision(adult_case(), request, policy())), "validation");
  auto review = review_of(0, Outcome::positive, d(2026, 11, 10));
  review.reviews.reset();
  EXPECT_EQ(refusal(record_decision(with_negative_rg(), review, policy())), "validation");
}

// --- conclusive -----------------------------------------------------------------------------

TEST(NrmConclusive, NeedsAPositiveReasonableGroundsDecision) {
  EXPECT_EQ(refusal(record_decision(adult_case(), conclusive(Outcome::positive, d(2027, 1, 5)),
                                    policy())),
            "decision-out-of-order");
  EXPECT_EQ(refusal(record_decision(with_negative_rg(),
                                    conclusive(Outcome::positive, d(2027, 1, 5)), policy())),
            "decision-out-of-order");
}

TEST(NrmConclusive, NotBeforeTheReflectionMinimum) {
  const auto state = with_positive_rg();
  EXPECT_EQ(
      refusal(record_decision(state, conclusive(Outcome::positive, d(2026, 12, 4)), policy())),
      "reflection-period-running");
  const auto decided =
      must(record_decision(state, conclusive(Outcome::positive, d(2026, 12, 5)), policy()));
  EXPECT_EQ(trafficking_status(decided), "identified_victim");
  EXPECT_EQ(conclusive_outcome(decided), Outcome::positive);
}

TEST(NrmConclusive, ExtensionsDoNotHoldTheDecisionBack) {
  const auto extended = must(extend_reflection(with_positive_rg(), 30, "still in hospital"));
  EXPECT_EQ(extended.reflection->end(), d(2027, 1, 4));
  EXPECT_TRUE(record_decision(extended, conclusive(Outcome::positive, d(2026, 12, 5)), policy()));
}

TEST(NrmConclusive, OnlyOnce) {
  const auto decided = must(record_decision(
      with_positive_rg(), conclusive(Outcome::negative, d(2026, 12, 10)), policy()));
  EXPECT_EQ(trafficking_status(decided), "not_a_victim");
  EXPECT_EQ(
      refusal(record_decision(decided, conclusive(Outcome::positive, d(2026, 12, 11)), policy())),
      "decision-out-of-order");
}

// --- reviews ----------------------------------------------------------------------------------

TEST(NrmReview, OnlyOfANegativeDecisionAfterARequest) {
  const auto positive = with_positive_rg();
  EXPECT_EQ(refusal(request_review(positive, 0, "person", d(2026, 11, 6))), "not-reviewable");
  EXPECT_EQ(refusal(request_review(positive, 5, "person", d(2026, 11, 6))), "not-reviewable");
  EXPECT_EQ(
      refusal(record_decision(positive, review_of(0, Outcome::positive, d(2026, 11, 9)), policy())),
      "not-reviewable");
  const auto negative = with_negative_rg();
  EXPECT_EQ(
      refusal(record_decision(negative, review_of(0, Outcome::positive, d(2026, 11, 9)), policy())),
      "review-not-requested");
}

TEST(NrmReview, RequestsNeedAKnownRequesterOnceAndInOrder) {
  const auto negative = with_negative_rg();
  EXPECT_EQ(refusal(request_review(negative, 0, "neighbour", d(2026, 11, 6))), "validation");
  EXPECT_EQ(refusal(request_review(negative, 0, "person", d(2026, 11, 4))), "date-out-of-order");
  const auto requested = must(request_review(negative, 0, "representative", d(2026, 11, 6)));
  EXPECT_EQ(refusal(request_review(requested, 0, "person", d(2026, 11, 7))), "review-requested");
}

TEST(NrmReview, TheReviewerMustBeIndependent) {
  const auto requested = must(request_review(with_negative_rg(), 0, "person", d(2026, 11, 6)));
  auto same_user = review_of(0, Outcome::positive, d(2026, 11, 9));
  same_user.user_id = kDecider;
  EXPECT_EQ(refusal(record_decision(requested, same_user, policy())), "reviewer-not-independent");
  auto referrer = review_of(0, Outcome::positive, d(2026, 11, 9));
  referrer.organisation_id = kReferrer;
  EXPECT_EQ(refusal(record_decision(requested, referrer, policy())), "own-referral");
  EXPECT_EQ(refusal(record_decision(requested, review_of(0, Outcome::positive, d(2026, 11, 4)),
                                    policy())),
            "date-out-of-order");
}

TEST(NrmReview, APositiveReviewOfReasonableGroundsLetsTheCaseProceed) {
  const auto requested = must(request_review(with_negative_rg(), 0, "person", d(2026, 11, 6)));
  const auto reviewed =
      must(record_decision(requested, review_of(0, Outcome::positive, d(2026, 11, 16)), policy()));
  EXPECT_EQ(reasonable_grounds_outcome(reviewed), Outcome::positive);
  EXPECT_EQ(trafficking_status(reviewed), "presumed_victim");
  ASSERT_TRUE(reviewed.reflection.has_value());
  EXPECT_EQ(reviewed.reflection->start, d(2026, 11, 16));
  EXPECT_EQ(reviewed.review_requests[0].answered_by, 1u);
  EXPECT_EQ(refusal(record_decision(reviewed, rg(Outcome::positive, d(2026, 11, 17)), policy())),
            "decision-out-of-order");
  EXPECT_EQ(
      refusal(record_decision(reviewed, conclusive(Outcome::positive, d(2026, 12, 15)), policy())),
      "reflection-period-running");
  EXPECT_TRUE(record_decision(reviewed, conclusive(Outcome::positive, d(2026, 12, 16)), policy()));
}

TEST(NrmReview, ANegativeReviewUpholdsTheDecision) {
  const auto requested = must(request_review(with_negative_rg(), 0, "referrer", d(2026, 11, 6)));
  const auto upheld =
      must(record_decision(requested, review_of(0, Outcome::negative, d(2026, 11, 16)), policy()));
  EXPECT_EQ(reasonable_grounds_outcome(upheld), Outcome::negative);
  EXPECT_FALSE(upheld.reflection.has_value());
  EXPECT_EQ(
      refusal(record_decision(upheld, review_of(0, Outcome::positive, d(2026, 11, 17)), policy())),
      "review-not-requested");
  EXPECT_EQ(refusal(request_review(upheld, 0, "person", d(2026, 11, 17))), "review-requested");
  EXPECT_EQ(refusal(request_review(upheld, 1, "person", d(2026, 11, 17))), "not-reviewable");
}

TEST(NrmReview, APositiveReviewOfAConclusiveDecisionIdentifiesTheVictim) {
  auto state = must(record_decision(with_positive_rg(),
                                    conclusive(Outcome::negative, d(2026, 12, 10)), policy()));
  state = must(request_review(state, 1, "support_provider", d(2026, 12, 12)));
  state = must(record_decision(state, review_of(1, Outcome::positive, d(2027, 1, 8)), policy()));
  EXPECT_EQ(conclusive_outcome(state), Outcome::positive);
  EXPECT_EQ(trafficking_status(state), "identified_victim");
}

// --- children --------------------------------------------------------------------------------

TEST(NrmChildren, APresumedChildIsAChildUntilAssessedOtherwise) {
  auto state = child_case();
  EXPECT_TRUE(state.is_child());
  state = must(record_age_assessment(state, false, d(2026, 11, 3)));
  EXPECT_FALSE(state.is_child());
  state = must(record_age_assessment(state, true, d(2026, 11, 4)));
  EXPECT_TRUE(state.is_child());
  auto adult = must(record_age_assessment(adult_case(), true, d(2026, 11, 3)));
  EXPECT_TRUE(adult.is_child());
  EXPECT_EQ(refusal(record_age_assessment(adult_case(), true, d(2026, 10, 3))),
            "date-before-referral");
}

TEST(NrmChildren, GuardianOnlyForAChild) {
  EXPECT_EQ(refusal(appoint_guardian(adult_case(), kGuardian, d(2026, 11, 3))), "not-a-child");
  EXPECT_EQ(refusal(appoint_guardian(child_case(), 0, d(2026, 11, 3))), "validation");
  EXPECT_EQ(refusal(appoint_guardian(child_case(), kGuardian, d(2026, 11, 1))),
            "date-before-referral");
  const auto state = must(appoint_guardian(child_case(), kGuardian, d(2026, 11, 3)));
  EXPECT_EQ(state.guardian, (Guardian{kGuardian, d(2026, 11, 3)}));
}

TEST(NrmChildren, TheGuardianCoSignsEveryDecision) {
  const auto state = must(appoint_guardian(child_case(), kGuardian, d(2026, 11, 3)));
  EXPECT_EQ(refusal(record_decision(state, rg(Outcome::positive), policy())),
            "guardian-must-co-sign");
  auto wrong = rg(Outcome::positive);
  wrong.guardian_cosigned_by = kGuardian + 1;
  EXPECT_EQ(refusal(record_decision(state, wrong, policy())), "guardian-must-co-sign");
  auto signed_request = rg(Outcome::positive);
  signed_request.guardian_cosigned_by = kGuardian;
  const auto decided = must(record_decision(state, signed_request, policy()));
  EXPECT_EQ(decided.decisions[0].guardian_cosigned_by, kGuardian);
}

TEST(NrmChildren, BeforeAGuardianIsAppointedNoCoSignatureIsNeededOrAccepted) {
  EXPECT_TRUE(record_decision(child_case(), rg(Outcome::positive), policy()));
  auto cosigned = rg(Outcome::positive);
  cosigned.guardian_cosigned_by = kGuardian;
  EXPECT_EQ(refusal(record_decision(child_case(), cosigned, policy())), "not-the-guardian");
}

TEST(NrmChildren, AnAdultAfterAssessmentNeedsNoGuardian) {
  auto state = must(appoint_guardian(child_case(), kGuardian, d(2026, 11, 3)));
  state = must(record_age_assessment(state, false, d(2026, 11, 4)));
  EXPECT_TRUE(record_decision(state, rg(Outcome::positive), policy()));
}

TEST(NrmChildren, ADurableSolutionNeedsABestInterestsAssessment) {
  const auto solution =
      decision(DecisionKind::durable_solution, Outcome::positive, d(2026, 11, 20));
  EXPECT_EQ(refusal(record_decision(child_case(), solution, policy())),
            "best-interests-assessment-required");
  const auto assessed = must(record_best_interests_assessment(child_case(), d(2026, 11, 19)));
  EXPECT_TRUE(record_decision(assessed, solution, policy()));
  EXPECT_TRUE(record_decision(adult_case(), solution, policy()));
  EXPECT_EQ(refusal(record_best_interests_assessment(adult_case(), d(2026, 11, 19))),
            "not-a-child");
}

// --- reflection -------------------------------------------------------------------------------

TEST(NrmReflection, ExtensionsNeedAPeriodADurationAndAReason) {
  EXPECT_EQ(refusal(extend_reflection(adult_case(), 10, "recovery")), "reflection-not-started");
  const auto state = with_positive_rg();
  EXPECT_EQ(refusal(extend_reflection(state, 0, "recovery")), "validation");
  EXPECT_EQ(refusal(extend_reflection(state, kMaxReflectionExtensionDays + 1, "recovery")),
            "validation");
  EXPECT_EQ(refusal(extend_reflection(state, 10, " ")), "validation");
  auto extended = must(extend_reflection(state, 10, "recovery"));
  extended = must(extend_reflection(extended, 5, "surgery"));
  EXPECT_EQ(extended.reflection->end(), d(2026, 12, 20));
  EXPECT_EQ(extended.reflection->minimum_end(), d(2026, 12, 5));
}

// --- closure ------------------------------------------------------------------------------------

TEST(NrmClosure, CloseWithAKnownReasonAndReopen) {
  EXPECT_EQ(refusal(close_case(adult_case(), "bored", d(2026, 11, 3))), "validation");
  EXPECT_EQ(refusal(close_case(adult_case(), "missing", d(2026, 11, 1))), "date-before-referral");
  auto state = must(close_case(adult_case(), "transferred_abroad", d(2026, 11, 10)));
  EXPECT_EQ(state.status(), CaseStatus::closed);
  EXPECT_EQ(htcds_case_status(state), "closed_referred");
  EXPECT_EQ(refusal(close_case(state, "missing", d(2026, 11, 11))), "case-closed");
  EXPECT_EQ(refusal(reopen_case(state, d(2026, 11, 9))), "date-out-of-order");
  state = must(reopen_case(state, d(2026, 11, 12)));
  EXPECT_EQ(state.status(), CaseStatus::open);
  EXPECT_EQ(htcds_case_status(state), "active");
  EXPECT_EQ(refusal(reopen_case(state, d(2026, 11, 13))), "case-open");
  EXPECT_EQ(refusal(close_case(state, "missing", d(2026, 11, 11))), "date-out-of-order");
  state = must(close_case(state, "recovered_independent", d(2026, 12, 1)));
  EXPECT_EQ(htcds_case_status(state), "closed");
  EXPECT_EQ(state.closures.size(), 2u);
}

TEST(NrmClosure, ErasureFallsDueAfterTheLastClosure) {
  EXPECT_EQ(erasure_due(adult_case(), 30), std::nullopt);
  auto state = must(close_case(adult_case(), "missing", d(2026, 11, 3)));
  EXPECT_EQ(closed_on(state), d(2026, 11, 3));
  EXPECT_EQ(erasure_due(state, 30), d(2026, 12, 3));
  state = must(reopen_case(state, d(2026, 11, 20)));
  EXPECT_EQ(erasure_due(state, 30), std::nullopt) << "a reopened case is kept";
  state = must(close_case(state, "returned", d(2027, 1, 5)));
  EXPECT_EQ(erasure_due(state, 365), d(2028, 1, 5));
}

TEST(NrmClosure, AClosedCaseTakesNoDecisions) {
  const auto closed = must(close_case(adult_case(), "missing", d(2026, 11, 3)));
  const auto result = record_decision(closed, rg(Outcome::positive), policy());
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().type, "case-closed");
  EXPECT_EQ(result.error().code, Errc::conflict);
}

// --- legal status, return and reintegration
// -------------------------------------------------------------------------

LegalStep asylum(std::string outcome, bool risk, Date on = d(2026, 11, 10)) {
  return {"asylum", std::move(outcome), on, std::nullopt, risk};
}

ReturnPlan return_to_md(std::string risk = "low", Date on = d(2026, 12, 1)) {
  return {"MD", std::move(risk), "Centre for Assistance, Chisinau", on};
}

TEST(NrmLegalStatus, StepsNeedTheirFacts) {
  EXPECT_EQ(refusal(record_legal_step(adult_case(), {"visa", "granted", d(2026, 11, 3), {}, {}})),
            "validation");
  EXPECT_EQ(refusal(record_legal_step(adult_case(),
                                      {"compensation_court", "applied", d(2026, 11, 3), {}, {}})),
            "validation");
  EXPECT_EQ(refusal(record_legal_step(adult_case(), {"asylum", "applied", d(2026, 11, 3), {}, {}})),
            "validation");
  EXPECT_EQ(refusal(record_legal_step(adult_case(), asylum("applied", false, d(2026, 10, 1)))),
            "date-before-referral");
  auto state = must(record_legal_step(
      adult_case(), {"compensation_state_fund", "granted", d(2026, 11, 20), 300000, {}}));
  EXPECT_EQ(state.legal_steps.back().amount, 300000);
}

TEST(NrmReturn, OnlyVoluntaryAndSafe) {
  EXPECT_EQ(refusal(record_return(adult_case(), return_to_md(), false)), "validation");
  EXPECT_EQ(refusal(record_return(adult_case(), return_to_md("high"), true)), "return-unsafe");
  auto pending = must(record_legal_step(adult_case(), asylum("applied", false)));
  EXPECT_EQ(refusal(record_return(pending, return_to_md(), true)), "asylum-pending");
  auto refused = must(record_legal_step(pending, asylum("refused", false, d(2026, 11, 20))));
  EXPECT_TRUE(record_return(refused, return_to_md(), true));
  auto at_risk = must(record_legal_step(adult_case(), asylum("refused", true)));
  EXPECT_EQ(refusal(record_return(at_risk, return_to_md(), true)), "non-refoulement");
  EXPECT_EQ(refusal(record_return(child_case(), return_to_md(), true)), "best-interests-first");
  auto assessed = must(record_best_interests_assessment(child_case(), d(2026, 11, 20)));
  EXPECT_TRUE(record_return(assessed, return_to_md(), true));
}

TEST(NrmReturn, FollowUpsFlagReTrafficking) {
  EXPECT_EQ(refusal(record_follow_up(adult_case(), {d(2026, 12, 5), true, false})), "no-return");
  auto returned = must(record_return(adult_case(), return_to_md(), true));
  EXPECT_EQ(refusal(record_return(returned, return_to_md(), true)), "return-recorded");
  EXPECT_EQ(refusal(record_follow_up(returned, {d(2026, 11, 30), true, false})),
            "date-out-of-order");
  auto followed = must(record_follow_up(returned, {d(2027, 1, 5), true, false}));
  EXPECT_FALSE(followed.re_trafficked());
  followed = must(record_follow_up(followed, {d(2027, 3, 5), false, true}));
  EXPECT_TRUE(followed.re_trafficked());
}

// --- deadlines
// ------------------------------------------------------------------------------------

std::map<std::string_view, Deadline> by_what(const std::vector<Deadline>& list) {
  std::map<std::string_view, Deadline> map;
  for (const auto& item : list) map.emplace(item.what, item);
  return map;
}

TEST(NrmDeadlines, ReasonableGroundsDueInFiveWorkingDays) {
  const auto state = adult_case();
  const auto check = [&](Date today, DeadlineStatus expected) {
    const auto list = deadlines(state, policy(), today);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].what, deadline::reasonable_grounds);
    EXPECT_EQ(list[0].due, d(2026, 11, 9));
    EXPECT_EQ(list[0].status, expected) << to_string(list[0].status);
  };
  check(d(2026, 11, 5), DeadlineStatus::upcoming);
  check(d(2026, 11, 6), DeadlineStatus::due_soon);
  check(d(2026, 11, 8), DeadlineStatus::due_soon);
  check(d(2026, 11, 9), DeadlineStatus::due_today);
  check(d(2026, 11, 10), DeadlineStatus::overdue);
}

TEST(NrmDeadlines, TheWarningWindowIsConfigured) {
  auto quiet = policy();
  quiet.deadline_warning_days = 0;
  const Date due = d(2026, 11, 9);
  EXPECT_EQ(deadline_status(due, d(2026, 11, 8), false, quiet), DeadlineStatus::upcoming);
  EXPECT_EQ(deadline_status(due, d(2026, 11, 9), false, quiet), DeadlineStatus::due_today);
  auto early = policy();
  early.deadline_warning_days = 10;
  EXPECT_EQ(deadline_status(due, d(2026, 10, 30), false, early), DeadlineStatus::due_soon);
  EXPECT_EQ(deadline_status(due, d(2026, 10, 29), false, early), DeadlineStatus::upcoming);
  EXPECT_EQ(deadline_status(due, d(2026, 12, 1), true, early), DeadlineStatus::met);
}

TEST(NrmDeadlines, DueSoonComesBetweenDueTodayAndUpcoming) {
  const Deadline today{deadline::review, d(2026, 11, 9), DeadlineStatus::due_today};
  const Deadline soon{deadline::review, d(2026, 11, 8), DeadlineStatus::due_soon};
  const Deadline later{deadline::review, d(2026, 11, 7), DeadlineStatus::upcoming};
  EXPECT_TRUE(more_urgent(today, soon));
  EXPECT_TRUE(more_urgent(soon, later));
  EXPECT_FALSE(more_urgent(later, soon));
}

TEST(NrmDeadlines, HolidaysMoveTheDueDate) {
  auto holidays = policy();
  holidays.calendar.holidays.insert(std::chrono::sys_days{d(2026, 11, 4)});
  const auto list = deadlines(adult_case(), holidays, d(2026, 11, 3));
  EXPECT_EQ(list[0].due, d(2026, 11, 10));
}

TEST(NrmDeadlines, AfterAPositiveDecision) {
  const auto state = must(extend_reflection(with_positive_rg(), 10, "recovery"));
  const auto map = by_what(deadlines(state, policy(), d(2026, 12, 10)));
  EXPECT_EQ(map.at(deadline::reasonable_grounds).status, DeadlineStatus::met);
  EXPECT_EQ(map.at(deadline::reflection_end).due, d(2026, 12, 15));
  EXPECT_EQ(map.at(deadline::reflection_end).status, DeadlineStatus::upcoming);
  EXPECT_EQ(map.at(deadline::earliest_conclusive).due, d(2026, 12, 5));
  EXPECT_EQ(map.at(deadline::earliest_conclusive).status, DeadlineStatus::overdue);
  EXPECT_FALSE(map.contains(deadline::guardian));
  const auto later = by_what(deadlines(state, policy(), d(2026, 12, 16)));
  EXPECT_EQ(later.at(deadline::reflection_end).status, DeadlineStatus::met);
  const auto decided =
      must(record_decision(state, conclusive(Outcome::positive, d(2026, 12, 5)), policy()));
  EXPECT_EQ(by_what(deadlines(decided, policy(), d(2026, 12, 10)))
                .at(deadline::earliest_conclusive)
                .status,
            DeadlineStatus::met);
}

TEST(NrmDeadlines, GuardianForAChild) {
  const auto list = by_what(deadlines(child_case(), policy(), d(2026, 11, 6)));
  EXPECT_EQ(list.at(deadline::guardian).due, d(2026, 11, 5));
  EXPECT_EQ(list.at(deadline::guardian).status, DeadlineStatus::overdue);
  const auto appointed = must(appoint_guardian(child_case(), kGuardian, d(2026, 11, 6)));
  EXPECT_EQ(by_what(deadlines(appointed, policy(), d(2026, 11, 6))).at(deadline::guardian).status,
            DeadlineStatus::met);
}

TEST(NrmDeadlines, ReviewDecisionDue) {
  const auto requested = must(request_review(with_negative_rg(), 0, "person", d(2026, 11, 6)));
  const auto list = by_what(deadlines(requested, policy(), d(2026, 11, 7)));
  EXPECT_EQ(list.at(deadline::review).due, d(2026, 12, 6));
  EXPECT_EQ(list.at(deadline::review).status, DeadlineStatus::upcoming);
  const auto reviewed =
      must(record_decision(requested, review_of(0, Outcome::negative, d(2026, 11, 20)), policy()));
  EXPECT_EQ(by_what(deadlines(reviewed, policy(), d(2027, 1, 1))).at(deadline::review).status,
            DeadlineStatus::met);
}

TEST(NrmDeadlines, AClosedCaseHasNone) {
  const auto closed = must(close_case(child_case(), "returned", d(2026, 11, 3)));
  EXPECT_TRUE(deadlines(closed, policy(), d(2026, 12, 1)).empty());
}

TEST(NrmDeadlines, MostUrgentFirst) {
  std::vector<Deadline> list = {
      {deadline::review, d(2026, 12, 20), DeadlineStatus::upcoming},
      {deadline::reasonable_grounds, d(2026, 11, 9), DeadlineStatus::met},
      {deadline::guardian, d(2026, 11, 20), DeadlineStatus::overdue},
      {deadline::reflection_end, d(2026, 12, 1), DeadlineStatus::due_today},
      {deadline::earliest_conclusive, d(2026, 11, 10), DeadlineStatus::overdue},
      {deadline::review, d(2026, 12, 5), DeadlineStatus::upcoming},
  };
  most_urgent_first(list);
  ASSERT_EQ(list.size(), 6u);
  EXPECT_EQ(list[0].what, deadline::earliest_conclusive);
  EXPECT_EQ(list[1].what, deadline::guardian);
  EXPECT_EQ(list[2].what, deadline::reflection_end);
  EXPECT_EQ(list[3].due, d(2026, 12, 5));
  EXPECT_EQ(list[4].due, d(2026, 12, 20));
  EXPECT_EQ(list[5].status, DeadlineStatus::met);
}

// --- consent -------------------------------------------------------------------------------------

TEST(NrmConsent, AChildNeverNeedsConsent) {
  EXPECT_EQ(validate_referral_consent(true, Consent{}), ReferralKind::identified);
}

TEST(NrmConsent, AnAdultWithInformedConsentIsReferredWithIdentity) {
  EXPECT_EQ(validate_referral_consent(false, Consent{true, "outreach worker", "ru"}),
            ReferralKind::identified);
}

TEST(NrmConsent, WithoutConsentOnlyAnAnonymousNotification) {
  EXPECT_EQ(validate_referral_consent(false, Consent{false, "", ""}),
            ReferralKind::anonymous_notification);
  EXPECT_EQ(validate_referral_consent(false, Consent{false, "someone", "en"}),
            ReferralKind::anonymous_notification);
}

TEST(NrmConsent, ConsentWithoutWhoOrLanguageIsNotInformed) {
  const auto result = validate_referral_consent(false, Consent{true, " ", ""});
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().type, "validation");
  ASSERT_EQ(result.error().fields.size(), 2u);
  EXPECT_EQ(result.error().fields[0].field, "consent.explained_by");
  EXPECT_EQ(result.error().fields[1].field, "consent.language");
}

// --- parsing
// ----------------------------------------------------------------------------------------

TEST(NrmDecisionVocabulary, KindsAndOutcomesParse) {
  for (const auto kind : {DecisionKind::reasonable_grounds, DecisionKind::conclusive,
                          DecisionKind::review, DecisionKind::durable_solution}) {
    EXPECT_EQ(parse_decision_kind(to_string(kind)), kind);
  }
  EXPECT_FALSE(parse_decision_kind("final"));
  EXPECT_EQ(parse_outcome("positive"), Outcome::positive);
  EXPECT_EQ(parse_outcome("negative"), Outcome::negative);
  EXPECT_FALSE(parse_outcome("Positive"));
}

// --- operations x states ------------------------------------------------------------------------

using Operation = std::function<Result<CaseState>(const CaseState&)>;

const std::vector<std::pair<std::string, CaseState>>& named_states() {
  static const std::vector<std::pair<std::string, CaseState>> kStates = [] {
    std::vector<std::pair<std::string, CaseState>> states;
    states.emplace_back("new adult", adult_case());
    states.emplace_back("new child", child_case());
    states.emplace_back("rg positive", with_positive_rg());
    states.emplace_back("rg negative", with_negative_rg());
    states.emplace_back("review requested",
                        must(request_review(with_negative_rg(), 0, "person", d(2026, 11, 6))));
    states.emplace_back(
        "identified",
        must(record_decision(with_positive_rg(), conclusive(Outcome::positive, d(2026, 12, 5)),
                             policy())));
    states.emplace_back("child with guardian",
                        must(appoint_guardian(child_case(), kGuardian, d(2026, 11, 3))));
    states.emplace_back("closed", must(close_case(adult_case(), "missing", d(2026, 11, 3))));
    return states;
  }();
  return kStates;
}

const std::vector<std::pair<std::string, Operation>>& named_operations() {
  static const std::vector<std::pair<std::string, Operation>> kOperations = {
      {"rg",
       [](const CaseState& s) { return record_decision(s, rg(Outcome::positive), policy()); }},
      {"conclusive early",
       [](const CaseState& s) {
         return record_decision(s, conclusive(Outcome::positive, d(2026, 11, 20)), policy());
       }},
      {"conclusive",
       [](const CaseState& s) {
         return record_decision(s, conclusive(Outcome::positive, d(2026, 12, 6)), policy());
       }},
      {"review",
       [](const CaseState& s) {
         return record_decision(s, review_of(0, Outcome::positive, d(2026, 11, 10)), policy());
       }},
      {"request review",
       [](const CaseState& s) { return request_review(s, 0, "person", d(2026, 11, 7)); }},
      {"extend", [](const CaseState& s) { return extend_reflection(s, 14, "recovery"); }},
      {"guardian",
       [](const CaseState& s) { return appoint_guardian(s, kGuardian + 1, d(2026, 11, 8)); }},
      {"best interests",
       [](const CaseState& s) { return record_best_interests_assessment(s, d(2026, 11, 8)); }},
      {"close", [](const CaseState& s) { return close_case(s, "returned", d(2026, 12, 20)); }},
      {"reopen", [](const CaseState& s) { return reopen_case(s, d(2026, 12, 21)); }},
  };
  return kOperations;
}

// What each operation does in each state: "allowed" or the problem type of the refusal.
const std::map<std::pair<std::string, std::string>, std::string>& expected_outcomes() {
  static const std::map<std::pair<std::string, std::string>, std::string> kTable = [] {
    const std::vector<std::string> rows = {
        "new adult",        "new child",  "rg positive",         "rg negative",
        "review requested", "identified", "child with guardian", "closed"};
    // Columns in the order of named_operations().
    const std::vector<std::vector<std::string>> cells = {
        // rg, conclusive early, conclusive, review, request review, extend, guardian,
        // best interests, close, reopen
        {"allowed", "decision-out-of-order", "decision-out-of-order", "not-reviewable",
         "not-reviewable", "reflection-not-started", "not-a-child", "not-a-child", "allowed",
         "case-open"},
        {"allowed", "decision-out-of-order", "decision-out-of-order", "not-reviewable",
         "not-reviewable", "reflection-not-started", "allowed", "allowed", "allowed", "case-open"},
        {"decision-out-of-order", "reflection-period-running", "allowed", "not-reviewable",
         "not-reviewable", "allowed", "not-a-child", "not-a-child", "allowed", "case-open"},
        {"decision-out-of-order", "decision-out-of-order", "decision-out-of-order",
         "review-not-requested", "allowed", "reflection-not-started", "not-a-child", "not-a-child",
         "allowed", "case-open"},
        {"decision-out-of-order", "decision-out-of-order", "decision-out-of-order", "allowed",
         "review-requested", "reflection-not-started", "not-a-child", "not-a-child", "allowed",
         "case-open"},
        {"decision-out-of-order", "decision-out-of-order", "decision-out-of-order",
         "not-reviewable", "not-reviewable", "allowed", "not-a-child", "not-a-child", "allowed",
         "case-open"},
        {"guardian-must-co-sign", "guardian-must-co-sign", "guardian-must-co-sign",
         "guardian-must-co-sign", "not-reviewable", "reflection-not-started", "allowed", "allowed",
         "allowed", "case-open"},
        {"case-closed", "case-closed", "case-closed", "case-closed", "case-closed", "case-closed",
         "case-closed", "case-closed", "case-closed", "allowed"},
    };
    std::map<std::pair<std::string, std::string>, std::string> table;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < named_operations().size(); ++c) {
        table[{rows[r], named_operations()[c].first}] = cells.at(r).at(c);
      }
    }
    return table;
  }();
  return kTable;
}

TEST(NrmRuleTable, EveryOperationInEveryState) {
  for (const auto& [state_name, state] : named_states()) {
    for (const auto& [operation_name, operation] : named_operations()) {
      SCOPED_TRACE(std::string(state_name).append(" / ").append(operation_name));
      const CaseState before = state;
      const auto result = operation(state);
      EXPECT_EQ(refusal(result), expected_outcomes().at({state_name, operation_name}));
      EXPECT_EQ(state, before);  // inputs are never modified
      if (!result) {
        EXPECT_FALSE(result.error().message.empty());
      } else {
        EXPECT_NE(*result, before);
      }
    }
  }
}

// Assistance is never conditional on co-operation with the police (Addendum IV.1.1): every
// operation in every state gives the same answer whichever way the fact is recorded.
TEST(NrmRuleTable, NoRuleReadsCooperationWithThePolice) {
  for (const auto& [state_name, state] : named_states()) {
    auto cooperating = must(record_police_cooperation(state, true));
    auto not_cooperating = must(record_police_cooperation(state, false));
    for (const auto& [operation_name, operation] : named_operations()) {
      SCOPED_TRACE(std::string(state_name).append(" / ").append(operation_name));
      auto with = operation(cooperating);
      auto without = operation(not_cooperating);
      ASSERT_EQ(with.has_value(), without.has_value());
      if (with) {
        with->cooperates_with_police = false;
        EXPECT_EQ(*with, *without);
      } else {
        EXPECT_EQ(with.error().type, without.error().type);
      }
    }
    for (const auto& today : {d(2026, 11, 3), d(2026, 12, 6), d(2027, 3, 1)}) {
      EXPECT_EQ(deadlines(cooperating, policy(), today),
                deadlines(not_cooperating, policy(), today));
    }
    EXPECT_EQ(trafficking_status(cooperating), trafficking_status(not_cooperating));
  }
}

}  // namespace
}  // namespace lifeline::domain::nrm
