// XChaCha20-Poly1305-IETF with associated data, on explicit buffers: the primitive under
// FieldCipher, exposed on its own so tests can check it against published vectors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace lifeline::crypto::detail {

inline constexpr std::size_t aead_key_bytes = 32;
inline constexpr std::size_t aead_nonce_bytes = 24;
inline constexpr std::size_t aead_tag_bytes = 16;

// Writes ciphertext followed by the tag to `out`, which must hold plaintext.size() +
// aead_tag_bytes bytes. A nonce must never repeat under one key: callers pass random ones.
void aead_seal(std::span<std::uint8_t> out, std::span<const std::uint8_t> plaintext,
               std::span<const std::uint8_t> associated_data,
               std::span<const std::uint8_t, aead_nonce_bytes> nonce,
               std::span<const std::uint8_t, aead_key_bytes> key);

// Checks the tag and writes the plaintext to `out` (sealed.size() - aead_tag_bytes bytes).
// Returns false, leaving `out` zeroed, if the ciphertext, the associated data, the nonce or
// the key differ from those used to seal.
[[nodiscard]] bool aead_open(std::span<std::uint8_t> out, std::span<const std::uint8_t> sealed,
                             std::span<const std::uint8_t> associated_data,
                             std::span<const std::uint8_t, aead_nonce_bytes> nonce,
                             std::span<const std::uint8_t, aead_key_bytes> key);

}  // namespace lifeline::crypto::detail
