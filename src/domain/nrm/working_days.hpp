// Deadlines in working days in the deployment's calendar. Dates here are civil dates: callers
// turn a UTC instant into the deployment's local date before asking.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline::domain::nrm {

using Date = std::chrono::year_month_day;

struct WorkingCalendar {
  std::vector<std::chrono::weekday> weekend = {std::chrono::Saturday, std::chrono::Sunday};
  std::set<std::chrono::sys_days> holidays;

  bool is_working_day(Date date) const;
  // False for a calendar whose weekend covers the whole week (a configuration error).
  bool has_working_days() const;
};

Date add_days(Date date, int days);

// The date `n` working days after `date` (before it when n < 0), counting from the day after:
// a referral on Monday with n = 5 is due on the next Monday. n = 0 gives `date` itself, even
// when that is not a working day. Throws std::invalid_argument for a calendar without working
// days, which configuration loading must have refused.
Date add_working_days(Date date, int n, const WorkingCalendar& calendar);

// Working days in (a, b] when a <= b, minus those in [b, a) otherwise: the steps
// add_working_days takes, so that working_days_between(d, add_working_days(d, n)) == n.
int working_days_between(Date a, Date b, const WorkingCalendar& calendar);

// Strict ISO 8601 calendar date, "2026-11-23"; invalid dates (2026-02-30) are refused.
Result<Date> parse_iso_date(std::string_view text);
std::string format_iso_date(Date date);

}  // namespace lifeline::domain::nrm
