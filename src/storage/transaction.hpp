// The part of Database::transact that both backends share.
#pragma once

#include <functional>

#include "storage/database.hpp"

namespace lifeline::storage::detail {

using TransactionWork = std::function<Result<void>(Session&)>;

// Runs `work` on a connection whose transaction has already begun, then commits. Conn provides
// commit() -> Result<void> and rollback() (which must not throw).
template <class Conn>
Result<void> run_transaction(Conn& conn, Session& session, const TransactionWork& work) {
  Result<void> outcome;
  try {
    outcome = work(session);
  } catch (...) {
    conn.rollback();
    throw;
  }
  if (!outcome) {
    conn.rollback();
    return outcome;
  }
  return conn.commit();
}

}  // namespace lifeline::storage::detail
