// The compendium's store on SQLite and PostgreSQL: what goes in comes back, filters and paging,
// links both ways, and a re-import of the shipped texts that keeps imported documents.
#include <algorithm>

#include <gtest/gtest.h>

#include "domain/corpus/model.hpp"
#include "storage/repositories/corpus_repository.hpp"
#include "storage/test_support.hpp"

namespace lifeline::storage {
namespace {

using namespace domain::corpus;

Provision make_provision(const std::string& id, const std::string& document, int sequence,
                         const std::string& pillar, std::vector<std::string> keywords = {}) {
  Provision p;
  p.id = id;
  p.document = document;
  p.chapter = "V";
  p.heading_path = {"V. Protection and assistance", "3. National Referral Mechanisms (NRM)"};
  p.number = id.substr(id.find('.') + 1);
  p.text = "Text of " + id;
  p.items = {"first item", "second item"};
  p.pillar = pillar;
  p.level = level::national;
  p.keywords = std::move(keywords);
  p.sequence = sequence;
  return p;
}

Corpus shipped_corpus(int provisions) {
  Corpus corpus;
  Document ap;
  ap.id = "AP";
  ap.kind = document_kind::commitment;
  ap.title = "Action Plan";
  ap.statements = {{"the Holy See", "A statement."}};
  corpus.documents.push_back(ap);
  for (int i = 1; i <= provisions; ++i) {
    auto p = make_provision(
        "AP.V." + std::to_string(i), "AP", i, pillar::protection,
        i % 2 == 0 ? std::vector<std::string>{"children"} : std::vector<std::string>{});
    p.inferred_keywords = {"shelters"};
    p.actors = {"ODIHR"};
    corpus.provisions.push_back(p);
  }
  corpus.links.push_back({"AP.V.2", "AP.V.1", "AP", "paragraph 1"});
  corpus.keywords = {{"children"}, {"shelters"}, {"technology"}};
  corpus.resources.push_back({"osce-secretariat-405095",
                              "OSCE OSR/CTHB",
                              "Child Trafficking",
                              "2018",
                              "https://www.osce.org/secretariat/405095",
                              {"ENG", "RUS"}});
  corpus.citations.push_back({"osce-secretariat-405095", "children", "AP.V.2", "p. 19-22"});
  return corpus;
}

Corpus imported_decision() {
  Corpus part;
  Document mc;
  mc.id = "MC3/25";
  mc.kind = document_kind::commitment;
  mc.title = "A new decision";
  part.documents.push_back(mc);
  part.provisions.push_back(make_provision("MC3/25.1", "MC3/25", 1, pillar::prevention));
  part.links.push_back({"MC3/25.1", "AP.V.1", "AP", "the Action Plan"});
  return part;
}

class CorpusRepositoryTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    db_ = open();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(migrate(*db_));
    repository_.emplace(*db_);
  }

  std::unique_ptr<Database> db_;
  std::optional<CorpusRepository> repository_;
};

TEST_P(CorpusRepositoryTest, StoresAndReadsBackAProvisionWithEverythingAttached) {
  ASSERT_TRUE(repository_->replace_shipped(shipped_corpus(3), "v1", 100));
  auto detail = repository_->provision("AP.V.2");
  ASSERT_TRUE(detail && detail->has_value());
  const auto& p = (*detail)->provision;
  EXPECT_EQ(p.text, "Text of AP.V.2");
  EXPECT_EQ(p.items, (std::vector<std::string>{"first item", "second item"}));
  EXPECT_EQ(p.heading_path.size(), 2U);
  EXPECT_EQ(p.keywords, std::vector<std::string>{"children"});
  EXPECT_EQ(p.inferred_keywords, std::vector<std::string>{"shelters"});
  EXPECT_EQ(p.actors, std::vector<std::string>{"ODIHR"});
  ASSERT_EQ((*detail)->resources.size(), 1U);
  EXPECT_EQ((*detail)->resources[0].pages, "p. 19-22");
  EXPECT_EQ((*detail)->resources[0].resource.languages, (std::vector<std::string>{"ENG", "RUS"}));
  ASSERT_EQ((*detail)->links_out.size(), 1U);
  EXPECT_EQ((*detail)->links_out[0].to_provision, "AP.V.1");
  auto target = repository_->provision("AP.V.1");
  ASSERT_TRUE(target && target->has_value());
  ASSERT_EQ((*target)->links_in.size(), 1U);
  EXPECT_EQ((*target)->links_in[0].from, "AP.V.2");
  auto missing = repository_->provision("AP.IX.9");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
  auto documents = repository_->documents();
  ASSERT_TRUE(documents && documents->size() == 1U);
  EXPECT_EQ(documents->front().provision_count, 3);
  EXPECT_EQ(documents->front().document.statements.at(0).made_by, "the Holy See");
}

TEST_P(CorpusRepositoryTest, FiltersAndPagesInDocumentOrder) {
  ASSERT_TRUE(repository_->replace_shipped(shipped_corpus(7), "v1", 100));
  std::vector<std::string> seen;
  ProvisionFilter filter;
  filter.limit = 3;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = repository_->provisions(filter);
    ASSERT_TRUE(page) << page.error().message;
    for (const auto& listed : page->provisions) seen.push_back(listed.provision.id);
    if (!page->next) break;
    filter.after = *page->next;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"AP.V.1", "AP.V.2", "AP.V.3", "AP.V.4", "AP.V.5",
                                            "AP.V.6", "AP.V.7"}));
  ProvisionFilter children;
  children.keyword = "children";
  auto page = repository_->provisions(children);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->provisions.size(), 3U);
  children.pillar = pillar::prevention;
  EXPECT_TRUE(repository_->provisions(children)->provisions.empty());
  ProvisionFilter by_actor;
  by_actor.actor = "ODIHR";
  by_actor.document = "AP";
  EXPECT_EQ(repository_->provisions(by_actor)->provisions.size(), 7U);
  auto keywords = repository_->keywords();
  ASSERT_TRUE(keywords);
  auto found = std::ranges::find(*keywords, "children", &KeywordSummary::name);
  ASSERT_NE(found, keywords->end());
  EXPECT_EQ(found->provision_count, 3);
  EXPECT_EQ(found->resource_count, 1);
  auto resources = repository_->resources("children");
  ASSERT_TRUE(resources && resources->size() == 1U);
  EXPECT_EQ(resources->front().provisions, std::vector<std::string>{"AP.V.2"});
  EXPECT_TRUE(repository_->resources("technology")->empty());
}

TEST_P(CorpusRepositoryTest, ReimportingTheShippedTextsKeepsImportedDocuments) {
  ASSERT_TRUE(repository_->replace_shipped(shipped_corpus(2), "v1", 100));
  ASSERT_TRUE(repository_->add_imported(imported_decision(), 200));
  auto again = repository_->add_imported(imported_decision(), 300);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  auto before = repository_->revision();
  ASSERT_TRUE(repository_->replace_shipped(shipped_corpus(5), "v2", 400));
  EXPECT_GT(*repository_->revision(), *before);
  EXPECT_EQ(*repository_->shipped_version(), "v2");
  auto corpus = repository_->load();
  ASSERT_TRUE(corpus) << corpus.error().message;
  ASSERT_EQ(corpus->documents.size(), 2U);
  EXPECT_EQ(corpus->documents[1].id, "MC3/25");
  ASSERT_EQ(corpus->provisions.size(), 6U);
  EXPECT_EQ(corpus->provisions.back().id, "MC3/25.1");
  auto target = repository_->provision("AP.V.1");
  ASSERT_TRUE(target && target->has_value());
  EXPECT_EQ((*target)->links_in.size(), 2U);
}

TEST_P(CorpusRepositoryTest, AFailedImportChangesNothing) {
  ASSERT_TRUE(repository_->replace_shipped(shipped_corpus(2), "v1", 100));
  auto part = imported_decision();
  part.provisions.push_back(part.provisions.front());  // the same id twice
  EXPECT_FALSE(repository_->add_imported(part, 200));
  auto corpus = repository_->load();
  ASSERT_TRUE(corpus);
  EXPECT_EQ(corpus->documents.size(), 1U);
  EXPECT_EQ(corpus->provisions.size(), 2U);
}

LIFELINE_ON_BOTH_BACKENDS(CorpusRepositoryTest);

}  // namespace
}  // namespace lifeline::storage
