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

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
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

// Thread-safe: one object may serve every request thread. Holds a reference: the KeyStore
// must outlive the cipher and stay where it is (not be moved from) while the cipher is used.
// Copies share the state of following the key file (timers, counters, last error).
//
// Following the key file (the second constructor) lets running servers take part in a key
// rotation without a restart:
//   - decrypt() meeting a key id the KeyStore lacks re-reads the file at once and tries
//     again. A changed file is always read; an unchanged one at most once per
//     `forced_refresh_interval`, so values naming made-up key ids cannot keep the server
//     reading the file.
//   - encrypt() checks, at most once per `refresh_interval`, whether the file changed (one
//     stat call) and reads it if so, so new values use a newly current key within that time.
// A failed re-read never fails encryption or decryption of values the KeyStore can handle:
// the keys in memory stay in use and last_refresh_error() tells the application.
class FieldCipher {
 public:
  static constexpr std::uint8_t format_version = 1;
  static constexpr std::size_t header_bytes = 5;
  static constexpr std::size_t overhead = header_bytes + 24 + 16;  // header, nonce, tag

  // How long a server that follows the key file may go on sealing new values with the
  // previous key after a rotation. A rotation tool should wait somewhat longer than this
  // (twice is ample) after saving the new current key before it re-encrypts old rows, or a
  // server may write a value with the old key behind the re-encryption pass.
  static constexpr std::chrono::seconds default_refresh_interval{5};
  // The least time between two reads of an unchanged key file forced by decrypt().
  static constexpr std::chrono::seconds default_forced_refresh_interval{1};

  // Uses the keys as they are and never reads the key file: for tools that hold the only
  // KeyStore that changes the file (rotation), and for tests.
  explicit FieldCipher(const KeyStore& keys) : keys_(&keys) {}

  // Follows `key_file`, the file `keys` was loaded from, calling keys.refresh(key_file) as
  // described above. The intervals exist for tests; servers use the defaults.
  FieldCipher(KeyStore& keys, std::filesystem::path key_file,
              std::chrono::milliseconds refresh_interval = default_refresh_interval,
              std::chrono::milliseconds forced_refresh_interval = default_forced_refresh_interval);

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

  // The error of the latest attempt to read the key file again, or nullopt when it succeeded
  // or none was made. Lets the application report a key file it can no longer follow (for
  // example after a key was retired) while the cipher carries on with the keys it has.
  std::optional<Error> last_refresh_error() const;

  // How many times this cipher and its copies have read the key file again: for monitoring
  // and for tests of the rate limit.
  std::uint64_t key_file_reads() const;

 private:
  class KeyFileFollower;

  // The key `id` names, reading the key file again when following it and the key is unknown.
  const FieldKey* key_for(std::uint32_t id) const;

  const KeyStore* keys_;
  std::shared_ptr<KeyFileFollower> follower_;  // null when not following a key file
};

}  // namespace lifeline::crypto
