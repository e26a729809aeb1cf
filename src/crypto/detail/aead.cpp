#include "crypto/detail/aead.hpp"

#include <stdexcept>

#include <sodium.h>

namespace lifeline::crypto::detail {

static_assert(aead_key_bytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(aead_nonce_bytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(aead_tag_bytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

void aead_seal(std::span<std::uint8_t> out, std::span<const std::uint8_t> plaintext,
               std::span<const std::uint8_t> associated_data,
               std::span<const std::uint8_t, aead_nonce_bytes> nonce,
               std::span<const std::uint8_t, aead_key_bytes> key) {
  if (out.size() != plaintext.size() + aead_tag_bytes) {
    throw std::logic_error("aead_seal: output buffer has the wrong size");
  }
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data(), &written, plaintext.data(), plaintext.size(), associated_data.data(),
      associated_data.size(), nullptr, nonce.data(), key.data());
}

bool aead_open(std::span<std::uint8_t> out, std::span<const std::uint8_t> sealed,
               std::span<const std::uint8_t> associated_data,
               std::span<const std::uint8_t, aead_nonce_bytes> nonce,
               std::span<const std::uint8_t, aead_key_bytes> key) {
  if (sealed.size() < aead_tag_bytes || out.size() != sealed.size() - aead_tag_bytes) {
    throw std::logic_error("aead_open: output buffer has the wrong size");
  }
  unsigned long long written = 0;
  // The plaintext pointer may be null only for empty output; libsodium then writes nothing.
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          out.data(), &written, nullptr, sealed.data(), sealed.size(), associated_data.data(),
          associated_data.size(), nonce.data(), key.data()) != 0) {
    if (!out.empty()) sodium_memzero(out.data(), out.size());
    return false;
  }
  return true;
}

}  // namespace lifeline::crypto::detail
