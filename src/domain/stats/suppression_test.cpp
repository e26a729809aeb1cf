#include "domain/stats/suppression.hpp"

#include <algorithm>
#include <map>
#include <random>

#include <gtest/gtest.h>

#include "domain/stats/table.hpp"

namespace lifeline::domain::stats {
namespace {

CountTable table_of(std::vector<std::vector<std::int64_t>> cells) {
  CountTable table;
  for (std::size_t r = 0; r < cells.size(); ++r) table.rows.push_back("r" + std::to_string(r));
  for (std::size_t c = 0; c < cells.front().size(); ++c) {
    table.cols.push_back("c" + std::to_string(c));
  }
  table.row_totals.assign(cells.size(), 0);
  table.col_totals.assign(cells.front().size(), 0);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    for (std::size_t c = 0; c < cells[r].size(); ++c) {
      table.row_totals[r] += cells[r][c];
      table.col_totals[c] += cells[r][c];
      table.total += cells[r][c];
    }
  }
  table.cells = std::move(cells);
  return table;
}

bool suppressed(const ProtectedTable& t, std::size_t r, std::size_t c) {
  return t.suppression[r][c] != Suppression::none;
}

// An attacker who knows every published figure and subtracts along rows and columns, again and
// again, with every cell they recovered: which suppressed cells do they end up knowing?
std::size_t recovered_by_subtraction(const ProtectedTable& t) {
  const auto h = t.height();
  const auto w = t.width();
  std::vector<std::vector<bool>> known(h, std::vector<bool>(w));
  for (std::size_t r = 0; r < h; ++r) {
    for (std::size_t c = 0; c < w; ++c) known[r][c] = !suppressed(t, r, c);
  }
  auto solve = [&](const std::vector<std::pair<std::size_t, std::size_t>>& line) {
    std::size_t unknown = 0;
    std::pair<std::size_t, std::size_t> last{};
    for (const auto& cell : line) {
      if (!known[cell.first][cell.second]) ++unknown, last = cell;
    }
    if (unknown != 1) return false;
    known[last.first][last.second] = true;
    return true;
  };
  bool progress = true;
  while (progress) {
    progress = false;
    for (std::size_t r = 0; r < h && t.counts.rows_add_up; ++r) {
      std::vector<std::pair<std::size_t, std::size_t>> line;
      for (std::size_t c = 0; c < w; ++c) line.emplace_back(r, c);
      progress = solve(line) || progress;
    }
    for (std::size_t c = 0; c < w && t.counts.cols_add_up; ++c) {
      std::vector<std::pair<std::size_t, std::size_t>> line;
      for (std::size_t r = 0; r < h; ++r) line.emplace_back(r, c);
      progress = solve(line) || progress;
    }
  }
  std::size_t recovered = 0;
  for (std::size_t r = 0; r < h; ++r) {
    for (std::size_t c = 0; c < w; ++c) recovered += suppressed(t, r, c) && known[r][c] ? 1 : 0;
  }
  return recovered;
}

// No published figure counts 1 to threshold - 1 people, and no published total minus the
// published cells of its line leaves 1 to threshold - 1 people.
void expect_no_small_group(const ProtectedTable& t) {
  const auto h = t.height();
  const auto w = t.width();
  for (std::size_t r = 0; r < h; ++r) {
    for (std::size_t c = 0; c < w; ++c) {
      if (suppressed(t, r, c)) continue;
      const auto v = t.value(r, c);
      EXPECT_TRUE(v == 0 || v >= t.threshold) << "published " << v << " at " << r << "," << c;
    }
  }
  for (std::size_t r = 0; r < h && t.counts.rows_add_up; ++r) {
    if (suppressed(t, r, w - 1)) continue;
    std::int64_t hidden = 0;
    for (std::size_t c = 0; c + 1 < w; ++c) hidden += suppressed(t, r, c) ? t.value(r, c) : 0;
    EXPECT_TRUE(hidden == 0 || hidden >= t.threshold) << "row " << r << " hides " << hidden;
  }
  for (std::size_t c = 0; c < w && t.counts.cols_add_up; ++c) {
    if (suppressed(t, h - 1, c)) continue;
    std::int64_t hidden = 0;
    for (std::size_t r = 0; r + 1 < h; ++r) hidden += suppressed(t, r, c) ? t.value(r, c) : 0;
    EXPECT_TRUE(hidden == 0 || hidden >= t.threshold) << "column " << c << " hides " << hidden;
  }
}

TEST(Suppression, NothingToHideHidesNothing) {
  const auto t = protect(table_of({{10, 20}, {30, 0}}), 5);
  EXPECT_EQ(t.count(Suppression::primary), 0U);
  EXPECT_EQ(t.count(Suppression::secondary), 0U);
}

TEST(Suppression, ASmallCellGetsComplementsInItsRowAndColumn) {
  const auto t = protect(table_of({{3, 20, 40}, {30, 25, 50}, {12, 60, 70}}), 5);
  EXPECT_EQ(t.suppression[0][0], Suppression::primary);
  EXPECT_EQ(t.count(Suppression::primary), 1U);
  EXPECT_GE(t.count(Suppression::secondary), 3U);  // a cycle through the small cell
  EXPECT_TRUE(recoverable_cells(t).empty());
  EXPECT_EQ(recovered_by_subtraction(t), 0U);
  expect_no_small_group(t);
  // The totals stay published: the complements are inner cells.
  for (std::size_t r = 0; r < t.height(); ++r) EXPECT_FALSE(suppressed(t, r, 3));
  for (std::size_t c = 0; c < t.width(); ++c) EXPECT_FALSE(suppressed(t, 3, c));
}

TEST(Suppression, TwoSmallCellsThatAddUpToFewerThanTheThresholdGetAThird) {
  // 1 + 2 under a published row total of 103 would reveal a group of 3.
  const auto t = protect(table_of({{1, 2, 100}, {50, 60, 70}}), 5);
  expect_no_small_group(t);
  EXPECT_EQ(recovered_by_subtraction(t), 0U);
  EXPECT_TRUE(recoverable_cells(t).empty());
}

TEST(Suppression, ASmallTotalIsSuppressedWithItsCells) {
  const auto t = protect(table_of({{2, 0}, {40, 50}}), 5);
  EXPECT_EQ(t.suppression[0][2], Suppression::primary);  // row total 2
  expect_no_small_group(t);
  EXPECT_EQ(recovered_by_subtraction(t), 0U);
  EXPECT_TRUE(recoverable_cells(t).empty());
}

TEST(Suppression, BoundsCatchWhatPlainSubtractionMisses) {
  // Two "<5" cells adding up to 8 must both be 4.
  ProtectedTable t{table_of({{4, 4, 100}, {50, 60, 70}}), 5, {}};
  t.suppression.assign(3, std::vector<Suppression>(4, Suppression::none));
  t.suppression[0][0] = Suppression::primary;
  t.suppression[0][1] = Suppression::primary;
  t.suppression[1][0] = Suppression::secondary;
  t.suppression[1][1] = Suppression::secondary;
  const auto exposed = recoverable_cells(t);
  EXPECT_FALSE(exposed.empty());
  EXPECT_EQ(recovered_by_subtraction(t), 0U);  // plain subtraction finds nothing
  const auto fixed = protect(t.counts, 5);
  EXPECT_TRUE(recoverable_cells(fixed).empty());
  EXPECT_EQ(fixed.suppression[0][2], Suppression::secondary);
}

TEST(Suppression, ThresholdBelowTwoSuppressesNothing) {
  const auto t = protect(table_of({{1, 2}, {3, 4}}), 1);
  EXPECT_EQ(t.count(Suppression::primary) + t.count(Suppression::secondary), 0U);
}

// The re-identification test of the issue: tables of every pair of dimensions over generated
// populations; no published figure pins down a group smaller than the threshold and no
// suppressed cell can be recovered, by subtraction or through the table's equations.
TEST(Suppression, NoGeneratedPopulationCanBeReidentified) {
  const std::vector<std::string> genders = {"feminine", "masculine", "non_conforming", "unknown"};
  const std::vector<std::string> countries = {"MD", "UA", "RO", "NG", "VN", "AL", "BG", "GB"};
  const std::vector<std::string> years = {"2022", "2023", "2024", "2025"};
  const std::vector<std::string> types = {"forced_labour", "sexual_exploitation",
                                          "forced_criminality", "forced_begging"};
  for (unsigned seed = 1; seed <= 12; ++seed) {
    std::mt19937 random(seed);
    const int people = 40 + static_cast<int>(seed) * 35;
    // Skewed choices, so that some categories are rare.
    auto pick = [&](const std::vector<std::string>& list) {
      std::geometric_distribution<std::size_t> skew(0.45);
      return list[std::min(skew(random), list.size() - 1)];
    };
    std::vector<FactGroup> gender_country, year_type;
    for (int p = 0; p < people; ++p) {
      const auto gender = pick(genders);
      const auto country = pick(countries);
      const auto year = pick(years);
      std::vector<std::string> mine = {pick(types)};
      if (random() % 4 == 0) mine.push_back(types[random() % types.size()]);
      std::ranges::sort(mine);
      mine.erase(std::unique(mine.begin(), mine.end()), mine.end());
      gender_country.push_back({{gender}, {country}, 1});
      year_type.push_back({{year}, mine, 1});
    }
    for (int threshold : {3, 5, 10}) {
      for (const auto* groups : {&gender_country, &year_type}) {
        const auto cols = groups == &year_type ? Dimension::exploitation_type
                                               : Dimension::country_of_exploitation;
        const auto rows = groups == &year_type ? Dimension::year : Dimension::gender;
        const auto t = protect(tabulate(rows, cols, *groups), threshold);
        SCOPED_TRACE(testing::Message() << "seed " << seed << " threshold " << threshold << " cols "
                                        << to_string(cols));
        expect_no_small_group(t);
        EXPECT_EQ(recovered_by_subtraction(t), 0U);
        EXPECT_TRUE(recoverable_cells(t).empty());
        EXPECT_EQ(t.counts.total, people);
        // Protection does not come from hiding everything: the grand total stays published.
        EXPECT_EQ(t.suppression.back().back(), Suppression::none);
      }
    }
  }
}

TEST(Tabulate, MultiValuedColumnsCountPeopleOnceInTheRowTotal) {
  const std::vector<FactGroup> groups = {
      {{"2025"}, {"forced_labour", "sexual_exploitation"}, 3},
      {{"2025"}, {"forced_labour"}, 4},
      {{"2024"}, {"unknown"}, 2},
  };
  const auto t = tabulate(Dimension::year, Dimension::exploitation_type, groups);
  EXPECT_EQ(t.rows, (std::vector<std::string>{"2024", "2025"}));
  EXPECT_EQ(t.cols, (std::vector<std::string>{"forced_labour", "sexual_exploitation", "unknown"}));
  EXPECT_EQ(t.cells[1][0], 7);
  EXPECT_EQ(t.cells[1][1], 3);
  EXPECT_EQ(t.row_totals[1], 7);
  EXPECT_EQ(t.col_totals[0], 7);
  EXPECT_EQ(t.total, 9);
  EXPECT_FALSE(t.rows_add_up);
  EXPECT_TRUE(t.cols_add_up);
}

}  // namespace
}  // namespace lifeline::domain::stats
