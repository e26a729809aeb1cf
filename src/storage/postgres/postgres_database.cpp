#include "storage/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <chrono>

#include <spdlog/spdlog.h>

#include "storage/pool.hpp"
#include "storage/postgres/pg_dump.hpp"
#include "storage/postgres/postgres_connection.hpp"
#include "storage/transaction.hpp"

namespace lifeline::storage::postgres {

namespace {

class PostgresSession final : public Session {
 public:
  explicit PostgresSession(Connection& connection) : connection_(connection) {}
  Result<Rows> query(std::string_view sql, const Params& params) override {
    return connection_.query(sql, params);
  }
  Result<std::int64_t> execute(std::string_view sql, const Params& params) override {
    return connection_.execute(sql, params);
  }
  Result<void> execute_script(std::string_view sql) override {
    return connection_.execute_script(sql);
  }
  Dialect dialect() const override { return Dialect::postgres; }

 private:
  Connection& connection_;
};

using Pool = detail::ConnectionPool<Connection>;

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const DatabaseOptions& options)
      : conninfo_(options.url),
        wait_limit_(options.busy_timeout_ms),
        pool_(options.pool_size, [conninfo = options.url, lock_timeout = options.busy_timeout_ms] {
          return Connection::open(conninfo, lock_timeout);
        }) {}

  Result<void> connect_first() {
    auto lease = pool_.acquire(wait_limit_);
    if (!lease) return tl::unexpected(lease.error());
    return {};
  }

  Result<void> transact(Access access, const detail::TransactionWork& work) override {
    auto lease = acquire_live([access](Connection& c) { return c.begin(access); });
    if (!lease) return tl::unexpected(lease.error());
    PostgresSession session(**lease);
    return detail::run_transaction(**lease, session, work);
  }

  Dialect dialect() const override { return Dialect::postgres; }
  PoolStats pool_stats() const override { return pool_.stats(); }

  Result<void> ping() override {
    auto lease = acquire_live([](Connection& c) -> Result<void> {
      auto rows = c.query("SELECT 1", {});
      if (!rows) return tl::unexpected(rows.error());
      return {};
    });
    if (!lease) return tl::unexpected(lease.error());
    return {};
  }

  Result<void> backup_to(const std::filesystem::path& destination) override {
    return run_pg_dump(conninfo_, destination);
  }

 private:
  // Lends a connection on which `first_step` succeeded. Idle connections may have been cut
  // while they waited (server restart, failover, idle timeout); such a one is discarded and
  // the step retried on the next, which is safe because nothing has happened on it yet.
  template <class Step>
  Result<Pool::Lease> acquire_live(const Step& first_step) {
    for (;;) {
      auto lease = pool_.acquire(wait_limit_);
      if (!lease) return tl::unexpected(lease.error());
      auto ok = first_step(**lease);
      if (ok) return std::move(*lease);
      if (!(lease->reused() && (*lease)->broken())) return tl::unexpected(ok.error());
      spdlog::info("postgres: a pooled connection was lost; reconnecting");
    }
  }

  std::string conninfo_;
  std::chrono::milliseconds wait_limit_;
  Pool pool_;
};

}  // namespace

Result<void> check_url(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (error != nullptr) PQfreemem(error);  // it may quote the URL, password included
  if (options == nullptr) return fail(Errc::invalid_argument, "invalid PostgreSQL connection URL");
  PQconninfoFree(options);
  return {};
}

Result<std::unique_ptr<Database>> open_database(const DatabaseOptions& options) {
  if (auto ok = check_url(options.url); !ok) return tl::unexpected(ok.error());
  auto database = std::make_unique<PostgresDatabase>(options);
  if (auto ok = database->connect_first(); !ok) return tl::unexpected(ok.error());
  return database;
}

}  // namespace lifeline::storage::postgres
