// `lifeline keys rotate`: a new field key becomes current and every encrypted field is
// re-encrypted under it, in small batches so a running server is never blocked for long.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "app/environment.hpp"

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

Result<RotationResult> rotate_field_key(
    Environment& env, const std::function<void(const RotationProgress&)>& progress);

}  // namespace lifeline::app
