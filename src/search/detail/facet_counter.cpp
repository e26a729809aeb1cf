#include "search/detail/facet_counter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace lifeline::search::detail {

FacetCounter::FacetCounter(std::shared_ptr<const FacetTable> table,
                           const std::vector<std::string>& facets)
    : table_(std::move(table)),
      facets_(facets.begin(), facets.end()),
      pair_counts_(table_->pair_count(), 0) {}

void FacetCounter::operator()(const Xapian::Document& doc, double /*weight*/) {
  ++documents_seen_;
  for (const std::uint32_t id : table_->values_of(doc.get_docid())) ++pair_counts_[id];
}

std::map<std::string, std::vector<FacetCount>> FacetCounter::counts(double scale) const {
  std::map<std::string, std::vector<FacetCount>> result;
  for (const auto& facet : facets_) result[facet];
  for (std::uint32_t id = 0; id < pair_counts_.size(); ++id) {
    const auto& [facet, value] = table_->pair(id);
    if (pair_counts_[id] == 0 || !facets_.contains(facet)) continue;
    const auto count = std::llround(static_cast<double>(pair_counts_[id]) * scale);
    result[facet].push_back({value, static_cast<std::size_t>(count)});
  }
  for (auto& [facet, values] : result) {
    std::sort(values.begin(), values.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
  }
  return result;
}

}  // namespace lifeline::search::detail
