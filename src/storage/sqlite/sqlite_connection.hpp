// One SQLite connection with its prepared-statement cache. Used by one thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lifeline::storage::sqlite {

enum class Role { writer, reader };

class Connection {
 public:
  // The writer creates the file and switches it to WAL; readers refuse to write.
  static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& file, Role role,
                                                  int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<Rows> query(std::string_view sql, const Params& params);
  Result<std::int64_t> execute(std::string_view sql, const Params& params);
  Result<void> execute_script(std::string_view sql);

  Result<void> begin(Access access);
  Result<void> commit();
  void rollback();
  // Fit to go back into the pool: not inside a transaction, not broken.
  bool healthy() const;
  sqlite3* handle() const { return db_; }

 private:
  struct StatementDeleter {
    void operator()(sqlite3_stmt* statement) const;
  };
  using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  explicit Connection(sqlite3* db) : db_(db) {}
  Result<void> configure(Role role, int busy_timeout_ms);
  Result<sqlite3_stmt*> prepare(std::string_view sql);
  Result<void> reject_second_statement(std::string_view rest);
  // Runs `sql` to completion, appending result rows to `rows` when given.
  Result<void> run(std::string_view sql, const Params& params, Rows* rows);
  Result<void> step_all(sqlite3_stmt* statement, Rows* rows);
  // Remembers the first failure inside a transaction (see Database::transact).
  Error record(Error error);
  Result<void> check_not_spoiled() const;

  sqlite3* db_;
  std::unordered_map<std::string, StatementPtr, TextHash, std::equal_to<>> statements_;
  std::optional<Error> first_failure_;
  bool in_transaction_ = false;  // between a successful begin() and commit()/rollback()
  bool broken_ = false;
};

}  // namespace lifeline::storage::sqlite
