// Statistics on the shared database: the anonymous facts of every case (stats_case_facts),
// the counts tables are made of, and figures imported from files.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/stats/external.hpp"
#include "domain/stats/facts.hpp"
#include "domain/stats/microdata.hpp"
#include "domain/stats/table.hpp"
#include "storage/database.hpp"

namespace lifeline::storage {

// Writes the facts of the case as it now stands, in the caller's transaction: every write of a
// case calls it, so the facts never lag behind the cases.
Result<void> refresh_case_facts(Session& s, std::int64_t case_id);

// Which facts a table counts; empty strings mean no limit.
struct FactFilter {
  std::string from;  // ISO date, referrals on or after it
  std::string to;    // ISO date, referrals on or before it
  std::string trafficking_status;
};

struct UnodcQuery {
  std::string iso3, indicator, dimension, category, sex, age;
  std::optional<int> year;
  int limit = 1000;
};

struct StoredImport {
  std::int64_t id = 0;
  std::size_t rows = 0;
};

// One day's decisions or pending cases: how many, referred on which day, decided on which.
struct DatedCount {
  std::string referred_on;
  std::string decided_on;
  std::int64_t count = 0;
};

struct ValueCount {
  std::int64_t value = 0;
  std::int64_t count = 0;
};

struct OutcomeTotals {
  std::int64_t cases = 0;
  std::int64_t permits_applied = 0, permits_granted = 0;
  std::int64_t compensation_claims = 0, compensation_claimed = 0;
  std::int64_t compensation_awards = 0, compensation_awarded = 0;
  std::int64_t returns = 0, followed_up = 0, re_trafficked = 0, reviews = 0;
};

struct ServiceCount {
  std::string type;
  std::string provider_type;
  std::string status;
  std::int64_t count = 0;
};

class StatsRepository {
 public:
  explicit StatsRepository(Database& db) : db_(db) {}

  // The people behind a table of `rows` by `cols`, grouped as the facts table holds them.
  Result<std::vector<domain::stats::FactGroup>> table_groups(domain::stats::Dimension rows,
                                                             domain::stats::Dimension cols,
                                                             const FactFilter& filter);

  // Writes the facts of every case again, in batches; `progress` hears how many are done of
  // how many. Returns the number of cases.
  Result<std::int64_t> rebuild_facts(
      const std::function<void(std::int64_t done, std::int64_t total)>& progress);

  // Process figures over the cases referred in the filter's period.
  Result<std::vector<ValueCount>> day_counts(std::string_view column, const FactFilter& filter);
  Result<std::vector<DatedCount>> reasonable_grounds_dates(const FactFilter& filter);
  Result<std::vector<DatedCount>> pending(std::string_view stage, const FactFilter& filter);
  Result<OutcomeTotals> outcome_totals(const FactFilter& filter);
  Result<std::vector<ServiceCount>> services(const FactFilter& filter);

  // The people of the microdata export (presumed and identified victims), in case order, in
  // batches; `progress` hears how many are read of how many.
  Result<void> scan_microdata(
      domain::stats::Microdata& into,
      const std::function<void(std::int64_t read, std::int64_t total)>& progress);
  // Facts of the cases after `after_id`, in case order.
  Result<std::vector<domain::stats::CaseFacts>> facts_page(std::int64_t after_id, int limit);

  // Each import in one transaction: all its rows or nothing.
  Result<StoredImport> store_unodc(const std::vector<domain::stats::UnodcRow>& rows,
                                   const std::string& file_name, std::int64_t now);
  Result<StoredImport> store_nrm_table(const std::vector<domain::stats::NrmTableRow>& rows,
                                       const std::string& file_name, std::int64_t now);
  Result<std::vector<domain::stats::UnodcRow>> find_unodc(const UnodcQuery& query);

 private:
  Database& db_;
};

}  // namespace lifeline::storage
