#include "app/checklist_file.hpp"

#include <gtest/gtest.h>

namespace lifeline::app {
namespace {

TEST(IndicatorChecklistFile, ReadsIdsLabelsAndTranslations) {
  auto checklist = parse_indicator_checklist(R"([[indicators]]
id = "withheld_documents"
label = "Documents held by someone else"
ru = "Документы удерживает другое лицо"

[[indicators]]
id = "works_at_night_only"
label = "Works only at night"
)");
  ASSERT_TRUE(checklist) << checklist.error().message;
  ASSERT_EQ(checklist->items().size(), 2U);
  EXPECT_EQ(checklist->items()[0].translations.at("ru"), "Документы удерживает другое лицо");
  EXPECT_TRUE(checklist->contains("works_at_night_only"));
  EXPECT_FALSE(checklist->contains("threats"));
}

TEST(IndicatorChecklistFile, EveryMistakeIsRefusedWithItsPlace) {
  const std::pair<const char*, const char*> cases[] = {
      {"[[indicators]]\nid = \"Bad Id\"\nlabel = \"x\"\n", "lower_snake_case"},
      {"[[indicators]]\nid = \"a\"\n", "needs an id and a label"},
      {"[[indicators]]\nid = \"a\"\nlabel = \"x\"\n[[indicators]]\nid = \"a\"\nlabel = \"y\"\n",
       "twice"},
      {"[[indicators]]\nid = \"a\"\nlabel = \"x\"\ncolour = \"red\"\n", "unknown key colour"},
      {"[[indicators]]\nid = \"a\"\nlabel = 5\n", "indicator 1: label"},
      {"title = \"x\"\n", "[[indicators]]"},
      {"[[indicators]\n", "not a TOML file"},
      {"", "[[indicators]]"},
  };
  for (const auto& [text, expected] : cases) {
    auto refused = parse_indicator_checklist(text);
    ASSERT_FALSE(refused) << text;
    EXPECT_NE(refused.error().message.find(expected), std::string::npos)
        << text << " -> " << refused.error().message;
  }
}

TEST(IndicatorChecklistFile, TheDocumentedExampleIsAccepted) {
  auto checklist = load_indicator_checklist(LIFELINE_DOCS_DIR "/indicators.example.toml");
  ASSERT_TRUE(checklist) << checklist.error().message;
  EXPECT_TRUE(checklist->contains("sleeps_at_workplace"));
}

TEST(IndicatorChecklistFile, NoFileMeansTheBuiltInChecklist) {
  auto checklist = load_indicator_checklist({});
  ASSERT_TRUE(checklist);
  EXPECT_TRUE(checklist->contains("withheld_documents"));
  auto missing = load_indicator_checklist("/nonexistent/indicators.toml");
  EXPECT_FALSE(missing);
}

}  // namespace
}  // namespace lifeline::app
