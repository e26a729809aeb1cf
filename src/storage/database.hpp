// The one database interface. Two implementations: SQLite (embedded default) and PostgreSQL.
// The same SQL text with $1, $2 ... parameters runs on both; values are always bound, never
// spliced into SQL.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace lifeline::storage {

using Bytes = std::vector<std::uint8_t>;
using Null = std::monostate;
// A bound parameter or a column value. Integers are 64-bit; booleans are stored as 0/1.
using Value = std::variant<Null, std::int64_t, double, std::string, Bytes>;
using Params = std::vector<Value>;

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t column) const;
  // Typed accessors; each fails an invariant (throws std::logic_error) on a type mismatch,
  // since that means the SQL and the code disagree. Numbers cross over where the dialects
  // differ but the value is exact: f64() accepts an integer, and i64() a whole-number real
  // (PostgreSQL's SUM() of integers is numeric, SQLite's is an integer).
  std::int64_t i64(std::size_t column) const;
  double f64(std::size_t column) const;
  const std::string& text(std::size_t column) const;
  const Bytes& bytes(std::size_t column) const;
  std::optional<std::int64_t> opt_i64(std::size_t column) const;
  std::optional<std::string> opt_text(std::size_t column) const;
  const Value& value(std::size_t column) const { return values_.at(column); }

 private:
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

enum class Dialect { sqlite, postgres };

// A connection inside one transaction. Valid only during Database::transact's callback.
// Parameters are $1 ... $N, each used at least once (SQLite refuses a statement that leaves
// one out); text must be UTF-8 without NUL characters (Errc::invalid_argument otherwise).
class Session {
 public:
  virtual ~Session() = default;
  virtual Result<Rows> query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement and returns the number of rows it changed.
  virtual Result<std::int64_t> execute(std::string_view sql, const Params& params = {}) = 0;
  // Runs several ;-separated statements without parameters (migrations only).
  virtual Result<void> execute_script(std::string_view sql) = 0;
  virtual Dialect dialect() const = 0;
};

enum class Access { read, write };

struct PoolStats {
  int size = 0;            // connections open (SQLite: readers plus the writer)
  int in_use = 0;          // connections lent out right now
  std::int64_t waits = 0;  // times a caller had to wait for a connection
};

struct DatabaseOptions {
  // "sqlite:PATH" or "postgresql://user@host:port/db?..." (also "postgres://").
  std::string url;
  int pool_size = 4;  // readers for SQLite; connections for PostgreSQL
  // How long to wait for a lock (SQLite) or for a free pooled connection before giving up
  // with Errc::unavailable.
  int busy_timeout_ms = 5000;
};

class Database {
 public:
  virtual ~Database() = default;

  // Runs `work` in one transaction: committed when it returns a value, rolled back when it
  // returns an error or throws. Write transactions on SQLite go through the single writer
  // connection with BEGIN IMMEDIATE. Locked/unreachable database -> Errc::unavailable.
  // Both backends behave like PostgreSQL after a failed statement: the transaction is spoiled,
  // later statements fail, and if `work` still returns a value the first error is returned and
  // nothing is committed (use ON CONFLICT ... DO NOTHING rather than catching a conflict).
  // Nested transact() on one thread is not supported: it may wait for the connection the
  // outer transaction holds.
  virtual Result<void> transact(Access access,
                                const std::function<Result<void>(Session&)>& work) = 0;

  virtual Dialect dialect() const = 0;
  virtual PoolStats pool_stats() const = 0;
  // A cheap round trip, for readiness checks.
  virtual Result<void> ping() = 0;
  // A consistent online copy: SQLite backup API, or pg_dump for PostgreSQL.
  virtual Result<void> backup_to(const std::filesystem::path& destination) = 0;

  // Typed conveniences over transact().
  template <class F>
  auto read(F&& work) -> decltype(work(std::declval<Session&>())) {
    return run<decltype(work(std::declval<Session&>()))>(Access::read, std::forward<F>(work));
  }
  template <class F>
  auto write(F&& work) -> decltype(work(std::declval<Session&>())) {
    return run<decltype(work(std::declval<Session&>()))>(Access::write, std::forward<F>(work));
  }

 private:
  template <class R, class F>
  R run(Access access, F&& work) {
    using T = typename R::value_type;
    if constexpr (std::is_void_v<T>) {
      return transact(access, std::forward<F>(work));
    } else {
      std::optional<T> out;
      auto status = transact(access, [&](Session& s) -> Result<void> {
        auto r = work(s);
        if (!r) return tl::unexpected(r.error());
        out.emplace(std::move(*r));
        return {};
      });
      if (!status) return tl::unexpected(status.error());
      return std::move(*out);
    }
  }
};

Result<std::unique_ptr<Database>> open_database(const DatabaseOptions& options);

// Migrations are embedded in the binary from sql/migrations/<dialect>/NNNN_name.sql.
struct MigrationStatus {
  int current = 0;  // highest applied version in the database
  int latest = 0;   // highest version this binary knows
};
Result<MigrationStatus> migration_status(Database& db);
// Applies every pending migration, each in its own transaction, recorded in
// schema_migrations. Refuses (Errc::conflict) when the database is newer than the binary.
Result<MigrationStatus> migrate(Database& db,
                                const std::function<void(int, std::string_view)>& progress = {});

// One schema change, as embedded from sql/migrations/<dialect>/NNNN_name.sql.
struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};
// The migrations compiled into this binary for `dialect`, in ascending version order.
const std::vector<Migration>& embedded_migrations(Dialect dialect);
// As above with an explicit list (ascending, unique, positive versions), e.g. for tests.
Result<MigrationStatus> migrate(Database& db, const std::vector<Migration>& migrations,
                                const std::function<void(int, std::string_view)>& progress = {});

}  // namespace lifeline::storage
