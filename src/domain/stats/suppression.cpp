#include "domain/stats/suppression.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <tuple>

namespace lifeline::domain::stats {
namespace {

using Cell = std::pair<std::size_t, std::size_t>;

// A line of the extended grid: its parts add up to its total when `additive`.
struct Line {
  std::vector<Cell> parts;
  Cell total;
  bool additive = true;
};

std::vector<Line> lines_of(const ProtectedTable& table) {
  const auto height = table.height();
  const auto width = table.width();
  std::vector<Line> lines;
  lines.reserve(height + width);
  for (std::size_t row = 0; row < height; ++row) {
    Line line{{}, {row, width - 1}, table.counts.rows_add_up};
    for (std::size_t col = 0; col + 1 < width; ++col) line.parts.emplace_back(row, col);
    lines.push_back(std::move(line));
  }
  for (std::size_t col = 0; col < width; ++col) {
    Line line{{}, {height - 1, col}, table.counts.cols_add_up};
    for (std::size_t row = 0; row + 1 < height; ++row) line.parts.emplace_back(row, col);
    lines.push_back(std::move(line));
  }
  return lines;
}

bool is_suppressed(const ProtectedTable& table, Cell cell) {
  return table.suppression[cell.first][cell.second] != Suppression::none;
}

bool is_margin(const ProtectedTable& table, Cell cell) {
  return cell.first + 1 == table.height() || cell.second + 1 == table.width();
}

void mark_primary(ProtectedTable& table) {
  for (std::size_t row = 0; row < table.height(); ++row) {
    for (std::size_t col = 0; col < table.width(); ++col) {
      const auto value = table.value(row, col);
      if (value > 0 && value < table.threshold) {
        table.suppression[row][col] = Suppression::primary;
      }
    }
  }
}

// The complement that hides least: the smallest non-zero inner cell, a margin only when no
// inner cell is left, the line's total last. A zero is taken only when `zeros` allows it and
// nothing else is left: shown as "<threshold", it leaves a reader unsure which cells are empty.
std::optional<Cell> complement(const ProtectedTable& table, const Line& line, bool zeros) {
  std::optional<Cell> best;
  auto better = [&](Cell candidate) {
    if (!best) return true;
    return std::make_tuple(is_margin(table, candidate),
                           table.value(candidate.first, candidate.second)) <
           std::make_tuple(is_margin(table, *best), table.value(best->first, best->second));
  };
  for (const auto& cell : line.parts) {
    if (is_suppressed(table, cell) || table.value(cell.first, cell.second) == 0) continue;
    if (better(cell)) best = cell;
  }
  if (!best && !is_suppressed(table, line.total) &&
      table.value(line.total.first, line.total.second) > 0) {
    best = line.total;
  }
  if (!best && zeros) {
    const auto zero = std::ranges::find_if(
        line.parts, [&](const Cell& cell) { return !is_suppressed(table, cell); });
    if (zero != line.parts.end()) best = *zero;
  }
  return best;
}

bool add_complement(ProtectedTable& table, const Line& line, bool zeros = false) {
  const auto cell = complement(table, line, zeros);
  if (!cell) return false;
  table.suppression[cell->first][cell->second] = Suppression::secondary;
  return true;
}

// A line with one suppressed cell gives it away by subtraction; one whose suppressed cells add
// up to fewer than the threshold, under a published total, gives away a small group.
bool line_needs_complement(const ProtectedTable& table, const Line& line) {
  std::size_t suppressed = 0;
  std::int64_t hidden = 0;
  for (const auto& cell : line.parts) {
    if (!is_suppressed(table, cell)) continue;
    ++suppressed;
    hidden += table.value(cell.first, cell.second);
  }
  const bool total_suppressed = is_suppressed(table, line.total);
  if (total_suppressed) ++suppressed;
  if (suppressed == 0) return false;
  if (suppressed == 1) return true;
  return !total_suppressed && hidden < table.threshold;
}

void enforce_lines(ProtectedTable& table, const std::vector<Line>& lines) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (const auto& line : lines) {
      while (line_needs_complement(table, line) && add_complement(table, line)) changed = true;
    }
  }
}

// Sums of upper bounds that may be unbounded: the finite part and how many are unbounded.
struct UpperSum {
  std::int64_t finite = 0;
  std::size_t unbounded = 0;
};

void tighten_line(const Line& line, std::vector<std::vector<Bounds>>& bounds, bool& changed) {
  auto& total = bounds[line.total.first][line.total.second];
  std::int64_t lower_sum = 0;
  UpperSum upper_sum;
  for (const auto& cell : line.parts) {
    const auto& b = bounds[cell.first][cell.second];
    lower_sum += b.lower;
    if (b.upper >= kUnbounded) {
      ++upper_sum.unbounded;
    } else {
      upper_sum.finite += b.upper;
    }
  }
  auto raise = [&](Bounds& b, std::int64_t lower) {
    if (lower > b.lower) b.lower = lower, changed = true;
  };
  auto lower_to = [&](Bounds& b, std::int64_t upper) {
    if (upper < b.upper) b.upper = upper, changed = true;
  };
  raise(total, lower_sum);
  if (upper_sum.unbounded == 0) lower_to(total, upper_sum.finite);
  for (const auto& cell : line.parts) {
    auto& b = bounds[cell.first][cell.second];
    const bool own_unbounded = b.upper >= kUnbounded;
    if (upper_sum.unbounded == (own_unbounded ? 1U : 0U)) {
      raise(b, total.lower - (upper_sum.finite - (own_unbounded ? 0 : b.upper)));
    }
    if (total.upper < kUnbounded) lower_to(b, total.upper - (lower_sum - b.lower));
  }
}

// A suppressed cell is determined by the table's equations exactly when no cycle of suppressed
// cells runs through it: a bridge of the graph whose vertices are the lines and whose edges are
// the suppressed cells joining a row to a column.
std::vector<Cell> bridges(const ProtectedTable& table) {
  const auto height = table.height();
  const auto vertices = height + table.width();
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> adjacent(vertices);
  std::vector<Cell> edges;
  for (std::size_t row = 0; row < height; ++row) {
    for (std::size_t col = 0; col < table.width(); ++col) {
      if (!is_suppressed(table, {row, col})) continue;
      adjacent[row].emplace_back(height + col, edges.size());
      adjacent[height + col].emplace_back(row, edges.size());
      edges.emplace_back(row, col);
    }
  }
  std::vector<int> order(vertices, -1);
  std::vector<int> low(vertices, 0);
  std::vector<Cell> found;
  int next = 0;
  std::function<void(std::size_t, std::size_t)> visit = [&](std::size_t v, std::size_t via) {
    order[v] = low[v] = next++;
    for (const auto& [w, edge] : adjacent[v]) {
      if (edge == via) continue;
      if (order[w] >= 0) {
        low[v] = std::min(low[v], order[w]);
        continue;
      }
      visit(w, edge);
      low[v] = std::min(low[v], low[w]);
      if (low[w] > order[v]) found.push_back(edges[edge]);
    }
  };
  for (std::size_t v = 0; v < vertices; ++v) {
    if (order[v] < 0) visit(v, edges.size());
  }
  return found;
}

}  // namespace

std::int64_t ProtectedTable::value(std::size_t row, std::size_t col) const {
  const auto last_row = counts.rows.size();
  const auto last_col = counts.cols.size();
  if (row == last_row && col == last_col) return counts.total;
  if (row == last_row) return counts.col_totals[col];
  if (col == last_col) return counts.row_totals[row];
  return counts.cells[row][col];
}

std::size_t ProtectedTable::count(Suppression kind) const {
  std::size_t n = 0;
  for (const auto& row : suppression) n += static_cast<std::size_t>(std::ranges::count(row, kind));
  return n;
}

ProtectedTable protect(const CountTable& counts, int threshold) {
  ProtectedTable table{counts, threshold, {}};
  table.suppression.assign(table.height(),
                           std::vector<Suppression>(table.width(), Suppression::none));
  if (threshold < 2) return table;
  mark_primary(table);
  const auto lines = lines_of(table);
  for (;;) {
    enforce_lines(table, lines);
    const auto exposed = recoverable_cells(table);
    auto protect_cell = [&](Cell cell, bool zeros) {
      return add_complement(table, lines[cell.first], zeros) ||
             add_complement(table, lines[table.height() + cell.second], zeros);
    };
    // Every exposed cell gets a complement in the same round: the audit is the costly part.
    bool added = false;
    for (const auto& cell : exposed) added = protect_cell(cell, false) || added;
    if (!added) {
      for (const auto& cell : exposed) added = protect_cell(cell, true) || added;
    }
    if (!added) break;  // protected, or nothing left to suppress
  }
  return table;
}

std::vector<std::vector<Bounds>> inferred_bounds(const ProtectedTable& table) {
  // What the labels say: "<threshold" is 0 to threshold - 1, a complement at least the threshold.
  std::vector<std::vector<Bounds>> bounds(table.height(), std::vector<Bounds>(table.width()));
  for (std::size_t row = 0; row < table.height(); ++row) {
    for (std::size_t col = 0; col < table.width(); ++col) {
      const auto value = table.value(row, col);
      if (table.suppression[row][col] == Suppression::none) {
        bounds[row][col] = {value, value};
      } else if (value < table.threshold) {
        bounds[row][col] = {0, table.threshold - 1};
      } else {
        bounds[row][col] = {table.threshold, kUnbounded};
      }
    }
  }
  const auto lines = lines_of(table);
  constexpr int kMaxPasses = 1000;
  bool changed = true;
  for (int pass = 0; changed && pass < kMaxPasses; ++pass) {
    changed = false;
    for (const auto& line : lines) {
      if (line.additive) tighten_line(line, bounds, changed);
    }
  }
  return bounds;
}

std::vector<std::pair<std::size_t, std::size_t>> recoverable_cells(const ProtectedTable& table) {
  std::vector<Cell> cells;
  const auto bounds = inferred_bounds(table);
  for (std::size_t row = 0; row < table.height(); ++row) {
    for (std::size_t col = 0; col < table.width(); ++col) {
      const auto& b = bounds[row][col];
      if (is_suppressed(table, {row, col}) && b.lower >= b.upper) cells.emplace_back(row, col);
    }
  }
  if (table.counts.rows_add_up && table.counts.cols_add_up) {
    for (const auto& cell : bridges(table)) {
      if (std::ranges::find(cells, cell) == cells.end()) cells.push_back(cell);
    }
  }
  return cells;
}

}  // namespace lifeline::domain::stats
