// The keys that protect personal data, and the file that holds them outside the database.
//
// Key file format (text, one entry per line, '#' starts a comment line):
//
//   format lifeline-keys 1
//   blind-index-key <base64 of 32 bytes>
//   session-key <base64 of 32 bytes>
//   field-key 1 <base64 of 32 bytes>
//   field-key 2 <base64 of 32 bytes>
//   current 2
//
// Field keys encrypt identifying fields; their ids increase and every ciphertext names its
// key, so a new key can become current while old rows still decrypt. The blind index key
// and the session key never rotate: a new blind index key would hide duplicates between
// existing and new records, and a new session key would invalidate every CSRF token.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "crypto/secret_key.hpp"

namespace lifeline::crypto {

struct FieldKey {
  std::uint32_t id = 0;
  SecretKey key;
};

// Movable, not copyable. Reading is thread-safe; rotate and retire are not, and change the
// file, so run them from the command line while no server uses the same KeyStore object.
// Every server process loads the file at start: after a rotation, restart them all so none
// writes with an old key or meets a key it does not hold.
class KeyStore {
 public:
  // Generates every key and writes a new key file with mode 0600, creating missing parent
  // directories with mode 0700. Errc::conflict if a file already exists at `path`: it may
  // hold the only keys to existing data.
  static Result<KeyStore> create(const std::filesystem::path& path);

  // Reads a key file. Errc::not_found if it is missing, Errc::forbidden if other users may
  // read or write it, Errc::malformed (with the line number) if it cannot be parsed. Error
  // messages name the file but never contain key material.
  static Result<KeyStore> load(const std::filesystem::path& path);

  // Parses key file text; `origin` names its source in error messages ("key file /x").
  static Result<KeyStore> parse(std::string_view text, std::string_view origin);

  // Fresh keys held in memory only, for tests and tools that never persist them.
  static KeyStore generate_in_memory();

  // Adds a new field key, makes it current and saves the file atomically. Older keys stay:
  // rows encrypted with them still decrypt until they are re-encrypted. Returns the new id.
  // Errc::conflict if the file on disk no longer holds the keys this object was loaded with
  // (another rotation happened), so no key is ever lost by overwriting.
  Result<std::uint32_t> rotate(const std::filesystem::path& path);

  // Removes a field key that no stored value uses any more (the caller checks that, for
  // example with FieldCipher::key_id_of over every encrypted column) and saves the file.
  // Errc::conflict for the current key, Errc::not_found for an unknown id.
  Result<void> retire(std::uint32_t id, const std::filesystem::path& path);

  std::uint32_t current_field_key_id() const { return current_; }
  const FieldKey& current_field_key() const;
  // Nullptr if the file holds no key with this id.
  const FieldKey* field_key(std::uint32_t id) const;
  std::vector<std::uint32_t> field_key_ids() const;

  std::span<const std::uint8_t, SecretKey::size> blind_index_key() const {
    return blind_index_key_.bytes();
  }
  std::span<const std::uint8_t, SecretKey::size> session_key() const {
    return session_key_.bytes();
  }

  // Whether both hold exactly the same keys (compared in constant time).
  bool same_keys_as(const KeyStore& other) const;

 private:
  KeyStore() = default;

  // The key file text; the caller wipes it after use.
  std::string to_text() const;
  Result<void> save(const std::filesystem::path& path) const;
  Result<void> check_unchanged_on_disk(const std::filesystem::path& path) const;

  std::vector<FieldKey> field_keys_;  // ascending ids
  std::uint32_t current_ = 0;
  SecretKey blind_index_key_;
  SecretKey session_key_;
};

}  // namespace lifeline::crypto
