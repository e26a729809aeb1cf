#include "domain/corpus/action_plan.hpp"
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

constexpr std::string_view kFile = "action-plan-2003.txt";

ParseResult parsed_shipped_text() {
  return test_support::parse_shipped(kFile, &parse_action_plan);
}

const Provision& provision(const ParseResult& result, std::string_view id) {
  return test_support::provision_of(result, id);
}

const Document& document(const ParseResult& result, std::string_view id) {
  static const Document missing;
  const auto& documents = result.corpus.documents;
  auto found = std::ranges::find(documents, id, &Document::id);
  if (found == documents.end()) {
    ADD_FAILURE() << "no document " << id;
    return missing;
  }
  return *found;
}

// Provisions per (document, chapter, level).
std::map<std::string, int> counts_by_place(const ParseResult& result) {
  std::map<std::string, int> counts;
  for (const auto& p : result.corpus.provisions) {
    ++counts[p.document + " " + p.chapter + " " + p.level];
  }
  return counts;
}

// What the web extraction leaves behind and a clean provision never contains.
testing::AssertionResult is_clean(std::string_view text) {
  auto failure = [&](std::string_view what) {
    return testing::AssertionFailure() << what << " in \"" << text << "\"";
  };
  if (text.empty() || text != trim(text)) {
    return failure("empty or untrimmed text");
  }
  for (std::string_view artefact :
       {"*", "#", "\n", "\r", "  ", "\u00A0", "http://", "https://", "www."}) {
    if (text.find(artefact) != std::string_view::npos) {
      return failure("\"" + std::string(artefact) + "\"");
    }
  }
  if (text.starts_with("- ") || text.starts_with("\u2013")) {
    return failure("a list dash");
  }
  std::string subject(text);
  // A word broken at a line end and joined with a space; "child- and gender-sensitive" is not one.
  if (std::regex_search(subject, std::regex("[a-z]- (?!and |or )[a-z]"))) {
    return failure("a broken word");
  }
  // A footnote or page number glued to a word or standing between two words.
  if (std::regex_search(subject, std::regex("[A-Za-z][0-9]")) ||
      std::regex_search(subject, std::regex("(^| )(?!Articles? |articles |part |No\\. |and )[^ ]+ "
                                            "[0-9]{1,3} [a-z]"))) {
    return failure("a stray number");
  }
  if (text.find("ODIHR's Handbook") != std::string_view::npos) {
    return failure("the footnote of heading V.3");
  }
  return testing::AssertionSuccess();
}

TEST(ActionPlanParser, BuildsTheActionPlanDocumentWithItsDecisionAsPreamble) {
  auto result = parsed_shipped_text();
  const auto& plan = document(result, "AP");
  EXPECT_EQ(plan.kind, document_kind::commitment);
  EXPECT_EQ(plan.title, "OSCE Action Plan to Combat Trafficking in Human Beings");
  EXPECT_EQ(plan.symbol, "PC.DEC/557");
  EXPECT_EQ(plan.issued_by, "Permanent Council");
  EXPECT_EQ(plan.adopted, "2003-07-24");
  EXPECT_TRUE(plan.statements.empty());
  // "The Permanent Council," and eight paragraphs, the last of them "Adopts ...".
  EXPECT_TRUE(
      plan.preamble.starts_with("The Permanent Council,\n\nTaking into account the "
                                "universal condemnation of the crime of trafficking"));
  EXPECT_TRUE(plan.preamble.ends_with(
      "\n\nAdopts the OSCE Action Plan to Combat Trafficking in Human Beings, annexed to this "
      "Decision, in order both to incorporate best practices and an advanced approach into its "
      "anti-trafficking policies, and to facilitate co-operation among participating States, and "
      "tasks all OSCE bodies with enhancing participation in anti-trafficking efforts of the "
      "international community."));
  std::string_view preamble = plan.preamble;
  EXPECT_EQ(std::ranges::count(preamble, '\n'), 2 * 8);
  // The paragraph the extraction broke with a blank line is whole again.
  EXPECT_NE(preamble.find("rests with participating States, the link of this phenomenon to "
                          "transnational organized crime requires co-operation at the "
                          "international and regional level, involving the private sector and "
                          "NGOs,\n\nConvinced"),
            std::string_view::npos);
  EXPECT_EQ(preamble.find("462nd Plenary Meeting"), std::string_view::npos);
  EXPECT_EQ(preamble.find('*'), std::string_view::npos);
}

TEST(ActionPlanParser, CountsProvisionsPerChapterAndLevelAsPrinted) {
  auto result = parsed_shipped_text();
  std::map<std::string, int> expected = {
      // I: paragraphs 1-3. II: the definition with its quotation, and the Decision No. 6 paragraph.
      {"AP I national", 3},
      {"AP II national", 2},
      // III national, headings 1-8: 1.1-1.8, 2.1-2.9, 3.1-3.4, 4.1-4.6, 5.1-5.2, 6.1-6.2, 7.1, 8.1.
      {"AP III national", 8 + 9 + 4 + 6 + 2 + 2 + 1 + 1},
      // III OSCE, headings 9-13: 9.1-9.2, 10.1-10.4, 11.1, 12.1-12.2, 13.1.
      {"AP III osce", 2 + 4 + 1 + 2 + 1},
      // IV national, headings 1-5: 1.1-1.3, 2.1-2.3, 3.1-3.3, 4.1-4.11, 5.1-5.2.
      {"AP IV national", 3 + 3 + 3 + 11 + 2},
      // IV OSCE, headings 6-8: 6.1-6.2, 7.1-7.3, 8.1-8.5.
      {"AP IV osce", 2 + 3 + 5},
      // V national, headings 1-10: 1.1, 2.1-2.2, 3.1-3.6, 4.1-4.4, 5.1-5.3, 6.1-6.2, 7.1-7.4,
      // 8.1-8.3, 9.1, 10.1-10.5.
      {"AP V national", 1 + 2 + 6 + 4 + 3 + 2 + 4 + 3 + 1 + 5},
      // V OSCE, headings 11-15: 11.1-11.2, 12.1, 13.1, 14.1-14.2, 15.1.
      {"AP V osce", 2 + 1 + 1 + 2 + 1},
      // VI: 1-3 recommended at the national level, 4-9 what the Council tasks its bodies with.
      {"AP VI national", 3},
      {"AP VI osce", 6},
      // The annex: paragraphs quoted per source, under the three themes.
      {"PORTO2002  national", 3 + 3 + 5},
      {"BUCHAREST2001-POA  national", 1},
      {"BUCHAREST2001  national", 2 + 1},
      {"VIENNA2000  national", 4 + 1 + 4},
      {"ISTANBUL1999  national", 1 + 1},
      {"HELSINKI1992  national", 2},
      {"MOSCOW1991  national", 3},
      {"HELSINKI1975  national", 2},
  };
  EXPECT_EQ(counts_by_place(result), expected);
  EXPECT_EQ(result.corpus.provisions.size(), 127U + 33U);
}

TEST(ActionPlanParser, NumbersProvisionsExactlyAsTheTextDoes) {
  auto result = parsed_shipped_text();
  std::vector<std::string> chapter_three_national;
  for (const auto& p : result.corpus.provisions) {
    if (p.document == "AP" && p.chapter == "III" && p.level == level::national) {
      chapter_three_national.push_back(p.number);
    }
  }
  std::vector<std::string> expected;
  std::vector<int> per_heading = {8, 9, 4, 6, 2, 2, 1, 1};
  for (std::size_t heading = 0; heading < per_heading.size(); ++heading) {
    for (int n = 1; n <= per_heading[heading]; ++n) {
      expected.push_back(std::to_string(heading + 1) + "." + std::to_string(n));
    }
  }
  EXPECT_EQ(chapter_three_national, expected);
  for (auto id : {"AP.I.1", "AP.II.2", "AP.III.11.1", "AP.III.13.1", "AP.IV.4.10", "AP.IV.4.11",
                  "AP.V.3.6", "AP.V.10.5", "AP.V.15.1", "AP.VI.4", "AP.VI.9"}) {
    EXPECT_EQ(provision(result, id).id, id);
  }
  EXPECT_EQ(provision(result, "AP.II.2").number, "2");
  EXPECT_EQ(provision(result, "AP.V.3.1").number, "3.1");
  // Headings over sub-numbered paragraphs are no provisions.
  for (auto heading : {"AP.III.1", "AP.III.2", "AP.IV.4", "AP.V.3", "AP.V.11"}) {
    EXPECT_TRUE(std::ranges::none_of(result.corpus.provisions, [&](const Provision& p) {
      return p.id == heading;
    })) << heading;
  }
}

TEST(ActionPlanParser, KeepsTheTextOfProvisionsWithTheirDashItems) {
  auto result = parsed_shipped_text();
  EXPECT_EQ(provision(result, "AP.I.3").text,
            "A comprehensive approach to trafficking in human beings requires a focus on bringing "
            "to justice those responsible for this crime, and on carrying out effective measures "
            "to prevent it, while maintaining a humanitarian and compassionate approach in "
            "rendering assistance to its victims.");
  EXPECT_EQ(
      provision(result, "AP.II.1").text,
      "The Action Plan is based on the following definition contained in Article 3 of the United "
      "Nations Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women "
      "and Children, supplementing the United Nations Convention against Transnational Organized "
      "Crime: “Trafficking in persons shall mean the recruitment, transportation, transfer, "
      "harbouring or receipt of persons, by means of the threat or use of force or other forms of "
      "coercion, of abduction, of fraud, of deception, of the abuse of power or of a position of "
      "vulnerability or of the giving or receiving of payments or benefits to achieve the consent "
      "of a person having control over another person, for the purpose of exploitation. "
      "Exploitation shall include, at a minimum, the exploitation of the prostitution of others "
      "or other forms of sexual exploitation, forced labour or services, slavery or practices "
      "similar to slavery, servitude or the removal of organs”.");

  const auto& criminal_offences = provision(result, "AP.III.1.2");
  EXPECT_EQ(criminal_offences.text,
            "Adopting such legislative and other measures as may be necessary to establish as "
            "criminal offences:");
  EXPECT_EQ(criminal_offences.items,
            (std::vector<std::string>{"Attempting to commit this criminal offence;",
                                      "Participating as an accomplice in this criminal offence;",
                                      "Organizing or directing other persons to commit this "
                                      "criminal offence."}));

  const auto& measures = provision(result, "AP.III.3.2");
  EXPECT_EQ(measures.text, "Adopting, in particular, effective measures");
  ASSERT_EQ(measures.items.size(), 6U);
  EXPECT_EQ(measures.items[0],
            "To enhance and where necessary to establish channels of communication between "
            "participating States;");
  EXPECT_EQ(measures.items[3],
            "To facilitate effective co-ordination between their competent authorities, agencies "
            "and services and to promote the exchange of personnel and other experts, including, "
            "subject to bilateral agreements or arrangements between the participating States "
            "concerned, the posting of liaison officers;");
  EXPECT_EQ(measures.items[5],
            "To co-ordinate administrative and other measures considered appropriate for the "
            "early identification of the offences covered by this Action Plan.");

  EXPECT_EQ(provision(result, "AP.III.2.4").text,
            "Developing community-policing programmes: raising levels of trust between the police "
            "and the public in order, inter alia, to contribute to the acquisition of information "
            "relating to trafficking and to increase the willingness of victims to report "
            "offences.");
  EXPECT_EQ(provision(result, "AP.III.11.1").text,
            "The Office of Internal Oversight is requested to maintain data on investigations into "
            "offences related to trafficking in human beings by mission members and all "
            "subsequent related actions taken thereon. The Secretary General is requested to "
            "report regularly to the Permanent Council on measures taken to implement regulations "
            "in cases of breaches of the Code of Conduct while respecting the privacy of alleged "
            "perpetrators.");
  EXPECT_TRUE(provision(result, "AP.III.11.1").items.empty());
}

TEST(ActionPlanParser, MendsParagraphsAndItemListsTheExtractionBroke) {
  auto result = parsed_shipped_text();
  // The items of 3.1 continue after a blank line, the last two as top-level list items.
  const auto& origin = provision(result, "AP.IV.3.1");
  EXPECT_EQ(origin.text, "In countries of origin:");
  EXPECT_EQ(origin.items,
            (std::vector<std::string>{
                "Considering as priority goals: the fostering of social-economic and political "
                "stability, and the reduction both of migration caused by deep poverty and of "
                "supply factors of trafficking. Policies followed in pursuit of these goals should "
                "also promote both economic development and social inclusion;",
                "Improving children's access to educational and vocational opportunities and "
                "increasing the level of school attendance, in particular by girls and minority "
                "groups;",
                "Enhancing job opportunities for women by facilitating business opportunities for "
                "small and medium-sized enterprises (SMEs). Organizing SMEs training courses, and "
                "targeting them particularly at high-risk groups."}));
  EXPECT_EQ(provision(result, "AP.IV.3.2").items.size(), 4U);
  EXPECT_EQ(provision(result, "AP.IV.3.3").items.size(), 9U);
  // 7.1 runs on after a blank line; nothing of it is lost.
  EXPECT_EQ(provision(result, "AP.IV.7.1").text,
            "The OCEEA will support the promotion and the development of national public "
            "information resource centres to allow individuals to check the legitimacy of "
            "businesses, particularly those advocating employment abroad, while avoiding overlap "
            "with existing Chambers of Commerce facilities or other business registration "
            "offices. The OCEEA can function as an intermediary, collecting examples of best "
            "practices on easily accessible legitimacy checks and distributing them to interested "
            "participating States and/or OSCE field operations.");
  // The footnote of heading 3 that the extraction printed inside 3.1 is not part of it.
  EXPECT_EQ(provision(result, "AP.V.3.1").text,
            "Establishing National Referral Mechanisms by creating a co-operative framework within "
            "which participating States fulfil their obligations to protect and promote the human "
            "rights of the victims of THB in co-ordination and strategic partnership with civil "
            "society and other actors working in this field.");
  EXPECT_EQ(provision(result, "AP.V.9.1").text,
            "Ensuring that anti-trafficking laws, policies, programmes and interventions do not "
            "affect the right of all persons, including victims of THB, to seek and enjoy asylum "
            "from persecution in accordance with international refugee law, in particular through "
            "effective application of the principle of non-refoulement.");
  EXPECT_EQ(provision(result, "AP.VI.2").text,
            "To consider establishing Anti-Trafficking Commissions (task forces) or similar bodies "
            "responsible for co-ordinating activities within a country among State agencies and "
            "NGOs, and for elaborating measures to prevent THB, to punish perpetrators of THB and "
            "to protect its victims;");
  EXPECT_EQ(provision(result, "AP.VI.9").text,
            "Tasks the ODIHR with the further development of its clearing-house function for the "
            "exchange of information, contacts, materials and good practices and with the "
            "enhancement of its project activities.");
}

TEST(ActionPlanParser, PlacesProvisionsUnderTheirHeadingsPillarsAndLevels) {
  auto result = parsed_shipped_text();
  using Path = std::vector<std::string>;
  EXPECT_EQ(provision(result, "AP.V.3.1").heading_path,
            (Path{"V. Protection and assistance", "Recommended action at the national level",
                  "3. National Referral Mechanisms (NRM)"}));
  EXPECT_EQ(provision(result, "AP.III.2.1").heading_path,
            (Path{"III. Investigation, law enforcement and prosecution",
                  "Recommended action at the national level", "2. Law enforcement response"}));
  EXPECT_EQ(provision(result, "AP.III.11.1").heading_path,
            (Path{"III. Investigation, law enforcement and prosecution",
                  "Action for OSCE Institutions and Bodies", "11. Disciplinary response"}));
  EXPECT_EQ(provision(result, "AP.IV.4.1").heading_path,
            (Path{"IV. Prevention of trafficking in human beings",
                  "Recommended action at the national level", "4. Awareness-raising"}));
  EXPECT_EQ(provision(result, "AP.I.1").heading_path,
            (Path{"I. Objectives and purposes of the Action Plan"}));
  EXPECT_EQ(provision(result, "AP.VI.3").heading_path,
            (Path{"VI. Follow-up and co-ordinating mechanisms",
                  "The Permanent Council recommends the following actions at the national level"}));
  EXPECT_EQ(
      provision(result, "AP.VI.4").heading_path,
      (Path{"VI. Follow-up and co-ordinating mechanisms", "Furthermore, the Permanent Council"}));

  std::map<std::string, std::string> pillar_by_chapter = {
      {"I", pillar::general},     {"II", pillar::general},   {"III", pillar::prosecution},
      {"IV", pillar::prevention}, {"V", pillar::protection}, {"VI", pillar::follow_up}};
  for (const auto& p : result.corpus.provisions) {
    if (p.document == "AP") {
      EXPECT_EQ(p.pillar, pillar_by_chapter.at(p.chapter)) << p.id;
    }
  }
  EXPECT_EQ(provision(result, "AP.V.10.5").level, level::national);
  EXPECT_EQ(provision(result, "AP.V.11.1").level, level::osce);
  EXPECT_EQ(provision(result, "AP.VI.3").level, level::national);
  EXPECT_EQ(provision(result, "AP.VI.4").level, level::osce);
}

TEST(ActionPlanParser, BuildsOneSourceDocumentPerEarlierDocumentTheAnnexQuotes) {
  auto result = parsed_shipped_text();
  std::vector<std::string> sources;
  for (const auto& d : result.corpus.documents) {
    if (d.kind == document_kind::source) {
      sources.push_back(d.id);
    }
  }
  EXPECT_EQ(sources, (std::vector<std::string>{"PORTO2002", "BUCHAREST2001-POA", "BUCHAREST2001",
                                               "VIENNA2000", "ISTANBUL1999", "HELSINKI1992",
                                               "MOSCOW1991", "HELSINKI1975"}));
  EXPECT_EQ(document(result, "VIENNA2000").symbol, "MC(8).DEC/1");
  EXPECT_EQ(document(result, "HELSINKI1975").title,
            "Final Act of the Conference on Security and Co-operation in Europe");
  EXPECT_EQ(document(result, "HELSINKI1975").adopted, "1975-08-01");
  EXPECT_EQ(document(result, "MOSCOW1991").adopted, "1991-10-03");

  // The quotation marks around a passage that spans several paragraphs are the annex's.
  const auto& porto = provision(result, "PORTO2002.1");
  EXPECT_EQ(porto.text,
            "We recognize that trafficking in human beings represents a serious and rapidly "
            "expanding area of transnational organized crime, generating huge profits for "
            "criminal networks that may also be associated with criminal acts such as trafficking "
            "in drugs and arms, as well as smuggling of migrants.");
  EXPECT_EQ(porto.heading_path, (std::vector<std::string>{"Investigation, law enforcement and "
                                                          "prosecution"}));
  EXPECT_EQ(porto.pillar, pillar::prosecution);
  EXPECT_EQ(porto.level, level::national);
  EXPECT_EQ(porto.number, "1");
  // Counting runs on across the themes.
  const auto& porto_protection = provision(result, "PORTO2002.11");
  EXPECT_EQ(porto_protection.text,
            "Participating States asked “that the Senior Police Adviser should devote increased "
            "attention to the fight against trafficking in human beings”.");
  EXPECT_EQ(porto_protection.pillar, pillar::protection);
  EXPECT_EQ(provision(result, "PORTO2002.4").pillar, pillar::prevention);

  EXPECT_EQ(provision(result, "HELSINKI1975.1").text,
            "The participating States “will equally endeavour, in developing their co-operation, "
            "to improve the well-being of peoples and contribute to the fulfilment of their "
            "aspirations through, inter alia, the benefits resulting from increased mutual "
            "knowledge and from progress and achievement in the economic, scientific, "
            "technological, social, cultural and humanitarian fields. They will take steps to "
            "promote conditions favourable to making these benefits available to all; they will "
            "take into account the interest of all in the narrowing of differences in the levels "
            "of economic development, and in particular the interest of developing countries "
            "throughout the world”.");
  const auto& migration = provision(result, "HELSINKI1975.2");
  EXPECT_TRUE(migration.text.ends_with("and with the following aims in view:"));
  ASSERT_EQ(migration.items.size(), 10U);
  EXPECT_EQ(migration.items[8],
            "to facilitate, as far as possible, the reuniting of migrant workers with their "
            "families;");

  // A "..." line separates passages; the last one loses the closing mark of the whole quotation.
  EXPECT_EQ(provision(result, "MOSCOW1991.3").text,
            "develop educational policies, consistent with their constitutional systems, to "
            "support the participation of women in all areas of study and work, including "
            "non-traditional areas, and encourage and promote a greater understanding of issues "
            "relating to equality between men and women.");
  EXPECT_NE(provision(result, "VIENNA2000.7").text.find("to promote co-ordinated efforts"),
            std::string::npos);
}

TEST(ActionPlanParser, EveryProvisionIsWellFormed) {
  auto result = parsed_shipped_text();
  std::regex plan_id(R"(AP\.(I|II|III|IV|V|VI)\.[1-9][0-9]?(\.[1-9][0-9]?)?)");
  std::regex source_id(
      R"((PORTO2002|BUCHAREST2001-POA|BUCHAREST2001|VIENNA2000|ISTANBUL1999|HELSINKI1992|MOSCOW1991|HELSINKI1975)\.[1-9][0-9]?)");
  std::set<std::string> pillars = {pillar::prosecution,  pillar::prevention, pillar::protection,
                                   pillar::partnerships, pillar::follow_up,  pillar::general};
  std::set<std::string> levels = {level::national, level::osce, level::partners};
  std::set<std::string> ids;
  std::map<std::string, int> last_sequence;
  for (const auto& p : result.corpus.provisions) {
    EXPECT_TRUE(ids.insert(p.id).second) << "duplicate " << p.id;
    bool in_plan = p.document == "AP";
    EXPECT_TRUE(std::regex_match(p.id, in_plan ? plan_id : source_id)) << p.id;
    EXPECT_EQ(p.id, p.document + "." + (in_plan ? p.chapter + "." : "") + p.number);
    EXPECT_FALSE(p.heading_path.empty()) << p.id;
    for (const auto& heading : p.heading_path) {
      EXPECT_TRUE(is_clean(heading)) << p.id;
    }
    EXPECT_TRUE(pillars.contains(p.pillar)) << p.id;
    EXPECT_TRUE(levels.contains(p.level)) << p.id;
    EXPECT_EQ(p.sequence, ++last_sequence[p.document]) << p.id;
    EXPECT_TRUE(p.actors.empty() && p.keywords.empty()) << p.id;
  }
  EXPECT_TRUE(result.corpus.links.empty());
}

TEST(ActionPlanParser, LeavesNoExtractionArtefactInTextOrItems) {
  auto result = parsed_shipped_text();
  for (const auto& p : result.corpus.provisions) {
    EXPECT_TRUE(is_clean(p.text)) << p.id;
    for (const auto& item : p.items) {
      EXPECT_TRUE(is_clean(item)) << p.id;
    }
  }
}

TEST(ActionPlanParser, PlacesEveryLineOfTheShippedText) {
  auto result = parsed_shipped_text();
  for (const auto& line : result.unplaced) {
    ADD_FAILURE() << "line " << line.line << " unplaced: " << line.text;
  }
}

TEST(ActionPlanParser, ReportsLinesItCannotPlace) {
  auto result = parse_action_plan(
      "## **OSCE ACTION PLAN TO COMBAT TRAFFICKING IN HUMAN BEINGS**\n"
      "\n"
      "### **VI. Follow-up**\n"
      "- A dash item before any paragraph\n"
      "1. To consider appointing National Rapporteurs;\n"
      "A stray sentence.\n");
  ASSERT_TRUE(result.has_value());
  ASSERT_EQ(result->corpus.provisions.size(), 1U);
  EXPECT_EQ(result->corpus.provisions[0].id, "AP.VI.1");
  ASSERT_EQ(result->unplaced.size(), 2U);
  EXPECT_EQ(result->unplaced[0].line, 4);
  EXPECT_EQ(result->unplaced[0].text, "A dash item before any paragraph");
  EXPECT_EQ(result->unplaced[1].line, 6);
}

TEST(ActionPlanParser, RejectsATextThatIsNotTheActionPlan) {
  auto result = parse_action_plan("hello\nworld");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Errc::malformed);
  EXPECT_FALSE(parse_action_plan("").has_value());
}

TEST(ActionPlanParser, ReadsParagraphNumbersChapterNumeralsAndQuotations) {
  auto sub = paragraph_number("  - 4.11 Establishing");
  EXPECT_EQ(sub.major, 0);  // the list dash is the parser's to remove
  sub = paragraph_number("4.11 Establishing well-publicized");
  EXPECT_EQ(sub.major, 4);
  EXPECT_EQ(sub.minor, 11);
  EXPECT_EQ(sub.rest, "Establishing well-publicized");
  auto heading = paragraph_number("3.");
  EXPECT_EQ(heading.major, 3);
  EXPECT_EQ(heading.minor, 0);
  EXPECT_EQ(heading.rest, "");
  EXPECT_EQ(paragraph_number("1991, the Final Act").major, 0);
  EXPECT_EQ(paragraph_number("2003.").major, 0);
  EXPECT_EQ(chapter_numeral("VI. Follow-up and co-ordinating mechanisms"), "VI");
  EXPECT_EQ(chapter_numeral("INTERPRETATIVE STATEMENT UNDER"), "");
  EXPECT_EQ(chapter_numeral("IV.1(A)6"), "");
  EXPECT_TRUE(ends_mid_sentence("the link of this phenomenon to"));
  EXPECT_TRUE(ends_mid_sentence("with its Expert Co-"));
  EXPECT_FALSE(ends_mid_sentence("the private sector and NGOs,"));
  // Enclosing marks go, unpaired marks at either end go, inner quotations stay.
  EXPECT_EQ(strip_enclosing_quotes("“We join in the consensus.”"), "We join in the consensus.");
  EXPECT_EQ(strip_enclosing_quotes("“Reaffirms that;"), "Reaffirms that;");
  EXPECT_EQ(strip_enclosing_quotes("crime prevention”."), "crime prevention.");
  EXPECT_EQ(strip_enclosing_quotes("They asked “that the Adviser” act."),
            "They asked “that the Adviser” act.");
  EXPECT_EQ(strip_enclosing_quotes("“zero-tolerance” policies and “hotlines”"),
            "“zero-tolerance” policies and “hotlines”");
}

TEST(ActionPlanParser, NamesTheLevelAndPillarOfHeadings) {
  EXPECT_EQ(level_of_heading("Recommended action at the national level"), level::national);
  EXPECT_EQ(level_of_heading(" Action for OSCE institutions and bodies "), level::osce);
  EXPECT_EQ(level_of_heading("Training"), "");
  EXPECT_EQ(pillar_of_heading("Investigation, Law Enforcement and Prosecution"),
            pillar::prosecution);
  EXPECT_EQ(pillar_of_heading("Prevention of THB"), pillar::prevention);
  EXPECT_EQ(pillar_of_heading("Protection and Assistance"), pillar::protection);
  EXPECT_EQ(pillar_of_heading("Translating Policy into Action"), "");
}

}  // namespace
}  // namespace lifeline::domain::corpus
