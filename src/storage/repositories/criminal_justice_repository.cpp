#include "storage/repositories/criminal_justice_repository.hpp"

#include "audit/audit_trail.hpp"
#include "storage/repositories/repository_support.hpp"

namespace lifeline::storage {
namespace {

using domain::stats::CriminalJusticeFigure;

constexpr std::string_view kSelect =
    "SELECT year, indicator, exploitation_type, value, currency, source, note "
    "FROM stats_criminal_justice WHERE ($1 = 0 OR year = $1) "
    "ORDER BY year, indicator, exploitation_type";
constexpr std::string_view kDeleteYear = "DELETE FROM stats_criminal_justice WHERE year = $1";
constexpr std::string_view kUpsert =
    "INSERT INTO stats_criminal_justice (year, indicator, exploitation_type, value, currency, "
    "source, note, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
    "ON CONFLICT (year, indicator, exploitation_type) DO UPDATE SET value = excluded.value, "
    "currency = excluded.currency, source = excluded.source, note = excluded.note, "
    "updated_at = excluded.updated_at";
constexpr std::string_view kInsertImport =
    "INSERT INTO stats_imports (kind, file_name, imported_at, row_count) VALUES ($1, $2, $3, $4) "
    "RETURNING id";

Result<void> upsert(Session& s, const CriminalJusticeFigure& f, std::int64_t now) {
  auto stored = s.execute(kUpsert, {std::int64_t{f.year}, f.indicator, f.exploitation_type, f.value,
                                    f.currency, f.source, f.note, now});
  if (!stored) return error_of(stored);
  return {};
}

}  // namespace

Result<std::vector<CriminalJusticeFigure>> CriminalJusticeRepository::find(
    std::optional<int> year) {
  return db_.read([&](Session& s) -> Result<std::vector<CriminalJusticeFigure>> {
    auto rows = s.query(kSelect, {std::int64_t{year.value_or(0)}});
    if (!rows) return error_of(rows);
    std::vector<CriminalJusticeFigure> found;
    found.reserve(rows->size());
    for (const auto& row : *rows) {
      CriminalJusticeFigure f;
      f.year = static_cast<int>(row.i64(0));
      f.indicator = row.text(1);
      f.exploitation_type = row.text(2);
      f.value = row.f64(3);
      f.currency = row.text(4);
      f.source = row.text(5);
      f.note = row.text(6);
      found.push_back(std::move(f));
    }
    return found;
  });
}

Result<void> CriminalJusticeRepository::replace_year(
    int year, const std::vector<CriminalJusticeFigure>& figures, audit::AuditEntry entry,
    std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    if (auto deleted = s.execute(kDeleteYear, {std::int64_t{year}}); !deleted) {
      return error_of(deleted);
    }
    for (const auto& f : figures) {
      if (auto stored = upsert(s, f, now); !stored) return stored;
    }
    entry.object_type = "stats_criminal_justice";
    entry.object_id = std::to_string(year);
    return audit::append(s, entry, now);
  });
}

Result<StoredImport> CriminalJusticeRepository::import(
    const std::vector<CriminalJusticeFigure>& figures, const std::string& file_name,
    std::int64_t now) {
  return db_.write([&](Session& s) -> Result<StoredImport> {
    auto inserted = s.query(kInsertImport, {std::string("criminal_justice"), file_name, now,
                                            static_cast<std::int64_t>(figures.size())});
    if (!inserted) return error_of(inserted);
    const auto id = inserted->front().i64(0);
    const audit::AuditEntry entry{
        std::nullopt,   std::nullopt,       "stats.import.criminal_justice",
        "stats_import", std::to_string(id), "success"};
    if (auto audited = audit::append(s, entry, now); !audited) return error_of(audited);
    for (const auto& f : figures) {
      if (auto stored = upsert(s, f, now); !stored) return error_of(stored);
    }
    return StoredImport{id, figures.size()};
  });
}

}  // namespace lifeline::storage
