#include "domain/stats/table.hpp"

#include <algorithm>
#include <map>

namespace lifeline::domain::stats {
namespace {

// The categories present, in reading order, and where each one is.
std::vector<std::string> categories(Dimension dimension, const std::vector<FactGroup>& groups,
                                    std::vector<std::string> FactGroup::*side) {
  std::map<std::string, std::string> by_key;
  for (const auto& group : groups) {
    for (const auto& category : group.*side) {
      by_key.emplace(category_sort_key(dimension, category), category);
    }
  }
  std::vector<std::string> ordered;
  ordered.reserve(by_key.size());
  for (auto& [key, category] : by_key) ordered.push_back(category);
  return ordered;
}

std::size_t index_of(const std::vector<std::string>& list, const std::string& category) {
  return static_cast<std::size_t>(std::ranges::find(list, category) - list.begin());
}

}  // namespace

CountTable tabulate(Dimension rows, Dimension cols, const std::vector<FactGroup>& groups) {
  CountTable table;
  table.rows = categories(rows, groups, &FactGroup::rows);
  table.cols = categories(cols, groups, &FactGroup::cols);
  table.rows_add_up = !is_multi_valued(cols);
  table.cols_add_up = !is_multi_valued(rows);
  table.cells.assign(table.rows.size(), std::vector<std::int64_t>(table.cols.size(), 0));
  table.row_totals.assign(table.rows.size(), 0);
  table.col_totals.assign(table.cols.size(), 0);
  for (const auto& group : groups) {
    table.total += group.count;
    for (const auto& row : group.rows) {
      const auto r = index_of(table.rows, row);
      table.row_totals[r] += group.count;
      for (const auto& col : group.cols) table.cells[r][index_of(table.cols, col)] += group.count;
    }
    for (const auto& col : group.cols) table.col_totals[index_of(table.cols, col)] += group.count;
  }
  return table;
}

}  // namespace lifeline::domain::stats
