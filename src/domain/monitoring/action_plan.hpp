// The national action plan's rules (Action Plan VI.2): when progress reports fall due, what a
// measure's status is, which reports are overdue or due soon, which commitments of the
// compendium the plan covers, and how far it has come by pillar and by responsible body. Pure
// code: the plan's records come in as values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/working_days.hpp"

namespace lifeline::domain::monitoring {

using Date = nrm::Date;

// How often an indicator is reported on.
enum class Frequency { once, monthly, quarterly, half_yearly, yearly };
std::string_view to_string(Frequency frequency);
Result<Frequency> parse_frequency(std::string_view id);

// The due dates of an indicator's progress reports: one at the end of each period counted from
// `start` (a quarterly indicator starting 2026-01-01 is due 2026-03-31, 2026-06-30, ...), the
// last period cut short at `end`; a `once` indicator is due at `end` only. Empty when end is
// before start. A period that would end on a day the month lacks ends on the month's last day
// instead; at most kMaxDueDates dates.
inline constexpr std::size_t kMaxDueDates = 1000;
std::vector<Date> report_due_dates(Frequency frequency, Date start, Date end);

enum class ProgressStatus { not_started, in_progress, completed, delayed, discontinued };
std::string_view to_string(ProgressStatus status);
Result<ProgressStatus> parse_progress_status(std::string_view id);
// Completed and discontinued work is over: nothing about it can be overdue.
bool is_final(ProgressStatus status);

// A measure's status from the latest status of each of its indicators: not started without
// any; delayed as soon as one is; completed when all are over and one was completed,
// discontinued when all were discontinued; in progress when any work has started.
ProgressStatus measure_status(const std::vector<ProgressStatus>& indicator_statuses);

// Where a scheduled progress report stands on `today`: filed, overdue (its due date passed
// without a report), due soon (within `remind_days`, the reminder before the date), or later.
enum class Urgency { filed, overdue, due_soon, later };
std::string_view to_string(Urgency urgency);
Urgency urgency(Date due_on, bool filed, Date today, int remind_days);

// A commitment a national plan may address, as the compendium describes it.
struct Commitment {
  std::string id;
  std::string pillar;
  std::vector<std::string> keywords;
};

struct CoverageCount {
  std::string key;  // a pillar or a keyword
  std::int64_t total = 0;
  std::int64_t covered = 0;
  double share = 0;  // covered / total, 0 when total is 0
};

struct Coverage {
  std::int64_t total = 0;
  std::int64_t covered = 0;
  double share = 0;
  std::vector<CoverageCount> by_pillar;   // in pillar order of first appearance
  std::vector<CoverageCount> by_keyword;  // alphabetical
  std::vector<std::string> uncovered;     // ids in the order of `commitments`
  std::vector<std::string> outside;       // addressed ids that are not among the commitments
};

// Which of `commitments` the plan's measures address (`addressed` provision ids).
Coverage coverage(const std::vector<Commitment>& commitments,
                  const std::set<std::string>& addressed);

// One measure as the progress summaries see it: the groups it counts in (its pillars, or its
// responsible bodies) and its status.
struct MeasureStanding {
  std::vector<std::string> groups;
  ProgressStatus status = ProgressStatus::not_started;
};

struct GroupProgress {
  std::string key;
  std::int64_t measures = 0;
  std::map<ProgressStatus, std::int64_t> by_status;  // every status, zero included
  double completed_share = 0;                        // completed / measures
};

// Measures and their statuses per group, groups in alphabetical order; a measure counts once in
// each of its distinct groups.
std::vector<GroupProgress> progress_by_group(const std::vector<MeasureStanding>& measures);

// A plan period or a measure's dates: the end must not come before the start.
bool is_valid_period(Date start, Date end);

}  // namespace lifeline::domain::monitoring
