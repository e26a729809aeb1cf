#include "domain/nrm/vocabulary.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace lifeline::domain::nrm {
namespace {

const std::vector<std::pair<std::string_view, Vocabulary>>& all_vocabularies() {
  static const std::vector<std::pair<std::string_view, Vocabulary>> kAll = {
      {"exploitation_types", exploitation_types()},
      {"means_of_control", means_of_control()},
      {"trafficking_statuses", trafficking_statuses()},
      {"case_statuses", case_statuses()},
      {"closure_reasons", closure_reasons()},
      {"decision_kinds", decision_kinds()},
      {"decision_outcomes", decision_outcomes()},
      {"review_requesters", review_requesters()},
      {"immediate_needs", immediate_needs()},
      {"service_types", service_types()},
      {"genders", genders()},
      {"age_bands", age_bands()},
      {"default_indicators", default_indicators()},
  };
  return kAll;
}

TEST(NrmVocabulary, EveryIdIsSnakeCaseUniqueAndLabelled) {
  for (const auto& [name, vocabulary] : all_vocabularies()) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(vocabulary.empty());
    std::set<std::string_view> ids;
    for (const auto& term : vocabulary) {
      EXPECT_TRUE(is_snake_case_id(term.id)) << term.id;
      EXPECT_FALSE(term.label.empty()) << term.id;
      EXPECT_TRUE(ids.insert(term.id).second) << term.id;
    }
  }
}

TEST(NrmVocabulary, LookupsAcceptOnlyTheirOwnIds) {
  EXPECT_TRUE(is_exploitation_type("sexual_exploitation"));
  EXPECT_FALSE(is_exploitation_type("Sexual_Exploitation"));
  EXPECT_FALSE(is_exploitation_type(""));
  EXPECT_TRUE(is_means_of_control("debt_bondage"));
  EXPECT_FALSE(is_means_of_control("forced_labour"));
  EXPECT_TRUE(is_trafficking_status("presumed_victim"));
  EXPECT_TRUE(is_case_status("closed_referred"));
  EXPECT_TRUE(is_decision_kind("reasonable_grounds"));
  EXPECT_TRUE(is_decision_outcome("negative"));
  EXPECT_FALSE(is_decision_outcome("maybe"));
  EXPECT_TRUE(is_review_requester("support_provider"));
  EXPECT_TRUE(is_immediate_need("interpreter"));
  EXPECT_TRUE(is_service_type("family_tracing"));
  EXPECT_FALSE(is_service_type("interpreter"));
  EXPECT_TRUE(is_gender("non_conforming"));
  EXPECT_TRUE(is_age_band("age_48_plus"));
}

TEST(NrmVocabulary, HoldsTheValuesTheIssueNames) {
  for (const auto* id : {"recovered_independent", "returned", "transferred_abroad", "missing",
                         "deceased", "withdrew_consent", "not_a_victim"}) {
    EXPECT_TRUE(is_closure_reason(id)) << id;
  }
  for (const auto* id : {"shelter", "medical", "psychological", "legal_counselling",
                         "interpretation", "education_training", "employment", "financial_support",
                         "family_tracing", "safety_measures"}) {
    EXPECT_TRUE(is_service_type(id)) << id;
  }
  for (const auto* id : {"safety", "shelter", "medical", "interpreter"}) {
    EXPECT_TRUE(is_immediate_need(id)) << id;
  }
  for (const auto* id : {"person", "representative", "referrer", "support_provider"}) {
    EXPECT_TRUE(is_review_requester(id)) << id;
  }
  EXPECT_EQ(decision_outcomes().size(), 2u);
  EXPECT_EQ(age_bands().size(), 9u);
}

TEST(NrmVocabulary, MapsToHtcdsAndCtdc) {
  EXPECT_EQ(find_term(exploitation_types(), "sexual_exploitation")->ctdc, "isSexualExploit");
  EXPECT_EQ(find_term(exploitation_types(), "forced_labour")->ctdc, "isForcedLabour");
  EXPECT_EQ(find_term(exploitation_types(), "forced_military")->htcds,
            "ForcedMilitaryByNonStateActors");
  EXPECT_EQ(find_term(means_of_control(), "withholds_documents")->ctdc,
            "meansOfControlWithholdsDocuments");
  EXPECT_EQ(find_term(trafficking_statuses(), "identified_victim")->htcds,
            "ActualVictimOfTrafficking");
  EXPECT_EQ(find_term(genders(), "feminine")->ctdc, "gender=Female");
  EXPECT_EQ(find_term(age_bands(), "age_9_17")->ctdc, "ageBroad=9--17");
  EXPECT_EQ(find_term(exploitation_types(), "no_such"), nullptr);
}

TEST(NrmVocabulary, EveryMeansOfControlHasACtdcVariable) {
  for (const auto& term : means_of_control()) {
    EXPECT_TRUE(term.ctdc.starts_with("meansOfControl")) << term.id;
  }
}

TEST(NrmAgeBands, BoundariesFollowCtdc) {
  const std::vector<std::pair<int, std::string_view>> cases = {
      {0, "age_0_8"},      {8, "age_0_8"},      {9, "age_9_17"},   {17, "age_9_17"},
      {18, "age_18_20"},   {20, "age_18_20"},   {21, "age_21_23"}, {23, "age_21_23"},
      {24, "age_24_26"},   {26, "age_24_26"},   {27, "age_27_29"}, {29, "age_27_29"},
      {30, "age_30_38"},   {38, "age_30_38"},   {39, "age_39_47"}, {47, "age_39_47"},
      {48, "age_48_plus"}, {120, "age_48_plus"}};
  for (const auto& [age, band] : cases) EXPECT_EQ(age_band(age), band) << age;
  EXPECT_EQ(age_band(std::nullopt), std::nullopt);
  EXPECT_EQ(age_band(-1), std::nullopt);
}

TEST(NrmAgeBands, MajorityIsChildUnderEighteen) {
  EXPECT_EQ(majority(17), Majority::child);
  EXPECT_EQ(majority(18), Majority::adult);
  EXPECT_EQ(majority(std::nullopt), Majority::unknown);
  EXPECT_EQ(majority(-3), Majority::unknown);
  EXPECT_EQ(to_string(Majority::child), "child");
  EXPECT_EQ(ctdc_majority_status(Majority::child), "Minor");
  EXPECT_EQ(ctdc_majority_status(Majority::adult), "Adult");
  EXPECT_EQ(ctdc_majority_status(Majority::unknown), "Unknown");
}

TEST(NrmChecklist, DefaultIndicatorsCoverTheCoreSigns) {
  const auto checklist = Checklist::default_indicators();
  for (const auto* id :
       {"deceptive_recruitment", "debt_bondage", "withheld_documents", "restricted_movement",
        "threats", "physical_violence", "excessive_hours", "no_or_little_pay", "isolation"}) {
    EXPECT_TRUE(checklist.contains(id)) << id;
  }
  EXPECT_EQ(checklist.items().size(), default_indicators().size());
}

TEST(NrmChecklist, ChecksTickedIdsAgainstItsOwnList) {
  const auto checklist = Checklist::default_indicators();
  EXPECT_TRUE(checklist.check({}, "indicators").empty());
  EXPECT_TRUE(checklist.check({"threats", "isolation"}, "indicators").empty());
  const auto unknown = checklist.check({"threats", "made_up"}, "indicators");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].field, "indicators");
  EXPECT_FALSE(checklist.check({"threats", "threats"}, "indicators").empty());
}

TEST(NrmChecklist, ADeploymentCanReplaceTheList) {
  auto custom = Checklist::make({{"works_at_night", "Works at night", {}},
                                 {"no_contract", "No contract", {{"ru", "Без договора"}}}});
  ASSERT_TRUE(custom.has_value());
  EXPECT_TRUE(custom->check({"no_contract"}, "indicators").empty());
  EXPECT_FALSE(custom->check({"threats"}, "indicators").empty());
}

TEST(NrmChecklist, RefusesABadConfiguration) {
  EXPECT_FALSE(Checklist::make({}).has_value());
  EXPECT_FALSE(Checklist::make({{"Bad Id", "x", {}}}).has_value());
  EXPECT_FALSE(Checklist::make({{"ok", "", {}}}).has_value());
  EXPECT_FALSE(Checklist::make({{"ok", "a", {}}, {"ok", "b", {}}}).has_value());
}

TEST(NrmChecklist, SnakeCaseIds) {
  EXPECT_TRUE(is_snake_case_id("a"));
  EXPECT_TRUE(is_snake_case_id("age_48_plus"));
  EXPECT_FALSE(is_snake_case_id(""));
  EXPECT_FALSE(is_snake_case_id("_a"));
  EXPECT_FALSE(is_snake_case_id("a_"));
  EXPECT_FALSE(is_snake_case_id("a__b"));
  EXPECT_FALSE(is_snake_case_id("1a"));
  EXPECT_FALSE(is_snake_case_id("a-b"));
  EXPECT_FALSE(is_snake_case_id(std::string(65, 'a')));
}

}  // namespace
}  // namespace lifeline::domain::nrm
