#include "storage/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <climits>
#include <cstring>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "storage/values.hpp"

namespace lifeline::storage::sqlite {

namespace {

// SQL texts are constants of the code, so the cache stays small; the cap only guards against
// a caller that builds SQL text dynamically.
constexpr std::size_t kMaxCachedStatements = 512;

Error sqlite_error(int code, std::string_view text) {
  const std::string message = fmt::format("sqlite: {}", text);
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      return Error{Errc::unavailable, message, {}, {}};
    case SQLITE_CONSTRAINT:
      if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Error{Errc::conflict, message, {}, {}};
      }
      return Error{Errc::invalid_argument, message, {}, {}};
    case SQLITE_MISMATCH:  // a value of the wrong type for the column, like PostgreSQL's 22xxx
    case SQLITE_TOOBIG:
      return Error{Errc::invalid_argument, message, {}, {}};
    default:
      return Error{Errc::internal, message, {}, {}};
  }
}

Error connection_error(sqlite3* db, int code) {
  return sqlite_error(code, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

// Resets a statement taken from the cache when a call is done with it, so it holds no read
// snapshot and no pointers into the caller's parameters (bound with SQLITE_STATIC).
class StatementReset {
 public:
  explicit StatementReset(sqlite3_stmt* statement) : statement_(statement) {}
  ~StatementReset() {
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  StatementReset(const StatementReset&) = delete;
  StatementReset& operator=(const StatementReset&) = delete;

 private:
  sqlite3_stmt* statement_;
};

Result<void> bind_value(sqlite3_stmt* statement, int index, const Value& value,
                        std::size_t number) {
  struct Binder {
    sqlite3_stmt* statement;
    int index;
    std::size_t number;
    Result<int> operator()(const Null&) const { return sqlite3_bind_null(statement, index); }
    Result<int> operator()(std::int64_t v) const { return sqlite3_bind_int64(statement, index, v); }
    Result<int> operator()(double v) const { return sqlite3_bind_double(statement, index, v); }
    Result<int> operator()(const std::string& v) const {
      if (auto ok = detail::check_text_parameter(v, number); !ok) return tl::unexpected(ok.error());
      return sqlite3_bind_text64(statement, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    Result<int> operator()(const Bytes& v) const {
      // A null pointer would bind NULL, not an empty blob.
      if (v.empty()) return sqlite3_bind_zeroblob(statement, index, 0);
      return sqlite3_bind_blob64(statement, index, v.data(), v.size(), SQLITE_STATIC);
    }
  };
  auto rc = std::visit(Binder{statement, index, number}, value);
  if (!rc) return tl::unexpected(rc.error());
  if (*rc != SQLITE_OK) return tl::unexpected(connection_error(sqlite3_db_handle(statement), *rc));
  return {};
}

// SQLite takes "$1" as a named parameter and numbers parameters by first appearance, so each
// "$N" is looked up by name: "$2 ... $1 ... $1" binds like PostgreSQL.
Result<void> bind_parameters(sqlite3_stmt* statement, const Params& params) {
  const int expected = sqlite3_bind_parameter_count(statement);
  if (expected != static_cast<int>(params.size())) {
    return fail(Errc::internal, fmt::format("the statement uses {} parameter(s) but {} were given",
                                            expected, params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string name = fmt::format("${}", i + 1);
    const int index = sqlite3_bind_parameter_index(statement, name.c_str());
    if (index == 0) {
      return fail(Errc::internal, fmt::format("the statement does not use parameter {}", name));
    }
    if (auto ok = bind_value(statement, index, params[i], i + 1); !ok) return ok;
  }
  return {};
}

Value column_value(sqlite3_stmt* statement, int column) {
  switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
      return std::int64_t{sqlite3_column_int64(statement, column)};
    case SQLITE_FLOAT:
      return sqlite3_column_double(statement, column);
    case SQLITE_TEXT: {
      const auto* text = sqlite3_column_text(statement, column);  // before _bytes, as documented
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      if (text == nullptr) return std::string();
      return std::string(reinterpret_cast<const char*>(text), size);
    }
    case SQLITE_BLOB: {
      const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(statement, column));
      if (data == nullptr) return Bytes();
      return Bytes(data, data + size);
    }
    default:
      return Null{};
  }
}

Row read_row(sqlite3_stmt* statement) {
  const int columns = sqlite3_column_count(statement);
  std::vector<Value> values;
  values.reserve(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) values.push_back(column_value(statement, c));
  return Row(std::move(values));
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n;") == std::string_view::npos;
}

}  // namespace

void Connection::StatementDeleter::operator()(sqlite3_stmt* statement) const {
  sqlite3_finalize(statement);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::filesystem::path& file, Role role,
                                                     int busy_timeout_ms) {
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (role == Role::writer) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  // The handle exists even when opening failed and must be closed either way.
  std::unique_ptr<Connection> connection(new Connection(db));
  if (rc != SQLITE_OK) return tl::unexpected(connection_error(db, rc));
  if (auto ok = connection->configure(role, busy_timeout_ms); !ok) {
    return tl::unexpected(ok.error());
  }
  return connection;
}

Result<void> Connection::configure(Role role, int busy_timeout_ms) {
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // Refuse SQL that could corrupt the file (writable_schema and the like).
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  if (role == Role::writer) {
    auto mode = query("PRAGMA journal_mode=WAL", {});
    if (!mode) return tl::unexpected(mode.error());
    if (mode->empty() || mode->front().value(0) != Value(std::string("wal"))) {
      return fail(Errc::internal, "sqlite: the database could not be switched to WAL mode");
    }
  }
  // synchronous=FULL: WAL with NORMAL already survives a killed process, but may lose the last
  // commits on power loss; a record the user was told is saved must survive that too, and one
  // fsync per commit is cheap at this system's write rate.
  const char* pragmas =
      role == Role::writer
          ? "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
          : "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA query_only=ON;";
  return execute_script(pragmas);
}

Connection::~Connection() {
  statements_.clear();  // finalize before closing
  sqlite3_close_v2(db_);
}

Result<sqlite3_stmt*> Connection::prepare(std::string_view sql) {
  if (auto found = statements_.find(sql); found != statements_.end()) return found->second.get();
  if (sql.size() >= INT_MAX) return fail(Errc::invalid_argument, "SQL text too long");
  if (statements_.size() >= kMaxCachedStatements) statements_.clear();
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, &tail);
  StatementPtr statement(raw);
  if (rc != SQLITE_OK) return tl::unexpected(connection_error(db_, rc));
  if (!statement) return fail(Errc::internal, "sqlite: the SQL text holds no statement");
  const auto consumed = static_cast<std::size_t>(tail - sql.data());
  if (auto ok = reject_second_statement(sql.substr(consumed)); !ok) {
    return tl::unexpected(ok.error());
  }
  auto* result = statement.get();
  statements_.emplace(std::string(sql), std::move(statement));
  return result;
}

// sqlite3_prepare compiles only the first statement; a second one would be silently ignored,
// whereas PostgreSQL refuses it. Refuse it here too.
Result<void> Connection::reject_second_statement(std::string_view rest) {
  if (is_blank(rest)) return {};
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(db_, rest.data(), static_cast<int>(rest.size()), &raw, nullptr);
  StatementPtr second(raw);
  if (rc != SQLITE_OK) return tl::unexpected(connection_error(db_, rc));
  if (second) {
    return fail(Errc::internal, "sqlite: only one statement per call; use execute_script");
  }
  return {};  // only comments follow
}

Result<void> Connection::step_all(sqlite3_stmt* statement, Rows* rows) {
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_DONE) return {};
    if (rc != SQLITE_ROW) return tl::unexpected(connection_error(db_, rc));
    if (rows != nullptr) rows->push_back(read_row(statement));
  }
}

Result<void> Connection::run(std::string_view sql, const Params& params, Rows* rows) {
  if (auto ok = check_not_spoiled(); !ok) return ok;
  auto statement = prepare(sql);
  if (!statement) return tl::unexpected(record(statement.error()));
  StatementReset reset(*statement);
  if (auto ok = bind_parameters(*statement, params); !ok) return tl::unexpected(record(ok.error()));
  if (auto ok = step_all(*statement, rows); !ok) return tl::unexpected(record(ok.error()));
  return {};
}

Result<Rows> Connection::query(std::string_view sql, const Params& params) {
  Rows rows;
  if (auto ok = run(sql, params, &rows); !ok) return tl::unexpected(ok.error());
  return rows;
}

Result<std::int64_t> Connection::execute(std::string_view sql, const Params& params) {
  // sqlite3_changes() keeps the count of the last INSERT/UPDATE/DELETE, so it is only read
  // when this statement changed something; triggers' changes are not counted, as in PostgreSQL.
  const auto before = sqlite3_total_changes64(db_);
  if (auto ok = run(sql, params, nullptr); !ok) return tl::unexpected(ok.error());
  return sqlite3_total_changes64(db_) == before ? 0 : sqlite3_changes64(db_);
}

Result<void> Connection::execute_script(std::string_view sql) {
  if (auto ok = check_not_spoiled(); !ok) return ok;
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  Error error = sqlite_error(sqlite3_extended_errcode(db_), message != nullptr ? message : "");
  sqlite3_free(message);
  return tl::unexpected(record(std::move(error)));
}

Result<void> Connection::begin(Access access) {
  first_failure_.reset();
  // IMMEDIATE takes the write lock up front, so a write transaction never fails half-way
  // with SQLITE_BUSY when it tries to upgrade a read lock.
  auto ok = run(access == Access::write ? "BEGIN IMMEDIATE" : "BEGIN", {}, nullptr);
  in_transaction_ = ok.has_value();
  return ok;
}

Result<void> Connection::commit() {
  if (first_failure_) {
    Error error = *first_failure_;
    rollback();
    return tl::unexpected(std::move(error));
  }
  if (sqlite3_get_autocommit(db_) != 0) {
    in_transaction_ = false;
    return fail(Errc::internal, "sqlite: the transaction ended before its commit");
  }
  if (auto ok = run("COMMIT", {}, nullptr); !ok) {
    rollback();
    return ok;
  }
  in_transaction_ = false;
  return {};
}

void Connection::rollback() {
  first_failure_.reset();
  in_transaction_ = false;
  if (sqlite3_get_autocommit(db_) != 0) return;  // SQLite already rolled back after an error
  if (auto ok = run("ROLLBACK", {}, nullptr); !ok) {
    broken_ = true;  // still inside a transaction: the pool must not hand this out again
    spdlog::error("sqlite: rollback failed: {}", ok.error().message);
  }
}

bool Connection::healthy() const {
  return !broken_ && sqlite3_get_autocommit(db_) != 0;
}

Error Connection::record(Error error) {
  if (in_transaction_ && !first_failure_) first_failure_ = error;
  return error;
}

// After a failure SQLite may have rolled the whole transaction back by itself (disk full,
// I/O error); running on would then commit each later statement alone.
Result<void> Connection::check_not_spoiled() const {
  if (first_failure_) {
    return fail(Errc::internal,
                "the transaction failed at an earlier statement; return that error instead of "
                "continuing");
  }
  if (in_transaction_ && sqlite3_get_autocommit(db_) != 0) {
    return fail(Errc::internal, "sqlite: the transaction ended before its commit");
  }
  return {};
}

}  // namespace lifeline::storage::sqlite
