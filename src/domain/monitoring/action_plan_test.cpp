#include "domain/monitoring/action_plan.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain::monitoring {
namespace {

Date date(std::string_view text) {
  return nrm::parse_iso_date(text).value();
}

std::vector<std::string> formatted(const std::vector<Date>& dates) {
  std::vector<std::string> out;
  out.reserve(dates.size());
  for (const auto& d : dates) out.push_back(nrm::format_iso_date(d));
  return out;
}

TEST(ActionPlan, QuarterlyReportsFallDueAtEachQuarterEndAndAtTheEnd) {
  EXPECT_EQ(
      formatted(report_due_dates(Frequency::quarterly, date("2026-01-01"), date("2026-12-31"))),
      (std::vector<std::string>{"2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"}));
  EXPECT_EQ(formatted(report_due_dates(Frequency::yearly, date("2026-01-01"), date("2027-06-30"))),
            (std::vector<std::string>{"2026-12-31", "2027-06-30"}));
  EXPECT_EQ(formatted(report_due_dates(Frequency::once, date("2026-01-01"), date("2026-05-01"))),
            (std::vector<std::string>{"2026-05-01"}));
  EXPECT_TRUE(report_due_dates(Frequency::monthly, date("2026-02-01"), date("2026-01-01")).empty());
}

TEST(ActionPlan, AMonthShorterThanTheStartDayEndsOnItsLastDay) {
  EXPECT_EQ(formatted(report_due_dates(Frequency::monthly, date("2026-01-31"), date("2026-04-15"))),
            (std::vector<std::string>{"2026-02-27", "2026-03-30", "2026-04-15"}));
  EXPECT_EQ(report_due_dates(Frequency::monthly, date("1900-01-01"), date("2199-12-31")).size(),
            kMaxDueDates);
}

TEST(ActionPlan, StatusesAndFrequenciesReadAndWrite) {
  EXPECT_EQ(parse_progress_status("delayed").value(), ProgressStatus::delayed);
  EXPECT_EQ(to_string(ProgressStatus::not_started), "not_started");
  EXPECT_FALSE(parse_progress_status("done").has_value());
  EXPECT_EQ(parse_frequency("half_yearly").value(), Frequency::half_yearly);
  EXPECT_FALSE(parse_frequency("weekly").has_value());
}

TEST(ActionPlan, AMeasureIsAsFarAsItsIndicators) {
  using S = ProgressStatus;
  EXPECT_EQ(measure_status({}), S::not_started);
  EXPECT_EQ(measure_status({S::not_started, S::not_started}), S::not_started);
  EXPECT_EQ(measure_status({S::completed, S::not_started}), S::in_progress);
  EXPECT_EQ(measure_status({S::completed, S::delayed}), S::delayed);
  EXPECT_EQ(measure_status({S::completed, S::discontinued}), S::completed);
  EXPECT_EQ(measure_status({S::discontinued}), S::discontinued);
}

TEST(ActionPlan, ReportsAreOverdueAfterTheirDateAndDueSoonBeforeIt) {
  const auto today = date("2026-06-15");
  EXPECT_EQ(urgency(date("2026-06-14"), false, today, 14), Urgency::overdue);
  EXPECT_EQ(urgency(date("2026-06-14"), true, today, 14), Urgency::filed);
  EXPECT_EQ(urgency(date("2026-06-15"), false, today, 14), Urgency::due_soon);
  EXPECT_EQ(urgency(date("2026-06-29"), false, today, 14), Urgency::due_soon);
  EXPECT_EQ(urgency(date("2026-06-30"), false, today, 14), Urgency::later);
}

TEST(ActionPlan, CoverageCountsByPillarAndKeyword) {
  const std::vector<Commitment> commitments = {
      {"AP.III.1.1", "prosecution", {"legislation"}},
      {"AP.III.1.2", "prosecution", {"legislation", "children"}},
      {"AP.V.3.1", "protection", {"children"}},
      {"AP.IV.4.1", "prevention", {}},
  };
  const auto result = coverage(commitments, {"AP.III.1.2", "AP.V.3.1", "XX.1"});
  EXPECT_EQ(result.total, 4);
  EXPECT_EQ(result.covered, 2);
  EXPECT_DOUBLE_EQ(result.share, 0.5);
  ASSERT_EQ(result.by_pillar.size(), 3U);
  EXPECT_EQ(result.by_pillar[0].key, "prosecution");
  EXPECT_EQ(result.by_pillar[0].total, 2);
  EXPECT_EQ(result.by_pillar[0].covered, 1);
  EXPECT_EQ(result.by_pillar[2].key, "prevention");
  EXPECT_EQ(result.by_pillar[2].covered, 0);
  ASSERT_EQ(result.by_keyword.size(), 2U);
  EXPECT_EQ(result.by_keyword[0].key, "children");
  EXPECT_EQ(result.by_keyword[0].covered, 2);
  EXPECT_DOUBLE_EQ(result.by_keyword[1].share, 0.5);
  EXPECT_EQ(result.uncovered, (std::vector<std::string>{"AP.III.1.1", "AP.IV.4.1"}));
  EXPECT_EQ(result.outside, (std::vector<std::string>{"XX.1"}));
}

TEST(ActionPlan, ProgressCountsAMeasureOnceInEachOfItsGroups) {
  using S = ProgressStatus;
  const auto groups = progress_by_group({{{"Ministry of Interior", "Police"}, S::completed},
                                         {{"Police", "Police"}, S::delayed},
                                         {{"Ministry of Interior"}, S::not_started}});
  ASSERT_EQ(groups.size(), 2U);
  EXPECT_EQ(groups[0].key, "Ministry of Interior");
  EXPECT_EQ(groups[0].measures, 2);
  EXPECT_DOUBLE_EQ(groups[0].completed_share, 0.5);
  EXPECT_EQ(groups[1].measures, 2);
  EXPECT_EQ(groups[1].by_status.at(S::delayed), 1);
  EXPECT_EQ(groups[1].by_status.at(S::in_progress), 0);
}

}  // namespace
}  // namespace lifeline::domain::monitoring
