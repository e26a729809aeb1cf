#include "app/key_check.hpp"

#include <fmt/format.h>

#include "crypto/field_cipher.hpp"

namespace lifeline::app {
namespace {

constexpr std::string_view kCheckValue = "lifeline key check";
constexpr std::string_view kSelectChecks = "SELECT key_id, sealed FROM key_checks ORDER BY key_id";
constexpr std::string_view kSelectCheck = "SELECT key_id FROM key_checks WHERE key_id = $1";
constexpr std::string_view kInsertCheck = "INSERT INTO key_checks (key_id, sealed) VALUES ($1, $2)";
constexpr std::string_view kCountChecks = "SELECT count(*) FROM key_checks";

crypto::FieldContext check_context(std::int64_t key_id) {
  return {"key_checks", "sealed", key_id};
}

}  // namespace

Result<bool> has_key_checks(storage::Database& db) {
  auto rows = db.read([](storage::Session& s) { return s.query(kCountChecks); });
  if (!rows) return tl::unexpected(rows.error());
  return rows->front().i64(0) > 0;
}

Result<void> record_key_checks(storage::Database& db, const crypto::KeyStore& keys) {
  const crypto::FieldCipher cipher(keys);
  return db.write([&](storage::Session& s) -> Result<void> {
    const std::int64_t key_id = keys.current_field_key_id();
    auto rows = s.query(kSelectCheck, {key_id});
    if (!rows) return tl::unexpected(rows.error());
    if (!rows->empty()) return {};
    auto sealed = cipher.encrypt(kCheckValue, check_context(key_id));
    if (!sealed) return tl::unexpected(sealed.error());
    auto inserted =
        s.execute(kInsertCheck, {key_id, storage::Bytes(sealed->begin(), sealed->end())});
    if (!inserted) return tl::unexpected(inserted.error());
    return {};
  });
}

Result<void> verify_key_checks(storage::Database& db, const crypto::KeyStore& keys) {
  const crypto::FieldCipher cipher(keys);
  auto rows = db.read([](storage::Session& s) { return s.query(kSelectChecks); });
  if (!rows) return tl::unexpected(rows.error());
  for (const auto& row : *rows) {
    auto opened = cipher.decrypt(row.bytes(1), check_context(row.i64(0)));
    if (!opened || *opened != kCheckValue) {
      return fail(
          Errc::forbidden,
          fmt::format("the key file does not match this database (key {} {}): use the key "
                      "file that was created with this database, restored from backup",
                      row.i64(0), opened ? "gives the wrong value" : "is missing or wrong"));
    }
  }
  return {};
}

}  // namespace lifeline::app
