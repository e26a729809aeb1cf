#include "domain/nrm/working_days.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace lifeline::domain::nrm {
namespace {

using std::chrono::Friday;
using std::chrono::Monday;
using std::chrono::month;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::sys_days;
using std::chrono::Thursday;
using std::chrono::Tuesday;
using std::chrono::Wednesday;
using std::chrono::year;

Date d(int y, unsigned m, unsigned day) {
  return Date{year{y}, month{m}, std::chrono::day{day}};
}

WorkingCalendar with_holidays(std::initializer_list<Date> days) {
  WorkingCalendar calendar;
  for (const auto& day : days) calendar.holidays.insert(sys_days{day});
  return calendar;
}

TEST(NrmWorkingDays, ZeroIsTheSameDay) {
  const WorkingCalendar calendar;
  EXPECT_EQ(add_working_days(d(2026, 11, 23), 0, calendar), d(2026, 11, 23));
  EXPECT_EQ(add_working_days(d(2026, 11, 21), 0, calendar), d(2026, 11, 21));  // a Saturday
}

TEST(NrmWorkingDays, SkipsTheWeekend) {
  const WorkingCalendar calendar;
  EXPECT_EQ(add_working_days(d(2026, 11, 23), 5, calendar), d(2026, 11, 30));  // Mon -> Mon
  EXPECT_EQ(add_working_days(d(2026, 11, 27), 1, calendar), d(2026, 11, 30));  // Fri -> Mon
  EXPECT_EQ(add_working_days(d(2026, 11, 28), 1, calendar), d(2026, 11, 30));  // Sat -> Mon
  EXPECT_EQ(add_working_days(d(2026, 11, 25), 3, calendar), d(2026, 11, 30));  // Wed -> Mon
}

TEST(NrmWorkingDays, SkipsHolidays) {
  const auto calendar = with_holidays({d(2026, 12, 25), d(2026, 12, 28)});
  // Thu 24 Dec + 1: Fri 25 is a holiday, the weekend follows, Mon 28 is a holiday.
  EXPECT_EQ(add_working_days(d(2026, 12, 24), 1, calendar), d(2026, 12, 29));
}

TEST(NrmWorkingDays, CrossesMonthAndYearEnds) {
  const auto calendar = with_holidays({d(2027, 1, 1)});
  EXPECT_EQ(add_working_days(d(2026, 12, 30), 2, calendar), d(2027, 1, 4));
  EXPECT_EQ(add_working_days(d(2026, 1, 30), 1, WorkingCalendar{}), d(2026, 2, 2));
}

TEST(NrmWorkingDays, KnowsLeapYears) {
  EXPECT_EQ(add_days(d(2028, 2, 28), 1), d(2028, 2, 29));
  EXPECT_EQ(add_days(d(2027, 2, 28), 1), d(2027, 3, 1));
  EXPECT_EQ(add_days(d(2100, 2, 28), 1), d(2100, 3, 1));  // not a leap year
  EXPECT_EQ(add_days(d(2000, 2, 28), 1), d(2000, 2, 29));
  EXPECT_EQ(add_working_days(d(2028, 2, 28), 1, WorkingCalendar{}), d(2028, 2, 29));  // Mon->Tue
  EXPECT_EQ(add_days(d(2028, 1, 1), 366), d(2029, 1, 1));
}

TEST(NrmWorkingDays, GoesBackwardsWithNegativeCounts) {
  const WorkingCalendar calendar;
  EXPECT_EQ(add_working_days(d(2026, 11, 30), -1, calendar), d(2026, 11, 27));
  EXPECT_EQ(add_days(d(2026, 3, 1), -1), d(2026, 2, 28));
}

TEST(NrmWorkingDays, AnotherWeekend) {
  WorkingCalendar calendar;
  calendar.weekend = {Friday, Saturday};
  EXPECT_EQ(add_working_days(d(2026, 11, 26), 1, calendar), d(2026, 11, 29));  // Thu -> Sun
}

TEST(NrmWorkingDays, CountsBetweenDates) {
  const auto calendar = with_holidays({d(2026, 12, 25)});
  EXPECT_EQ(working_days_between(d(2026, 11, 23), d(2026, 11, 23), calendar), 0);
  EXPECT_EQ(working_days_between(d(2026, 11, 23), d(2026, 11, 30), calendar), 5);
  EXPECT_EQ(working_days_between(d(2026, 11, 30), d(2026, 11, 23), calendar), -5);
  EXPECT_EQ(working_days_between(d(2026, 12, 24), d(2026, 12, 28), calendar), 1);
}

TEST(NrmWorkingDays, BetweenInvertsAdd) {
  const auto calendar = with_holidays({d(2026, 12, 25), d(2027, 1, 1), d(2028, 2, 29)});
  for (int offset = 0; offset < 800; offset += 7) {
    const Date start = add_days(d(2026, 11, 1), offset);
    for (int n = -12; n <= 12; ++n) {
      EXPECT_EQ(working_days_between(start, add_working_days(start, n, calendar), calendar), n);
    }
  }
}

TEST(NrmWorkingDays, RefusesACalendarWithoutWorkingDays) {
  WorkingCalendar calendar;
  calendar.weekend = {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
  EXPECT_FALSE(calendar.has_working_days());
  EXPECT_THROW(add_working_days(d(2026, 1, 1), 1, calendar), std::invalid_argument);
}

TEST(NrmIsoDates, ParseAndFormat) {
  const auto date = parse_iso_date("2026-11-23");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(*date, d(2026, 11, 23));
  EXPECT_EQ(format_iso_date(*date), "2026-11-23");
  EXPECT_EQ(format_iso_date(d(2028, 2, 29)), "2028-02-29");
  EXPECT_TRUE(parse_iso_date("2028-02-29").has_value());
}

TEST(NrmIsoDates, RejectsInvalidDates) {
  for (const auto* text : {"2027-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31",
                           "2026-01-00", "2026-1-1", "26-01-01", "2026/01/01", "2026-01-01T00", "",
                           "abcd-ef-gh", "2026-01-0a", " 2026-01-01"}) {
    const auto date = parse_iso_date(text);
    EXPECT_FALSE(date.has_value()) << text;
    if (!date) {
      EXPECT_EQ(date.error().type, "invalid-date");
    }
  }
}

}  // namespace
}  // namespace lifeline::domain::nrm
