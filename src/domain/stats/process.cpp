#include "domain/stats/process.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace lifeline::domain::stats {
namespace {

constexpr std::array<std::string_view, 5> kBucketLabels = {"0-7", "8-30", "31-90", "91-180",
                                                           "181+"};

// The value at rank ceil(share * n), counting from 1.
std::int64_t nearest_rank(const std::vector<ValueAndCount>& sorted, std::int64_t total,
                          int percent) {
  const auto rank = std::max<std::int64_t>(1, (total * percent + 99) / 100);
  std::int64_t seen = 0;
  for (const auto& item : sorted) {
    seen += item.count;
    if (seen >= rank) return item.value;
  }
  return sorted.back().value;
}

}  // namespace

DurationSummary summarise_durations(std::vector<ValueAndCount> days) {
  std::erase_if(days, [](const ValueAndCount& item) { return item.count <= 0; });
  std::ranges::sort(days, {}, &ValueAndCount::value);
  DurationSummary summary;
  for (const auto& item : days) summary.count += item.count;
  if (summary.count == 0) return summary;
  constexpr int kMedian = 50;
  constexpr int kNinetieth = 90;
  summary.median = nearest_rank(days, summary.count, kMedian);
  summary.p90 = nearest_rank(days, summary.count, kNinetieth);
  return summary;
}

bool decided_in_time(nrm::Date referred_on, nrm::Date decided_on, const nrm::CasePolicy& policy) {
  const auto due =
      nrm::add_working_days(referred_on, policy.reasonable_grounds_working_days, policy.calendar);
  return std::chrono::sys_days{decided_on} <= std::chrono::sys_days{due};
}

std::vector<BacklogBucket> backlog_by_age(const std::vector<ValueAndCount>& waiting_days) {
  std::vector<BacklogBucket> buckets;
  buckets.reserve(kBucketLabels.size());
  for (const auto label : kBucketLabels) buckets.push_back({label, 0});
  for (const auto& item : waiting_days) {
    std::size_t bucket = 0;
    while (bucket < std::size(kBacklogBuckets) && item.value > kBacklogBuckets[bucket]) ++bucket;
    buckets[bucket].count += item.count;
  }
  return buckets;
}

}  // namespace lifeline::domain::stats
