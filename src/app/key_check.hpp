// Proves that the key file belongs to the database: for each key a known value sealed with it
// is stored in the database. A wrong or swapped key file fails here, at start, rather than
// later on a victim's record.
#pragma once

#include "core/error.hpp"
#include "crypto/key_store.hpp"
#include "storage/database.hpp"

namespace lifeline::app {

// Stores the check for the current key when it has none yet (a new or rotated key).
Result<void> record_key_checks(storage::Database& db, const crypto::KeyStore& keys);
// Fails when a stored check is for a key the file lacks, or does not open with it.
Result<void> verify_key_checks(storage::Database& db, const crypto::KeyStore& keys);
// True when the database already holds any key check (it has encrypted data to protect).
Result<bool> has_key_checks(storage::Database& db);

}  // namespace lifeline::app
