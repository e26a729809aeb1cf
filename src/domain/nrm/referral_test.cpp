#include "domain/nrm/referral.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain::nrm {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date kToday{year{2026}, month{11}, day{23}};

ReferralInput adult_with_consent() {
  ReferralInput input;
  input.person = {"Anna", "Example", "1990-05-17", "feminine", "MD"};
  input.consent = {true, "Officer on duty", "ro"};
  input.exploitation_types = {"sexual_exploitation"};
  input.country_of_exploitation = "AT";
  input.indicators = {std::string(default_indicators().front().id)};
  input.needs = {std::string(immediate_needs().front().id)};
  return input;
}

bool has_field(const Error& error, const std::string& field) {
  for (const auto& f : error.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(Referral, AnAdultWithConsentIsReferredWithIdentityAndAnAgeBand) {
  auto referral = validate_referral(adult_with_consent(), Checklist::default_indicators(), kToday);
  ASSERT_TRUE(referral) << referral.error().message;
  EXPECT_EQ(referral->kind, ReferralKind::identified);
  EXPECT_EQ(referral->given_name, "Anna");
  EXPECT_EQ(referral->age_band, "age_30_38");  // 36 on the referral date
  EXPECT_EQ(referral->consent.language, "ro");
}

TEST(Referral, WithoutConsentIdentifyingFieldsAreRefusedNotDropped) {
  auto input = adult_with_consent();
  input.consent = {};
  auto refused = validate_referral(input, Checklist::default_indicators(), kToday);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "person.given_name"));
  EXPECT_TRUE(has_field(refused.error(), "person.date_of_birth"));
  input.person = {std::nullopt, std::nullopt, std::nullopt, "feminine", "MD"};
  auto anonymous = validate_referral(input, Checklist::default_indicators(), kToday);
  ASSERT_TRUE(anonymous) << anonymous.error().message;
  EXPECT_EQ(anonymous->kind, ReferralKind::anonymous_notification);
  EXPECT_TRUE(anonymous->given_name.empty());
  EXPECT_EQ(anonymous->citizenship, "MD");
}

TEST(Referral, AChildNeedsNoConsent) {
  auto input = adult_with_consent();
  input.consent = {};
  input.is_child = true;
  input.person.date_of_birth = "2012-01-02";
  auto referral = validate_referral(input, Checklist::default_indicators(), kToday);
  ASSERT_TRUE(referral) << referral.error().message;
  EXPECT_EQ(referral->kind, ReferralKind::identified);
  EXPECT_EQ(referral->age_band, "age_9_17");
}

TEST(Referral, AnUnaccompaniedOrSeparatedChildIsFlagged) {
  auto input = adult_with_consent();
  input.consent = {};
  input.is_child = true;
  input.child_situation = "unaccompanied";
  auto referral = validate_referral(input, Checklist::default_indicators(), kToday);
  ASSERT_TRUE(referral) << referral.error().message;
  EXPECT_EQ(referral->child_situation, "unaccompanied");
  input.child_situation = "alone";
  auto unknown = validate_referral(input, Checklist::default_indicators(), kToday);
  ASSERT_FALSE(unknown);
  EXPECT_TRUE(has_field(unknown.error(), "child_situation"));
}

TEST(Referral, AnAdultHasNoChildSituation) {
  auto input = adult_with_consent();
  input.child_situation = "separated";
  auto refused = validate_referral(input, Checklist::default_indicators(), kToday);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "child_situation"));
  input.child_situation.clear();
  EXPECT_TRUE(validate_referral(input, Checklist::default_indicators(), kToday));
}

TEST(Referral, EveryBrokenRuleIsReportedAtOnce) {
  auto input = adult_with_consent();
  input.person.date_of_birth = "2030-01-01";
  input.person.sex = "robot";
  input.person.citizenship = "XX";
  input.exploitation_types = {"sexual_exploitation", "sexual_exploitation", "nonsense"};
  input.country_of_exploitation = "Austria";
  input.indicators = {"not_an_indicator"};
  input.needs = {"unicorn"};
  auto refused = validate_referral(input, Checklist::default_indicators(), kToday);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_argument);
  for (const char* field :
       {"person.date_of_birth", "person.sex", "person.citizenship", "exploitation_types",
        "country_of_exploitation", "indicators", "needs"}) {
    EXPECT_TRUE(has_field(refused.error(), field)) << field;
  }
}

TEST(Referral, CountryCodesAreTheAssignedOnes) {
  EXPECT_TRUE(is_country_code("AT"));
  EXPECT_TRUE(is_country_code("MD"));
  EXPECT_TRUE(is_country_code("ZW"));
  EXPECT_FALSE(is_country_code("XX"));
  EXPECT_FALSE(is_country_code("at"));
  EXPECT_FALSE(is_country_code("A"));
  EXPECT_FALSE(is_country_code("AT "));
}

}  // namespace
}  // namespace lifeline::domain::nrm
