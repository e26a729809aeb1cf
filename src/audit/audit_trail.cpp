#include "audit/audit_trail.hpp"

#include <string_view>

#include <fmt/format.h>

#include "crypto/token.hpp"

namespace lifeline::audit {
namespace {

constexpr std::string_view kLockHead = "UPDATE audit_head SET last_id = last_id WHERE id = 1";
constexpr std::string_view kReadHead = "SELECT last_id, last_hash FROM audit_head WHERE id = 1";
constexpr std::string_view kInsertEntry =
    "INSERT INTO audit_log (id, at, actor_id, actor_org_id, action, object_type, object_id, "
    "outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view kMoveHead =
    "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1";
constexpr std::string_view kReadBatch =
    "SELECT id, at, actor_id, actor_org_id, action, object_type, object_id, outcome, "
    "prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000";

storage::Value optional_id(const std::optional<std::int64_t>& id) {
  if (id) return *id;
  return storage::Null{};
}

std::string optional_text(const std::optional<std::int64_t>& id) {
  return id ? std::to_string(*id) : std::string{};
}

// The canonical text an entry's hash covers. Unit separators keep fields from running into
// each other, so no two different entries share a text.
std::string entry_hash(std::int64_t id, UnixSeconds at, const AuditEntry& entry,
                       std::string_view prev_hash) {
  const auto text =
      fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", id, at,
                  optional_text(entry.actor_id), optional_text(entry.actor_org_id), entry.action,
                  entry.object_type, entry.object_id, entry.outcome, prev_hash);
  return crypto::token_digest(text);
}

}  // namespace

Result<void> append(storage::Session& session, const AuditEntry& entry, UnixSeconds at) {
  // Taking the head row's write lock first serialises appenders on PostgreSQL.
  if (auto locked = session.execute(kLockHead); !locked) return tl::unexpected(locked.error());
  auto head = session.query(kReadHead);
  if (!head) return tl::unexpected(head.error());
  if (head->size() != 1) return fail(Errc::internal, "audit_head row is missing");
  const auto id = head->front().i64(0) + 1;
  const auto prev_hash = head->front().text(1);
  const auto hash = entry_hash(id, at, entry, prev_hash);
  auto inserted = session.execute(
      kInsertEntry,
      {id, at, optional_id(entry.actor_id), optional_id(entry.actor_org_id), entry.action,
       entry.object_type, entry.object_id, entry.outcome, prev_hash, hash});
  if (!inserted) return tl::unexpected(inserted.error());
  auto moved = session.execute(kMoveHead, {id, hash});
  if (!moved) return tl::unexpected(moved.error());
  return {};
}

namespace {

struct ChainCursor {
  std::int64_t last_id = 0;
  std::string last_hash;
};

// Checks one stored row against the chain so far; returns the problem, or empty when fine.
std::string check_row(const storage::Row& row, const ChainCursor& cursor) {
  const auto id = row.i64(0);
  if (id != cursor.last_id + 1)
    return fmt::format("expected entry {} next, found {}", cursor.last_id + 1, id);
  if (row.text(8) != cursor.last_hash) return "previous-hash link does not match the entry before";
  AuditEntry entry{row.opt_i64(2), row.opt_i64(3), row.text(4),
                   row.text(5),    row.text(6),    row.text(7)};
  if (entry_hash(id, row.i64(1), entry, row.text(8)) != row.text(9)) {
    return "stored hash does not match the entry's contents";
  }
  return {};
}

}  // namespace

Result<std::vector<StoredAuditEntry>> list(storage::Database& db, const AuditQuery& query) {
  // An empty text or zero stands for "any".
  constexpr std::string_view kList =
      "SELECT id, at, actor_id, actor_org_id, action, object_type, object_id, outcome "
      "FROM audit_log WHERE id > $1 AND ($2 = '' OR object_type = $2) "
      "AND ($3 = '' OR object_id = $3) AND ($4 = 0 OR actor_id = $4) ORDER BY id LIMIT $5";
  auto rows = db.read([&](storage::Session& s) {
    return s.query(kList, {query.after_id, query.object_type, query.object_id,
                           query.actor_id.value_or(0), std::int64_t{query.limit}});
  });
  if (!rows) return tl::unexpected(rows.error());
  std::vector<StoredAuditEntry> entries;
  entries.reserve(rows->size());
  for (const auto& row : *rows) {
    entries.push_back({row.i64(0), row.i64(1),
                       AuditEntry{row.opt_i64(2), row.opt_i64(3), row.text(4), row.text(5),
                                  row.text(6), row.text(7)}});
  }
  return entries;
}

Result<Verification> verify(storage::Database& db,
                            const std::function<void(std::int64_t)>& progress) {
  Verification result;
  ChainCursor cursor;
  for (;;) {
    auto batch =
        db.read([&](storage::Session& s) { return s.query(kReadBatch, {cursor.last_id}); });
    if (!batch) return tl::unexpected(batch.error());
    if (batch->empty()) break;
    for (const auto& row : *batch) {
      if (auto problem = check_row(row, cursor); !problem.empty()) {
        result.first_broken_id = row.i64(0);
        result.problem = std::move(problem);
        return result;
      }
      cursor = {row.i64(0), row.text(9)};
      ++result.entries_checked;
    }
    if (progress) progress(result.entries_checked);
  }
  // A deleted tail would leave a chain that verifies; the head row remembers how far it went.
  auto head = db.read([](storage::Session& s) { return s.query(kReadHead); });
  if (!head) return tl::unexpected(head.error());
  if (!head->empty() &&
      (head->front().i64(0) != cursor.last_id || head->front().text(1) != cursor.last_hash)) {
    result.first_broken_id = cursor.last_id + 1;
    result.problem = fmt::format("the chain ends at entry {} but its head records entry {}",
                                 cursor.last_id, head->front().i64(0));
  }
  return result;
}

}  // namespace lifeline::audit
