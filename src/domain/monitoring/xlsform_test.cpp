#include "domain/monitoring/xlsform.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain::monitoring {
namespace {

using formats::Cell;

XlsForm sample() {
  ItemDefinition nrm;
  nrm.code = "nrm";
  nrm.prompt = "Has your State established a National Referral Mechanism?";
  nrm.provision_id = "AP.V.3.1";
  nrm.pillar = "protection";
  ItemDefinition permits;
  permits.code = "permits";
  permits.prompt = "How many residence permits were issued to victims?";
  permits.type = QuestionType::number;
  permits.unit = "permits";
  permits.year = 2025;
  permits.minimum = 0;
  permits.maximum = 10000;
  permits.pillar = "protection";
  permits.shown_if = SkipRule{"nrm", {"yes", "partly"}};
  ItemDefinition body;
  body.code = "body";
  body.prompt = "Which body co-ordinates?";
  body.type = QuestionType::choice;
  body.choices = {{"ministry", "A ministry"}, {"agency", "An agency"}};
  ItemDefinition law;
  law.code = "law";
  law.prompt = "Links to the legislation";
  law.type = QuestionType::evidence;
  ItemDefinition challenges;
  challenges.code = "challenges";
  challenges.prompt = "What are the main challenges?";
  challenges.type = QuestionType::text;
  return {"Survey 2026", "lifeline_round_7", "1", {nrm, permits, body, law, challenges}};
}

TEST(XlsForm, ARoundSurvivesTheTripThroughAnXlsxFile) {
  const auto form = sample();
  const auto workbook = to_xlsform(form);
  ASSERT_NE(workbook.find("survey"), nullptr);
  EXPECT_EQ(std::get<std::string>(workbook.find("survey")->rows[1][0]), "select_one yes_no");
  EXPECT_EQ(std::get<std::string>(workbook.find("survey")->rows[2][5]),
            "${nrm} = 'yes' or ${nrm} = 'partly'");
  const auto bytes = formats::write_xlsx(workbook);
  ASSERT_TRUE(bytes.has_value());
  const auto read = formats::read_xlsx(*bytes);
  ASSERT_TRUE(read.has_value());
  const auto back = from_xlsform(*read);
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(back->title, "Survey 2026");
  EXPECT_EQ(back->form_id, "lifeline_round_7");
  EXPECT_EQ(back->items, form.items);
}

TEST(XlsForm, FormsFromOtherToolsAreRead) {
  formats::Workbook workbook{{
      {"survey",
       {{std::string("type"), std::string("name"), std::string("label::English (en)"),
         std::string("relevant"), std::string("constraint")},
        {std::string("start"), std::string("start")},
        {std::string("begin_group"), std::string("g1")},
        {std::string("select_one yn"), std::string("plan"), std::string("A national plan?")},
        {std::string("integer"), std::string("victims"), std::string("Victims identified"),
         std::string("selected(${plan}, 'yes')"), std::string(". >= 0")},
        {std::string("end_group")}}},
      {"choices",
       {{std::string("list_name"), std::string("name"), std::string("label")},
        {std::string("yn"), std::string("yes"), std::string("Yes")},
        {std::string("yn"), std::string("no"), std::string("No")},
        {std::string("yn"), std::string("partly"), std::string("Partly")},
        {std::string("yn"), std::string("not_applicable"), std::string("N/A")}}},
  }};
  const auto form = from_xlsform(workbook);
  ASSERT_TRUE(form.has_value()) << form.error().message;
  ASSERT_EQ(form->items.size(), 2U);
  EXPECT_EQ(form->items[0].type, QuestionType::yes_no);
  EXPECT_EQ(form->items[1].type, QuestionType::number);
  EXPECT_EQ(form->items[1].minimum, 0.0);
  EXPECT_FALSE(form->items[1].maximum.has_value());
  EXPECT_EQ(form->items[1].shown_if, (SkipRule{"plan", {"yes"}}));
}

TEST(XlsForm, WhatLifelineCannotAskIsRefusedByRow) {
  formats::Workbook workbook{
      {{"survey",
        {{std::string("type"), std::string("name"), std::string("label")},
         {std::string("geopoint"), std::string("where"), std::string("Where?")},
         {std::string("select_one missing"), std::string("x"), std::string("X")},
         {std::string("text"), std::string("Bad-Name"), std::string("Y")}}}}};
  const auto form = from_xlsform(workbook);
  ASSERT_FALSE(form.has_value());
  ASSERT_EQ(form.error().fields.size(), 3U);
  EXPECT_EQ(form.error().fields[0].field, "survey row 2");
  EXPECT_EQ(form.error().fields[2].field, "survey row 4");
  EXPECT_FALSE(from_xlsform(formats::Workbook{{{"choices", {}}}}).has_value());
  EXPECT_FALSE(from_xlsform(formats::Workbook{{{"survey", {{std::string("type")}}}}}).has_value());
}

TEST(XlsForm, ExportedSubmissionsBecomeAnswersByState) {
  const auto items = sample().items;
  formats::Sheet sheet{
      "data",
      {{std::string("start"), std::string("Respondent"), std::string("g/nrm"),
        std::string("permits"), std::string("body"), std::string("law"), std::string("_uuid")},
       {std::string("2026"), std::string("at"), std::string("Yes"), 12.0, std::string("An agency"),
        std::string("https://a.example/1 https://a.example/2"), std::string("u")},
       {},
       {Cell{}, std::string("BE"), std::string("not applicable")}}};
  const auto responses = responses_from_export(sheet, items);
  ASSERT_TRUE(responses.has_value()) << responses.error().message;
  ASSERT_EQ(responses->size(), 2U);
  const auto& at = (*responses)[0];
  EXPECT_EQ(at.respondent, "AT");
  EXPECT_EQ(at.row, 2U);
  ASSERT_EQ(at.answers.size(), 4U);
  EXPECT_EQ(at.answers[0], (std::pair<std::string, AnswerValue>{"nrm", {"yes", std::nullopt, {}}}));
  EXPECT_EQ(at.answers[1].second.number, 12.0);
  EXPECT_EQ(at.answers[2].second.text, "agency");
  EXPECT_EQ(at.answers[3].second.links.size(), 2U);
  EXPECT_EQ((*responses)[1].answers.at(0).second.text, "not_applicable");

  formats::Sheet bad{"data",
                     {{std::string("country"), std::string("permits")},
                      {std::string("AT"), 20000.0},
                      {std::string("Austria"), 1.0}}};
  const auto refused = responses_from_export(bad, items);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 2U);
  EXPECT_EQ(refused.error().fields[0].field, "row 2, permits");
  EXPECT_EQ(refused.error().fields[1].field, "row 3");
  EXPECT_FALSE(
      responses_from_export(formats::Sheet{"data", {{std::string("nrm")}}}, items).has_value());
}

}  // namespace
}  // namespace lifeline::domain::monitoring
