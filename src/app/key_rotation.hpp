// `lifeline keys rotate`: a new field key becomes current and every encrypted field is
// re-encrypted under it, in small batches so a running server is never blocked for long.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string_view>

#include "app/environment.hpp"
#include "crypto/field_cipher.hpp"

namespace lifeline::app {

// Every column that holds field-encrypted data. A new encrypted column must be added here,
// or rotation would leave it under the old key.
struct EncryptedColumn {
  std::string_view table;
  std::string_view column;
};
std::span<const EncryptedColumn> encrypted_columns();

struct RotationProgress {
  std::string_view table;
  std::int64_t fields_reencrypted = 0;
};

struct RotationResult {
  std::uint32_t new_key_id = 0;
  std::int64_t fields_reencrypted = 0;
};

// Running servers re-read the key file within FieldCipher::default_refresh_interval; waiting
// twice that before re-encrypting means none still writes with the old key behind the pass.
inline constexpr std::chrono::seconds kServerSettleTime =
    2 * crypto::FieldCipher::default_refresh_interval;

// `settle` is how long to wait between making the new key current and re-encrypting: zero
// when no server is running.
Result<RotationResult> rotate_field_key(
    Environment& env, std::chrono::milliseconds settle,
    const std::function<void(const RotationProgress&)>& progress);

}  // namespace lifeline::app
