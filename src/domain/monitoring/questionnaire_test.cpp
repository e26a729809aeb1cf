#include "domain/monitoring/questionnaire.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain::monitoring {
namespace {

ItemDefinition yes_no(std::string code, std::string pillar = "protection") {
  ItemDefinition item;
  item.code = std::move(code);
  item.prompt = "Has your State established a National Referral Mechanism?";
  item.pillar = std::move(pillar);
  return item;
}

ItemDefinition permits() {
  ItemDefinition item;
  item.code = "permits";
  item.prompt = "How many residence permits were issued to victims?";
  item.type = QuestionType::number;
  item.unit = "permits";
  item.year = 2025;
  item.minimum = 0;
  item.maximum = 100000;
  item.shown_if = SkipRule{"nrm", {"yes", "partly"}};
  return item;
}

Response response(std::string country,
                  const std::vector<std::pair<std::string, AnswerValue>>& answers) {
  Response r{std::move(country), {}};
  for (const auto& [code, value] : answers) r.answers[code] = GivenAnswer{1, value};
  return r;
}

AnswerValue text(std::string t) {
  return {std::move(t), std::nullopt, {}};
}

TEST(Questionnaire, ItemsAreChecked) {
  EXPECT_TRUE(check_item(yes_no("nrm"), {}).empty());
  EXPECT_TRUE(check_item(permits(), {yes_no("nrm")}).empty());
  auto bad = permits();
  bad.code = "9x";
  bad.minimum = 10;
  bad.maximum = 1;
  const auto errors = check_item(bad, {});
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].field, "code");
  EXPECT_EQ(errors[1].field, "maximum");
  EXPECT_EQ(errors[2].field, "shown_if.item");
  auto wrong_answer = permits();
  wrong_answer.shown_if->answers = {"maybe"};
  EXPECT_EQ(check_item(wrong_answer, {yes_no("nrm")}).at(0).field, "shown_if.answers");
  ItemDefinition choice = yes_no("body");
  choice.type = QuestionType::choice;
  EXPECT_EQ(check_item(choice, {}).at(0).field, "choices");
  choice.choices = {{"ministry", "A ministry"}, {"agency", "An agency"}};
  EXPECT_TRUE(check_item(choice, {}).empty());
}

TEST(Questionnaire, AnswersAreCheckedAgainstTheirItem) {
  EXPECT_TRUE(check_answer(yes_no("nrm"), text("partly")).has_value());
  EXPECT_FALSE(check_answer(yes_no("nrm"), text("maybe")).has_value());
  const auto out_of_range = check_answer(permits(), {"", 100001.0, {}});
  ASSERT_FALSE(out_of_range.has_value());
  EXPECT_EQ(out_of_range.error().type, "out-of-range");
  EXPECT_TRUE(check_answer(permits(), {"", 12.0, {}}).has_value());
  EXPECT_FALSE(check_answer(permits(), text("12")).has_value());
  ItemDefinition evidence = yes_no("law");
  evidence.type = QuestionType::evidence;
  EXPECT_TRUE(check_answer(evidence, {"", std::nullopt, {"https://example.org/law"}}).has_value());
  EXPECT_FALSE(check_answer(evidence, {"", std::nullopt, {"javascript:alert(1)"}}).has_value());
  EXPECT_FALSE(check_answer(evidence, {}).has_value());
}

TEST(Questionnaire, SkipLogicAsksAnItemOnlyAfterTheAnswersItNames) {
  EXPECT_TRUE(is_shown(permits(), {{"nrm", "yes"}}));
  EXPECT_FALSE(is_shown(permits(), {{"nrm", "no"}}));
  EXPECT_FALSE(is_shown(permits(), {}));
  EXPECT_TRUE(is_shown(yes_no("nrm"), {}));
}

TEST(Questionnaire, SharesAreOfTheStatesThatAnsweredNotOfAllStates) {
  const std::vector<ItemDefinition> items = {yes_no("nrm"), permits()};
  const std::vector<Response> responses = {
      response("AT", {{"nrm", text("yes")}, {"permits", {"", 10.0, {}}}}),
      response("BE", {{"nrm", text("yes")}}),
      response("CY", {{"nrm", text("no")}}),
      response("DK", {{"nrm", text("partly")}, {"permits", {"", 30.0, {}}}}),
      response("EE", {}),
  };
  const auto nrm = analyse_item(items[0], 1, items, responses);
  EXPECT_EQ(nrm.responding, 5);
  EXPECT_EQ(nrm.asked, 5);
  EXPECT_EQ(nrm.answered, 4);
  ASSERT_EQ(nrm.counts.size(), 4U);
  EXPECT_EQ(nrm.counts[0].category, "yes");
  EXPECT_EQ(nrm.counts[0].count, 2);
  EXPECT_DOUBLE_EQ(nrm.counts[0].share, 0.5);
  EXPECT_DOUBLE_EQ(nrm.counts[2].share, 0.25);

  const auto numbers = analyse_item(items[1], 1, items, responses);
  EXPECT_EQ(numbers.asked, 3);  // AT, BE and DK said yes or partly
  EXPECT_EQ(numbers.answered, 2);
  EXPECT_DOUBLE_EQ(numbers.sum.value(), 40.0);
  EXPECT_DOUBLE_EQ(numbers.mean.value(), 20.0);
  EXPECT_EQ(analyse_item(items[1], 2, items, responses).answered, 0);  // another version

  const auto pillars = analyse_pillars(items, responses);
  ASSERT_EQ(pillars.size(), 1U);
  EXPECT_EQ(pillars[0].answers, 4);
  EXPECT_EQ(pillars[0].respondents, 4);

  auto second = yes_no("shelter");
  const auto table =
      cross_tabulate(items[0], second,
                     {response("AT", {{"nrm", text("yes")}, {"shelter", text("no")}}),
                      response("BE", {{"nrm", text("yes")}, {"shelter", text("no")}}),
                      response("CY", {{"nrm", text("no")}})});
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->total, 2);
  EXPECT_EQ(table->counts[0][2], 2);
  EXPECT_FALSE(cross_tabulate(items[0], items[1], responses).has_value());
}

TEST(Questionnaire, FreeTextIsListedWithItsState) {
  ItemDefinition challenges = yes_no("challenges");
  challenges.type = QuestionType::text;
  const auto analysis = analyse_item(
      challenges, 0, {challenges}, {response("FR", {{"challenges", text("Funding of shelters")}})});
  ASSERT_EQ(analysis.texts.size(), 1U);
  EXPECT_EQ(analysis.texts[0].first, "FR");
  EXPECT_EQ(analysis.texts[0].second, "Funding of shelters");
}

}  // namespace
}  // namespace lifeline::domain::monitoring
