#include "app/case_retention.hpp"

#include <iostream>

#include <fmt/format.h>

#include "app/cli_support.hpp"
#include "app/environment.hpp"
#include "domain/nrm/case_rules.hpp"

namespace lifeline::app {
namespace {

constexpr int kBatchSize = 200;

struct RetentionCount {
  std::int64_t due = 0;
  std::int64_t erased = 0;
  std::int64_t no_longer_due = 0;  // reopened or erased by another run meanwhile
};

// Cases closed before this day are due: closed on or before today minus the retention period.
std::string closed_before(const Config& config, UnixSeconds now) {
  const std::chrono::sys_seconds instant{std::chrono::seconds{now}};
  const domain::nrm::Date today{std::chrono::floor<std::chrono::days>(instant)};
  return domain::nrm::format_iso_date(
      domain::nrm::add_days(today, 1 - config.nrm.retention_days_after_closure));
}

Result<RetentionCount> erase_due_cases(domain::nrm::CaseStore& cases, const Clock& clock,
                                       const std::string& before, bool dry_run) {
  RetentionCount count;
  std::int64_t after_id = 0;
  for (;;) {
    auto batch = cases.cases_due_for_erasure(before, after_id, kBatchSize);
    if (!batch) return tl::unexpected(batch.error());
    if (batch->empty()) break;
    for (const auto id : *batch) {
      after_id = id;
      ++count.due;
      if (dry_run) continue;
      auto erased = cases.erase_identity(id, before, clock.now());
      if (!erased) return tl::unexpected(erased.error());
      ++(*erased ? count.erased : count.no_longer_due);
    }
    std::cerr << fmt::format("\r{} {} cases", dry_run ? "found" : "erased", count.due)
              << std::flush;
  }
  if (count.due > 0) std::cerr << "\n";
  return count;
}

}  // namespace

int run_case_retention(const Config& config, bool dry_run) {
  auto env = open_environment(config, config.database_auto_migrate);
  if (!env) return report(env.error());
  const auto before = closed_before(config, (*env)->clock.now());
  auto count = erase_due_cases(*(*env)->case_repository, (*env)->clock, before, dry_run);
  if (!count) return report(count.error());
  const auto period = config.nrm.retention_days_after_closure;
  if (dry_run) {
    std::cout << fmt::format(
        "dry run: {} closed cases (closed before {}, retention {} days) would have their "
        "identifying data erased; nothing was changed\n",
        count->due, before, period);
    return 0;
  }
  std::cout << fmt::format(
      "erased the identifying data of {} cases closed before {} (retention {} days); they "
      "remain as anonymous statistics\n",
      count->erased, before, period);
  if (count->no_longer_due > 0) {
    std::cout << fmt::format(
        "{} cases were reopened or erased meanwhile and were left as they are\n",
        count->no_longer_due);
  }
  return 0;
}

}  // namespace lifeline::app
