#include "domain/corpus/report_2006.hpp"
#include "domain/corpus/parser_test_support.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/corpus/shipped_texts.hpp"
#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

constexpr std::string_view kFile = "report-2006.txt";
constexpr std::string_view kPart =
    "IV. NEXT STEPS: CHALLENGES AND RECOMMENDATIONS FOR OSCE BODIES AND INSTITUTIONS";

ParseResult parsed_shipped_text() {
  return test_support::parse_shipped(kFile, &parse_report_2006);
}

const Provision& provision(const ParseResult& result, std::string_view id) {
  return test_support::provision_of(result, id);
}

// What the PDF extraction leaves behind and a clean recommendation never contains.
testing::AssertionResult is_clean(std::string_view text) {
  auto failure = [&](std::string_view what) {
    return testing::AssertionFailure() << what << " in \"" << text << "\"";
  };
  if (text.empty() || text != trim(text)) {
    return failure("empty or untrimmed text");
  }
  for (std::string_view artefact : {"\n", "\r", "  ", "\u00A0", "http://", "https://", "www.", "*",
                                    "Recommendations", "MC.DEC/", "adopted on"}) {
    if (text.find(artefact) != std::string_view::npos) {
      return failure("\"" + std::string(artefact) + "\"");
    }
  }
  std::string subject(text);
  if (std::regex_search(subject, std::regex("[a-z]- [a-z]|rightsbased"))) {
    return failure("a broken word");
  }
  // A footnote reference glued to a word, or a number standing between two words.
  if (std::regex_search(subject, std::regex("[A-Za-z][0-9]|(^| )[^ ]+ [0-9]{1,3} [a-zA-Z]"))) {
    return failure("a stray number");
  }
  return testing::AssertionSuccess();
}

TEST(Report2006Parser, BuildsTheReportDocumentWithPartFourIntroductionAsPreamble) {
  auto result = parsed_shipped_text();
  ASSERT_EQ(result.corpus.documents.size(), 1U);
  const auto& report = result.corpus.documents[0];
  EXPECT_EQ(report.id, "R2006");
  EXPECT_EQ(report.kind, document_kind::recommendations);
  EXPECT_EQ(report.title,
            "Report to the Permanent Council on Progress Achieved in Work on Trafficking Issues "
            "in the OSCE (2006)");
  EXPECT_EQ(report.issued_by,
            "OSCE Special Representative on Combating Trafficking in Human Beings and "
            "Anti-Trafficking Assistance Unit");
  EXPECT_EQ(report.adopted, "2006");
  EXPECT_TRUE(report.symbol.empty());
  // Four paragraphs, separated by blank lines in the PDF.
  EXPECT_TRUE(report.preamble.starts_with(
      "The analysis of the framework (PC and MC Decisions – See Annex) and operational context "
      "for OSCE activities proves the comprehensiveness of the anti-trafficking political "
      "commitments. Nevertheless, the results achieved in combating THB throughout the OSCE "
      "region are still limited,"));
  EXPECT_NE(report.preamble.find(
                "\n\nIn this regard, and taking into account that the report focuses largely on "
                "the efforts undertaken by the OSCE bodies, references to external challenges are "
                "included in this final chapter in the context of their impact upon the OSCE "
                "activities.\n\n"),
            std::string::npos);
  EXPECT_TRUE(report.preamble.ends_with(
      "\n\nThis concluding section will summarize challenges faced by the OSCE bodies in the "
      "implementation of the Action Plan and will offer recommendations which may help to "
      "overcome shortcomings and ensure that the OSCE bodies fully implement their mandates in "
      "assisting the participating States and improve the overall effectiveness of combating THB "
      "in the OSCE region."));
  std::string_view preamble = report.preamble;
  EXPECT_EQ(std::ranges::count(preamble, '\n'), 2 * 3);
}

TEST(Report2006Parser, NumbersTheRecommendationsStraightThroughPartFour) {
  auto result = parsed_shipped_text();
  std::vector<std::string> ids;
  for (const auto& p : result.corpus.provisions) {
    ids.push_back(p.id);
  }
  std::vector<std::string> expected;
  for (int n = 1; n <= 25; ++n) {
    expected.push_back("R2006." + std::to_string(n));
  }
  EXPECT_EQ(ids, expected);
}

TEST(Report2006Parser, PlacesRecommendationsUnderTheirSections) {
  auto result = parsed_shipped_text();
  std::map<std::string, int> per_section;
  for (const auto& p : result.corpus.provisions) {
    ++per_section[p.heading_path.back() + " " + p.pillar + " " + p.level];
    EXPECT_EQ(p.heading_path.front(), kPart) << p.id;
    EXPECT_EQ(p.chapter, "IV") << p.id;
  }
  std::map<std::string, int> expected = {
      {"Translating Policy into Action follow_up osce", 10},
      {"Investigation, Law Enforcement and Prosecution prosecution osce", 5},
      {"Prevention of Trafficking in Human Beings prevention osce", 4},
      {"Protection and Assistance protection osce", 6},
  };
  EXPECT_EQ(per_section, expected);
  using Path = std::vector<std::string>;
  EXPECT_EQ(provision(result, "R2006.1").heading_path,
            (Path{std::string(kPart), "Translating Policy into Action"}));
  EXPECT_EQ(provision(result, "R2006.11").heading_path,
            (Path{std::string(kPart), "The OSCE Action Plan: from Theory to Practice",
                  "Investigation, Law Enforcement and Prosecution"}));
  EXPECT_EQ(provision(result, "R2006.25").heading_path,
            (Path{std::string(kPart), "The OSCE Action Plan: from Theory to Practice",
                  "Protection and Assistance"}));
}

TEST(Report2006Parser, KeepsTheTextOfRecommendationsAcrossPagesAndFootnotes) {
  auto result = parsed_shipped_text();
  // Footnote 15 is referenced as "Human Beings15." and printed in the middle of recommendation 3.
  EXPECT_EQ(
      provision(result, "R2006.2").text,
      "A more coherent and strategic approach to the overall OSCE anti-trafficking work is needed "
      "in order to enhance the efficiency of efforts. A first step is to improve the process of "
      "consultations at the working level among the OSCE bodies to elaborate a common set of "
      "priorities. The Mechanism, in co-operation with the other OSCE bodies, should enhance its "
      "co-ordinating role, establishing a more structured modality of co-operation, including "
      "regular meetings, follow-up reports, systematic exchanges of information (i.e., newsletter "
      "and calendar of activities) and sharing of research; this will serve to ensure OSCE "
      "programmatic co-ordination to fulfil the terms of the Ministerial Council Decision No. "
      "3/06, Combating Trafficking in Human Beings. As an example, in addition to the annual "
      "anti-trafficking focal point meeting hosted by the ODIHR, the Mechanism should initiate one "
      "anti-trafficking focal point meeting to be held each spring, before the submission of the "
      "Programme Outlines. The meeting should serve to discuss programmatic activities with the "
      "OSCE institutions, structures and field operations, to plan and jointly set priorities, as "
      "well as to identify and respond to the field operations’ needs for capacity building and "
      "policy making. In like manner, a dedicated meeting with each Chairmanship should be "
      "convened at an appropriate time. Furthermore, the Mechanism, in co-operation with the "
      "ODIHR, the OCEEA, the SPMU, and after consulting with the upcoming CiO on new priorities, "
      "can incorporate such issues into the major OSCE events convened in co-operation with other "
      "international organizations. The approach used by the OCEEA in relation to the "
      "organization of the Economic Forum could serve as a model.");
  EXPECT_EQ(provision(result, "R2006.3").text,
            "The Mechanism should increase co-operation with the delegations in Vienna in terms of "
            "providing more substantive levels of information as a way of drawing their attention "
            "to the issue. Thus it would intensify dialogue with the capitals to generate "
            "political will and offer technical assistance when requested. This can be done for "
            "example via the Informal Working Group on Human Protection and Non-Discrimination by "
            "inviting experts from governmental institutions, NGOs or members of the Alliance to "
            "give presentations on specific subjects of the Action Plan. Substantive input by "
            "experts via the IWG can also contribute to the development of future policy "
            "decisions.");
  EXPECT_EQ(
      provision(result, "R2006.8").text,
      "Notwithstanding diversity of resources, expertise and capacity among the OSCE bodies, more "
      "should be done to assess progress and sustainability of the OSCE anti-trafficking "
      "programmatic activities. Some good practices already exist in assessing sustainability. In "
      "this process the OSCE bodies should take into account the following: adequacy of the "
      "response to existing needs, priorities, OSCE added value, political will and tangible "
      "commitment of the participating States, the level of national ownership and "
      "participation, and the availability of an infrastructure to sustain benefits of the "
      "programme after donor assistance has been completed. Such an infrastructure includes "
      "capacities, institutional and legal frameworks as well as resources. Tools to strengthen "
      "processes of assessing sustainability need to be further developed, institutionalized and "
      "budgeted to ensure the regular evaluation of impact and transfer of know-how from all "
      "activities.");
  EXPECT_EQ(provision(result, "R2006.10").text,
            "The co-operation within the Alliance against Trafficking in Persons and with its "
            "Expert Co-ordination Team should remain a priority. In this regard, the Alliance "
            "partners should continue to be invited to contribute to OSCE initiatives with a view "
            "to progressively advance the anti-trafficking agenda.");
  EXPECT_EQ(provision(result, "R2006.14").text,
            "The analysis of good anti-trafficking practices demonstrates the importance of a "
            "human rights-based approach as a prerequisite for successful investigation and "
            "prosecution. To this end it is recommended that in co-operation with participating "
            "States the OSCE bodies continue to analyse the implementation of OSCE commitments and "
            "national laws, as well as engage in trial observation in accordance with national "
            "legislation.");
  EXPECT_EQ(provision(result, "R2006.17").text,
            "The OSCE bodies should pursue comprehensive research on all forms of trafficking and "
            "the way to combat them in order to identify successful practical measures to address "
            "factors contributing to THB.");
  EXPECT_EQ(provision(result, "R2006.25").text,
            "There is a need to strengthen collaboration with the Partners for Co-operation to "
            "enhance the exchange of lessons learned in combating THB.");
  EXPECT_TRUE(provision(result, "R2006.25").items.empty());
}

TEST(Report2006Parser, EveryRecommendationIsWellFormedAndClean) {
  auto result = parsed_shipped_text();
  std::regex id_grammar(R"(R2006\.[1-9][0-9]?)");
  int sequence = 0;
  for (const auto& p : result.corpus.provisions) {
    EXPECT_TRUE(std::regex_match(p.id, id_grammar)) << p.id;
    EXPECT_EQ(p.id, "R2006." + p.number);
    EXPECT_EQ(p.document, "R2006");
    EXPECT_EQ(p.sequence, ++sequence) << p.id;
    EXPECT_FALSE(p.heading_path.empty()) << p.id;
    EXPECT_TRUE(is_clean(p.text)) << p.id;
    EXPECT_TRUE(p.items.empty() && p.actors.empty() && p.keywords.empty()) << p.id;
  }
  EXPECT_TRUE(result.corpus.links.empty());
}

TEST(Report2006Parser, PlacesEveryLineOfTheShippedText) {
  auto result = parsed_shipped_text();
  for (const auto& line : result.unplaced) {
    ADD_FAILURE() << "line " << line.line << " unplaced: " << line.text;
  }
}

TEST(Report2006Parser, ReportsLinesItCannotPlace) {
  auto result = parse_report_2006(
      " IV. NEXT STEPS: CHALLENGES AND RECOMMENDATIONS\n"
      "\n"
      "Some introduction.\n"
      "\n"
      "A Section Heading\n"
      "\n"
      "Recommendations\n"
      "A stray line before any recommendation.\n"
      "\n"
      "1. The OSCE bodies should do this.\n"
      " CONCLUSION\n"
      "Not part of the recommendations.\n");
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->corpus.provisions.size(), 1U);
  const auto& only = result->corpus.provisions[0];
  EXPECT_EQ(only.id, "R2006.1");
  EXPECT_EQ(only.text, "The OSCE bodies should do this.");
  EXPECT_EQ(only.heading_path,
            (std::vector<std::string>{"IV. NEXT STEPS: CHALLENGES AND RECOMMENDATIONS",
                                      "A Section Heading"}));
  EXPECT_EQ(only.pillar, pillar::follow_up);
  EXPECT_EQ(result->corpus.documents.at(0).preamble, "Some introduction.");
  ASSERT_EQ(result->unplaced.size(), 1U);
  EXPECT_EQ(result->unplaced[0].line, 8);
}

TEST(Report2006Parser, RejectsATextWithoutRecommendations) {
  auto result = parse_report_2006("hello\nworld");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Errc::malformed);
}

}  // namespace
}  // namespace lifeline::domain::corpus
