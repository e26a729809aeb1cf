// Counting facet values over the matches of a query, multi-valued facets included.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/detail/facet_table.hpp"
#include "search/search_index.hpp"

namespace lifeline::search::detail {

// A match spy: the matcher shows it every matching document it looks at (all of them when
// get_mset's check_at_least is at least the number of matches), and it counts each (facet,
// value) pair of the document, so a record with the keywords "children" and "labour" counts
// once for each. Xapian's ValueCountMatchSpy holds one value per document and slot, which
// cannot count such facets.
class FacetCounter : public Xapian::MatchSpy {
 public:
  FacetCounter(std::shared_ptr<const FacetTable> table, const std::vector<std::string>& facets);

  void operator()(const Xapian::Document& doc, double weight) override;

  std::size_t documents_seen() const { return documents_seen_; }
  // Each counted facet's values, most frequent first, then by value; every count multiplied
  // by `scale` (to extrapolate from the documents seen to all matches) and rounded.
  std::map<std::string, std::vector<FacetCount>> counts(double scale = 1.0) const;

 private:
  std::shared_ptr<const FacetTable> table_;
  std::set<std::string, std::less<>> facets_;
  std::vector<std::uint32_t> pair_counts_;  // by FacetTable pair id
  std::size_t documents_seen_ = 0;
};

}  // namespace lifeline::search::detail
