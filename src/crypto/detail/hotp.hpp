// HOTP (RFC 4226) with a configurable number of digits, under the 6-digit TOTP interface so
// tests can check the published 8-digit vectors of RFC 6238.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace lifeline::crypto::detail {

// HMAC-SHA1 of the big-endian counter, dynamically truncated to `digits` (1-9) digits.
std::string hotp(std::span<const std::uint8_t> secret, std::uint64_t counter, int digits);

// TOTP time step for a Unix time: floor(unix_time / 30).
std::int64_t totp_step(std::int64_t unix_time);

std::string totp_code(std::span<const std::uint8_t> secret, std::int64_t unix_time, int digits);

}  // namespace lifeline::crypto::detail
