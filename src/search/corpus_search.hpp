// The compendium's search: its provisions and literature in a SearchIndex, kept current with
// the database. Each process has its own index; the stored compendium's revision tells it when
// another process (an import, an upgrade) has changed what it indexed.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/corpus/corpus_store.hpp"
#include "search/search_index.hpp"

namespace lifeline::search {

// The facets the compendium's records carry.
inline constexpr const char* kCorpusFacets[] = {"kind",  "document", "pillar",
                                                "level", "keyword",  "actor"};

// Provisions and resources of `corpus` as search records. A resource is found by its title and
// publisher and carries the keywords and documents under which the Compendium cites it.
std::vector<SearchDocument> search_documents(const domain::corpus::Corpus& corpus);

class CorpusSearch {
 public:
  CorpusSearch(domain::corpus::CorpusStore& store, std::unique_ptr<SearchIndex> index);

  // Rebuilds the index when the stored compendium changed since it was last indexed.
  Result<void> refresh();
  // Searches the current compendium (refreshing first).
  Result<SearchResult> search(const SearchQuery& query);

 private:
  domain::corpus::CorpusStore& store_;
  std::unique_ptr<SearchIndex> index_;
  std::mutex refresh_mutex_;
  std::int64_t indexed_revision_ = -1;
};

}  // namespace lifeline::search
