#include "domain/corpus/enrich.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace lifeline::domain::corpus {
namespace {

Provision provision(std::string id, std::string document, std::string text) {
  Provision p;
  p.id = std::move(id);
  p.document = std::move(document);
  p.text = std::move(text);
  return p;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::ranges::find(list, value) != list.end();
}

TEST(CorpusEnrichment, NamesActorsByAcronymAndFullName) {
  auto actors = actors_named(
      "The ODIHR and the Strategic Police Matters Unit, together with the Office of the Special "
      "Representative and Co-ordinator for Combating Trafficking in Human Beings and relevant "
      "field operations, in co-operation with the United Nations Children's Fund");
  EXPECT_EQ(actors,
            (std::vector<std::string>{"Field operations", "ODIHR", "OSR/CTHB", "SPMU", "UNICEF"}));
  // Acronyms are whole words in capitals: "ILO" is not found inside "PILOT" or "silo".
  EXPECT_TRUE(actors_named("a PILOT project in a silo").empty());
  EXPECT_EQ(actors_named("with ILO and IOM"), (std::vector<std::string>{"ILO", "IOM"}));
}

TEST(CorpusEnrichment, FindsKeywordsByWordBeginnings) {
  auto keywords = keywords_found(
      "Promoting awareness among children and the use of information and communication "
      "technologies (ICTs) in supply chains");
  EXPECT_TRUE(contains(keywords, "children"));
  EXPECT_TRUE(contains(keywords, "awareness-raising"));
  EXPECT_TRUE(contains(keywords, "technology"));
  EXPECT_TRUE(contains(keywords, "supply chains"));
  EXPECT_FALSE(contains(keywords, "border"));
  // "ict" is a whole word: "predict" does not make a text about technology.
  EXPECT_FALSE(contains(keywords_found("to predict the weather"), "technology"));
}

TEST(CorpusEnrichment, ResolvesActionPlanParagraphReferences) {
  std::set<std::string> provisions = {"AP.III.5.1", "AP.V.3.1", "ADD.II.4.1"};
  std::set<std::string> documents = {"AP", "ADD", "MC6/17"};
  auto links = references_in(
      provision("ADD.II.4.1", "ADD",
                "training courses for officials mentioned in Chapter III, paragraph 5.1 of the "
                "Action Plan to Combat Trafficking in Human Beings"),
      provisions, documents);
  ASSERT_EQ(links.size(), 1U);
  EXPECT_EQ(links[0].to_provision, "AP.III.5.1");
  EXPECT_EQ(links[0].to_document, "AP");
  EXPECT_EQ(links[0].quote, "Chapter III, paragraph 5.1 of the Action Plan");

  auto documents_only = references_in(
      provision("MC7/17.11", "MC7/17",
                "in line with the OSCE Action Plan to Combat Trafficking in Human Beings and its "
                "Addenda, and Ministerial Council Decision No. 6/17 and Decision No. 9/99"),
      provisions, documents);
  std::vector<std::string> targets;
  for (const auto& link : documents_only) {
    EXPECT_TRUE(link.to_provision.empty());
    targets.push_back(link.to_document);
  }
  std::ranges::sort(targets);
  EXPECT_EQ(targets, (std::vector<std::string>{"ADD", "AP", "MC6/17"}));
}

TEST(CorpusEnrichment, ResolvesParagraphsOfTheSameDocumentAndEarlierDecisions) {
  std::set<std::string> provisions = {"ADD.III.2.1", "ADD.III.O7", "AP.II.2"};
  std::set<std::string> documents = {"AP", "ADD", "BUCHAREST2001"};
  auto own = references_in(
      provision("ADD.III.O7", "ADD",
                "training modules for various stakeholders mentioned in Chapter III, paragraph "
                "2.1."),
      provisions, documents);
  ASSERT_EQ(own.size(), 1U);
  EXPECT_EQ(own[0].to_provision, "ADD.III.2.1");
  auto earlier =
      references_in(provision("AP.II.2", "AP",
                              "The OSCE Ministerial Council in its Decision No. 6 (2001) called"),
                    provisions, documents);
  ASSERT_EQ(earlier.size(), 1U);
  EXPECT_EQ(earlier[0].to_document, "BUCHAREST2001");
  auto addendum = references_in(
      provision("MC6/17.9", "MC6/17",
                "as contained in the 2013 Addendum to the OSCE Action Plan to Combat Trafficking"),
      provisions, documents);
  EXPECT_EQ(addendum.size(), 2U);
}

TEST(CorpusEnrichment, NeverLinksToItsOwnDocumentOrToWhatDoesNotExist) {
  auto links =
      references_in(provision("AP.I.1", "AP", "The Action Plan intends to provide"), {}, {"AP"});
  EXPECT_TRUE(links.empty());
  auto unknown = references_in(
      provision("ADD.I.1", "ADD", "Chapter IX, paragraph 9.9 of the Action Plan"), {}, {"ADD"});
  EXPECT_TRUE(unknown.empty());
}

TEST(CorpusEnrichment, EnrichKeepsParsedValuesAndUsesTheCompendiumsSpelling) {
  Corpus corpus;
  for (const char* id : {"AP", "MC6/17"}) {
    Document document;
    document.id = id;
    corpus.documents.push_back(document);
  }
  corpus.keywords.push_back({"national referral mechanism"});
  auto p =
      provision("MC6/17.5", "MC6/17",
                "Calls on participating States to strengthen their National Referral "
                "Mechanisms and the training of children's advocates, as the Action Plan asks");
  p.keywords = {"children"};
  corpus.provisions.push_back(p);
  enrich(corpus);
  const auto& enriched = corpus.provisions.front();
  EXPECT_EQ(enriched.keywords, std::vector<std::string>{"children"});
  EXPECT_TRUE(contains(enriched.inferred_keywords, "national referral mechanism"));
  EXPECT_TRUE(contains(enriched.inferred_keywords, "capacity-building and training"));
  EXPECT_FALSE(contains(enriched.inferred_keywords, "children"));
  ASSERT_EQ(corpus.links.size(), 1U);
  EXPECT_EQ(corpus.links[0].to_document, "AP");
  auto keyword_count = std::ranges::count_if(corpus.keywords, [](const Keyword& k) {
    return k.name == "national referral mechanism" || k.name == "National Referral Mechanism";
  });
  EXPECT_EQ(keyword_count, 1);
}

}  // namespace
}  // namespace lifeline::domain::corpus
