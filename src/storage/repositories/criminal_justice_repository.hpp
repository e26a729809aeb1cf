// Criminal-justice figures recorded per year (stats_criminal_justice): read by year, replaced a
// year at a time through the API, or imported from a file, each write audited in its
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_entry.hpp"
#include "core/error.hpp"
#include "domain/stats/external.hpp"
#include "storage/database.hpp"
#include "storage/repositories/stats_repository.hpp"

namespace lifeline::storage {

class CriminalJusticeRepository {
 public:
  explicit CriminalJusticeRepository(Database& db) : db_(db) {}

  // Every figure of the year (of every year without one), by year, indicator and form.
  Result<std::vector<domain::stats::CriminalJusticeFigure>> find(std::optional<int> year);

  // The year's figures become exactly `figures`; `entry` is audited with the year as object.
  Result<void> replace_year(int year,
                            const std::vector<domain::stats::CriminalJusticeFigure>& figures,
                            audit::AuditEntry entry, std::int64_t now);

  // A file's figures replace the same figures (year, indicator, form), all or nothing.
  Result<StoredImport> import(const std::vector<domain::stats::CriminalJusticeFigure>& figures,
                              const std::string& file_name, std::int64_t now);

 private:
  Database& db_;
};

}  // namespace lifeline::storage
