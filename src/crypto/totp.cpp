#include "crypto/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include <sodium.h>

#include "crypto/detail/hotp.hpp"
#include "crypto/detail/wipe.hpp"
#include "crypto/token.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::size_t secret_bytes = 20;
constexpr int max_window = 10;
constexpr std::string_view recovery_alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr int recovery_groups = 3;
constexpr int recovery_group_length = 4;

// RFC 3986 unreserved characters stay; everything else becomes %XX.
std::string percent_encode(std::string_view text) {
  constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4U];
      out += hex[byte & 0x0FU];
    }
  }
  return out;
}

// The digits of a typed code without spaces, or "" if anything else is in it.
std::string digits_of(std::string_view code) {
  std::string digits;
  for (const char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return {};
    digits += c;
  }
  return digits;
}

}  // namespace

namespace detail {

std::string hotp(std::span<const std::uint8_t> secret, std::uint64_t counter, int digits) {
  if (digits < 1 || digits > 9) throw std::invalid_argument("hotp: digits must be 1 to 9");
  std::array<std::uint8_t, 8> message{};
  for (std::size_t i = 0; i < message.size(); ++i) {
    message[message.size() - 1 - i] = static_cast<std::uint8_t>(counter >> (8U * i));
  }
  std::array<std::uint8_t, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_length = 0;
  static constexpr std::uint8_t no_key = 0;  // HMAC needs a valid pointer even for no key
  if (HMAC(EVP_sha1(), secret.empty() ? &no_key : secret.data(), static_cast<int>(secret.size()),
           message.data(), message.size(), mac.data(), &mac_length) == nullptr ||
      mac_length != 20) {
    throw std::runtime_error("HMAC-SHA1 failed");
  }
  // RFC 4226 section 5.3: 31 bits from the offset named by the last nibble.
  const std::size_t offset = mac[19] & 0x0FU;
  const std::uint32_t binary =
      (std::uint32_t{mac[offset]} & 0x7FU) << 24U | std::uint32_t{mac[offset + 1]} << 16U |
      std::uint32_t{mac[offset + 2]} << 8U | std::uint32_t{mac[offset + 3]};
  sodium_memzero(mac.data(), mac.size());
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::int64_t totp_step(std::int64_t unix_time) {
  // Floor division, so times before 1970 do not share step 0.
  return unix_time >= 0 ? unix_time / totp_step_seconds
                        : -((-unix_time + totp_step_seconds - 1) / totp_step_seconds);
}

std::string totp_code(std::span<const std::uint8_t> secret, std::int64_t unix_time, int digits) {
  return hotp(secret, static_cast<std::uint64_t>(totp_step(unix_time)), digits);
}

}  // namespace detail

std::string new_totp_secret() {
  std::array<std::uint8_t, secret_bytes> secret{};
  randombytes_buf(secret.data(), secret.size());
  std::string text = base32_encode(secret);
  sodium_memzero(secret.data(), secret.size());
  return text;
}

std::string totp_code(std::span<const std::uint8_t> secret, std::int64_t unix_time) {
  return detail::totp_code(secret, unix_time, totp_digits);
}

std::optional<std::int64_t> totp_verify(std::string_view secret_base32, std::string_view code,
                                        std::int64_t unix_time, int window) {
  const std::string digits = digits_of(code);
  if (digits.size() != static_cast<std::size_t>(totp_digits)) return std::nullopt;
  auto secret = base32_decode(secret_base32);
  if (!secret || secret->empty()) return std::nullopt;
  const detail::WipeOnExit wipe_secret(*secret);

  window = std::clamp(window, 0, max_window);
  const std::int64_t now = detail::totp_step(unix_time);
  // The current step first, then outwards, so the closest matching step is reported.
  for (int distance = 0; distance <= window; ++distance) {
    for (const std::int64_t step : {now - distance, now + distance}) {
      if (step < 0) continue;
      const std::string expected =
          detail::hotp(*secret, static_cast<std::uint64_t>(step), totp_digits);
      if (equal_constant_time(expected, digits)) return step;
      if (distance == 0) break;  // both entries are the same step
    }
  }
  return std::nullopt;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32) {
  std::string secret;
  for (const char c : secret_base32) {
    if (c == ' ' || c == '=') continue;
    secret += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) uri += percent_encode(issuer) + ":";
  uri += percent_encode(account) + "?secret=" + secret;
  if (!issuer.empty()) uri += "&issuer=" + percent_encode(issuer);
  uri += "&algorithm=SHA1&digits=" + std::to_string(totp_digits) +
         "&period=" + std::to_string(totp_step_seconds);
  return uri;
}

std::vector<std::string> new_recovery_codes(int count) {
  std::vector<std::string> codes;
  for (int i = 0; i < count; ++i) {
    std::string code;
    for (int group = 0; group < recovery_groups; ++group) {
      if (group > 0) code += '-';
      for (int j = 0; j < recovery_group_length; ++j) {
        // randombytes_uniform has no modulo bias.
        code += recovery_alphabet[randombytes_uniform(
            static_cast<std::uint32_t>(recovery_alphabet.size()))];
      }
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string normalise_recovery_code(std::string_view code) {
  std::string out;
  for (const char c : code) {
    if (c == '-' || c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace lifeline::crypto
