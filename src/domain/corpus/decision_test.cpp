#include "domain/corpus/decision.hpp"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

// A new decision as a user would paste it from the OSCE's PDF: front matter, a title in
// capitals over two lines, a preamble, a chapeau, wrapped paragraphs with a page break (page
// number, footnote, registration code, running header), lettered items and an interpretative
// statement.
constexpr std::string_view kNewDecision = R"(MC.DEC/3/25
Organization for Security and Co-operation in Europe 5 December 2025
Ministerial Council
Malta 2025 Original: ENGLISH

Second day of the Thirty-Second Meeting
MC(32) Journal No. 2, Agenda item 7

DECISION No. 3/25
COMBATING TRAFFICKING IN HUMAN BEINGS FOR
FORCED CRIMINALITY

The Ministerial Council,

Reaffirming the OSCE Action Plan to Combat Trafficking in Human Beings and its
Addenda,

Concerned that victims are compelled to commit offences,

Calls on participating States to:

1. Ensure that national law allows competent authorities not to prosecute or
impose penalties on victims for their involvement in unlawful activities, to the extent
that they have been compelled to do so;

2. Train police, prosecutors and judges to identify victims of trafficking for
forced criminality, including through:

(a) Joint training with civil society organizations;

(b) Guidance on age-appropriate interviews;
7
1 See the 2013 Addendum, chapter IV.
MC32EW07

- 2 - MC.DEC/3/25
5 December 2025

3. Task the relevant OSCE executive structures, in accordance with their mandates,
to assist participating States, upon their request, in implementing this decision.

INTERPRETATIVE STATEMENT UNDER
PARAGRAPH IV.1(A)6 OF THE RULES OF PROCEDURE

By the delegation of Norway:

“Norway joins the consensus on this decision.

We request that this statement be attached to the decision.”
)";

ParseResult parsed(std::string_view text) {
  auto result = parse_decision(text);
  EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
  return result ? *result : ParseResult{};
}

std::string error_of(std::string_view text) {
  auto result = parse_decision(text);
  EXPECT_FALSE(result.has_value());
  if (result) {
    return {};
  }
  EXPECT_EQ(result.error().code, Errc::malformed);
  return result.error().message;
}

TEST(DecisionParser, ReadsTheDocumentOfANewDecision) {
  auto result = parsed(kNewDecision);
  ASSERT_EQ(result.corpus.documents.size(), 1U);
  const auto& document = result.corpus.documents[0];
  EXPECT_EQ(document.id, "MC3/25");
  EXPECT_EQ(document.kind, document_kind::commitment);
  EXPECT_EQ(document.symbol, "MC.DEC/3/25");
  EXPECT_EQ(document.issued_by, "Ministerial Council");
  EXPECT_EQ(document.adopted, "2025-12-05");
  EXPECT_EQ(document.title, "Combating trafficking in human beings for forced criminality");
  EXPECT_EQ(document.preamble,
            "The Ministerial Council,\n\n"
            "Reaffirming the OSCE Action Plan to Combat Trafficking in Human Beings and its "
            "Addenda,\n\n"
            "Concerned that victims are compelled to commit offences,\n\n"
            "Calls on participating States to:");
  EXPECT_TRUE(result.unplaced.empty());
}

TEST(DecisionParser, ReadsTheNumberedParagraphsOfANewDecision) {
  auto result = parsed(kNewDecision);
  const auto& provisions = result.corpus.provisions;
  ASSERT_EQ(provisions.size(), 3U);
  for (int n = 1; n <= 3; ++n) {
    const auto& provision = provisions[static_cast<std::size_t>(n - 1)];
    EXPECT_EQ(provision.id, "MC3/25." + std::to_string(n));
    EXPECT_EQ(provision.document, "MC3/25");
    EXPECT_EQ(provision.number, std::to_string(n));
    EXPECT_EQ(provision.sequence, n);
    EXPECT_EQ(
        provision.heading_path,
        std::vector<std::string>{"Combating trafficking in human beings for forced criminality"});
    EXPECT_TRUE(provision.pillar.empty());
  }
  EXPECT_EQ(provisions[0].text,
            "Ensure that national law allows competent authorities not to prosecute or impose "
            "penalties on victims for their involvement in unlawful activities, to the extent that "
            "they have been compelled to do so;");
  EXPECT_EQ(provisions[1].text,
            "Train police, prosecutors and judges to identify victims of trafficking for forced "
            "criminality, including through:");
  EXPECT_EQ(provisions[1].items,
            (std::vector<std::string>{"(a) Joint training with civil society organizations;",
                                      "(b) Guidance on age-appropriate interviews;"}));
  // The page number, footnote, registration code and running header before paragraph 3 are gone.
  EXPECT_EQ(provisions[2].text,
            "Task the relevant OSCE executive structures, in accordance with their mandates, to "
            "assist participating States, upon their request, in implementing this decision.");
}

TEST(DecisionParser, LevelFollowsWhomAParagraphAddresses) {
  auto result = parsed(kNewDecision);
  const auto& provisions = result.corpus.provisions;
  ASSERT_EQ(provisions.size(), 3U);
  EXPECT_EQ(provisions[0].level,
            level::national);  // by the chapeau "Calls on participating States"
  EXPECT_EQ(provisions[1].level, level::national);
  EXPECT_EQ(provisions[2].level, level::osce);

  auto own_verbs = parsed(
      "DECISION No. 4/25\nTITLE OF THE DECISION\n\nThe Ministerial Council,\n\n"
      "1. Urges participating States to act;\n"
      "2. Invites the OSCE Partners for Co-operation to share these commitments;\n"
      "3. Tasks the ODIHR to report;\n"
      "4. Decides to review this decision.\n");
  ASSERT_EQ(own_verbs.corpus.provisions.size(), 4U);
  EXPECT_EQ(own_verbs.corpus.provisions[0].level, level::national);
  EXPECT_EQ(own_verbs.corpus.provisions[1].level, level::partners);
  EXPECT_EQ(own_verbs.corpus.provisions[2].level, level::osce);
  EXPECT_EQ(own_verbs.corpus.provisions[3].level, "");  // addresses no one in particular
}

TEST(DecisionParser, AttachesInterpretativeStatements) {
  auto result = parsed(kNewDecision);
  ASSERT_EQ(result.corpus.documents.size(), 1U);
  const auto& statements = result.corpus.documents[0].statements;
  ASSERT_EQ(statements.size(), 1U);
  EXPECT_EQ(statements[0].made_by, "Norway");
  EXPECT_EQ(statements[0].text,
            "\xE2\x80\x9CNorway joins the consensus on this decision.\n\n"
            "We request that this statement be attached to the decision.\xE2\x80\x9D");
}

TEST(DecisionParser, TakesAStatementWithoutItsHeading) {
  auto result = parsed(
      "DECISION No. 5/25\nA TITLE\n\n1. Calls on participating States to act.\n\n"
      "By the delegation of Canada (also on behalf of the United States of America):\n\n"
      "\xE2\x80\x9CThank you, Mr. Chairperson.\xE2\x80\x9D\n");
  ASSERT_EQ(result.corpus.documents.size(), 1U);
  const auto& statements = result.corpus.documents[0].statements;
  ASSERT_EQ(statements.size(), 1U);
  EXPECT_EQ(statements[0].made_by, "Canada (also on behalf of the United States of America)");
  ASSERT_EQ(result.corpus.provisions.size(), 1U);
  EXPECT_EQ(result.corpus.provisions[0].text, "Calls on participating States to act.");
}

TEST(DecisionParser, UsesTheYearWhenNoDateIsPrinted) {
  auto result = parsed("DECISION No. 3/25\nA TITLE\n\n1. Calls on participating States to act.\n");
  ASSERT_EQ(result.corpus.documents.size(), 1U);
  EXPECT_EQ(result.corpus.documents[0].adopted, "2025");
  auto older = parsed("DECISION No. 1/99\nA TITLE\n\n1. Calls on participating States to act.\n");
  ASSERT_EQ(older.corpus.documents.size(), 1U);
  EXPECT_EQ(older.corpus.documents[0].adopted, "1999");
}

TEST(DecisionParser, KeepsAMixedCaseTitleAsPrinted) {
  auto result = parsed(
      "DECISION No. 3/25\nCombating Trafficking in the OSCE Region\n\nThe Ministerial Council,\n\n"
      "1. Calls on participating States to act.\n");
  ASSERT_EQ(result.corpus.documents.size(), 1U);
  EXPECT_EQ(result.corpus.documents[0].title, "Combating Trafficking in the OSCE Region");
  EXPECT_EQ(result.corpus.documents[0].preamble, "The Ministerial Council,");
}

TEST(DecisionParser, OrdersParagraphsByTheirNumbers) {
  // The PDF extraction of the Compendium's annex prints pages out of order.
  auto result = parsed(
      "DECISION No. 7/17\nA TITLE\n\n2. Urges participating States to act;\n"
      "3. Calls on participating States to report.\n1. Encourages participating States to "
      "co-operate;\n");
  ASSERT_EQ(result.corpus.provisions.size(), 3U);
  EXPECT_EQ(result.corpus.provisions[0].id, "MC7/17.1");
  EXPECT_EQ(result.corpus.provisions[1].id, "MC7/17.2");
  EXPECT_EQ(result.corpus.provisions[2].id, "MC7/17.3");
}

TEST(DecisionParser, ReportsLinesBeforeTheHeaderAsUnplaced) {
  auto result = parsed(
      "Notes from our legal department\n\nDECISION No. 3/25\nA TITLE\n\n"
      "1. Calls on participating States to act.\n");
  ASSERT_EQ(result.unplaced.size(), 1U);
  EXPECT_EQ(result.unplaced[0].line, 1);
  EXPECT_EQ(result.unplaced[0].text, "Notes from our legal department");
  ASSERT_EQ(result.corpus.provisions.size(), 1U);
}

TEST(DecisionParser, CountsUnplacedLinesFromTheGivenFirstLine) {
  auto result = parse_decision("Stray words\nDECISION No. 3/25\nA TITLE\n\n1. Act.\n", 100);
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->unplaced.size(), 1U);
  EXPECT_EQ(result->unplaced[0].line, 100);
}

TEST(DecisionParser, RejectsAnEmptyText) {
  EXPECT_NE(error_of("").find("empty"), std::string::npos);
  EXPECT_NE(error_of(" \n\t\n").find("empty"), std::string::npos);
}

TEST(DecisionParser, RejectsATextWithoutHeader) {
  auto message = error_of(
      "The Ministerial Council,\n\n1. Calls on participating States to act.\n"
      "2. Urges participating States to report.\n");
  EXPECT_NE(message.find("DECISION No. N/YY"), std::string::npos) << message;
}

TEST(DecisionParser, RejectsANumberThatIsNotNSlashYY) {
  for (auto text : {"DECISION No. 6/2017\nA TITLE\n\n1. Act.\n", "DECISION No. six\nA TITLE\n",
                    "DECISION No. 6\nA TITLE\n\n1. Act.\n", "DECISION No. /17\nA TITLE\n"}) {
    auto message = error_of(text);
    EXPECT_NE(message.find("not of the form N/YY"), std::string::npos) << message;
  }
}

TEST(DecisionParser, RejectsAHeaderWithoutParagraphs) {
  auto message = error_of(
      "DECISION No. 3/25\nA TITLE\n\nThe Ministerial Council,\n\nRecalling its commitments,\n");
  EXPECT_NE(message.find("no numbered operative paragraph"), std::string::npos) << message;
  EXPECT_NE(message.find("3/25"), std::string::npos) << message;
}

TEST(DecisionParser, RejectsAHeaderWithoutTitle) {
  auto message = error_of("DECISION No. 3/25\n");
  EXPECT_NE(message.find("no title"), std::string::npos) << message;
}

TEST(DecisionParser, RejectsAParagraphNumberedTwice) {
  auto message = error_of(
      "DECISION No. 3/25\nA TITLE\n\n1. Calls on participating States to act;\n"
      "2. Urges participating States to report;\n2. Tasks the ODIHR to assist.\n");
  EXPECT_NE(message.find("paragraph 2"), std::string::npos) << message;
  EXPECT_NE(message.find("numbered twice (lines 5 and 6)"), std::string::npos) << message;
}

TEST(DecisionParser, ReportsAGapInTheNumbering) {
  auto message = error_of(
      "DECISION No. 3/25\nA TITLE\n\n1. Calls on participating States to act;\n"
      "2. Urges participating States to report;\n4. Tasks the ODIHR to assist.\n");
  EXPECT_NE(message.find("no paragraph 3"), std::string::npos) << message;
  EXPECT_NE(message.find("1, 2, 4"), std::string::npos) << message;
}

TEST(DecisionParser, RejectsTwoDecisionsInOneText) {
  auto message = error_of(
      "DECISION No. 3/25\nA TITLE\n\n1. Act.\n\nDECISION No. 4/25\nANOTHER TITLE\n\n1. Act.\n");
  EXPECT_NE(message.find("more than one decision"), std::string::npos) << message;
}

TEST(DecisionParser, RejectsRandomBinaryBytes) {
  std::mt19937 random(20251205);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 50; ++round) {
    std::string bytes(1024, '\0');
    for (auto& c : bytes) {
      c = static_cast<char>(byte(random));
    }
    auto message = error_of(bytes);
    EXPECT_NE(message.find("not plain UTF-8 text"), std::string::npos) << message;
  }
}

TEST(DecisionParser, SurvivesShuffledFragmentsOfDecisions) {
  // Lines a decision is made of, in random order and number: every outcome is a result or an
  // error, never a crash.
  const std::vector<std::string> fragments = {"DECISION No. 3/25",
                                              "DECISION No. 9/99",
                                              "DECISION No.",
                                              "A TITLE IN CAPITALS",
                                              "The Ministerial Council,",
                                              "1. Calls on participating States to act;",
                                              "2.",
                                              "3. Task",
                                              "(a) an item;",
                                              "- a dash item",
                                              "INTERPRETATIVE STATEMENT UNDER",
                                              "By the delegation of X:",
                                              "- 2 - MC.DEC/3/25",
                                              "5 December 2025",
                                              "7",
                                              "",
                                              "  ",
                                              "MC24EW19",
                                              "1 A footnote.",
                                              "\xE2\x80\x9CQuoted.\xE2\x80\x9D",
                                              "Original: ENGLISH",
                                              "999. Calls on"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, fragments.size() - 1);
  std::uniform_int_distribution<int> length(0, 30);
  for (int round = 0; round < 500; ++round) {
    std::string text;
    for (int i = length(random); i > 0; --i) {
      text += fragments[pick(random)] + "\n";
    }
    auto result = parse_decision(text);
    if (result) {
      EXPECT_FALSE(result->corpus.provisions.empty());
    } else {
      EXPECT_FALSE(result.error().message.empty());
    }
  }
}

TEST(DecisionParser, FindsWhereEachDecisionBegins) {
  auto lines = split_lines(
      "Closing words of the page before.\n"
      "  MC.DEC/6/18\n"
      "Organization for Security and Co-operation in Europe 7 December 2018\n"
      "Ministerial Council\n"
      "Milan 2018 Original: ENGLISH\n"
      "\n"
      "DECISION No. 6/18\n"
      "A TITLE\n"
      "1. Act.\n"
      "Thank you, Mr. Chairperson.\n"
      "DECISION No. 6/17\n"
      "ANOTHER TITLE\n");
  EXPECT_EQ(decision_start_lines(lines), (std::vector<std::size_t>{1, 10}));
}

}  // namespace
}  // namespace lifeline::domain::corpus
