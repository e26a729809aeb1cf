// Password storage (Argon2id) and the rules a new password must meet.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline::crypto {

// Argon2id work factors. More operations and memory make each guess of an attacker holding
// the password hashes slower, and each login slower by the same factor.
struct PasswordHashCost {
  unsigned long long ops = 2;    // libsodium's OPSLIMIT_INTERACTIVE
  std::size_t mem = 64U << 20U;  // libsodium's MEMLIMIT_INTERACTIVE: 64 MiB

  // The default: about 0.1 s and 64 MiB per hash on a current server core.
  static constexpr PasswordHashCost interactive() { return {}; }
  // The cheapest cost Argon2id allows apart from memory (8 MiB), so test suites that create
  // many users stay fast. Never use it for real accounts.
  static constexpr PasswordHashCost fast_for_tests() { return {1, 8U << 20U}; }
};

// The Argon2id string to store ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), with a fresh
// random salt. Fails with Errc::invalid_argument if the cost is outside Argon2id's limits
// and Errc::internal if the memory cannot be allocated.
Result<std::string> hash_password(std::string_view password,
                                  const PasswordHashCost& cost = PasswordHashCost::interactive());

// Whether `password` matches a string from hash_password. False for a malformed string.
// Comparison is constant-time inside libsodium.
bool verify_password(std::string_view encoded, std::string_view password);

// Whether a stored hash should be recomputed at the next successful login: it was made with
// another cost or algorithm, or cannot be parsed.
bool needs_rehash(std::string_view encoded,
                  const PasswordHashCost& cost = PasswordHashCost::interactive());

// The rules a new password breaks, empty if none. Each error names the field
// "new_password" and explains the rule in English without repeating the password.
// Rules: valid UTF-8; at least 12 characters (code points, so 12 Cyrillic letters are
// enough); at most 256 bytes; not the username and not containing it; not a common password
// or keyboard pattern; not one character or a short group repeated; not a plain sequence.
std::vector<FieldError> check_password_policy(std::string_view password, std::string_view username);

}  // namespace lifeline::crypto
