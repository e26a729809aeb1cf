#include "domain/nrm/services.hpp"

#include <gtest/gtest.h>

#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::nrm {
namespace {

constexpr SharingBasis kConsentingAdult{true, true, false};
constexpr SharingBasis kChild{false, true, false};

constexpr Date kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};

Result<ServiceRecord> check(const ServiceReferral& referral, const SharingBasis& basis) {
  return check_service_referral(referral, basis, kToday);
}

ServiceReferral shelter(std::vector<std::string> fields, std::string ground = "") {
  return {"shelter", 9, "ngo", std::move(fields), std::move(ground)};
}

TEST(Services, EveryServiceTypeNeedsOnlyShareableFields) {
  for (const auto& type : service_types()) {
    const auto fields = necessary_fields(type.id);
    EXPECT_FALSE(fields.empty()) << type.id;
    for (auto field : fields) EXPECT_NE(find_shareable_field(field), nullptr) << field;
  }
  EXPECT_TRUE(necessary_fields("no_such_service").empty());
}

TEST(Services, ConsentCoversWhatTheServiceNeeds) {
  auto service = check(shelter({"given_name", "family_name", "needs"}), kConsentingAdult);
  ASSERT_TRUE(service) << service.error().message;
  EXPECT_EQ(service->status, ServiceStatus::referred);
  EXPECT_FALSE(service->lawful_ground_recorded);
}

TEST(Services, SharingBeyondConsentNeedsALawfulGroundFromADecisionMaker) {
  const auto beyond = shelter({"given_name", "date_of_birth", "exploitation_types"});
  auto refused = check(beyond, kConsentingAdult);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::forbidden);
  EXPECT_EQ(refused.error().type, "sharing-needs-lawful-ground");

  auto ground = beyond;
  ground.lawful_ground = "Court order 12/2026";
  EXPECT_FALSE(check(ground, kConsentingAdult)) << "a case worker cannot";
  auto allowed = check(ground, {true, true, true});
  ASSERT_TRUE(allowed);
  EXPECT_TRUE(allowed->lawful_ground_recorded);

  ground.lawful_ground = "   ";
  EXPECT_FALSE(check(ground, {true, true, true}));
}

TEST(Services, WithoutAnAdultsConsentEverySharingNeedsAGround) {
  EXPECT_FALSE(check(shelter({"needs"}), kChild));
  EXPECT_TRUE(check(shelter({"needs"}, "Child protection act, s. 4"), {false, true, true}));
}

TEST(Services, AnAnonymousNotificationHasNoIdentityToShare) {
  auto refused = check(shelter({"given_name"}, "ground"), {false, false, true});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_argument);
  EXPECT_TRUE(check(shelter({"needs"}, "ground"), {false, false, true}));
}

TEST(Services, BadReferralsReportEveryField) {
  ServiceReferral bad{"spa", 0, "", {"password", "needs", "needs"}, ""};
  auto refused = check(bad, kConsentingAdult);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.size(), 4U);
  ServiceReferral to_authority{"shelter", 1, "competent_authority", {"needs"}, ""};
  EXPECT_FALSE(check(to_authority, kConsentingAdult));
}

TEST(Services, TheProviderAnswersOnceAndDeliversWhatItAccepted) {
  ServiceRecord service{1, "medical", 9, {"needs"}, false, ServiceStatus::referred, kToday};
  EXPECT_FALSE(record_delivery(service));
  auto declined = answer_service(service, false);
  ASSERT_TRUE(declined);
  EXPECT_EQ(declined->status, ServiceStatus::declined);
  EXPECT_FALSE(is_open(declined->status));
  auto accepted = answer_service(service, true);
  ASSERT_TRUE(accepted);
  EXPECT_FALSE(answer_service(*accepted, false));
  EXPECT_TRUE(is_open(accepted->status));
  auto delivered = record_delivery(*accepted);
  ASSERT_TRUE(delivered);
  EXPECT_FALSE(is_open(delivered->status));
  EXPECT_FALSE(withdraw_service(*delivered));
  auto withdrawn = withdraw_service(*accepted);
  ASSERT_TRUE(withdrawn);
  EXPECT_EQ(withdrawn->status, ServiceStatus::withdrawn);
}

TEST(Services, AReferralWaitsForItsAnswerThreeWorkingDays) {
  const CasePolicy policy;
  ServiceRecord waiting{1, "medical", 9, {"needs"}, false, ServiceStatus::referred, kToday};
  ServiceRecord answered = waiting;
  answered.status = ServiceStatus::accepted;
  const Date thursday = add_days(kToday, 3);  // kToday is a Monday
  auto deadlines = service_deadlines({waiting, answered}, policy, kToday);
  ASSERT_EQ(deadlines.size(), 1U);
  EXPECT_EQ(deadlines[0].what, deadline::service_answer);
  EXPECT_EQ(deadlines[0].due, thursday);
  // Three days away is within the default warning of three days.
  EXPECT_EQ(deadlines[0].status, DeadlineStatus::due_soon);
  CasePolicy quiet;
  quiet.deadline_warning_days = 1;
  EXPECT_EQ(service_deadlines({waiting}, quiet, kToday)[0].status, DeadlineStatus::upcoming);
  EXPECT_EQ(service_deadlines({waiting}, policy, add_days(thursday, 1))[0].status,
            DeadlineStatus::overdue);
}

TEST(Services, StatusesRoundTrip) {
  for (auto status : {ServiceStatus::referred, ServiceStatus::accepted, ServiceStatus::declined,
                      ServiceStatus::delivered, ServiceStatus::withdrawn}) {
    EXPECT_EQ(parse_service_status(to_string(status)), status);
  }
  EXPECT_FALSE(parse_service_status("lost"));
}

}  // namespace
}  // namespace lifeline::domain::nrm
