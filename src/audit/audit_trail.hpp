// The append-only, hash-chained audit trail. Entries are written in the same transaction as
// the change they record, so an entry exists exactly when its change does.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "audit/audit_entry.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/database.hpp"

namespace lifeline::audit {

// Appends `entry` inside the caller's write transaction.
Result<void> append(storage::Session& session, const AuditEntry& entry, UnixSeconds at);

struct Verification {
  std::int64_t entries_checked = 0;
  std::optional<std::int64_t> first_broken_id;  // empty when the whole chain verifies
  std::string problem;                          // what is wrong with the first broken entry
};

// Recomputes every entry's hash in id order and compares it with the stored chain.
Result<Verification> verify(storage::Database& db,
                            const std::function<void(std::int64_t checked)>& progress = {});

}  // namespace lifeline::audit
