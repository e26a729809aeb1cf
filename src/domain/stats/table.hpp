// Counting facts into a two-way table: the categories of each dimension found in the facts,
// in their reading order, and the counts with their margins.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/stats/facts.hpp"
#include "domain/stats/suppression.hpp"

namespace lifeline::domain::stats {

// People sharing one category of the row dimension and one of the column dimension; for a
// multi-valued dimension, every category they have.
struct FactGroup {
  std::vector<std::string> rows;
  std::vector<std::string> cols;
  std::int64_t count = 0;
};

// Margins count people: a person counted in several categories of a multi-valued dimension
// counts once in the total across it.
CountTable tabulate(Dimension rows, Dimension cols, const std::vector<FactGroup>& groups);

}  // namespace lifeline::domain::stats
