#include "domain/stats/microdata.hpp"

#include <map>
#include <random>

#include <gtest/gtest.h>

namespace lifeline::domain::stats {
namespace {

// Every published row, all columns taken together, is shared by at least k rows: what the
// microdata promises, checked on the output itself rather than on the code's own groups.
std::size_t smallest_published_group(const Microdata& data) {
  std::map<std::vector<std::string>, std::size_t> groups;
  data.write([&](const std::vector<std::string>& row) { ++groups[row]; });
  std::size_t smallest = 0;
  for (const auto& [row, size] : groups) {
    if (smallest == 0 || size < smallest) smallest = size;
  }
  return smallest;
}

TEST(Microdata, RegionsAreContinents) {
  EXPECT_EQ(region_of("MD"), "Europe");
  EXPECT_EQ(region_of("NG"), "Africa");
  EXPECT_EQ(region_of("VN"), "Asia");
  EXPECT_EQ(region_of("BR"), "Americas");
  EXPECT_EQ(region_of("FJ"), "Oceania");
  EXPECT_EQ(region_of("unknown"), "unknown");
}

TEST(Microdata, ALargeUniformGroupIsPublishedAsItIs) {
  Microdata data;
  for (int i = 0; i < 30; ++i) data.add(2025, "feminine", "age_21_23", "adult", "MD", "AT", 0b10);
  const auto report = data.anonymise(11);
  EXPECT_EQ(report.exported, 30U);
  EXPECT_EQ(report.suppressed, 0U);
  EXPECT_TRUE(report.generalisations.empty());
  std::vector<std::string> first;
  data.write([&](const std::vector<std::string>& row) {
    if (first.empty()) first = row;
  });
  ASSERT_EQ(first.size(), ctdc_columns().size());
  EXPECT_EQ(first[0], "2025");
  EXPECT_EQ(first[2], "Female");
  EXPECT_EQ(first[3], "21--23");
  EXPECT_EQ(first[4], "Adult");
  EXPECT_EQ(first[5], "MD");
  EXPECT_EQ(first[7], "1");  // isSexualExploit
  EXPECT_EQ(first[15], "Sexual exploitation");
  EXPECT_EQ(first[16], "AT");
}

TEST(Microdata, RareCombinationsAreGeneralisedOrLeftOut) {
  const std::vector<std::string> countries = {"MD", "UA", "RO", "NG", "VN", "AL", "BG", "GB",
                                              "BR", "CN", "IN", "FR", "DE", "PL", "TH", "PH"};
  const std::vector<std::string> bands = {"age_0_8",   "age_9_17",  "age_18_20",
                                          "age_21_23", "age_24_26", "age_27_29",
                                          "age_30_38", "age_39_47", "age_48_plus"};
  const std::vector<std::string> genders = {"feminine", "masculine", "not_specified"};
  for (unsigned seed = 1; seed <= 4; ++seed) {
    std::mt19937 random(seed);
    std::geometric_distribution<std::size_t> skew(0.3);
    auto pick = [&](const std::vector<std::string>& list) {
      return list[std::min(skew(random), list.size() - 1)];
    };
    Microdata data;
    const int people = 2000 * static_cast<int>(seed);
    for (int i = 0; i < people; ++i) {
      const auto band = pick(bands);
      const auto group = band == "age_0_8" || band == "age_9_17" ? "child" : "adult";
      const std::uint64_t mask = 1ULL << std::min<std::size_t>(skew(random), 11);
      data.add(2020 + static_cast<int>(random() % 6), pick(genders), band, group, pick(countries),
               pick(countries), mask);
    }
    const auto report = data.anonymise(11);
    SCOPED_TRACE(testing::Message() << "seed " << seed);
    EXPECT_EQ(report.rows, static_cast<std::size_t>(people));
    EXPECT_EQ(report.exported + report.suppressed, report.rows);
    EXPECT_FALSE(report.generalisations.empty());
    EXPECT_GE(report.smallest_group, 11U);
    EXPECT_GE(smallest_published_group(data), 11U);
    std::size_t written = 0;
    data.write([&](const std::vector<std::string>&) { ++written; });
    EXPECT_EQ(written, report.exported);
  }
}

TEST(Microdata, TooFewPeopleAreAllLeftOut) {
  Microdata data;
  for (int i = 0; i < 5; ++i) data.add(2025, "feminine", "age_21_23", "adult", "MD", "AT", 1);
  const auto report = data.anonymise(11);
  EXPECT_EQ(report.exported, 0U);
  EXPECT_EQ(report.suppressed, 5U);
  EXPECT_EQ(report.generalisations.size(), std::size(kGeneralisations));
}

}  // namespace
}  // namespace lifeline::domain::stats
