// One libpq connection. Used by one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"

struct pg_conn;
struct pg_result;

namespace lifeline::storage::postgres {

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& conninfo, int lock_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<Rows> query(std::string_view sql, const Params& params);
  Result<std::int64_t> execute(std::string_view sql, const Params& params);
  Result<void> execute_script(std::string_view sql);

  Result<void> begin(Access access);
  Result<void> commit();
  void rollback();
  // Fit to go back into the pool: connected, idle, not broken.
  bool healthy() const;
  // The server went away or the protocol state is unknown: discard, never reuse.
  bool broken() const { return broken_; }

 private:
  struct ResultDeleter {
    void operator()(pg_result* result) const;
  };
  using ResultPtr = std::unique_ptr<pg_result, ResultDeleter>;

  explicit Connection(pg_conn* conn) : conn_(conn) {}
  Result<ResultPtr> run(std::string_view sql, const Params& params);
  Result<ResultPtr> check(ResultPtr result);
  Error describe_failure(const pg_result* result);
  Error record(Error error);

  pg_conn* conn_;
  std::optional<Error> first_failure_;
  bool in_transaction_ = false;
  bool broken_ = false;
};

}  // namespace lifeline::storage::postgres
