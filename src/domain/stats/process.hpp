// Process figures of the NRM (issue: Statistics for the National Rapporteur): how long decisions
// take, how many are made within the deadline, how old the backlog is. Pure arithmetic over
// counts the facts table gives.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "domain/nrm/case_rules.hpp"

namespace lifeline::domain::stats {

struct ValueAndCount {
  std::int64_t value = 0;
  std::int64_t count = 0;
};

struct DurationSummary {
  std::int64_t count = 0;
  std::optional<std::int64_t> median;  // nearest rank
  std::optional<std::int64_t> p90;
};

// From how many cases took each number of days, in any order.
DurationSummary summarise_durations(std::vector<ValueAndCount> days);

// Whether a reasonable-grounds decision came within the deadline (policy working days after
// the referral).
bool decided_in_time(nrm::Date referred_on, nrm::Date decided_on, const nrm::CasePolicy& policy);

// How long decisions have been waiting, in calendar days: the upper bound of each bucket, the
// last one open-ended.
inline constexpr std::int64_t kBacklogBuckets[] = {7, 30, 90, 180};
struct BacklogBucket {
  std::string_view label;  // "0-7", "8-30", "31-90", "91-180", "181+"
  std::int64_t count = 0;
};
std::vector<BacklogBucket> backlog_by_age(const std::vector<ValueAndCount>& waiting_days);

}  // namespace lifeline::domain::stats
