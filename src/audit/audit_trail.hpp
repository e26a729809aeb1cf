// The append-only, hash-chained audit trail. Entries are written in the same transaction as
// the change they record, so an entry exists exactly when its change does.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_entry.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "storage/database.hpp"

namespace lifeline::audit {

// Appends `entry` inside the caller's write transaction.
Result<void> append(storage::Session& session, const AuditEntry& entry, UnixSeconds at);

// Which entries to read; empty fields match any.
struct AuditQuery {
  std::string object_type;
  std::string object_id;
  std::optional<std::int64_t> actor_id;
  std::int64_t after_id = 0;  // entries after this one, oldest first
  int limit = 50;
};

struct StoredAuditEntry {
  std::int64_t id = 0;
  UnixSeconds at = 0;
  AuditEntry entry;
};

// Entries matching `query`, in the order they were written.
Result<std::vector<StoredAuditEntry>> list(storage::Database& db, const AuditQuery& query);

struct Verification {
  std::int64_t entries_checked = 0;
  std::optional<std::int64_t> first_broken_id;  // empty when the whole chain verifies
  std::string problem;                          // what is wrong with the first broken entry
};

// Recomputes every entry's hash in id order and compares it with the stored chain.
Result<Verification> verify(storage::Database& db,
                            const std::function<void(std::int64_t checked)>& progress = {});

}  // namespace lifeline::audit
