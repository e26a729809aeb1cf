#include "domain/corpus/addendum.hpp"
#include "domain/corpus/parser_test_support.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/corpus/shipped_texts.hpp"
#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

constexpr std::string_view kFile = "addendum-2013.txt";

ParseResult parsed_shipped_text() {
  return test_support::parse_shipped(kFile, &parse_addendum);
}

const Provision& provision(const ParseResult& result, std::string_view id) {
  return test_support::provision_of(result, id);
}

// What the PDF extraction leaves behind and a clean provision never contains.
testing::AssertionResult is_clean(std::string_view text) {
  auto failure = [&](std::string_view what) {
    return testing::AssertionFailure() << what << " in \"" << text << "\"";
  };
  if (text.empty() || text != trim(text)) {
    return failure("empty or untrimmed text");
  }
  for (std::string_view artefact :
       {"\n", "\r", "  ", "\u00A0", "http://", "https://", "www.", "*", "PC.DEC", "ADDENDUM",
        "INTERPRETATIVE", "has been removed from the title"}) {
    if (text.find(artefact) != std::string_view::npos) {
      return failure("\"" + std::string(artefact) + "\"");
    }
  }
  if (text.starts_with("- ") || text.starts_with("\u2013")) {
    return failure("a list dash");
  }
  std::string subject(text);
  if (std::regex_search(subject, std::regex("[a-z]- [a-z]"))) {
    return failure("a broken word");
  }
  // A footnote or page number glued to a word or standing between two words.
  if (std::regex_search(subject, std::regex("[A-Za-z][0-9]")) ||
      std::regex_search(subject, std::regex("(^| )(?!No\\. )[^ ]+ [0-9]{1,3} [a-zA-Z]"))) {
    return failure("a stray number");
  }
  return testing::AssertionSuccess();
}

TEST(AddendumParser, BuildsTheAddendumDocumentWithItsPreamble) {
  auto result = parsed_shipped_text();
  ASSERT_EQ(result.corpus.documents.size(), 1U);
  const auto& addendum = result.corpus.documents[0];
  EXPECT_EQ(addendum.id, "ADD");
  EXPECT_EQ(addendum.kind, document_kind::commitment);
  EXPECT_EQ(addendum.title,
            "Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings: One Decade "
            "Later");
  EXPECT_EQ(addendum.symbol, "PC.DEC/1107");
  EXPECT_EQ(addendum.issued_by, "Permanent Council");
  EXPECT_EQ(addendum.adopted, "2013-12-06");
  EXPECT_EQ(addendum.preamble,
            "The Permanent Council,\n\n"
            "Reaffirming the relevant OSCE commitments of 2000–2008 and in particular the 2003 "
            "OSCE Action Plan to Combat Trafficking in Human Beings,\n\n"
            "Recalling the 2011 Vilnius Ministerial Declaration on Combating All Forms of Human "
            "Trafficking,\n\n"
            "Deeply concerned by the significant growth in all forms of trafficking in human "
            "beings (THB), both transnational and internal, seriously alarmed by the increase in "
            "child trafficking, trafficking for the purpose of sexual and labour exploitation, for "
            "the removal of organs, forced begging, exploitation in forced criminality, and "
            "reiterating the particular need to take more vigorous measures against all forms of "
            "THB,\n\n"
            "Drawing on best practices developed by the OSCE participating States as well as by "
            "relevant international organizations,\n\n"
            "Recognizing the role of relevant NGOs in providing assistance and protection to the "
            "victims of trafficking in human beings,\n\n"
            "Taking note of the High-Level Conference on Strengthening the OSCE Response to "
            "Trafficking in Human Beings held in Kyiv in June 2013 under the Ukrainian OSCE "
            "Chairmanship,\n\n"
            "Decides to adopt the Addendum to the OSCE Action Plan to Combat Trafficking in Human "
            "Beings: One Decade Later; to attach the Addendum annexed to this decision to the OSCE "
            "Action Plan to Combat Trafficking in Human Beings as its integral part; and to "
            "recommend the endorsement of the Addendum by the Kyiv Ministerial Council.");
}

TEST(AddendumParser, KeepsTheInterpretativeStatementsWithTheirStates) {
  auto result = parsed_shipped_text();
  const auto& statements = result.corpus.documents.at(0).statements;
  std::vector<std::string> states;
  states.reserve(statements.size());
  for (const auto& statement : statements) {
    states.push_back(statement.made_by);
  }
  EXPECT_EQ(states, (std::vector<std::string>{"the Russian Federation", "the Holy See",
                                              "the Republic of Azerbaijan", "Armenia"}));
  ASSERT_EQ(statements.size(), 4U);
  EXPECT_EQ(statements[1].text,
            "The consensual adoption of the Addendum to the ‘OSCE Action Plan to Combat "
            "Trafficking in Human Beings: One Decade Later’ does not mean that non-consensual "
            "publications or tools mentioned in the text are official documents of the "
            "Organization. Therefore, they must not be considered endorsed by all participating "
            "States.\n\n"
            "According to the above mentioned, the Holy See expresses its reservation in regards "
            "to Article 5 under Chapter III entitled ‘Prevention of Trafficking in Human Beings’, "
            "subtitle ‘Actions for Institutions and Bodies’ and does not agree with each single "
            "tool or all their parts developed or used by the Gender Section of the OSCE "
            "Secretariat.");
  EXPECT_TRUE(statements[0].text.starts_with(
      "We join in the consensus concerning the Permanent Council decision on the Addendum to the "
      "OSCE Action Plan to Combat Trafficking in Human Beings: One Decade Later and should like to "
      "make the following comments.\n\nTrafficking in human beings for the purpose of sexual or "
      "labour exploitation,"));
  EXPECT_TRUE(statements[0].text.ends_with(
      "\n\nWe request that this statement be attached to the Permanent Council decision and to "
      "the journal of the today’s meeting of the Permanent Council."));
  // Armenia's statement: the address, five paragraphs and the thanks.
  EXPECT_TRUE(statements[3].text.starts_with("Mr. Chairperson,\n\nUpon adoption of the"));
  EXPECT_TRUE(statements[3].text.ends_with(".\n\nThank you."));
  std::string_view armenia = statements[3].text;
  EXPECT_EQ(std::ranges::count(armenia, '\n'), 2 * 6);
  for (const auto& statement : statements) {
    EXPECT_EQ(statement.text.find("INTERPRETATIVE"), std::string::npos);
    EXPECT_EQ(statement.text.find("By the delegation"), std::string::npos);
  }
}

TEST(AddendumParser, CountsProvisionsPerChapterAndLevelAsPrinted) {
  auto result = parsed_shipped_text();
  std::map<std::string, int> counts;
  for (const auto& p : result.corpus.provisions) {
    ++counts[p.chapter + " " + p.level];
  }
  std::map<std::string, int> expected = {
      {"I national", 2},
      // II national: 1.1-1.2, 2.1, 3.1-3.2, 4.1; OSCE: 1-2.
      {"II national", 2 + 1 + 2 + 1},
      {"II osce", 2},
      // III national: 1.1-1.12, 2.1; OSCE: 1-8.
      {"III national", 12 + 1},
      {"III osce", 8},
      // IV national: 1.1-1.5, 2.1-2.6; OSCE: 1-3.
      {"IV national", 5 + 6},
      {"IV osce", 3},
      // V national: 1-6, of which 5 is about the Partners; OSCE: 1-3, of which 3 is.
      {"V national", 5},
      {"V osce", 2},
      {"V partners", 2},
  };
  EXPECT_EQ(counts, expected);
  EXPECT_EQ(result.corpus.provisions.size(), 54U);
}

TEST(AddendumParser, KeepsTheTextOfProvisionsAcrossPageBreaksAndFootnotes) {
  auto result = parsed_shipped_text();
  EXPECT_EQ(provision(result, "ADD.I.1").text,
            "The Addendum complements the Action Plan adopted in 2003 and supplemented in 2005, "
            "and provides the participating States with an updated toolkit to combat all forms of "
            "trafficking in human beings (THB). The Addendum helps to address the current and "
            "emerging THB trends and patterns, as well as the most pressing challenges related to "
            "the prosecution of the crime, its prevention, and protection of trafficked persons.");
  // The footnote number and the footnote of the title fall in the middle of 2.1.
  EXPECT_EQ(provision(result, "ADD.II.2.1").text,
            "Promoting the use of financial investigations linked with THB-related offences; "
            "enhancing the capacity of anti-money-laundering authorities and other relevant "
            "structures to identify financial activities linked to THB; enhancing the capacities, "
            "where necessary, for tracing, freezing and confiscating the instrumentalities and "
            "proceeds of THB, in accordance with national law; and considering, where applicable, "
            "using confiscated proceeds to fund anti-trafficking initiatives and victim support, "
            "including the possibility of obtaining compensation.");
  EXPECT_EQ(provision(result, "ADD.II.O1").text,
            "The Office of the Special Representative and Co-ordinator for Combating Trafficking "
            "in Human Beings (OSR/CTHB), in co-ordination with other relevant OSCE executive "
            "structures and in accordance with their respective mandates, will continue to raise "
            "awareness in co-operation with participating States and to promote, upon their "
            "request, the exchange of best practices developed by participating States and "
            "relevant international organizations in the protection of victims and prosecution of "
            "THB, including the use of THB-related financial investigations and "
            "anti-money-laundering measures.");
  EXPECT_EQ(provision(result, "ADD.III.1.11").text,
            "Developing and implementing policies and actions, including law enforcement "
            "co-operation between participating States, to prevent the tourism industry from "
            "being used for all forms of trafficking in human beings, in particular for sexual "
            "exploitation of children;");
  EXPECT_EQ(provision(result, "ADD.III.O5").text,
            "The Gender Section of the Secretariat will, where appropriate, assist participating "
            "States, upon their request, with promoting gender equality for men and women "
            "including through training and the use of tools for raising public awareness thus "
            "contributing to the prevention of all forms of THB.");
  EXPECT_EQ(provision(result, "ADD.IV.1.1").text,
            "Recommending that relevant State authorities identify individuals as trafficked "
            "persons, who have suffered human rights abuses, as soon as there are reasonable "
            "grounds to believe that they have been trafficked, and, in accordance with national "
            "law, ensure that victims of THB are provided with assistance even before the "
            "investigation is initiated; ensuring that this assistance is not made conditional on "
            "the victim’s willingness to participate in legal proceedings, without prejudice to "
            "the national regulations on the conditions of the residence of the victim in the "
            "territory of the State;");
  EXPECT_EQ(provision(result, "ADD.IV.2.4").text,
            "Providing the safety of immediate family members of foreign citizens who have been "
            "victims of THB, in cases of criminal prosecution of traffickers, in accordance with "
            "national law and where appropriate legal framework exists, and/or by using the "
            "existing channels of law enforcement co-operation;");
}

TEST(AddendumParser, KeepsTheDashItemsOfAParagraph) {
  auto result = parsed_shipped_text();
  const auto& training = provision(result, "ADD.III.2.1");
  EXPECT_EQ(training.text,
            "Encouraging the development and introduction of training programmes on THB-related "
            "issues for:");
  ASSERT_EQ(training.items.size(), 6U);
  EXPECT_EQ(training.items[0],
            "Social workers, labour inspectors and other government service providers;");
  EXPECT_EQ(training.items[1],
            "Personnel employed by various commercial carriers, in particular airline attendants "
            "and staff working on other means of transportation by land and sea, aimed at the "
            "identification of trafficked persons, as well as the introduction of measures "
            "designed to prevent THB, including co-ordination between commercial carriers and the "
            "State law enforcement agencies or through other appropriate mechanisms;");
  EXPECT_EQ(training.items[2],
            "Media professionals, including through modules on the use of non-discriminatory "
            "language and countering stereotypes and understanding the impact news reports have "
            "on victims of THB while covering THB issues;");
  EXPECT_EQ(training.items[3],
            "Medical professionals and social welfare services, aimed at assisting victims of "
            "trafficking, including victims of THB for the removal of organs as well as on the "
            "ethical principles related to organ transplantation, trafficking victim "
            "identification and trauma suffered by victims of trafficking;");
  EXPECT_EQ(training.items[4], "Personnel of the tourism and hospitality industry;");
  EXPECT_EQ(training.items[5], "Personnel of human resources units of private sector companies.");
}

TEST(AddendumParser, KeepsTheFlatParagraphsOfChapterFive) {
  auto result = parsed_shipped_text();
  EXPECT_EQ(provision(result, "ADD.V.1").text,
            "Acknowledging that while the primary responsibility for combating and preventing "
            "trafficking in human beings rests with participating States, the link of this "
            "phenomenon to transnational organized crime requires co-operation at the "
            "international and regional level, involving the private sector and relevant NGOs.");
  EXPECT_EQ(provision(result, "ADD.V.2").text,
            "Enlarging, where appropriate, multi-disciplinary partnership in the framework of "
            "NRMs, such as national co-ordinator/co-ordination mechanisms or other national "
            "structures, to facilitate dialogue and co-operation between public authorities, "
            "NGOs, trade unions and other relevant institutions engaged in anti-discrimination "
            "programmes and protection of the rights of women, children, members of ethnic, "
            "national and religious minorities, and migrants to contribute to the identification "
            "of trafficked persons and advance the protection of the rights of potential, "
            "presumed and actual victims of THB.");
  const auto& partners = provision(result, "ADD.V.5");
  EXPECT_EQ(partners.text,
            "Strengthening international co-operation between relevant agencies in countries of "
            "origin, transit and destination, including the OSCE Asian and Mediterranean "
            "Partners for Co-operation, in compliance with the provisions of OSCE Ministerial "
            "Council Decision No. 5/11 “Partners for Co-operation”, and in particular by "
            "establishing joint investigation teams, where appropriate.");
  EXPECT_EQ(partners.level, level::partners);
  EXPECT_EQ(partners.number, "5");
  const auto& engage = provision(result, "ADD.V.O3");
  EXPECT_EQ(engage.text,
            "The SR/CTHB will further engage, within existing resources, in action-oriented "
            "co-operation with the Mediterranean and Asian Partners, in view of preventing all "
            "forms of trafficking in human beings, of protecting victims of trafficking and of "
            "contributing to better prosecution against traffickers in countries of origin, "
            "transit and destination.");
  EXPECT_EQ(engage.level, level::partners);
  EXPECT_EQ(provision(result, "ADD.V.O2").level, level::osce);
}

TEST(AddendumParser, GivesHeadingsTheirDisplacedNumbers) {
  auto result = parsed_shipped_text();
  using Path = std::vector<std::string>;
  std::string national = "Recommended action at the national level";
  EXPECT_EQ(provision(result, "ADD.II.1.1").heading_path,
            (Path{"II. Investigation, law enforcement and prosecution", national,
                  "1. Criminalizing and prosecuting all forms of THB"}));
  EXPECT_EQ(provision(result, "ADD.II.2.1").heading_path,
            (Path{"II. Investigation, law enforcement and prosecution", national,
                  "2. Financial investigations"}));
  EXPECT_EQ(provision(result, "ADD.II.4.1").heading_path.back(),
            "4. Capacity-building and training");
  // The PDF prints "2." before 1.11 and 1.2; they stay under heading 1.
  EXPECT_EQ(provision(result, "ADD.III.1.11").heading_path.back(),
            "1. Prevention of all forms of trafficking");
  EXPECT_EQ(provision(result, "ADD.III.2.1").heading_path.back(),
            "2. Capacity-building and training");
  EXPECT_EQ(provision(result, "ADD.IV.1.2").heading_path.back(),
            "1. Identification and assistance");
  EXPECT_EQ(provision(result, "ADD.IV.2.1").heading_path.back(),
            "2. Access to justice and appropriate remedies");
  EXPECT_EQ(provision(result, "ADD.III.O5").heading_path,
            (Path{"III. Prevention of trafficking in human beings",
                  "Action for OSCE institutions and bodies"}));
  EXPECT_EQ(provision(result, "ADD.V.3").heading_path, (Path{"V. Partnerships", national}));
  EXPECT_EQ(provision(result, "ADD.I.2").heading_path, (Path{"I. Purpose of the Addendum"}));
}

TEST(AddendumParser, EveryProvisionIsWellFormed) {
  auto result = parsed_shipped_text();
  std::regex id_grammar(R"(ADD\.(I|II|III|IV|V)\.(O?[1-9][0-9]?|[1-9][0-9]?\.[1-9][0-9]?))");
  std::map<std::string, std::string> pillar_by_chapter = {{"I", pillar::general},
                                                          {"II", pillar::prosecution},
                                                          {"III", pillar::prevention},
                                                          {"IV", pillar::protection},
                                                          {"V", pillar::partnerships}};
  std::set<std::string> levels = {level::national, level::osce, level::partners};
  std::set<std::string> ids;
  int sequence = 0;
  for (const auto& p : result.corpus.provisions) {
    EXPECT_TRUE(ids.insert(p.id).second) << "duplicate " << p.id;
    EXPECT_TRUE(std::regex_match(p.id, id_grammar)) << p.id;
    EXPECT_EQ(p.id, "ADD." + p.chapter + "." + p.number);
    EXPECT_EQ(p.document, "ADD");
    EXPECT_FALSE(p.heading_path.empty()) << p.id;
    for (const auto& heading : p.heading_path) {
      EXPECT_TRUE(is_clean(heading)) << p.id;
    }
    EXPECT_EQ(p.pillar, pillar_by_chapter[p.chapter]) << p.id;
    EXPECT_TRUE(levels.contains(p.level)) << p.id;
    if (p.level != level::partners) {
      EXPECT_EQ(p.level == level::osce, p.number.starts_with("O")) << p.id;
    }
    EXPECT_EQ(p.sequence, ++sequence) << p.id;
    EXPECT_TRUE(p.actors.empty() && p.keywords.empty()) << p.id;
  }
  EXPECT_TRUE(result.corpus.links.empty());
}

TEST(AddendumParser, LeavesNoExtractionArtefactInTextOrItems) {
  auto result = parsed_shipped_text();
  for (const auto& p : result.corpus.provisions) {
    EXPECT_TRUE(is_clean(p.text)) << p.id;
    for (auto heading : {"Recommended action at the national level",
                         "Action for OSCE institutions and bodies", "Financial investigations"}) {
      EXPECT_EQ(p.text.find(heading), std::string::npos) << p.id;
    }
    for (const auto& item : p.items) {
      EXPECT_TRUE(is_clean(item)) << p.id;
    }
  }
}

TEST(AddendumParser, PlacesEveryLineOfTheShippedText) {
  auto result = parsed_shipped_text();
  for (const auto& line : result.unplaced) {
    ADD_FAILURE() << "line " << line.line << " unplaced: " << line.text;
  }
}

TEST(AddendumParser, DropsRunningHeadersAndPageNumbersInsideAParagraph) {
  auto result = parse_addendum(
      "DECISION No. 1107\n"
      "ADDENDUM TO THE OSCE ACTION PLAN\n"
      "The Permanent Council,\n"
      "Decides to adopt the Addendum.\n"
      "ADDENDUM TO THE OSCE ACTION PLAN\n"
      "I. Purpose of the Addendum\n"
      "1.\n"
      "The Addendum complements the Action Plan adopted in\n"
      "- 2 -\n"
      "PC.DEC/1107\n"
      " 2003.\n");
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->corpus.provisions.size(), 1U);
  EXPECT_EQ(result->corpus.provisions[0].id, "ADD.I.1");
  EXPECT_EQ(result->corpus.provisions[0].text,
            "The Addendum complements the Action Plan adopted in 2003.");
  EXPECT_EQ(result->corpus.documents.at(0).preamble,
            "The Permanent Council,\n\nDecides to adopt the Addendum.");
}

TEST(AddendumParser, ReportsLinesItCannotPlace) {
  auto result = parse_addendum(
      "ADDENDUM TO THE OSCE ACTION PLAN\n"
      "II. Investigation, law enforcement and prosecution\n"
      "Recommended action at the national level\n"
      "Text before any paragraph number.\n"
      "1.1\n"
      "Taking necessary measures;\n");
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->corpus.provisions.size(), 1U);
  EXPECT_EQ(result->corpus.provisions[0].id, "ADD.II.1.1");
  ASSERT_EQ(result->unplaced.size(), 1U);
  EXPECT_EQ(result->unplaced[0].line, 4);
  EXPECT_EQ(result->unplaced[0].text, "Text before any paragraph number.");
}

TEST(AddendumParser, SplitsJustifiedPdfProseIntoParagraphs) {
  // A short line that ends a sentence, where the next line's first word would have fitted, ends
  // its paragraph; a full line that ends a sentence does not.
  std::vector<std::string_view> lines = {
      "The Permanent Council,",
      "Recalling the 2011 Vilnius Ministerial Declaration on Combating All Forms of",
      "Human Trafficking, and the commitments of the participating States in this area.",
      "Therefore, they must not be considered endorsed by all participating States and",
      "organizations."};
  EXPECT_EQ(join_paragraphs(lines),
            (std::vector<std::string>{
                "The Permanent Council,",
                "Recalling the 2011 Vilnius Ministerial Declaration on Combating All Forms of "
                "Human Trafficking, and the commitments of the participating States in this area. "
                "Therefore, they must not be considered endorsed by all participating States and "
                "organizations."}));
  // Where blank lines separate paragraphs, they alone do, unless a sentence runs on past one.
  std::vector<std::string_view> separated = {"",
                                             "A first paragraph.",
                                             "Still the first.",
                                             "",
                                             "A second that runs on in",
                                             "",
                                             "the next lines.",
                                             ""};
  EXPECT_EQ(join_paragraphs(separated),
            (std::vector<std::string>{"A first paragraph. Still the first.",
                                      "A second that runs on in the next lines."}));
}

TEST(AddendumParser, RejectsATextThatIsNotTheAddendum) {
  auto result = parse_addendum("hello\nworld");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Errc::malformed);
}

}  // namespace
}  // namespace lifeline::domain::corpus
