// Schema migrations: numbered SQL scripts applied in order, each in its own write transaction
// together with its row in schema_migrations, so a migration is either fully applied or not.
#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "storage/database.hpp"
#include "storage/embedded_migrations.hpp"

namespace lifeline::storage {

namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

// Any fixed number works; it only has to be the same in every lifeline process. This one is
// "lifeline" in ASCII.
constexpr std::int64_t kAdvisoryLockKey = 0x6c6966656c696e65;

using Progress = std::function<void(int, std::string_view)>;

// PostgreSQL runs migrations from several processes at once (several lifeline instances
// starting together); the transaction-scoped lock makes them take turns. SQLite's BEGIN
// IMMEDIATE already admits one writer at a time.
Result<void> lock_migrations(Session& session) {
  if (session.dialect() != Dialect::postgres) return {};
  auto locked = session.query("SELECT pg_advisory_xact_lock($1)", {kAdvisoryLockKey});
  if (!locked) return tl::unexpected(locked.error());
  return {};
}

Result<bool> table_exists(Session& session) {
  const std::string_view sql =
      session.dialect() == Dialect::sqlite
          ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
          : "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = 'schema_migrations'";
  auto rows = session.query(sql);
  if (!rows) return tl::unexpected(rows.error());
  return rows->at(0).i64(0) > 0;
}

Result<int> current_version(Session& session) {
  auto exists = table_exists(session);
  if (!exists) return tl::unexpected(exists.error());
  if (!*exists) return 0;
  auto rows = session.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!rows) return tl::unexpected(rows.error());
  return static_cast<int>(rows->at(0).i64(0));
}

int latest_version(const std::vector<Migration>& migrations) {
  return migrations.empty() ? 0 : migrations.back().version;
}

Result<void> check_not_newer(int current, int latest) {
  if (current <= latest) return {};
  return fail(Errc::conflict,
              fmt::format("database schema version {} is newer than this lifeline binary (knows up "
                          "to {}); upgrade lifeline",
                          current, latest));
}

Result<void> check_order(const std::vector<Migration>& migrations) {
  int previous = 0;
  for (const auto& migration : migrations) {
    if (migration.version <= previous) {
      return fail(Errc::internal,
                  fmt::format("migration {} is out of order: versions must be positive and "
                              "strictly increasing",
                              migration.version));
    }
    previous = migration.version;
  }
  return {};
}

// Takes the lock, creates schema_migrations if needed and returns the version it records.
Result<int> prepare(Session& session, int latest) {
  if (auto ok = lock_migrations(session); !ok) return tl::unexpected(ok.error());
  if (auto created = session.execute(kCreateTable); !created) {
    return tl::unexpected(created.error());
  }
  auto current = current_version(session);
  if (!current) return current;
  if (auto ok = check_not_newer(*current, latest); !ok) return tl::unexpected(ok.error());
  return current;
}

// Applies `migration` unless another process got there first. Returns whether it ran.
Result<bool> apply(Database& db, const Migration& migration, int latest) {
  bool applied = false;
  auto outcome = db.write([&](Session& session) -> Result<void> {
    auto current = prepare(session, latest);
    if (!current) return tl::unexpected(current.error());
    if (*current >= migration.version) return {};
    if (auto ok = session.execute_script(migration.sql); !ok) return ok;
    auto recorded = session.execute(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        {std::int64_t{migration.version}, migration.name, format_iso8601(SystemClock().now())});
    if (!recorded) return tl::unexpected(recorded.error());
    applied = true;
    return {};
  });
  if (!outcome) {
    Error error = outcome.error();
    error.message = fmt::format("migration {:04}_{} failed: {}", migration.version, migration.name,
                                error.message);
    return tl::unexpected(std::move(error));
  }
  return applied;
}

}  // namespace

const std::vector<Migration>& embedded_migrations(Dialect dialect) {
  static const std::vector<Migration> sqlite = detail::load_embedded_migrations(Dialect::sqlite);
  static const std::vector<Migration> postgres =
      detail::load_embedded_migrations(Dialect::postgres);
  return dialect == Dialect::sqlite ? sqlite : postgres;
}

Result<MigrationStatus> migration_status(Database& db) {
  const int latest = latest_version(embedded_migrations(db.dialect()));
  auto current = db.read([](Session& session) { return current_version(session); });
  if (!current) return tl::unexpected(current.error());
  return MigrationStatus{*current, latest};
}

Result<MigrationStatus> migrate(Database& db, const Progress& progress) {
  return migrate(db, embedded_migrations(db.dialect()), progress);
}

Result<MigrationStatus> migrate(Database& db, const std::vector<Migration>& migrations,
                                const Progress& progress) {
  if (auto ok = check_order(migrations); !ok) return tl::unexpected(ok.error());
  const int latest = latest_version(migrations);
  auto current = db.write([&](Session& session) { return prepare(session, latest); });
  if (!current) return tl::unexpected(current.error());
  for (const auto& migration : migrations) {
    if (migration.version <= *current) continue;
    auto applied = apply(db, migration, latest);
    if (!applied) return tl::unexpected(applied.error());
    if (!*applied) continue;
    spdlog::info("applied database migration {:04}_{}", migration.version, migration.name);
    if (progress) progress(migration.version, migration.name);
  }
  return MigrationStatus{latest, latest};
}

}  // namespace lifeline::storage
