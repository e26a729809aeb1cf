#include "domain/nrm/working_days.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <stdexcept>

namespace lifeline::domain::nrm {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

bool all_digits(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

bool WorkingCalendar::is_working_day(Date date) const {
  const sys_days day{date};
  return std::ranges::find(weekend, std::chrono::weekday{day}) == weekend.end() &&
         !holidays.contains(day);
}

bool WorkingCalendar::has_working_days() const {
  for (unsigned d = 0; d < 7; ++d) {
    if (std::ranges::find(weekend, std::chrono::weekday{d}) == weekend.end()) return true;
  }
  return false;
}

Date add_days(Date date, int n) {
  return Date{sys_days{date} + days{n}};
}

Date add_working_days(Date date, int n, const WorkingCalendar& calendar) {
  if (!calendar.has_working_days()) {
    throw std::invalid_argument("working calendar has no working days");
  }
  const int step = n < 0 ? -1 : 1;
  sys_days day{date};
  for (int remaining = n < 0 ? -n : n; remaining > 0;) {
    day += days{step};
    if (calendar.is_working_day(Date{day})) --remaining;
  }
  return Date{day};
}

int working_days_between(Date a, Date b, const WorkingCalendar& calendar) {
  // Walks from a towards b the way add_working_days does: the start day never counts, the day
  // arrived at does.
  const int step = sys_days{a} <= sys_days{b} ? 1 : -1;
  int count = 0;
  for (sys_days day{a}; day != sys_days{b};) {
    day += days{step};
    if (calendar.is_working_day(Date{day})) count += step;
  }
  return count;
}

Result<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !all_digits(text.substr(0, 4)) ||
      !all_digits(text.substr(5, 2)) || !all_digits(text.substr(8, 2))) {
    return fail(Errc::malformed, "a date must be written YYYY-MM-DD", "invalid-date");
  }
  const Date date{std::chrono::year{to_int(text.substr(0, 4))},
                  std::chrono::month{static_cast<unsigned>(to_int(text.substr(5, 2)))},
                  std::chrono::day{static_cast<unsigned>(to_int(text.substr(8, 2)))}};
  if (!date.ok()) return fail(Errc::invalid_argument, "no such calendar date", "invalid-date");
  return date;
}

std::string format_iso_date(Date date) {
  std::array<char, 48> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return {buffer.data()};
}

}  // namespace lifeline::domain::nrm
