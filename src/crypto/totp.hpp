// Second factor: time-based one-time passwords (RFC 6238, as authenticator apps implement
// them: HMAC-SHA1, 6 digits, 30-second steps) and single-use recovery codes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/encoding.hpp"  // base32_encode, base32_decode

namespace lifeline::crypto {

inline constexpr int totp_digits = 6;
inline constexpr std::int64_t totp_step_seconds = 30;

// A new shared secret: 20 random bytes (the size RFC 4226 recommends for SHA-1) in base32
// without padding, 32 characters. It is a credential: store it encrypted (FieldCipher).
std::string new_totp_secret();

// The 6-digit code for `unix_time`, with leading zeros.
std::string totp_code(std::span<const std::uint8_t> secret, std::int64_t unix_time);

// Checks a code typed by the user (spaces allowed) against the steps from `window` before to
// `window` after the current one (clamped to 0-10), to absorb clock drift and typing time.
// Returns the time step (unix_time / 30) the code belongs to, or nullopt if it matches none
// or the secret is not base32. Store the returned step and refuse any later code whose step
// is not greater: that stops a code seen over someone's shoulder being used again.
std::optional<std::int64_t> totp_verify(std::string_view secret_base32, std::string_view code,
                                        std::int64_t unix_time, int window = 1);

// The otpauth:// URI that authenticator apps read from a QR code. Issuer and account are
// percent-encoded; the account should be the username, never a person's real name.
std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32);

// Single-use codes for when the authenticator is lost, formatted "xxxx-xxxx-xxxx" from 31
// characters that cannot be confused when read aloud or handwritten (no 0/o, 1/l/i): about
// 59 bits each. Show them once; store token_digest(normalise_recovery_code(code)).
std::vector<std::string> new_recovery_codes(int count = 10);

// A typed recovery code in stored form: lowercase, without dashes and whitespace.
std::string normalise_recovery_code(std::string_view code);

}  // namespace lifeline::crypto
