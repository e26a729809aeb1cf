#include "crypto/token.hpp"

#include <array>
#include <vector>

#include <sodium.h>

#include "crypto/detail/wipe.hpp"
#include "crypto/encoding.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::size_t digest_bytes = 32;
static_assert(digest_bytes >= crypto_generichash_BYTES_MIN &&
              digest_bytes <= crypto_generichash_BYTES_MAX);

std::string blake2b_hex(std::string_view message, const std::uint8_t* key, std::size_t key_size) {
  std::array<std::uint8_t, digest_bytes> digest{};
  crypto_generichash(digest.data(), digest.size(),
                     reinterpret_cast<const unsigned char*>(message.data()), message.size(), key,
                     key_size);
  return to_hex(digest);
}

}  // namespace

std::string random_token(std::size_t bytes) {
  if (bytes == 0) return {};
  std::vector<std::uint8_t> random(bytes);
  randombytes_buf(random.data(), random.size());
  std::string token = to_base64url(random);
  detail::wipe(random);
  return token;
}

std::string token_digest(std::string_view token) {
  return blake2b_hex(token, nullptr, 0);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string keyed_digest(std::span<const std::uint8_t, 32> key, std::string_view message) {
  static_assert(crypto_generichash_KEYBYTES_MIN <= 32 && 32 <= crypto_generichash_KEYBYTES_MAX);
  return blake2b_hex(message, key.data(), key.size());
}

}  // namespace lifeline::crypto
