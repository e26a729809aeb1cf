#include "domain/corpus/text.hpp"

#include <array>

#include <gtest/gtest.h>

#include "domain/corpus/shipped_texts.hpp"

namespace lifeline::domain::corpus {
namespace {

TEST(CorpusText, JoinsWrappedLinesAndMendsBrokenWords) {
  std::array<std::string_view, 3> lines = {"Promoting the use of informa-", "tion and co-",
                                           "operation against THB-"};
  EXPECT_EQ(join_wrapped(lines), "Promoting the use of information and co-operation against THB-");
  std::array<std::string_view, 2> compound = {"the anti-", "trafficking units"};
  EXPECT_EQ(join_wrapped(compound), "the anti-trafficking units");
}

TEST(CorpusText, RecognisesUrlAndPageNumberLines) {
  EXPECT_TRUE(is_url_line("https://www.osce.org/secretariat/405095"));
  EXPECT_FALSE(is_url_line("see https://www.osce.org/secretariat/405095"));
  EXPECT_TRUE(is_page_number_line(" 12 "));
  EXPECT_TRUE(is_page_number_line("- 3 -"));
  EXPECT_FALSE(is_page_number_line("1.1"));
  EXPECT_FALSE(is_page_number_line("2006"));
}

TEST(CorpusText, StripsMarkdownEmphasisAndFootnoteStars) {
  EXPECT_EQ(strip_markdown("**V. Protection** *inter alia* (NRM)\\*"),
            "V. Protection inter alia (NRM)");
}

TEST(CorpusText, CorrectionsApplyExactlyOnceOrFail) {
  auto corrections = parse_corrections(R"(
[[correction]]
file = "a.txt"
find = "helo"
replace = "hello"
why = "a typo in the extraction"
)");
  ASSERT_TRUE(corrections.has_value()) << corrections.error().message;
  ASSERT_EQ(corrections->size(), 1U);
  EXPECT_EQ(apply_corrections("a.txt", "say helo", *corrections).value(), "say hello");
  EXPECT_EQ(apply_corrections("b.txt", "say helo", *corrections).value(), "say helo");
  EXPECT_FALSE(apply_corrections("a.txt", "helo helo", *corrections).has_value());
  EXPECT_FALSE(apply_corrections("a.txt", "nothing", *corrections).has_value());
  EXPECT_FALSE(parse_corrections("[[correction]]\nfile = \"a.txt\"\n").has_value());
  EXPECT_FALSE(parse_corrections("[[correction").has_value());
}

TEST(CorpusText, ShippedTextsAreBuiltIn) {
  EXPECT_EQ(shipped_texts().size(), 6U);
  EXPECT_NE(shipped_text("action-plan-2003.txt").find("DECISION No. 557"), std::string_view::npos);
  EXPECT_NE(shipped_text("compendium-2019.txt").find("DECISION No. 6/18"), std::string_view::npos);
  EXPECT_TRUE(parse_corrections(shipped_text("corrections.toml")).has_value());
  EXPECT_TRUE(shipped_text("missing.txt").empty());
}

}  // namespace
}  // namespace lifeline::domain::corpus
