#include "crypto/password.hpp"

#include <array>
#include <cstdint>
#include <utility>

#include <sodium.h>

#include "crypto/detail/common_passwords.hpp"
#include "crypto/detail/utf8.hpp"

namespace lifeline::crypto {
namespace {

static_assert(PasswordHashCost::interactive().ops == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
static_assert(PasswordHashCost::interactive().mem == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE);
static_assert(PasswordHashCost::fast_for_tests().ops == crypto_pwhash_argon2id_OPSLIMIT_MIN);

constexpr std::string_view field = "new_password";
constexpr std::size_t min_code_points = 12;
constexpr std::size_t max_bytes = 256;
// A username this short appears inside many good passwords by chance ("al", "li").
constexpr std::size_t min_username_to_search = 3;
// Longest group of characters whose repetition ("abcabcabcabc") is refused.
constexpr std::size_t max_repeated_group = 4;

// libsodium's pointer arguments must not be null even for empty input.
const char* non_null(std::string_view text) {
  return text.empty() ? "" : text.data();
}

bool valid_cost(const PasswordHashCost& cost) {
  return cost.ops >= crypto_pwhash_argon2id_OPSLIMIT_MIN &&
         cost.ops <= crypto_pwhash_argon2id_OPSLIMIT_MAX &&
         cost.mem >= crypto_pwhash_argon2id_MEMLIMIT_MIN &&
         cost.mem <= crypto_pwhash_argon2id_MEMLIMIT_MAX;
}

// "abababababab", "aaaaaaaaaaaa": a short group repeated to reach the minimum length.
bool is_repetition(const std::vector<char32_t>& text) {
  for (std::size_t group = 1; group <= max_repeated_group && group * 2 <= text.size(); ++group) {
    if (text.size() % group != 0) continue;
    bool repeats = true;
    for (std::size_t i = group; i < text.size() && repeats; ++i) {
      repeats = text[i] == text[i % group];
    }
    if (repeats) return true;
  }
  return false;
}

// The step from one character to the next: +1 or -1 in a run such as "abcd" or "4321";
// digits wrap around so "890123" is a run too.
int step(char32_t from, char32_t to) {
  const auto is_digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
  if (is_digit(from) && is_digit(to)) {
    const int difference = (static_cast<int>(to) - static_cast<int>(from) + 10) % 10;
    return difference == 9 ? -1 : difference;
  }
  return static_cast<int>(to) - static_cast<int>(from);
}

bool is_sequence(const std::vector<char32_t>& text) {
  if (text.size() < 3) return false;
  const int first = step(text[0], text[1]);
  if (first != 1 && first != -1) return false;
  for (std::size_t i = 2; i < text.size(); ++i) {
    if (step(text[i - 1], text[i]) != first) return false;
  }
  return true;
}

// Common passwords, also with digits or symbols appended ("sunshine2024!").
bool is_common(std::string_view lowercase) {
  if (detail::is_common_password(lowercase)) return true;
  const auto is_suffix_char = [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  };
  std::string_view stem = lowercase;
  while (!stem.empty() && is_suffix_char(stem.back())) stem.remove_suffix(1);
  return !stem.empty() && stem.size() < lowercase.size() && detail::is_common_password(stem);
}

}  // namespace

Result<std::string> hash_password(std::string_view password, const PasswordHashCost& cost) {
  if (!valid_cost(cost)) {
    return fail(Errc::invalid_argument, "password hash cost is outside the limits of Argon2id");
  }
  std::array<char, crypto_pwhash_STRBYTES> encoded{};
  if (crypto_pwhash_str_alg(encoded.data(), non_null(password), password.size(), cost.ops, cost.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(Errc::internal, "not enough memory to hash a password");
  }
  return std::string(encoded.data());
}

bool verify_password(std::string_view encoded, std::string_view password) {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string terminated(encoded);  // libsodium reads a NUL-terminated string
  return crypto_pwhash_str_verify(terminated.c_str(), non_null(password), password.size()) == 0;
}

bool needs_rehash(std::string_view encoded, const PasswordHashCost& cost) {
  if (!encoded.starts_with(crypto_pwhash_argon2id_STRPREFIX) ||
      encoded.size() >= crypto_pwhash_argon2id_STRBYTES || !valid_cost(cost)) {
    return true;
  }
  const std::string terminated(encoded);
  return crypto_pwhash_argon2id_str_needs_rehash(terminated.c_str(), cost.ops, cost.mem) != 0;
}

std::vector<FieldError> check_password_policy(std::string_view password,
                                              std::string_view username) {
  std::vector<FieldError> errors;
  const auto refuse = [&errors](std::string message) {
    errors.push_back(FieldError{std::string(field), std::move(message)});
  };

  if (!detail::is_valid_utf8(password)) {
    refuse("The password must be valid UTF-8 text.");
    return errors;
  }
  const std::string lowercase = detail::to_lower(password);
  const std::vector<char32_t> characters =
      detail::decode_utf8(lowercase).value_or(std::vector<char32_t>{});

  if (characters.size() < min_code_points) {
    refuse("The password must be at least 12 characters long.");
  }
  if (password.size() > max_bytes) {
    refuse("The password must be at most 256 bytes long (256 Latin or 128 Cyrillic letters).");
  }

  const std::string lowercase_username = detail::to_lower(username);
  if (!lowercase_username.empty() && lowercase == lowercase_username) {
    refuse("The password must not be the username.");
  } else if (detail::decode_utf8(lowercase_username).value_or(std::vector<char32_t>{}).size() >=
                 min_username_to_search &&
             lowercase.find(lowercase_username) != std::string::npos) {
    refuse("The password must not contain the username.");
  }

  if (is_common(lowercase)) {
    refuse("This password is too common: attackers try it first. Choose a longer phrase.");
  }
  if (is_repetition(characters)) {
    refuse("The password must not be one character or a short group of characters repeated.");
  } else if (is_sequence(characters)) {
    refuse("The password must not be a simple sequence such as 123456789012 or abcdefghijkl.");
  }
  return errors;
}

}  // namespace lifeline::crypto
