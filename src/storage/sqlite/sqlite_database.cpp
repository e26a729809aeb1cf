#include "storage/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include <chrono>
#include <system_error>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "storage/pool.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/transaction.hpp"
#include "storage/values.hpp"

namespace lifeline::storage::sqlite {

namespace {

class SqliteSession final : public Session {
 public:
  explicit SqliteSession(Connection& connection) : connection_(connection) {}
  Result<Rows> query(std::string_view sql, const Params& params) override {
    return connection_.query(sql, params);
  }
  Result<std::int64_t> execute(std::string_view sql, const Params& params) override {
    return connection_.execute(sql, params);
  }
  Result<void> execute_script(std::string_view sql) override {
    return connection_.execute_script(sql);
  }
  Dialect dialect() const override { return Dialect::sqlite; }

 private:
  Connection& connection_;
};

using Pool = detail::ConnectionPool<Connection>;

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::filesystem::path file, const DatabaseOptions& options)
      : file_(std::move(file)),
        wait_limit_(options.busy_timeout_ms),
        writer_(1, factory(Role::writer, options.busy_timeout_ms)),
        readers_(options.pool_size, factory(Role::reader, options.busy_timeout_ms)) {}

  // Opens the writer now, so a bad path or a file that is not a database fails at start-up.
  Result<void> open_writer() {
    auto lease = writer_.acquire(wait_limit_);
    if (!lease) return tl::unexpected(lease.error());
    return {};
  }

  Result<void> transact(Access access, const detail::TransactionWork& work) override {
    auto lease = (access == Access::write ? writer_ : readers_).acquire(wait_limit_);
    if (!lease) return tl::unexpected(lease.error());
    Connection& connection = **lease;
    if (auto ok = connection.begin(access); !ok) return ok;
    SqliteSession session(connection);
    return detail::run_transaction(connection, session, work);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  PoolStats pool_stats() const override {
    using detail::operator+;
    return writer_.stats() + readers_.stats();
  }

  Result<void> ping() override {
    auto lease = readers_.acquire(wait_limit_);
    if (!lease) return tl::unexpected(lease.error());
    auto rows = (*lease)->query("SELECT 1", {});
    if (!rows) return tl::unexpected(rows.error());
    return {};
  }

  Result<void> backup_to(const std::filesystem::path& destination) override;

 private:
  Pool::Factory factory(Role role, int busy_timeout_ms) const {
    return [file = file_, role, busy_timeout_ms] {
      return Connection::open(file, role, busy_timeout_ms);
    };
  }

  std::filesystem::path file_;
  std::chrono::milliseconds wait_limit_;
  Pool writer_;
  Pool readers_;
};

// Copies every page into `destination` with SQLite's online backup, in one step: that step
// reads under one WAL snapshot, so the copy is a single consistent state, and since it runs on
// a reader the writer keeps committing meanwhile (copying from the writer would stall every
// write for as long as a large database takes to copy).
Result<void> copy_database(sqlite3* source, const std::filesystem::path& destination) {
  sqlite3* target = nullptr;
  const int opened = sqlite3_open_v2(destination.c_str(), &target,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> target_guard(target, sqlite3_close_v2);
  if (opened != SQLITE_OK) {
    return fail(Errc::unavailable, fmt::format("sqlite backup: {}", sqlite3_errstr(opened)));
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (backup == nullptr) {
    return fail(Errc::internal, fmt::format("sqlite backup: {}", sqlite3_errmsg(target)));
  }
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
    const int code = stepped != SQLITE_DONE ? stepped : finished;
    const Errc errc = (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED
                          ? Errc::unavailable
                          : Errc::internal;
    return fail(errc, fmt::format("sqlite backup: {}", sqlite3_errstr(code)));
  }
  return {};
}

Result<void> SqliteDatabase::backup_to(const std::filesystem::path& destination) {
  if (auto created = detail::create_private_file(destination); !created) return created;
  auto copied = [&]() -> Result<void> {
    auto lease = readers_.acquire(wait_limit_);
    if (!lease) return tl::unexpected(lease.error());
    return copy_database((*lease)->handle(), destination);
  }();
  if (!copied) {
    std::error_code ignored;
    std::filesystem::remove(destination, ignored);  // never leave a half-written copy behind
  }
  return copied;
}

// Makes sure the directory exists and that a new database file starts private: SQLite gives
// its -wal and -shm files the same permissions as the database file.
Result<void> prepare_file(const std::filesystem::path& file) {
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  if (error) {
    return fail(Errc::unavailable, fmt::format("cannot create the directory of {}: {}",
                                               file.string(), error.message()));
  }
  if (std::filesystem::exists(file, error)) return {};
  auto created = detail::create_private_file(file);
  if (!created && created.error().code == Errc::conflict) return {};  // created concurrently
  return created;
}

}  // namespace

Result<std::unique_ptr<Database>> open_database(const std::filesystem::path& file,
                                                const DatabaseOptions& options) {
  if (file.empty()) return fail(Errc::invalid_argument, "the SQLite URL has no path: sqlite:PATH");
  if (file == ":memory:") {
    return fail(Errc::invalid_argument,
                "in-memory SQLite is not supported (each connection would see its own database)");
  }
  std::error_code error;
  const auto absolute = std::filesystem::absolute(file, error);
  if (error) return fail(Errc::invalid_argument, "cannot resolve the SQLite database path");
  if (auto ok = prepare_file(absolute); !ok) return tl::unexpected(ok.error());
  auto database = std::make_unique<SqliteDatabase>(absolute, options);
  if (auto ok = database->open_writer(); !ok) return tl::unexpected(ok.error());
  spdlog::info("opened SQLite database {}", absolute.string());
  return database;
}

}  // namespace lifeline::storage::sqlite
