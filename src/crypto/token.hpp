// Random tokens (sessions, CSRF, invitations) and the digests stored in their place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crypto/encoding.hpp"  // to_hex, from_hex, base64url

namespace lifeline::crypto {

// `bytes` random bytes from the operating system's secure source, as unpadded base64url
// (43 characters for the default 32 bytes, 256 bits: not guessable, safe in cookies and URLs).
std::string random_token(std::size_t bytes = 32);

// Lowercase hex of the BLAKE2b-256 digest of a token. The database stores this, never the
// token, so a copy of the database does not let anyone take over a session.
std::string token_digest(std::string_view token);

// Whether two strings are equal, taking time that depends only on their lengths, so an
// attacker timing responses learns nothing about how much of a secret they guessed right.
// Strings of different lengths are unequal; lengths are not secret.
bool equal_constant_time(std::string_view a, std::string_view b);

// Lowercase hex of keyed BLAKE2b-256 (a MAC): for values that must be derived from a secret
// only the server holds, such as the CSRF token bound to a session token.
std::string keyed_digest(std::span<const std::uint8_t, 32> key, std::string_view message);

}  // namespace lifeline::crypto
