#include "app/key_rotation.hpp"

#include <array>
#include <thread>

#include <fmt/format.h>

#include "app/key_check.hpp"
#include "audit/audit_trail.hpp"
#include "crypto/field_cipher.hpp"

namespace lifeline::app {
namespace {

// Every column the field cipher seals, with the table's id as the row id of its context.
constexpr std::array<EncryptedColumn, 15> kEncryptedColumns = {
    {{"users", "totp_secret"},
     {"nrm_identities", "given_name"},
     {"nrm_identities", "family_name"},
     {"nrm_identities", "date_of_birth"},
     {"nrm_case_events", "note"},
     {"nrm_services", "lawful_ground"},
     {"nrm_tasks", "title"},
     {"hotline_contacts", "what"},
     {"hotline_contacts", "where_text"},
     {"hotline_contacts", "when_text"},
     {"hotline_contacts", "contact"},
     {"hotline_contacts", "notes"},
     {"hotline_messages", "body"},
     {"hotline_tips", "content"},
     {"hotline_attachments", "content"}}};
constexpr int kBatchSize = 200;

// Table and column names come only from kEncryptedColumns, never from input.
std::string select_batch_sql(const EncryptedColumn& c) {
  return fmt::format(
      "SELECT id, {1} FROM {0} WHERE {1} IS NOT NULL AND id > $1 ORDER BY id LIMIT {2}", c.table,
      c.column, kBatchSize);
}

// Compare-and-swap: a value changed meanwhile by a running server is left for the next pass.
std::string update_sql(const EncryptedColumn& c) {
  return fmt::format("UPDATE {0} SET {1} = $2 WHERE id = $1 AND {1} = $3", c.table, c.column);
}

Result<std::int64_t> reencrypt_batch(storage::Session& s, const EncryptedColumn& column,
                                     const crypto::FieldCipher& cipher, std::uint32_t current,
                                     std::int64_t& after_id, bool& more) {
  auto rows = s.query(select_batch_sql(column), {after_id});
  if (!rows) return tl::unexpected(rows.error());
  more = static_cast<int>(rows->size()) == kBatchSize;
  std::int64_t changed = 0;
  for (const auto& row : *rows) {
    after_id = row.i64(0);
    const auto& sealed = row.bytes(1);
    if (crypto::FieldCipher::key_id_of(sealed) == current) continue;
    const crypto::FieldContext context{column.table, column.column, row.i64(0)};
    auto resealed = cipher.reencrypt(sealed, context);
    if (!resealed) return tl::unexpected(resealed.error());
    auto updated =
        s.execute(update_sql(column),
                  {row.i64(0), storage::Bytes(resealed->begin(), resealed->end()), sealed});
    if (!updated) return tl::unexpected(updated.error());
    changed += *updated;
  }
  return changed;
}

}  // namespace

std::span<const EncryptedColumn> encrypted_columns() {
  return kEncryptedColumns;
}

Result<RotationResult> rotate_field_key(
    Environment& env, std::chrono::milliseconds settle,
    const std::function<void(const RotationProgress&)>& progress) {
  RotationResult result;
  if (!env.config.keys_text.empty()) {
    return fail(Errc::conflict,
                "the keys come from LIFELINE_SECURITY_KEYS: rotate them in a key file (lifeline "
                "keys rotate with security.key_file), then give every server the new text");
  }
  auto new_id = env.keys->rotate(env.config.key_file);
  if (!new_id) return tl::unexpected(new_id.error());
  result.new_key_id = *new_id;
  if (auto recorded = record_key_checks(*env.database, *env.keys); !recorded) {
    return tl::unexpected(recorded.error());
  }
  std::this_thread::sleep_for(settle);
  const crypto::FieldCipher cipher(*env.keys);
  for (const auto& column : kEncryptedColumns) {
    std::int64_t after_id = 0;
    bool more = true;
    while (more) {
      auto batch = env.database->write([&](storage::Session& s) {
        return reencrypt_batch(s, column, cipher, result.new_key_id, after_id, more);
      });
      if (!batch) return tl::unexpected(batch.error());
      result.fields_reencrypted += *batch;
      if (progress) progress({column.table, result.fields_reencrypted});
    }
  }
  auto audited = env.database->write([&](storage::Session& s) {
    return audit::append(s,
                         {std::nullopt, std::nullopt, "keys.rotate", "field_key",
                          std::to_string(result.new_key_id), "success"},
                         env.clock.now());
  });
  if (!audited) return tl::unexpected(audited.error());
  return result;
}

}  // namespace lifeline::app
