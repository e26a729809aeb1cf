// Encryption of identifying fields (names, dates of birth, contacts, narratives, photos)
// before they reach the database.
//
// A sealed value is:
//   byte 0        format version (1)
//   bytes 1-4     id of the field key, big-endian
//   bytes 5-28    random 24-byte nonce
//   bytes 29-     XChaCha20-Poly1305-IETF ciphertext followed by its 16-byte tag
// The associated data binds the value to its place: the 5-byte header, then
// "lifeline|<table>|<column>|<row id>". A value copied to another row, column or table, or
// with its key id changed, fails authentication instead of decrypting there.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "crypto/key_store.hpp"

namespace lifeline::crypto {

// Where a value is stored. Table and column are names from the schema; neither may be
// empty or contain '|', which would make two places share associated data.
struct FieldContext {
  std::string_view table;
  std::string_view column;
  std::int64_t row_id = 0;
};

// Thread-safe. Holds a reference: the KeyStore must outlive the cipher and stay where it is
// (not be moved from) while the cipher is used.
class FieldCipher {
 public:
  static constexpr std::uint8_t format_version = 1;
  static constexpr std::size_t header_bytes = 5;
  static constexpr std::size_t overhead = header_bytes + 24 + 16;  // header, nonce, tag

  explicit FieldCipher(const KeyStore& keys) : keys_(&keys) {}

  // Seals `plaintext` with the current field key. Errc::internal for an invalid context.
  Result<std::vector<std::uint8_t>> encrypt(std::string_view plaintext,
                                            const FieldContext& context) const;

  // Opens a sealed value. Errc::internal "encrypted with key <id> which the key file does
  // not hold" or "field failed authentication (tampered or wrong row)"; errors never contain
  // any of the plaintext.
  Result<std::string> decrypt(std::span<const std::uint8_t> sealed,
                              const FieldContext& context) const;

  // Decrypts and seals again with the current key and a fresh nonce, for re-encrypting old
  // rows after a rotation so old keys can be retired.
  Result<std::vector<std::uint8_t>> reencrypt(std::span<const std::uint8_t> sealed,
                                              const FieldContext& context) const;

  // The key a sealed value names, without decrypting it; nullopt if it is not a sealed value
  // of a known format. Lets a job find the rows still using an old key.
  static std::optional<std::uint32_t> key_id_of(std::span<const std::uint8_t> sealed);

 private:
  const KeyStore* keys_;
};

}  // namespace lifeline::crypto
