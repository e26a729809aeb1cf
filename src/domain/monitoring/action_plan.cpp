#include "domain/monitoring/action_plan.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace lifeline::domain::monitoring {
namespace {

using std::chrono::days;
using std::chrono::months;
using std::chrono::sys_days;

constexpr std::array<std::pair<Frequency, std::string_view>, 5> kFrequencies = {{
    {Frequency::once, "once"},
    {Frequency::monthly, "monthly"},
    {Frequency::quarterly, "quarterly"},
    {Frequency::half_yearly, "half_yearly"},
    {Frequency::yearly, "yearly"},
}};

constexpr std::array<std::pair<ProgressStatus, std::string_view>, 5> kStatuses = {{
    {ProgressStatus::not_started, "not_started"},
    {ProgressStatus::in_progress, "in_progress"},
    {ProgressStatus::completed, "completed"},
    {ProgressStatus::delayed, "delayed"},
    {ProgressStatus::discontinued, "discontinued"},
}};

int months_in(Frequency frequency) {
  switch (frequency) {
    case Frequency::monthly:
      return 1;
    case Frequency::quarterly:
      return 3;
    case Frequency::half_yearly:
      return 6;
    case Frequency::yearly:
      return 12;
    case Frequency::once:
      break;
  }
  return 0;
}

// `date` plus `n` months, on the month's last day when the month is shorter.
Date add_months(Date date, int n) {
  const Date moved = date + months{n};
  if (moved.ok()) return moved;
  return Date{moved.year() / moved.month() / std::chrono::last};
}

template <class Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  const auto* found = std::ranges::find(names, value, &std::pair<Enum, std::string_view>::first);
  return found == names.end() ? std::string_view{} : found->second;
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                             std::string_view id) {
  const auto* found = std::ranges::find(names, id, &std::pair<Enum, std::string_view>::second);
  if (found == names.end()) return std::nullopt;
  return found->first;
}

double share_of(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::string_view to_string(Frequency frequency) {
  return name_of(kFrequencies, frequency);
}

Result<Frequency> parse_frequency(std::string_view id) {
  if (auto found = value_of(kFrequencies, id)) return *found;
  return fail(Errc::invalid_argument,
              "frequency must be once, monthly, quarterly, half_yearly or yearly");
}

std::vector<Date> report_due_dates(Frequency frequency, Date start, Date end) {
  std::vector<Date> due;
  if (sys_days{end} < sys_days{start}) return due;
  const int step = months_in(frequency);
  if (step == 0) return {end};
  for (int k = 1; due.size() < kMaxDueDates; ++k) {
    const Date period_end{sys_days{add_months(start, k * step)} - days{1}};
    if (sys_days{period_end} >= sys_days{end}) {
      due.push_back(end);
      break;
    }
    due.push_back(period_end);
  }
  return due;
}

std::string_view to_string(ProgressStatus status) {
  return name_of(kStatuses, status);
}

Result<ProgressStatus> parse_progress_status(std::string_view id) {
  if (auto found = value_of(kStatuses, id)) return *found;
  return fail(Errc::invalid_argument,
              "status must be not_started, in_progress, completed, delayed or discontinued");
}

bool is_final(ProgressStatus status) {
  return status == ProgressStatus::completed || status == ProgressStatus::discontinued;
}

ProgressStatus measure_status(const std::vector<ProgressStatus>& indicator_statuses) {
  const auto any = [&](ProgressStatus s) {
    return std::ranges::find(indicator_statuses, s) != indicator_statuses.end();
  };
  if (indicator_statuses.empty()) return ProgressStatus::not_started;
  if (any(ProgressStatus::delayed)) return ProgressStatus::delayed;
  if (std::ranges::all_of(indicator_statuses, is_final)) {
    return any(ProgressStatus::completed) ? ProgressStatus::completed
                                          : ProgressStatus::discontinued;
  }
  if (any(ProgressStatus::in_progress) || any(ProgressStatus::completed)) {
    return ProgressStatus::in_progress;
  }
  return ProgressStatus::not_started;
}

std::string_view to_string(Urgency urgency) {
  switch (urgency) {
    case Urgency::filed:
      return "filed";
    case Urgency::overdue:
      return "overdue";
    case Urgency::due_soon:
      return "due_soon";
    case Urgency::later:
      break;
  }
  return "later";
}

Urgency urgency(Date due_on, bool filed, Date today, int remind_days) {
  if (filed) return Urgency::filed;
  if (sys_days{due_on} < sys_days{today}) return Urgency::overdue;
  if (sys_days{due_on} <= sys_days{today} + days{remind_days}) return Urgency::due_soon;
  return Urgency::later;
}

Coverage coverage(const std::vector<Commitment>& commitments,
                  const std::set<std::string>& addressed) {
  Coverage result;
  std::map<std::string, CoverageCount> keywords;
  std::set<std::string> known;
  for (const auto& commitment : commitments) {
    known.insert(commitment.id);
    const bool covered = addressed.contains(commitment.id);
    ++result.total;
    if (covered) ++result.covered;
    if (!covered) result.uncovered.push_back(commitment.id);
    auto pillar = std::ranges::find(result.by_pillar, commitment.pillar, &CoverageCount::key);
    if (pillar == result.by_pillar.end()) {
      result.by_pillar.push_back({commitment.pillar, 0, 0, 0});
      pillar = std::prev(result.by_pillar.end());
    }
    ++pillar->total;
    if (covered) ++pillar->covered;
    for (const auto& keyword :
         std::set<std::string>(commitment.keywords.begin(), commitment.keywords.end())) {
      auto& count = keywords[keyword];
      count.key = keyword;
      ++count.total;
      if (covered) ++count.covered;
    }
  }
  for (const auto& id : addressed) {
    if (!known.contains(id)) result.outside.push_back(id);
  }
  result.share = share_of(result.covered, result.total);
  for (auto& pillar : result.by_pillar) pillar.share = share_of(pillar.covered, pillar.total);
  for (auto& [name, count] : keywords) {
    count.share = share_of(count.covered, count.total);
    result.by_keyword.push_back(count);
  }
  return result;
}

std::vector<GroupProgress> progress_by_group(const std::vector<MeasureStanding>& measures) {
  std::map<std::string, GroupProgress> groups;
  for (const auto& measure : measures) {
    for (const auto& key : std::set<std::string>(measure.groups.begin(), measure.groups.end())) {
      auto& group = groups[key];
      if (group.key.empty()) {
        group.key = key;
        for (const auto& [status, name] : kStatuses) group.by_status[status] = 0;
      }
      ++group.measures;
      ++group.by_status[measure.status];
    }
  }
  std::vector<GroupProgress> result;
  for (auto& [key, group] : groups) {
    group.completed_share = share_of(group.by_status[ProgressStatus::completed], group.measures);
    result.push_back(std::move(group));
  }
  return result;
}

bool is_valid_period(Date start, Date end) {
  return sys_days{start} <= sys_days{end};
}

}  // namespace lifeline::domain::monitoring
