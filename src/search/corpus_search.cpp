#include "search/corpus_search.hpp"

#include <map>
#include <set>

namespace lifeline::search {
namespace {

using domain::corpus::Corpus;
using domain::corpus::Provision;

SearchDocument provision_record(const Provision& p) {
  SearchDocument record;
  record.id = p.id;
  record.kind = "provision";
  record.title = p.id;
  if (!p.heading_path.empty()) record.title += " " + p.heading_path.back();
  record.text = p.text;
  for (const auto& item : p.items) record.text += " — " + item;
  std::set<std::string> keywords(p.keywords.begin(), p.keywords.end());
  keywords.insert(p.inferred_keywords.begin(), p.inferred_keywords.end());
  record.facets["document"] = {p.document};
  if (!p.pillar.empty()) record.facets["pillar"] = {p.pillar};
  if (!p.level.empty()) record.facets["level"] = {p.level};
  record.facets["keyword"] = {keywords.begin(), keywords.end()};
  record.facets["actor"] = p.actors;
  return record;
}

}  // namespace

std::vector<SearchDocument> search_documents(const Corpus& corpus) {
  std::vector<SearchDocument> records;
  records.reserve(corpus.provisions.size() + corpus.resources.size());
  std::map<std::string, std::string> document_of;
  for (const auto& p : corpus.provisions) {
    records.push_back(provision_record(p));
    document_of[p.id] = p.document;
  }
  std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> cited;
  for (const auto& c : corpus.citations) {
    auto& [keywords, documents] = cited[c.resource];
    keywords.insert(c.keyword);
    if (auto found = document_of.find(c.provision); found != document_of.end()) {
      documents.insert(found->second);
    }
  }
  for (const auto& r : corpus.resources) {
    SearchDocument record;
    record.id = "resource:" + r.id;
    record.kind = "resource";
    record.title = r.title;
    record.text = r.publisher + ", " + r.title + (r.year.empty() ? "" : ", " + r.year);
    const auto& [keywords, documents] = cited[r.id];
    record.facets["keyword"] = {keywords.begin(), keywords.end()};
    record.facets["document"] = {documents.begin(), documents.end()};
    records.push_back(std::move(record));
  }
  return records;
}

CorpusSearch::CorpusSearch(domain::corpus::CorpusStore& store, std::unique_ptr<SearchIndex> index)
    : store_(store), index_(std::move(index)) {}

Result<void> CorpusSearch::refresh() {
  auto revision = store_.revision();
  if (!revision) return tl::unexpected(revision.error());
  std::lock_guard lock(refresh_mutex_);
  if (*revision == indexed_revision_) return {};
  auto corpus = store_.load();
  if (!corpus) return tl::unexpected(corpus.error());
  auto records = search_documents(*corpus);
  if (auto rebuilt = index_->rebuild(records); !rebuilt) return rebuilt;
  indexed_revision_ = *revision;
  return {};
}

Result<SearchResult> CorpusSearch::search(const SearchQuery& query) {
  if (auto refreshed = refresh(); !refreshed) return tl::unexpected(refreshed.error());
  return index_->search(query);
}

}  // namespace lifeline::search
