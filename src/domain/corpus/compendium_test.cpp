#include "domain/corpus/compendium.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "domain/corpus/shipped_texts.hpp"
#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

// The shipped Compendium with the shipped corrections applied: the text the parser reads.
const std::string& corrected_text() {
  static const std::string text = [] {
    auto corrections = parse_corrections(shipped_text("corrections.toml"));
    EXPECT_TRUE(corrections.has_value());
    auto corrected =
        apply_corrections("compendium-2019.txt", std::string(shipped_text("compendium-2019.txt")),
                          corrections.value_or(std::vector<Correction>{}));
    EXPECT_TRUE(corrected.has_value()) << (corrected ? "" : corrected.error().message);
    return corrected.value_or("");
  }();
  return text;
}

// The Compendium's pages, before the annex that reprints the decisions.
std::string pages_text() {
  const auto& text = corrected_text();
  return text.substr(0, text.find("DECISION No. 6/18"));
}

const ParseResult& shipped() {
  static const ParseResult result = [] {
    auto parsed = parse_shipped_compendium();
    EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
    return parsed.value_or(ParseResult{});
  }();
  return result;
}

const Provision& provision(std::string_view id) {
  const auto& provisions = shipped().corpus.provisions;
  auto found = std::ranges::find(provisions, id, &Provision::id);
  if (found == provisions.end()) {
    ADD_FAILURE() << "no provision " << id;
    static const Provision none;
    return none;
  }
  return *found;
}

const Document& document(std::string_view id) {
  const auto& documents = shipped().corpus.documents;
  auto found = std::ranges::find(documents, id, &Document::id);
  if (found == documents.end()) {
    ADD_FAILURE() << "no document " << id;
    static const Document none;
    return none;
  }
  return *found;
}

const Resource& resource(std::string_view id) {
  const auto& resources = shipped().corpus.resources;
  auto found = std::ranges::find(resources, id, &Resource::id);
  if (found == resources.end()) {
    ADD_FAILURE() << "no resource " << id;
    static const Resource none;
    return none;
  }
  return *found;
}

std::set<std::string> keywords_of(std::string_view id) {
  const auto& keywords = provision(id).keywords;
  return {keywords.begin(), keywords.end()};
}

using CitedAs = std::tuple<std::string, std::string, std::string>;  // keyword, resource, pages

std::set<CitedAs> citations_of(std::string_view id) {
  std::set<CitedAs> cited;
  for (const auto& citation : shipped().corpus.citations) {
    if (citation.provision == id) {
      cited.emplace(citation.keyword, citation.resource, citation.pages);
    }
  }
  return cited;
}

std::string digits_at(std::string_view text, std::size_t& at) {
  auto begin = at;
  while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) != 0) {
    ++at;
  }
  return std::string(text.substr(begin, at - begin));
}

// Provision ids of the "(MC Decision 6/17, para 4)" markers printed on the pages, in order.
std::vector<std::string> printed_markers() {
  constexpr std::string_view kOpen = "(MC Decision ";
  auto text = collapse_whitespace(pages_text());
  std::vector<std::string> ids;
  for (auto at = text.find(kOpen); at != std::string::npos; at = text.find(kOpen, at + 1)) {
    auto end = at + kOpen.size();
    auto number = digits_at(text, end);
    if (text.compare(end, 1, "/") != 0) {
      continue;
    }
    auto year = digits_at(text, ++end);
    if (number.empty() || year.size() != 2 || text.compare(end, 7, ", para ") != 0) {
      continue;
    }
    end += 7;
    auto paragraph = digits_at(text, end);
    if (!paragraph.empty() && text.compare(end, 1, ")") == 0) {
      std::string id = "MC";
      id.append(number).append("/").append(year).append(".").append(paragraph);
      ids.push_back(std::move(id));
    }
  }
  return ids;
}

// A word broken at a line end and joined with a space: "informa- tion".
bool has_broken_word(std::string_view text) {
  for (std::size_t at = 1; at + 2 < text.size(); ++at) {
    if (text[at] == '-' && text[at + 1] == ' ' && std::islower(text[at - 1]) != 0 &&
        std::islower(text[at + 2]) != 0) {
      return true;
    }
  }
  return false;
}

// A page number left at either end of a text: "12 Take ..." or "... measures; 12".
bool has_page_number_at_an_end(std::string_view text) {
  auto last = text.substr(text.rfind(' ') + 1);
  return std::isdigit(static_cast<unsigned char>(text.front())) != 0 ||
         (last.size() <= 2 &&
          std::ranges::all_of(last, [](unsigned char c) { return std::isdigit(c) != 0; }));
}

TEST(CompendiumParser, ParsesTheShippedCompendiumCompletely) {
  ASSERT_EQ(shipped().corpus.documents.size(), 3U);
  for (const auto& line : shipped().unplaced) {
    ADD_FAILURE() << "unplaced line " << line.line << ": " << line.text;
  }
}

TEST(CompendiumParser, ReadsTheThreeDecisionsOfTheAnnex) {
  const auto& documents = shipped().corpus.documents;
  ASSERT_EQ(documents.size(), 3U);
  EXPECT_EQ(documents[0].id, "MC6/17");
  EXPECT_EQ(documents[1].id, "MC7/17");
  EXPECT_EQ(documents[2].id, "MC6/18");
  EXPECT_EQ(document("MC6/17").symbol, "MC.DEC/6/17");
  EXPECT_EQ(document("MC6/17").title,
            "Strengthening efforts to prevent trafficking in human beings");
  EXPECT_EQ(document("MC7/17").title,
            "Strengthening efforts to combat all forms of child trafficking, including for sexual "
            "exploitation, as well as other forms of sexual exploitation of children");
  EXPECT_EQ(document("MC6/18").title,
            "Strengthening efforts to prevent and combat child trafficking, including of "
            "unaccompanied minors");
  // 6/17 has no front matter in the annex: its date is that of its running header.
  EXPECT_EQ(document("MC6/17").adopted, "2017-12-08");
  EXPECT_EQ(document("MC7/17").adopted, "2017-12-08");
  EXPECT_EQ(document("MC6/18").adopted, "2018-12-07");
  for (const auto& doc : documents) {
    EXPECT_EQ(doc.kind, document_kind::commitment);
    EXPECT_EQ(doc.issued_by, "Ministerial Council");
    EXPECT_TRUE(doc.preamble.starts_with("The Ministerial Council,\n\n")) << doc.id;
  }
  EXPECT_TRUE(document("MC6/17").preamble.ends_with("\n\nCalls on participating States to:"));
  EXPECT_TRUE(document("MC6/18").preamble.ends_with("\n\nCalls on the participating States to:"));
}

TEST(CompendiumParser, CountsTheOperativeParagraphsOfEachDecision) {
  // Counted in the annex: 6/17 has 16 paragraphs, 7/17 has 13 and 6/18 has 13 (its 13th tasks
  // the OSCE executive structures).
  std::map<std::string, int> count;
  for (const auto& p : shipped().corpus.provisions) {
    ++count[p.document];
  }
  EXPECT_EQ(count, (std::map<std::string, int>{{"MC6/17", 16}, {"MC7/17", 13}, {"MC6/18", 13}}));
  for (const auto& p : shipped().corpus.provisions) {
    EXPECT_EQ(p.id, p.document + "." + p.number);
    EXPECT_EQ(p.sequence, std::stoi(p.number));
    EXPECT_EQ(p.heading_path, std::vector<std::string>{document(p.document).title}) << p.id;
  }
}

TEST(CompendiumParser, PlacesEveryMarkedProvisionOnceInThe4PStructure) {
  auto markers = printed_markers();
  std::map<std::string, int> times;
  for (const auto& id : markers) {
    ++times[id];
  }
  EXPECT_EQ(markers.size(), 42U);
  EXPECT_EQ(times.size(), 42U);
  for (const auto& [id, count] : times) {
    EXPECT_EQ(count, 1) << id << " is marked " << count << " times";
    EXPECT_FALSE(provision(id).pillar.empty()) << id;
  }
  std::map<std::string, int> per_pillar;
  for (const auto& p : shipped().corpus.provisions) {
    ++per_pillar[p.pillar];
  }
  // Section I has 7/17 paras 3 and 6; Section II 17 provisions, Section III 12, Section IV 11.
  EXPECT_EQ(per_pillar, (std::map<std::string, int>{{pillar::prosecution, 2},
                                                    {pillar::prevention, 17},
                                                    {pillar::protection, 12},
                                                    {pillar::partnerships, 11}}));
  EXPECT_EQ(provision("MC7/17.3").pillar, pillar::prosecution);
  EXPECT_EQ(provision("MC7/17.6").pillar, pillar::prosecution);
  EXPECT_EQ(provision("MC6/17.4").pillar, pillar::prevention);
  EXPECT_EQ(provision("MC6/18.12").pillar, pillar::prevention);
  EXPECT_EQ(provision("MC6/17.5").pillar, pillar::protection);
  EXPECT_EQ(provision("MC6/18.5").pillar, pillar::protection);
  EXPECT_EQ(provision("MC7/17.5").pillar, pillar::partnerships);
  EXPECT_EQ(provision("MC7/17.12").pillar, pillar::partnerships);
}

TEST(CompendiumParser, GivesTheOfficialTextsOfTheAnnex) {
  EXPECT_EQ(provision("MC7/17.6").text,
            "Urges participating States to prosecute human traffickers and perpetrators of sexual "
            "exploitation of children, including those who misuse information and communication "
            "technologies to recruit children or facilitate access to children for the purpose of "
            "subjecting them to trafficking or sexual exploitation, and impose penalties that are "
            "effective dissuasive, and proportionate to the crime;");
  EXPECT_EQ(provision("MC7/17.12").text,
            "Tasks the relevant OSCE executive structures in accordance with their mandates and in "
            "co-ordination with the OSCE Special Representative and Co-ordinator for Combating "
            "Trafficking in Human Beings to continue to assist participating States, upon their "
            "request, with implementation of their commitments related to all forms of child "
            "trafficking, including for sexual exploitation, as well as other forms of sexual "
            "exploitation of children;");
  EXPECT_EQ(provision("MC6/17.4").text,
            "Promote multi-agency, cross-sectorial and multinational capacity-building programmes "
            "that foster measures to prevent human trafficking in all of its forms, with a "
            "particular focus on factors that make people vulnerable to trafficking;");
  EXPECT_EQ(provision("MC6/17.16").text,
            "Task the Secretary General to review existing policies, audit and reporting "
            "procedures and recruitment safeguards, and to ensure that no activities of the OSCE "
            "executive structures, including the issuing of contracts for goods and services, "
            "contribute to any form of trafficking in human beings, in accordance with the 2013 "
            "Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings, and to report "
            "on this review and on the implementation of the OSCE Code of Conduct, Appendix 1 to "
            "Staff Regulations and Rules to the Permanent Council.");
  EXPECT_EQ(
      provision("MC6/18.1").text,
      "Adopt relevant measures so that all child victims of human trafficking are treated in "
      "line with the principle of non-discrimination, and in accordance with their "
      "individual needs and taking into account their best interests, providing "
      "opportunities for them to be heard, as appropriate, and upholding and protecting their "
      "human rights;");
  EXPECT_EQ(
      provision("MC6/18.13").text,
      "Task the relevant OSCE executive structures, in accordance with their mandates, within "
      "available resources and in co-ordination with the OSCE Special Representative and "
      "Co-ordinator for Combating Trafficking in Human Beings, to continue assisting "
      "participating States, upon their request, in addressing all forms of child "
      "trafficking, by inter alia maximizing the existing knowledge basis and ensuring at "
      "the same time that no duplication of efforts and funded programmes occurs.");
}

TEST(CompendiumParser, KeepsLetteredItemsApart) {
  const auto& p = provision("MC7/17.5");
  EXPECT_TRUE(p.text.ends_with("national and international data protection frameworks, such as:"));
  EXPECT_EQ(
      p.items,
      (std::vector<std::string>{
          "(a) Adopting additional administrative measures in relation to perpetrators, such "
          "as the registration in sex offender registers of persons convicted of child sexual "
          "exploitation or abuse, as appropriate;",
          "(b) Where relevant, a means to exchange and/or receive information transnationally "
          "among law enforcement agencies and/or judicial authorities on persons convicted of "
          "child sexual exploitation or abuse;"}));
}

TEST(CompendiumParser, OfficialTextsEndAsTheCompendiumQuotesThem) {
  auto text = collapse_whitespace(pages_text());
  for (const auto& id : printed_markers()) {
    if (id == "MC7/17.12") {
      continue;  // its page lost its text; the correction restores only the marker
    }
    const auto& p = provision(id);
    const auto& last = p.items.empty() ? p.text : p.items.back();
    auto dot = id.find('.');
    auto marker = "(MC Decision " + id.substr(2, dot - 2) + ", para " + id.substr(dot + 1) + ")";
    auto ending = last.substr(last.size() - std::min<std::size_t>(last.size(), 30)) + " " + marker;
    EXPECT_NE(text.find(ending), std::string::npos) << id << ": " << ending;
  }
}

TEST(CompendiumParser, LevelFollowsWhomEachParagraphAddresses) {
  const std::set<std::string> osce = {"MC6/17.14", "MC6/17.15", "MC6/17.16", "MC7/17.12",
                                      "MC6/18.13"};
  for (const auto& p : shipped().corpus.provisions) {
    auto expected = osce.contains(p.id)   ? level::osce
                    : p.id == "MC7/17.13" ? level::partners
                                          : level::national;
    EXPECT_EQ(p.level, expected) << p.id;
  }
}

TEST(CompendiumParser, AttachesTheInterpretativeStatementsToTheirDecisions) {
  const auto& statements_617 = document("MC6/17").statements;
  ASSERT_EQ(statements_617.size(), 1U);
  EXPECT_EQ(statements_617[0].made_by, "Canada (also on behalf of the United States of America)");
  EXPECT_TRUE(statements_617[0].text.starts_with("\xE2\x80\x9CThank you, Mr. Chairperson.\n\n"));
  EXPECT_NE(statements_617[0].text.find("we accepted the wording concerning media"),
            std::string::npos);
  EXPECT_TRUE(statements_617[0].text.ends_with("Thank you, Mr. Chairperson.\xE2\x80\x9D"));

  const auto& statements_717 = document("MC7/17").statements;
  ASSERT_EQ(statements_717.size(), 1U);
  EXPECT_EQ(statements_717[0].made_by, "the Russian Federation");
  EXPECT_NE(statements_717[0].text.find("not only from pornographic content"), std::string::npos);
  EXPECT_TRUE(statements_717[0].text.ends_with("and the journal of the day.\xE2\x80\x9D"));

  const auto& statements_618 = document("MC6/18").statements;
  ASSERT_EQ(statements_618.size(), 1U);
  EXPECT_EQ(statements_618[0].made_by, "the Holy See");
  EXPECT_TRUE(statements_618[0].text.starts_with("\xE2\x80\x9CMr. Chairperson,\n\nThe Holy See,"));
  EXPECT_NE(statements_618[0].text.find("the primary and inalienable rights of the parents"),
            std::string::npos);
}

TEST(CompendiumParser, ListsEveryKeywordThePagesPrint) {
  const std::vector<std::string> expected = {"awareness-raising",
                                             "best interest of the child",
                                             "border",
                                             "capacity-building and training",
                                             "children",
                                             "civil society",
                                             "co-operation and partnerships",
                                             "data and research",
                                             "demand",
                                             "diplomatic missions",
                                             "domestic servitude",
                                             "financial investigation",
                                             "first line responders",
                                             "gender",
                                             "health care",
                                             "identification",
                                             "judiciary",
                                             "labour exploitation",
                                             "labour inspectors",
                                             "law enforcement",
                                             "laws and policies",
                                             "legal assistance",
                                             "media",
                                             "migration",
                                             "national rapporteur",
                                             "national referral mechanism",
                                             "non-discrimination",
                                             "non-punishment",
                                             "penalties",
                                             "policy development",
                                             "prevention",
                                             "private sector",
                                             "prosecution",
                                             "protection",
                                             "protection and assistance",
                                             "protection of children",
                                             "recruitment",
                                             "reintegration and/or repatriation",
                                             "sexual exploitation",
                                             "social workers",
                                             "supply chains",
                                             "technology",
                                             "tourism and travel",
                                             "trauma-informed approach",
                                             "unaccompanied children",
                                             "victim support",
                                             "victim-centred approach",
                                             "vulnerability"};
  std::vector<std::string> names;
  for (const auto& keyword : shipped().corpus.keywords) {
    names.push_back(keyword.name);
  }
  EXPECT_EQ(names.size(), 48U);
  EXPECT_EQ(names, expected);

  // The same names as the "On ...:" lines of the pages.
  std::set<std::string> printed;
  auto text = pages_text();
  for (auto line : split_lines(text)) {
    line = trim(line);
    if (line.starts_with("On ") && line.ends_with(':')) {
      std::string name(line.substr(3, line.size() - 4));
      std::ranges::transform(name, name.begin(),
                             [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      printed.insert(name);
    }
  }
  EXPECT_EQ(std::vector<std::string>(printed.begin(), printed.end()), expected);
}

TEST(CompendiumParser, GivesEachProvisionTheKeywordsOfItsPage) {
  EXPECT_EQ(keywords_of("MC7/17.6"), (std::set<std::string>{"children", "penalties", "prosecution",
                                                            "sexual exploitation", "technology"}));
  EXPECT_EQ(keywords_of("MC6/17.13"),
            (std::set<std::string>{"diplomatic missions", "domestic servitude",
                                   "labour exploitation", "policy development", "prevention"}));
  EXPECT_EQ(keywords_of("MC6/18.1"),
            (std::set<std::string>{"best interest of the child", "children", "non-discrimination",
                                   "victim support"}));
  // Its text was extracted at the end of the page before its own.
  EXPECT_EQ(
      keywords_of("MC7/17.5"),
      (std::set<std::string>{"border", "children", "co-operation and partnerships", "judiciary",
                             "law enforcement", "migration", "policy development",
                             "sexual exploitation", "technology", "tourism and travel"}));
  EXPECT_EQ(keywords_of("MC6/17.9"),
            (std::set<std::string>{"awareness-raising", "policy development", "private sector",
                                   "supply chains"}));
  EXPECT_EQ(keywords_of("MC6/18.12"), (std::set<std::string>{"children", "demand"}));
  // Its page is split by the extraction around a page number and the margin label.
  EXPECT_EQ(
      keywords_of("MC6/18.3"),
      (std::set<std::string>{"capacity-building and training", "children", "first line responders",
                             "gender", "identification", "policy development", "private sector",
                             "protection and assistance", "protection"}));
  EXPECT_EQ(keywords_of("MC6/17.14"), (std::set<std::string>{"co-operation and partnerships"}));
}

TEST(CompendiumParser, DeduplicatesTheResources) {
  const auto& resources = shipped().corpus.resources;
  // 47 distinct URLs and one forthcoming publication without one.
  EXPECT_EQ(resources.size(), 48U);
  std::set<std::string> ids;
  std::set<std::string> urls;
  for (const auto& r : resources) {
    EXPECT_TRUE(ids.insert(r.id).second) << "duplicate id " << r.id;
    EXPECT_TRUE(r.url.empty() || urls.insert(r.url).second) << "duplicate url " << r.url;
    EXPECT_EQ(r.url.find(' '), std::string::npos) << r.url;
    EXPECT_TRUE(r.url.empty() || r.url.starts_with("https://www.osce.org/")) << r.url;
    EXPECT_FALSE(r.publisher.empty()) << r.id;
    EXPECT_FALSE(r.title.empty()) << r.id;
    EXPECT_FALSE(r.year.empty()) << r.id;
  }
  EXPECT_EQ(urls.size(), 47U);
  // Each link target the extraction repeated as a line of its own is a resource.
  auto text = pages_text();
  for (auto line : split_lines(text)) {
    if (is_url_line(line)) {
      EXPECT_TRUE(urls.contains(std::string(trim(line)))) << line;
    }
  }
}

TEST(CompendiumParser, ReadsTheFieldsOfAResource) {
  const auto& child_trafficking = resource("osce-secretariat-405095");
  EXPECT_EQ(child_trafficking.publisher, "OSCE OSR/CTHB");
  EXPECT_EQ(child_trafficking.title,
            "Child Trafficking and Child Protection: Ensuring that Child Protection Mechanisms "
            "Protect the Rights and Meet the Needs of Child Victims of Human Trafficking");
  EXPECT_EQ(child_trafficking.year, "2018");
  EXPECT_EQ(child_trafficking.url, "https://www.osce.org/secretariat/405095");
  EXPECT_EQ(child_trafficking.languages, (std::vector<std::string>{"ENG", "RUS"}));

  // Printed "https://www.osce." + "org/secretariat/109935" and "https://" + "www.osce.org/...".
  const auto& police_guide = resource("osce-secretariat-109935");
  EXPECT_EQ(police_guide.publisher, "OSCE Transnational Threats Department");
  EXPECT_EQ(police_guide.title, "OSCE Resource Police Training Guide: Trafficking in Human Beings");
  EXPECT_EQ(police_guide.year, "2013");
  EXPECT_EQ(police_guide.url, "https://www.osce.org/secretariat/109935");

  // Printed "https://www.osce.org/mission-to-bosnia-" + "and-herzegovina/376705".
  EXPECT_EQ(resource("osce-mission-to-bosnia-and-herzegovina-376705").url,
            "https://www.osce.org/mission-to-bosnia-and-herzegovina/376705");

  const auto& forthcoming = resource(
      "the-role-of-information-and-communication-technology-in-the-fight-against-trafficking-in-"
      "human-beings");
  EXPECT_EQ(forthcoming.publisher, "OSCE OSR/CTHB");
  EXPECT_EQ(forthcoming.title,
            "The role of information and communication technology in the fight against "
            "trafficking in human beings");
  EXPECT_EQ(forthcoming.year, "End 2019");
  EXPECT_EQ(forthcoming.url, "");
  EXPECT_TRUE(forthcoming.languages.empty());
}

TEST(CompendiumParser, ReadsSeveralAuthorsAsOnePublisher) {
  const auto& south_east = resource("osce-odihr-18484");
  EXPECT_EQ(south_east.publisher, "UNDP, UNICEF, UNOHCHR, OSCE/ODIHR");
  EXPECT_EQ(south_east.title, "Trafficking in Human Beings in South Eastern Europe");
  EXPECT_EQ(south_east.year, "2005");  // printed 2003 once, 2005 everywhere else
  EXPECT_EQ(south_east.languages, (std::vector<std::string>{"ENG", "MAC", "SQI"}));
  EXPECT_EQ(resource("osce-ukraine-80373").publisher,
            "OSCE OSR/CTHB, OSCE Project Co-ordinator in Ukraine");
  EXPECT_EQ(resource("osce-secretariat-121125").publisher, "OSCE OSR/CTHB, OCEEA, TNTD");
  const auto& journalists = resource("osce-serbia-36212");
  EXPECT_EQ(journalists.publisher,
            "ASTRA \xE2\x80\x93 Anti Trafficking Action Belgrade, supported by OSCE");
  EXPECT_EQ(journalists.title, "Human Trafficking - Manual for Journalists");
  const auto& referral = resource("osce-odihr-13967");
  EXPECT_EQ(referral.publisher, "OSCE/ODIHR");
  EXPECT_EQ(referral.title,
            "National Referral Mechanisms, Joining Efforts to Protect the Rights of Trafficked "
            "Persons, A Practical Handbook");
  EXPECT_EQ(referral.languages,
            (std::vector<std::string>{"ENG", "FRE", "RUS", "SPA", "SQI", "SRP", "TUR", "UZB"}));
}

TEST(CompendiumParser, CitesResourcesAsTheCompendiumPrintsThem) {
  const std::string technology =
      "the-role-of-information-and-communication-technology-in-the-fight-against-trafficking-in-"
      "human-beings";
  EXPECT_EQ(citations_of("MC7/17.6"),
            (std::set<CitedAs>{
                {"children", "osce-secretariat-405095", ""},
                {"children", "osce-secretariat-289951", "p. 19-22"},
                {"children", "osce-ukraine-93267", "p. 80-105"},
                {"penalties", "osce-secretariat-101002", ""},
                {"penalties", "osce-secretariat-210391", "p. 40"},
                {"prosecution", "osce-secretariat-289951", "p. 48-56"},
                {"prosecution", "osce-secretariat-210391", "p. 37-51"},
                {"prosecution", "osce-secretariat-78849", ""},
                {"prosecution", "osce-mission-to-bosnia-and-herzegovina-376705", ""},
                {"sexual exploitation", "osce-secretariat-210391", "p. 19-21, 28-29, 46-47, 55-59"},
                {"sexual exploitation", "osce-secretariat-109935", "p. 53-58, 108"},
                {"sexual exploitation", "osce-secretariat-103085", ""},
                {"technology", technology, ""},
            }));
  EXPECT_EQ(citations_of("MC6/18.1"),
            (std::set<CitedAs>{
                {"best interest of the child", "osce-secretariat-405095", "p. 46-51"},
                {"best interest of the child", "osce-ukraine-75897", "p. 68-72"},
                {"children", "osce-secretariat-405095", ""},
                {"children", "osce-secretariat-289951", "p. 19-22"},
                {"children", "osce-ukraine-93267", "p. 80-105"},
                {"non-discrimination", "osce-secretariat-405095", "p. 21"},
                {"non-discrimination", "osce-odihr-124268", "p. 14, 18, 85"},
                {"non-discrimination", "osce-secretariat-98249", "p. 41-63"},
                {"victim support", "osce-secretariat-289951", "p. 27-47"},
                {"victim support", "osce-secretariat-103393", "p. 47-58"},
                {"victim support", "osce-secretariat-103085", ""},
                {"victim support", "osce-ukraine-93267", "p. 15-20"},
                {"victim support", "osce-odihr-32023", ""},
            }));
  // An entry printed after the provision text, with no keyword of its own, continues the
  // keyword before it (here "labour exploitation").
  EXPECT_TRUE(
      citations_of("MC6/17.13").contains(CitedAs{"labour exploitation", "osce-cthb-24342", ""}));
  // The entry the correction completes on the last page.
  EXPECT_EQ(
      citations_of("MC7/17.12")
          .count(CitedAs{"co-operation and partnerships", "osce-secretariat-109935", "p. 161-168"}),
      1U);
}

TEST(CompendiumParser, CitesEachPrintedEntryOnce) {
  const auto& corpus = shipped().corpus;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  std::set<std::string> resources;
  std::set<std::string> keywords;
  for (const auto& r : corpus.resources) {
    resources.insert(r.id);
  }
  for (const auto& k : corpus.keywords) {
    keywords.insert(k.name);
  }
  for (const auto& c : corpus.citations) {
    EXPECT_TRUE(seen.emplace(c.resource, c.keyword, c.provision).second)
        << "cited twice: " << c.resource << " / " << c.keyword << " / " << c.provision;
    EXPECT_TRUE(resources.contains(c.resource)) << c.resource;
    EXPECT_TRUE(keywords.contains(c.keyword)) << c.keyword;
    EXPECT_FALSE(provision(c.provision).id.empty());
    EXPECT_TRUE(c.pages.empty() || c.pages.starts_with("p. ")) << c.pages;
  }
  // Each entry ends with "(available in ...)" or "forthcoming", printed once per place.
  auto text = pages_text();
  std::size_t entries = 0;
  for (std::string_view end : {"(available", "forthcoming"}) {
    for (auto at = text.find(end); at != std::string::npos; at = text.find(end, at + 1)) {
      ++entries;
    }
  }
  EXPECT_EQ(corpus.citations.size(), entries);
  EXPECT_EQ(entries, 609U);
}

TEST(CompendiumParser, LeavesNoLayoutArtefactInTheTexts) {
  for (const auto& p : shipped().corpus.provisions) {
    std::vector<std::string> texts = p.items;
    texts.push_back(p.text);
    for (const auto& text : texts) {
      EXPECT_EQ(text, collapse_whitespace(text)) << p.id;  // no line break, no double space
      for (std::string_view artefact : {"http", "www.", "MC.DEC", "(MC Decision", "MC24EW19",
                                        "Resources by keyword", "December 201"}) {
        EXPECT_EQ(text.find(artefact), std::string::npos) << p.id << ": " << artefact;
      }
      EXPECT_FALSE(has_broken_word(text)) << p.id << ": " << text;
      EXPECT_FALSE(has_page_number_at_an_end(text)) << p.id << ": " << text;
    }
  }
  for (const auto& doc : shipped().corpus.documents) {
    for (std::string_view artefact : {"MC.DEC", "MC24EW19", "Original: ENGLISH", "Journal No."}) {
      EXPECT_EQ(doc.preamble.find(artefact), std::string::npos) << doc.id << ": " << artefact;
    }
  }
}

TEST(CompendiumParser, ReportsWhatTheCorrectionsMend) {
  // Uncorrected, the first provision's page has a fragment of text without a marker.
  auto raw = parse_compendium(shipped_text("compendium-2019.txt"));
  ASSERT_TRUE(raw.has_value()) << raw.error().message;
  auto fragment = std::ranges::find(raw->unplaced, 93, &UnplacedLine::line);
  ASSERT_NE(fragment, raw->unplaced.end());
  EXPECT_TRUE(fragment->text.starts_with("Calls on OSCE participating States which have not"));
}

TEST(CompendiumParser, SurvivesAMangledCompendium) {
  // Lines dropped, repeated and swapped at random: every outcome is a result or an error.
  const auto& text = corrected_text();
  auto lines = split_lines(text);
  std::mt19937 random(2019);
  std::uniform_int_distribution<std::size_t> pick(0, lines.size() - 1);
  for (int round = 0; round < 8; ++round) {
    auto mangled = lines;
    for (int change = 0; change < 200; ++change) {
      auto at = pick(random) % mangled.size();
      switch (change % 3) {
        case 0:
          mangled.erase(mangled.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 1:
          mangled.insert(mangled.begin() + static_cast<std::ptrdiff_t>(at), mangled[at]);
          break;
        default:
          std::swap(mangled[at], mangled[pick(random) % mangled.size()]);
      }
    }
    std::string joined;
    for (auto line : mangled) {
      joined.append(line).append("\n");
    }
    auto result = parse_compendium(joined);
    if (result) {
      EXPECT_LE(result->corpus.provisions.size(), 42U);
    } else {
      EXPECT_FALSE(result.error().message.empty());
    }
  }
}

TEST(CompendiumParser, RejectsATextThatIsNoCompendium) {
  auto no_annex = parse_compendium("Resources by keyword\nOn children:\n");
  ASSERT_FALSE(no_annex.has_value());
  EXPECT_NE(no_annex.error().message.find("no annex"), std::string::npos);
  auto no_pages = parse_compendium("Introduction\n\nDECISION No. 3/25\nA TITLE\n\n1. Act.\n");
  ASSERT_FALSE(no_pages.has_value());
  EXPECT_NE(no_pages.error().message.find("Resources by keyword"), std::string::npos);
  EXPECT_FALSE(parse_compendium(std::string("\x00\xFF\xFE", 3)).has_value());
}

}  // namespace
}  // namespace lifeline::domain::corpus
