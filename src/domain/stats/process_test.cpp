#include "domain/stats/process.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain::stats {
namespace {

TEST(Process, MedianAndNinetiethPercentileByNearestRank) {
  const auto summary = summarise_durations({{10, 5}, {3, 4}, {30, 1}});
  EXPECT_EQ(summary.count, 10);
  EXPECT_EQ(summary.median, 10);  // ranks 1-4 are 3 days, 5-9 are 10
  EXPECT_EQ(summary.p90, 10);
  EXPECT_EQ(summarise_durations({{1, 1}, {2, 1}, {50, 1}}).p90, 50);
  EXPECT_FALSE(summarise_durations({}).median.has_value());
}

TEST(Process, ADecisionOnTheDueDayIsInTime) {
  using namespace std::chrono;
  const nrm::Date monday{year{2025}, November, day{3}};
  const nrm::CasePolicy policy;  // five working days
  EXPECT_TRUE(decided_in_time(monday, nrm::Date{year{2025}, November, day{10}}, policy));
  EXPECT_FALSE(decided_in_time(monday, nrm::Date{year{2025}, November, day{11}}, policy));
}

TEST(Process, BacklogBucketsByDaysWaiting) {
  const auto buckets = backlog_by_age({{0, 2}, {7, 1}, {8, 3}, {200, 4}});
  ASSERT_EQ(buckets.size(), 5U);
  EXPECT_EQ(buckets[0].label, "0-7");
  EXPECT_EQ(buckets[0].count, 3);
  EXPECT_EQ(buckets[1].count, 3);
  EXPECT_EQ(buckets[4].label, "181+");
  EXPECT_EQ(buckets[4].count, 4);
}

}  // namespace
}  // namespace lifeline::domain::stats
