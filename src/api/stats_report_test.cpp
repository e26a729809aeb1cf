#include "api/stats_report.hpp"

#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace lifeline::api {
namespace {

std::set<std::string> placeholders(std::string_view text) {
  static const std::regex placeholder(R"(\{[a-z_]+\})");
  std::set<std::string> found;
  const std::string copy(text);
  for (auto it = std::sregex_iterator(copy.begin(), copy.end(), placeholder);
       it != std::sregex_iterator(); ++it) {
    found.insert(it->str());
  }
  return found;
}

TEST(StatsReport, EveryTextExistsInBothLanguagesWithTheSamePlaceholders) {
  std::set<std::string_view> keys;
  for (const auto& text : report_texts()) {
    EXPECT_TRUE(keys.insert(text.key).second) << "repeated key " << text.key;
    EXPECT_FALSE(text.en.empty()) << text.key;
    EXPECT_FALSE(text.ru.empty()) << text.key;
    EXPECT_NE(text.en, text.ru) << text.key << " is not translated";
    EXPECT_EQ(placeholders(text.en), placeholders(text.ru)) << text.key;
  }
  EXPECT_NE(report_text("title", ReportLanguage::ru).find("Национального"), std::string::npos);
  EXPECT_EQ(report_text("no such key", ReportLanguage::en), "no such key");
}

TEST(StatsReport, LanguagesAreEnglishAndRussianOnly) {
  EXPECT_EQ(parse_report_language("en"), ReportLanguage::en);
  EXPECT_EQ(parse_report_language("ru"), ReportLanguage::ru);
  EXPECT_FALSE(parse_report_language("fr"));
  EXPECT_FALSE(parse_report_language(""));
}

TEST(StatsReport, HtmlEscapesEveryText) {
  formats::PdfDocument document{"<b>Title</b>", "Page", {}};
  document.blocks.emplace_back(formats::PdfParagraph{"a & <script>"});
  document.blocks.emplace_back(formats::PdfTable{{"<h>"}, {{"<5"}}, {false}});
  document.blocks.emplace_back(formats::PdfChart{"\"c\"", {{"<m>", 1, "<5"}}, true});
  const auto html = report_html(document, "en");
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<5"), std::string::npos);
  EXPECT_NE(html.find("&lt;5"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
}

}  // namespace
}  // namespace lifeline::api
