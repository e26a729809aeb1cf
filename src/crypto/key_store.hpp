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
#include <memory>
#include <shared_mutex>
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

// Movable, not copyable.
//
// Thread safety: the readers (current_field_key_id, current_field_key, field_key,
// field_key_ids, blind_index_key, session_key, same_keys_as) may run on any number of threads
// at once, and while another thread calls refresh(). refresh only ever adds field keys and
// moves `current`, so the references and pointers that current_field_key() and field_key()
// return stay valid for the life of the object (only retire() removes a key). The blind index
// and session keys never change once loaded. rotate and retire change the file: run them from
// the command line, on a KeyStore object that no server uses. Moving a KeyStore, or reading a
// moved-from one, is not thread-safe.
//
// A running server follows `lifeline keys rotate` through refresh() (FieldCipher calls it
// when it knows the key file), so rotation needs no restart. After `lifeline keys retire`
// every refresh fails with Errc::conflict, because the file no longer holds a key the server
// holds: restart the servers after retiring a key.
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

  // Reads the key file again (with the checks of load()) and follows a rotation made by
  // another process: adds the field keys that are new and adopts the file's current key.
  // True if anything changed, false if the file holds what memory holds. Errc::conflict if the
  // file lost a field key this object holds, or holds different bytes for one, or a different
  // blind index or session key: the object keeps its keys then, since values sealed with them
  // may still need them. On every error, memory stays as it was. Safe while other threads read.
  Result<bool> refresh(const std::filesystem::path& path);

  std::uint32_t current_field_key_id() const;
  const FieldKey& current_field_key() const;
  // Nullptr if the file holds no key with this id.
  const FieldKey* field_key(std::uint32_t id) const;
  std::vector<std::uint32_t> field_key_ids() const;

  // No lock needed: refresh refuses a file that would change these.
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

  // Takes the shared lock. The pointers it returns stay valid as long as the keys are held.
  std::vector<const FieldKey*> field_key_list() const;

  // These expect the caller to hold mutex_, or to own the object alone (while building it).
  std::vector<std::unique_ptr<FieldKey>>::const_iterator position_of(std::uint32_t id) const;
  const FieldKey* find_field_key(std::uint32_t id) const;
  bool same_keys(const KeyStore& other) const;
  Result<void> check_keeps_keys(const KeyStore& newer, const std::filesystem::path& path) const;
  bool adopt_new_field_keys(KeyStore& newer);

  // The key file text for these field keys; the caller wipes it after use.
  std::string to_text(const std::vector<const FieldKey*>& field_keys, std::uint32_t current) const;
  Result<void> save(const std::filesystem::path& path,
                    const std::vector<const FieldKey*>& field_keys, std::uint32_t current) const;
  Result<void> check_unchanged_on_disk(const std::filesystem::path& path) const;

  // Held through a pointer so the object stays movable. Readers share it; refresh, and the
  // last step of rotate and retire, take it alone.
  std::unique_ptr<std::shared_mutex> mutex_ = std::make_unique<std::shared_mutex>();
  // Ascending ids. Each key is allocated on its own, so adding keys never moves the others.
  std::vector<std::unique_ptr<FieldKey>> field_keys_;
  std::uint32_t current_ = 0;
  SecretKey blind_index_key_;
  SecretKey session_key_;
};

}  // namespace lifeline::crypto
