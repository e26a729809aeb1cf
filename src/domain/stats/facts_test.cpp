#include "domain/stats/facts.hpp"

#include "domain/stats/exports.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain::stats {
namespace {

using namespace std::chrono;

nrm::Date day(int y, unsigned m, unsigned d) {
  return nrm::Date{year{y}, month{m}, std::chrono::day{d}};
}

CaseSource source() {
  CaseSource s;
  s.case_id = 7;
  s.referred_on = day(2025, 11, 3);  // a Monday
  s.sex = "feminine";
  s.citizenship = "MD";
  s.age_band = "age_21_23";
  s.country_of_exploitation = "AT";
  s.exploitation_types = {"sexual_exploitation", "forced_labour"};
  s.first_responder_type = "police";
  s.state = nrm::open_case(s.referred_on, 3, false, nrm::ReferralKind::identified);
  return s;
}

TEST(Dimensions, EveryDimensionParsesBackFromItsId) {
  for (const auto dimension : all_dimensions()) {
    EXPECT_EQ(parse_dimension(to_string(dimension)), dimension);
  }
  EXPECT_FALSE(parse_dimension("name").has_value());
  EXPECT_TRUE(is_multi_valued(Dimension::exploitation_type));
  EXPECT_FALSE(is_multi_valued(Dimension::gender));
}

TEST(Facts, ANewReferralIsAPresumedVictimAwaitingDecisions) {
  const auto facts = case_facts(source());
  EXPECT_EQ(facts.referred_on, "2025-11-03");
  EXPECT_EQ(facts.year, 2025);
  EXPECT_EQ(facts.quarter, "2025-Q4");
  EXPECT_EQ(facts.month, "2025-11");
  EXPECT_EQ(facts.trafficking_status, "presumed_victim");
  EXPECT_EQ(facts.age_group, "adult");
  EXPECT_EQ(facts.scope, "transnational");
  EXPECT_EQ(facts.rg_outcome, "pending");
  EXPECT_EQ(facts.cg_outcome, "pending");
  EXPECT_FALSE(facts.rg_days.has_value());
  EXPECT_EQ(exploitation_categories(facts.exploitation_mask),
            (std::vector<std::string>{"forced_labour", "sexual_exploitation"}));
}

TEST(Facts, DecisionsLegalStepsAndReturnsAreCounted) {
  auto s = source();
  nrm::CasePolicy policy;
  nrm::DecisionRequest rg{nrm::DecisionKind::reasonable_grounds,
                          nrm::Outcome::positive,
                          "r",
                          day(2025, 11, 10),
                          9,
                          1,
                          std::nullopt,
                          std::nullopt};
  auto state = nrm::record_decision(s.state, rg, policy);
  ASSERT_TRUE(state.has_value());
  state = nrm::record_legal_step(*state, {"work_permit", "applied", day(2025, 11, 11), {}, {}});
  state = nrm::record_legal_step(*state, {"work_permit", "granted", day(2025, 11, 20), {}, {}});
  state = nrm::record_legal_step(*state,
                                 {"compensation_court", "applied", day(2025, 11, 20), 5000, {}});
  state = nrm::record_legal_step(*state,
                                 {"compensation_court", "granted", day(2025, 12, 20), 3000, {}});
  ASSERT_TRUE(state.has_value());
  s.state = *state;
  const auto facts = case_facts(s);
  EXPECT_EQ(facts.rg_outcome, "positive");
  EXPECT_EQ(facts.rg_days, 7);
  EXPECT_EQ(facts.rg_on, "2025-11-10");
  EXPECT_EQ(facts.reflection_days, policy.reflection_minimum_days);
  EXPECT_EQ(facts.permits_applied, 1);
  EXPECT_EQ(facts.permits_granted, 1);
  EXPECT_EQ(facts.compensation_claims, 1);
  EXPECT_EQ(facts.compensation_claimed, 5000);
  EXPECT_EQ(facts.compensation_awards, 1);
  EXPECT_EQ(facts.compensation_awarded, 3000);
}

TEST(Facts, ScopeAndAgeGroup) {
  EXPECT_EQ(trafficking_scope("MD", "MD"), "internal");
  EXPECT_EQ(trafficking_scope("MD", ""), "unknown");
  const auto child = nrm::open_case(day(2025, 1, 1), 1, true, nrm::ReferralKind::identified);
  EXPECT_EQ(age_group("", child), "child");
  EXPECT_EQ(age_group("age_9_17", child), "child");
  EXPECT_EQ(age_group("age_48_plus", child), "adult");
}

TEST(Facts, UnknownSortsLastAndVocabulariesInTheirOrder) {
  EXPECT_LT(category_sort_key(Dimension::gender, "feminine"),
            category_sort_key(Dimension::gender, "masculine"));
  EXPECT_LT(category_sort_key(Dimension::citizenship, "ZW"),
            category_sort_key(Dimension::citizenship, "unknown"));
  EXPECT_LT(category_sort_key(Dimension::age_band, "age_9_17"),
            category_sort_key(Dimension::age_band, "age_18_20"));
}

TEST(HtcdsExport, ARowUsesHtcdsValuesAndNoIdentifyingField) {
  const auto facts = case_facts(source());
  const auto row = htcds_case_row(facts);
  const auto columns = htcds_case_columns();
  ASSERT_EQ(row.size(), columns.size());
  for (const auto& column : columns) {
    EXPECT_NE(column, "prs_FirstName");
    EXPECT_NE(column, "prs_Birthdate");
  }
  EXPECT_EQ(row[0], "2025-11-03");
  EXPECT_EQ(row[1], "Feminine");
  EXPECT_EQ(row[2], "21--23");
  EXPECT_EQ(row[5], "ForcedLabour;SexualExploitation");
  EXPECT_EQ(row[9], "PossibleVictimOfTrafficking");
  EXPECT_EQ(row[14], "Active");
}

}  // namespace
}  // namespace lifeline::domain::stats
