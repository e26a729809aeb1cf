#include "search/search_index.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace lifeline::search {
namespace {

namespace fs = std::filesystem;

SearchDocument provision(std::string id, std::string title, std::string text,
                         std::map<std::string, std::vector<std::string>> facets = {}) {
  return SearchDocument{std::move(id), "provision", std::move(title), std::move(text),
                        std::move(facets)};
}

// A few provisions and resources in the shape the compendium gives them.
std::vector<SearchDocument> sample_corpus() {
  return {
      provision("AP.V.3.1", "National Referral Mechanisms",
                "Establishing National Referral Mechanisms by creating a co-operative framework "
                "within which participating States fulfil their obligations to protect and "
                "promote the human rights of the victims of trafficking in human beings.",
                {{"document", {"AP"}},
                 {"pillar", {"protection"}},
                 {"level", {"national"}},
                 {"keyword", {"national referral mechanisms", "victim identification"}}}),
      provision("MC6/17.4", "Child victims",
                "Ensure that the best interests of the child are a primary consideration in all "
                "actions concerning child victims of trafficking, including labour exploitation.",
                {{"document", {"MC6/17"}},
                 {"pillar", {"protection"}},
                 {"level", {"national"}},
                 {"keyword", {"children", "victim identification"}},
                 {"actor", {"ODIHR", "OSR/CTHB"}}}),
      provision("AP.IV.3.2", "Trafficking for forced labour in supply chains",
                "Prevent trafficking for forced labour in supply chains; forced labour and "
                "trafficking for forced labour harm workers, and public procurement must "
                "exclude forced labour.",
                {{"document", {"AP"}},
                 {"pillar", {"prevention"}},
                 {"level", {"national"}},
                 {"keyword", {"labour exploitation", "supply chains"}}}),
      provision("ADD.III.O5", "Awareness raising",
                "The OSCE will raise awareness of trafficking through campaigns, one of which "
                "deals, among many other matters of co-operation and training of officials and "
                "journalists, with labour.",
                {{"document", {"ADD"}},
                 {"pillar", {"prevention"}},
                 {"level", {"osce"}},
                 {"keyword", {"awareness raising"}},
                 {"actor", {"OSR/CTHB"}}}),
      SearchDocument{"resource:osce-odihr-ru-1",
                     "resource",
                     "Защита детей",
                     "Руководство по защите детей, пострадавших от торговли людьми.",
                     {{"keyword", {"children"}}},
                     "ru"},
      SearchDocument{"resource:unsafe-markup",
                     "resource",
                     "Handbook on markup",
                     "A handbook on data protection: <script>alert('x')</script> & more.",
                     {{"keyword", {"technology"}}}},
  };
}

std::vector<std::string> ids_of(const SearchResult& result) {
  std::vector<std::string> ids;
  for (const auto& hit : result.hits) ids.push_back(hit.id);
  return ids;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  return values;
}

fs::path fresh_directory() {
  std::string pattern = (fs::temp_directory_path() / "search-index-test-XXXXXX").string();
  EXPECT_NE(mkdtemp(pattern.data()), nullptr);
  return pattern;
}

// Every test runs on a temporary index and on one in a directory of the test's own.
class SearchIndexTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      dir_ = fresh_directory();
      index_ = std::move(*SearchIndex::on_disk(dir_ / "index"));
    } else {
      index_ = std::move(*SearchIndex::temporary());
    }
    ASSERT_TRUE(index_);
    const auto corpus = sample_corpus();
    ASSERT_TRUE(index_->replace(corpus));
  }

  void TearDown() override {
    index_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  SearchResult search(const SearchQuery& query) {
    auto result = index_->search(query);
    EXPECT_TRUE(result) << result.error().message;
    return result ? std::move(*result) : SearchResult{};
  }

  std::vector<std::string> find(const std::string& text) {
    return sorted(ids_of(search({.text = text})));
  }

  fs::path dir_;
  std::unique_ptr<SearchIndex> index_;
};

INSTANTIATE_TEST_SUITE_P(Storage, SearchIndexTest, ::testing::Values(false, true),
                         [](const auto& storage) {
                           return storage.param ? "OnDisk" : "Temporary";
                         });

TEST_P(SearchIndexTest, RanksARecordAboutTheSubjectAboveAMention) {
  const auto result = search({.text = "labour"});
  ASSERT_EQ(result.hits.size(), 3U);
  EXPECT_EQ(result.hits[0].id, "AP.IV.3.2");  // in the title and four times in the text
  EXPECT_GT(result.hits[0].score, result.hits[2].score);
  EXPECT_EQ(result.hits[0].kind, "provision");
  EXPECT_EQ(result.hits[0].title, "Trafficking for forced labour in supply chains");
}

TEST_P(SearchIndexTest, StemsEnglishWords) {
  EXPECT_EQ(find("victim"), sorted({"AP.V.3.1", "MC6/17.4"}));
  EXPECT_EQ(find("protecting"), sorted({"AP.V.3.1", "resource:unsafe-markup"}));
  EXPECT_EQ(find("trafficked"), find("trafficking"));
}

TEST_P(SearchIndexTest, FindsIrregularPluralsAndTheirSingular) {
  EXPECT_EQ(find("children"), std::vector<std::string>{"MC6/17.4"});
  EXPECT_EQ(find("child"), std::vector<std::string>{"MC6/17.4"});
}

TEST_P(SearchIndexTest, StemsRussianRecordsAndQueries) {
  // "детей" (genitive) finds "детей" and "дети" alike; Cyrillic picks the Russian stemmer.
  EXPECT_EQ(find("дети"), std::vector<std::string>{"resource:osce-odihr-ru-1"});
  EXPECT_EQ(find("торговля"), std::vector<std::string>{"resource:osce-odihr-ru-1"});
  EXPECT_EQ(ids_of(search({.text = "защиты", .language = "ru"})),
            std::vector<std::string>{"resource:osce-odihr-ru-1"});
}

TEST_P(SearchIndexTest, MatchesPhrasesInOrder) {
  EXPECT_EQ(find("\"referral mechanisms\""), std::vector<std::string>{"AP.V.3.1"});
  EXPECT_TRUE(find("\"mechanisms referral\"").empty());
  EXPECT_EQ(find("\"forced labour\""), std::vector<std::string>{"AP.IV.3.2"});
}

TEST_P(SearchIndexTest, ExpandsPrefixes) {
  EXPECT_EQ(find("referr*"), std::vector<std::string>{"AP.V.3.1"});
  EXPECT_EQ(find("procure*"), std::vector<std::string>{"AP.IV.3.2"});
  // Bounded expansion still finds the common words: all but the Russian record.
  EXPECT_EQ(find("a*").size(), 5U);
}

TEST_P(SearchIndexTest, CombinesWordsWithBooleanOperators) {
  EXPECT_EQ(find("labour child"), std::vector<std::string>{"MC6/17.4"});  // AND by default
  EXPECT_EQ(find("labour AND child"), std::vector<std::string>{"MC6/17.4"});
  EXPECT_EQ(find("referral OR procurement"), sorted({"AP.IV.3.2", "AP.V.3.1"}));
  EXPECT_EQ(find("labour NOT child"), sorted({"ADD.III.O5", "AP.IV.3.2"}));
  EXPECT_EQ(find("labour -child"), sorted({"ADD.III.O5", "AP.IV.3.2"}));
  EXPECT_EQ(find("+labour +supply"), std::vector<std::string>{"AP.IV.3.2"});
  EXPECT_EQ(find("(referral OR procurement) AND national"), std::vector<std::string>{"AP.V.3.1"});
  EXPECT_EQ(find("NOT trafficking").size(), 2U);  // the Russian and the markup resource
  EXPECT_EQ(find("-trafficking"), find("NOT trafficking"));
  EXPECT_EQ(find("-labour -child"),
            sorted({"AP.V.3.1", "resource:osce-odihr-ru-1", "resource:unsafe-markup"}));
  EXPECT_EQ(find("-\"forced labour\"").size(), 5U);
  EXPECT_EQ(find("co-operation"),
            std::vector<std::string>{"ADD.III.O5"});  // a hyphen, no exclusion
}

TEST_P(SearchIndexTest, LooksUpIdsWithSlashesAndDots) {
  EXPECT_EQ(find("id:MC6/17.4"), std::vector<std::string>{"MC6/17.4"});
  EXPECT_EQ(find("id:AP.V.3.1"), std::vector<std::string>{"AP.V.3.1"});
  EXPECT_EQ(find("id:ap.v.3.1"), std::vector<std::string>{"AP.V.3.1"});
  EXPECT_EQ(find("id:\"AP.V.3.1\""), std::vector<std::string>{"AP.V.3.1"});
  EXPECT_EQ(find("id:resource:unsafe-markup"), std::vector<std::string>{"resource:unsafe-markup"});
  EXPECT_TRUE(find("id:AP.V.3").empty());  // exact, not a prefix
}

TEST_P(SearchIndexTest, SearchesFieldsByPrefix) {
  EXPECT_EQ(find("keyword:children"), sorted({"MC6/17.4", "resource:osce-odihr-ru-1"}));
  EXPECT_EQ(find("keyword:Children victims"), std::vector<std::string>{"MC6/17.4"});
  EXPECT_EQ(find("document:MC6/17"), std::vector<std::string>{"MC6/17.4"});
  EXPECT_EQ(find("pillar:prevention"), sorted({"ADD.III.O5", "AP.IV.3.2"}));
  EXPECT_EQ(find("keyword:\"supply chains\""), std::vector<std::string>{"AP.IV.3.2"});
  EXPECT_EQ(find("actor:osr/cthb"), sorted({"ADD.III.O5", "MC6/17.4"}));
  EXPECT_EQ(find("kind:resource").size(), 2U);
  EXPECT_EQ(find("title:awareness"), std::vector<std::string>{"ADD.III.O5"});
  EXPECT_TRUE(find("title:campaigns").empty());  // only in the text
  // Two values of one field are alternatives, different fields must all match.
  EXPECT_EQ(find("pillar:prevention pillar:protection").size(), 4U);
  EXPECT_EQ(find("pillar:protection level:national keyword:children"),
            std::vector<std::string>{"MC6/17.4"});
}

TEST_P(SearchIndexTest, FiltersAndAcrossFacetsOrWithin) {
  auto result = search({.filters = {{"pillar", {"prevention", "protection"}}}});
  EXPECT_EQ(result.total, 4U);
  result = search({.filters = {{"pillar", {"prevention", "protection"}}, {"level", {"osce"}}}});
  EXPECT_EQ(ids_of(result), std::vector<std::string>{"ADD.III.O5"});
  result = search({.text = "trafficking", .filters = {{"keyword", {"Victim Identification"}}}});
  EXPECT_EQ(sorted(ids_of(result)), sorted({"AP.V.3.1", "MC6/17.4"}));
  result = search({.filters = {{"pillar", {}}}});  // no values: no restriction
  EXPECT_EQ(result.total, 6U);
  result = search({.filters = {{"no_such_facet", {"x"}}}});
  EXPECT_EQ(result.total, 0U);
}

TEST_P(SearchIndexTest, CountsMultiValuedFacetsOverAllMatches) {
  const auto result =
      search({.text = "trafficking", .facets = {"keyword", "pillar", "actor", "kind"}, .limit = 1});
  EXPECT_EQ(result.hits.size(), 1U);
  EXPECT_EQ(result.total, 4U);
  EXPECT_TRUE(result.exact);
  const auto& keywords = result.facets.at("keyword");
  ASSERT_FALSE(keywords.empty());
  EXPECT_EQ(keywords[0].value, "victim identification");
  EXPECT_EQ(keywords[0].count, 2U);
  std::size_t keyword_total = 0;
  for (const auto& count : keywords) keyword_total += count.count;
  EXPECT_EQ(keyword_total, 7U);  // 2 + 2 + 2 + 1 values on the four matches
  const auto& pillars = result.facets.at("pillar");
  ASSERT_EQ(pillars.size(), 2U);
  EXPECT_EQ(pillars[0].value, "prevention");  // ties come in value order
  EXPECT_EQ(pillars[0].count, 2U);
  EXPECT_EQ(pillars[1].value, "protection");
  const auto& actors = result.facets.at("actor");
  ASSERT_EQ(actors.size(), 2U);
  EXPECT_EQ(actors[0].value, "OSR/CTHB");  // as given, not case-folded
  EXPECT_EQ(actors[0].count, 2U);
  EXPECT_EQ(result.facets.at("kind").at(0).count, 4U);
}

TEST_P(SearchIndexTest, BrowsesEverythingWithAnEmptyQuery) {
  auto result = search({.facets = {"kind"}, .limit = 100});
  EXPECT_EQ(result.total, 6U);
  EXPECT_EQ(result.hits.size(), 6U);
  EXPECT_EQ(result.hits[0].id, "AP.V.3.1");  // index order
  EXPECT_EQ(result.facets.at("kind")[0].value, "provision");
  EXPECT_EQ(result.facets.at("kind")[0].count, 4U);
  // No words to mark: the start of the text, cut at a space.
  EXPECT_EQ(result.hits[0].snippet.rfind("Establishing National Referral Mechanisms by", 0), 0U)
      << result.hits[0].snippet;
  result = search({.text = "  ", .filters = {{"kind", {"resource"}}}});
  EXPECT_EQ(result.total, 2U);
}

TEST_P(SearchIndexTest, PagesThroughResults) {
  const auto first = search({.limit = 4});
  const auto second = search({.offset = 4, .limit = 4});
  EXPECT_EQ(first.hits.size(), 4U);
  EXPECT_EQ(second.hits.size(), 2U);
  EXPECT_EQ(search({.limit = 0}).total, 6U);
  EXPECT_EQ(search({.limit = 1'000'000}).hits.size(), 6U);  // capped, not refused
  const auto beyond = index_->search({.offset = SearchIndex::kMaxOffset + 1});
  ASSERT_FALSE(beyond);
  EXPECT_EQ(beyond.error().code, Errc::invalid_argument);
}

TEST_P(SearchIndexTest, HighlightsMatchesInEscapedSnippets) {
  auto result = search({.text = "referral"});
  ASSERT_EQ(result.hits.size(), 1U);
  EXPECT_NE(result.hits[0].snippet.find("<mark>Referral</mark>"), std::string::npos)
      << result.hits[0].snippet;
  result = search({.text = "handbook"});
  ASSERT_EQ(result.hits.size(), 1U);
  const std::string& snippet = result.hits[0].snippet;
  EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("<script>"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&amp;"), std::string::npos) << snippet;
  EXPECT_TRUE(search({.text = "handbook", .snippets = false}).hits.at(0).snippet.empty());
}

TEST_P(SearchIndexTest, SuggestsACorrectionWhenNothingIsFound) {
  auto result = search({.text = "trafficing"});
  EXPECT_EQ(result.total, 0U);
  EXPECT_EQ(result.did_you_mean, "trafficking");
  result = search({.text = "forced labur"});
  EXPECT_EQ(result.did_you_mean, "forced labour");
  EXPECT_TRUE(search({.text = "trafficking"}).did_you_mean.empty());
  EXPECT_TRUE(search({.text = "zzzzqqq"}).did_you_mean.empty());
}

TEST_P(SearchIndexTest, ReplaceUpdatesAndRemoveDeletes) {
  auto changed = sample_corpus()[0];
  changed.title = "Referral of presumed victims";
  changed.text = "Cross-border referral of presumed victims.";
  ASSERT_TRUE(index_->replace(std::span(&changed, 1)));
  EXPECT_EQ(index_->size(), 6U);
  EXPECT_TRUE(find("mechanisms").empty());
  EXPECT_EQ(find("presumed"), std::vector<std::string>{"AP.V.3.1"});

  const std::vector<std::string> gone{"AP.V.3.1", "MC6/17.4", "unknown-id", ""};
  ASSERT_TRUE(index_->remove(gone));
  EXPECT_EQ(index_->size(), 4U);
  EXPECT_TRUE(find("presumed").empty());
  EXPECT_TRUE(find("id:MC6/17.4").empty());
}

TEST_P(SearchIndexTest, RebuildReplacesEverythingAndReportsProgress) {
  std::vector<SearchDocument> docs;
  docs.reserve(2500);
  for (int i = 0; i < 2500; ++i) {
    docs.push_back(provision("R." + std::to_string(i), "Rebuilt " + std::to_string(i),
                             "Generated provision on exploitation number " + std::to_string(i),
                             {{"pillar", {i % 2 == 0 ? "prevention" : "protection"}}}));
  }
  std::vector<std::pair<std::size_t, std::size_t>> reports;
  ASSERT_TRUE(index_->rebuild(
      docs, [&](std::size_t done, std::size_t total) { reports.emplace_back(done, total); }));
  const std::vector<std::pair<std::size_t, std::size_t>> expected{
      {0, 2500}, {1000, 2500}, {2000, 2500}, {2500, 2500}};
  EXPECT_EQ(reports, expected);
  EXPECT_EQ(index_->size(), 2500U);
  EXPECT_TRUE(find("labour").empty());
  EXPECT_EQ(find("id:R.1234"), std::vector<std::string>{"R.1234"});
  const auto counted = search({.text = "exploitation", .facets = {"pillar"}});
  EXPECT_EQ(counted.total, 2500U);
  EXPECT_EQ(counted.facets.at("pillar").at(0).count, 1250U);
}

TEST_P(SearchIndexTest, EstimatesFacetCountsBeyondTheScanLimit) {
  std::vector<SearchDocument> docs;
  for (std::size_t i = 0; i < SearchIndex::kFacetScanLimit + 1000; ++i) {
    docs.push_back(provision("E." + std::to_string(i), "", "word",
                             {{"pillar", {i % 2 == 0 ? "prevention" : "protection"}}}));
  }
  ASSERT_TRUE(index_->rebuild(docs));
  const auto result = search({.facets = {"pillar"}});
  EXPECT_EQ(result.total, docs.size());
  EXPECT_FALSE(result.exact);
  // The first kFacetScanLimit matches, half of each pillar, scaled up to all of them.
  const auto& pillars = result.facets.at("pillar");
  ASSERT_EQ(pillars.size(), 2U);
  EXPECT_EQ(pillars[0].count, docs.size() / 2);
  EXPECT_EQ(pillars[1].count, docs.size() / 2);
}

TEST_P(SearchIndexTest, RefusesInvalidDocumentsWithoutChangingTheIndex) {
  std::vector<SearchDocument> bad(1, sample_corpus()[0]);
  bad[0].id = std::string(201, 'x');
  EXPECT_EQ(index_->replace(bad).error().code, Errc::invalid_argument);
  bad[0] = sample_corpus()[0];
  bad[0].facets["Bad Name"] = {"x"};
  EXPECT_EQ(index_->replace(bad).error().code, Errc::invalid_argument);
  bad[0] = sample_corpus()[0];
  bad[0].language = "xx";
  EXPECT_EQ(index_->rebuild(bad).error().code, Errc::invalid_argument);
  bad[0] = sample_corpus()[0];
  bad[0].text = "bad \xFF byte";
  EXPECT_EQ(index_->replace(bad).error().code, Errc::invalid_argument);
  EXPECT_EQ(index_->size(), 6U);
}

TEST_P(SearchIndexTest, AnswersEveryNastyQueryWithAResultOrAClearError) {
  const std::vector<std::string> nasty{
      "\"unbalanced quote",
      "\"",
      "AND",
      "OR",
      "NOT",
      "-",
      "+",
      "*",
      "a*",
      "AND OR NOT",
      "labour AND",
      "(((",
      ")))",
      "(labour",
      "id:",
      "keyword:",
      "title:",
      "nosuchfield:value",
      "\"\"",
      "NEAR",
      "labour NEAR/3 child",
      "labour ADJ child",
      "¡¿ünïcödé ✓ 🤖 漢字 עברית العربية",
      "\xD0",  // a lone lead byte
      "\xFF\xFE invalid",
      "\xED\xA0\x80",  // an encoded surrogate
      std::string("nul\0byte", 8),
      std::string(999, 'a'),
      "id:" + std::string(990, 'i'),
      "keyword:" + std::string(990, 'k'),
      std::string(10'000, 'x'),
      std::string(999, '('),
      "$%^&{}[]|\\/<>",
      "<script>alert(1)</script>",
  };
  for (const auto& text : nasty) {
    const auto result = index_->search({.text = text, .facets = {"keyword"}});
    if (!result) {
      EXPECT_EQ(result.error().code, Errc::invalid_argument) << text;
      EXPECT_FALSE(result.error().message.empty());
    }
  }
  EXPECT_FALSE(index_->search({.text = std::string(10'000, 'x')}));
  EXPECT_FALSE(index_->search({.text = "\xFF\xFE invalid"}));
  EXPECT_TRUE(index_->search({.text = "\"unbalanced quote"}));
  EXPECT_TRUE(index_->search({.text = "AND"}));
  EXPECT_EQ(find("\"forced labour"), std::vector<std::string>{"AP.IV.3.2"});
  EXPECT_TRUE(index_->search({.filters = {{"keyword", {std::string(900, 'k')}}}}));
  EXPECT_EQ(index_->search({.language = "xx"}).error().code, Errc::invalid_argument);
  EXPECT_EQ(index_->search({.filters = {{"Bad Name", {"x"}}}}).error().code,
            Errc::invalid_argument);
}

TEST_P(SearchIndexTest, SearchesConcurrentlyWhileTheIndexChanges) {
  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> searchers;
  searchers.reserve(4);
  for (int t = 0; t < 4; ++t) {
    searchers.emplace_back([&] {
      while (!stop) {
        const auto result = index_->search({.text = "trafficking", .facets = {"keyword"}});
        if (!result || result.value().total < 3) ++failures;
      }
    });
  }
  auto docs = sample_corpus();
  for (int round = 0; round < 20; ++round) {
    docs[0].title = "National Referral Mechanisms, revision " + std::to_string(round);
    ASSERT_TRUE(index_->replace(docs));
    if (round % 5 == 0) {
      ASSERT_TRUE(index_->rebuild(docs));
    }
  }
  stop = true;
  for (auto& thread : searchers) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(find("revision"), std::vector<std::string>{"AP.V.3.1"});
}

// Behaviour of an index kept in a directory across openings.
class OnDiskIndexTest : public ::testing::Test {
 protected:
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_ = fresh_directory();
};

TEST_F(OnDiskIndexTest, KeepsDocumentsAcrossReopening) {
  {
    auto index = SearchIndex::on_disk(dir_);
    ASSERT_TRUE(index);
    ASSERT_TRUE((*index)->rebuild(sample_corpus()));
  }
  auto index = SearchIndex::on_disk(dir_);
  ASSERT_TRUE(index);
  EXPECT_EQ((*index)->size(), 6U);
  const auto result = (*index)->search({.text = "keyword:children"});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->total, 2U);
  // Only the live generation is left after a rebuild.
  std::size_t generations = 0;
  for (const auto& entry : fs::directory_iterator(dir_)) generations += entry.is_directory();
  EXPECT_EQ(generations, 1U);
}

TEST_F(OnDiskIndexTest, RefusesASecondWriterOnTheSameDirectory) {
  auto first = SearchIndex::on_disk(dir_);
  ASSERT_TRUE(first);
  const auto second = SearchIndex::on_disk(dir_);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, Errc::unavailable);
}

TEST(TemporaryIndexTest, DeletesItsDirectoryWhenDestroyed) {
  // Each test runs in a process of its own (ctest), so changing TMPDIR affects no other test.
  const fs::path private_tmp = fresh_directory();
  const char* saved = std::getenv("TMPDIR");
  const std::string saved_tmpdir = saved != nullptr ? saved : "";
  ASSERT_EQ(setenv("TMPDIR", private_tmp.c_str(), 1), 0);
  auto index = SearchIndex::temporary();
  ASSERT_TRUE(index);
  std::vector<SearchDocument> docs(1, SearchDocument{"x", "provision", "t", "text"});
  ASSERT_TRUE((*index)->replace(docs));
  EXPECT_FALSE(fs::is_empty(private_tmp));
  index->reset();
  EXPECT_TRUE(fs::is_empty(private_tmp));
  if (saved != nullptr) {
    setenv("TMPDIR", saved_tmpdir.c_str(), 1);
  } else {
    unsetenv("TMPDIR");
  }
  fs::remove_all(private_tmp);
}

}  // namespace
}  // namespace lifeline::search
