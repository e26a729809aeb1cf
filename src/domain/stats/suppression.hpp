// Disclosure control of published two-way tables of counts (issue: Statistics for the National
// Rapporteur, "Disclosure control").
//
// A table is published with its margins: a total per row, per column and the grand total. In
// the extended grid those margins are cells like any other, in a last row and a last column,
// and every line of the grid (a row or a column, margins included) says that its cells add up
// to its last cell. Suppression works on that grid:
//
// - primary: every cell, margins included, counting 1 to threshold - 1 people is suppressed;
//   zeros are published (they describe nobody);
// - secondary: every line that holds a suppressed cell holds at least two, and when its total
//   is published the suppressed cells of the line add up to at least the threshold, so the
//   difference between the total and the published cells never pins down a small group;
// - audit: the published figures are attacked as a reader could, by subtraction along every
//   line (interval bounds iterated to a fixed point, knowing that a "<5" cell holds 0 to 4
//   people and a cell suppressed to protect another holds at least the threshold), and through
//   the table's equations (a suppressed cell on no cycle of suppressed cells is determined by
//   them); any cell found exactly gets another complement, until none is.
//
// Complements are the smallest non-zero inner cells of the line, margins only when no inner
// cell is left, so the totals stay published whenever they can; as a last resort an empty cell
// is suppressed too. A suppressed cell below the threshold (an empty one included) is shown as
// "<threshold", meaning 0 to threshold - 1; one at or above it is shown as suppressed to
// protect another.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace lifeline::domain::stats {

inline constexpr int kDefaultSuppressionThreshold = 5;
inline constexpr int kDefaultMicrodataK = 11;  // as the CTDC global dataset uses

// The deployment's disclosure control ([statistics] in the configuration).
struct StatsPolicy {
  int suppression_threshold = kDefaultSuppressionThreshold;
  int microdata_k = kDefaultMicrodataK;
  // The deployment's country as the UNODC long layout names it (ISO 3166-1 alpha-3 and names).
  std::string country_iso3, country_name, region, subregion;
};

// Counts by row and column category, with the margins. When a dimension is multi-valued a
// person is counted in several of its categories, so the lines across it do not add up to their
// totals: the table says so and the audit leaves those lines out of its equations (secondary
// suppression still treats them as if they added up, which only suppresses more).
struct CountTable {
  std::vector<std::string> rows;
  std::vector<std::string> cols;
  std::vector<std::vector<std::int64_t>> cells;  // [row][col]
  std::vector<std::int64_t> row_totals;
  std::vector<std::int64_t> col_totals;
  std::int64_t total = 0;
  bool rows_add_up = true;  // each row's cells add up to its total (columns single-valued)
  bool cols_add_up = true;  // each column's cells add up to its total (rows single-valued)
};

enum class Suppression { none, primary, secondary };

// The extended grid: (rows + 1) x (cols + 1), the last row holding the column totals, the last
// column the row totals, the corner the grand total.
struct ProtectedTable {
  CountTable counts;
  int threshold = kDefaultSuppressionThreshold;
  std::vector<std::vector<Suppression>> suppression;

  std::size_t height() const { return counts.rows.size() + 1; }
  std::size_t width() const { return counts.cols.size() + 1; }
  std::int64_t value(std::size_t row, std::size_t col) const;
  std::size_t count(Suppression kind) const;
};

// The published table. `threshold` below 2 suppresses nothing.
ProtectedTable protect(const CountTable& table, int threshold);

struct Bounds {
  std::int64_t lower = 0;
  std::int64_t upper = 0;  // kUnbounded when nothing limits it
};
inline constexpr std::int64_t kUnbounded = std::int64_t{1} << 50;

// What a reader can infer of every cell of the extended grid from the published figures by
// subtraction along the lines (published cells are known exactly).
std::vector<std::vector<Bounds>> inferred_bounds(const ProtectedTable& table);

// Suppressed cells of the extended grid a reader could recover exactly from the published
// figures, by subtraction or through the table's equations. Empty for a well protected table.
std::vector<std::pair<std::size_t, std::size_t>> recoverable_cells(const ProtectedTable& table);

}  // namespace lifeline::domain::stats
