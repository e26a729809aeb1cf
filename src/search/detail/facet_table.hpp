// Every document's facet values in memory, for counting them over many matches.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace lifeline::search::detail {

// The facet slot of every document, read once per revision of the index. Reading the slot
// from disk for each match costs microseconds when the matches are scattered (a block read
// each, measured in bench/search); here a document's values are an array lookup away.
class FacetTable {
 public:
  // Reads the facet slot of every document of `db` (one sequential pass over the slot).
  explicit FacetTable(const Xapian::Database& db);

  // Ids of the (facet, value) pairs of document `did`; empty for unknown documents.
  std::span<const std::uint32_t> values_of(Xapian::docid did) const;
  // The (facet, value) pair with this id, and how many ids there are.
  const std::pair<std::string, std::string>& pair(std::uint32_t id) const { return pairs_[id]; }
  std::size_t pair_count() const { return pairs_.size(); }

 private:
  std::vector<std::uint32_t> starts_;  // document `did` has ids_[starts_[did]..starts_[did + 1])
  std::vector<std::uint32_t> ids_;
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// The FacetTable of the index as a search sees it, loaded again after each change.
class FacetTableCache {
 public:
  // The table for `db` at its current revision. Concurrent callers wait for one load.
  std::shared_ptr<const FacetTable> get(const Xapian::Database& db);

 private:
  std::mutex mutex_;
  std::string key_;  // database UUID (new for each rebuild) and revision
  std::shared_ptr<const FacetTable> table_;
};

}  // namespace lifeline::search::detail
