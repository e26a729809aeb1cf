#include "crypto/key_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <utility>

#include <sodium.h>

#include "crypto/detail/wipe.hpp"

namespace lifeline::crypto {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view format_line = "format lifeline-keys 1";
constexpr int key_base64_variant = sodium_base64_VARIANT_ORIGINAL;
constexpr std::size_t key_base64_length =
    sodium_base64_ENCODED_LEN(SecretKey::size, key_base64_variant) - 1;  // without the NUL
// Far more than any real key file; stops a wrong path (a database, a log) being read whole.
constexpr off_t max_file_size = 1 << 20;

constexpr std::string_view file_header =
    "# Lifeline keys: they decrypt the personal data in the database.\n"
    "# Keep this file readable by the lifeline user only (chmod 600) and back it up apart\n"
    "# from the database: without it the encrypted data is lost for good; together with a\n"
    "# copy of the database it exposes everyone recorded there. Change it only through the\n"
    "# lifeline command.\n";

std::string error_text(int error_number) {
  return std::generic_category().message(error_number);
}

std::string mode_text(mode_t mode) {
  std::array<char, 8> text{};
  std::snprintf(text.data(), text.size(), "%04o", static_cast<unsigned>(mode & 07777U));
  return text.data();
}

// Closes a file descriptor when the scope ends.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error that close may return after delayed writes.
  int close() { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

// ---- reading ----------------------------------------------------------------------------

Result<std::string> read_key_file(const fs::path& path) {
  const std::string name = path.string();
  FileDescriptor file(::open(name.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (file.get() < 0) {
    const int error = errno;
    if (error == ENOENT) {
      return fail(Errc::not_found,
                  "key file " + name +
                      " not found: restore it from your backup, or run `lifeline migrate` on a "
                      "new, empty database to create one");
    }
    if (error == EACCES) {
      return fail(Errc::forbidden, "cannot open key file " + name + ": " + error_text(error) +
                                       " (run lifeline as the user that owns the file)");
    }
    return fail(Errc::internal, "cannot open key file " + name + ": " + error_text(error));
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    return fail(Errc::internal, "cannot inspect key file " + name + ": " + error_text(errno));
  }
  if (!S_ISREG(status.st_mode)) {
    return fail(Errc::malformed, "key file " + name + " is not a regular file");
  }
  // Checked on the open descriptor, so the file cannot be swapped after the check.
  if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return fail(Errc::forbidden, "key file " + name + " is accessible to other users (mode " +
                                     mode_text(status.st_mode) + "): run chmod 600 " + name);
  }
  if (status.st_size > max_file_size) {
    return fail(Errc::malformed, "key file " + name + " is too large to be a key file");
  }
  // One allocation of the final size: growing the string would leave copies of the keys in
  // freed memory.
  std::string text(static_cast<std::size_t>(status.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t got = ::read(file.get(), text.data() + done, text.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      const int error = got < 0 ? errno : 0;
      detail::wipe(text);
      return fail(Errc::internal, "cannot read key file " + name +
                                      (error != 0 ? ": " + error_text(error) : ": it shrank"));
    }
    done += static_cast<std::size_t>(got);
  }
  return text;
}

// ---- parsing ----------------------------------------------------------------------------

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::vector<std::string_view> split_words(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && is_space(line[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < line.size() && !is_space(line[pos])) ++pos;
    if (pos > start) words.push_back(line.substr(start, pos - start));
  }
  return words;
}

std::optional<std::uint32_t> parse_key_id(std::string_view text) {
  std::uint32_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id == 0) return std::nullopt;
  return id;
}

// Decodes straight into the key's protected memory, so no other copy of it exists.
bool decode_key(std::string_view base64, SecretKey& key) {
  auto bytes = key.mutable_bytes();
  std::size_t length = 0;
  const char* end = nullptr;
  const bool ok = base64.size() == key_base64_length &&
                  sodium_base642bin(bytes.data(), bytes.size(), base64.data(), base64.size(),
                                    nullptr, &length, &end, key_base64_variant) == 0 &&
                  length == bytes.size() && end == base64.data() + base64.size();
  if (!ok) sodium_memzero(bytes.data(), bytes.size());
  return ok;
}

void append_key(std::string& out, const SecretKey& key) {
  std::array<char, key_base64_length + 1> base64{};
  sodium_bin2base64(base64.data(), base64.size(), key.bytes().data(), key.bytes().size(),
                    key_base64_variant);
  out.append(base64.data(), key_base64_length);
  sodium_memzero(base64.data(), base64.size());
}

// ---- writing ----------------------------------------------------------------------------

// Creates `dir` and its missing parents with mode 0700: nobody else needs to list them.
Result<void> make_private_directories(const fs::path& dir) {
  if (dir.empty()) return {};
  std::error_code status_error;
  if (fs::is_directory(dir, status_error)) return {};
  if (auto parent = make_private_directories(dir.parent_path()); !parent) return parent;
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return fail(Errc::internal, "cannot create directory " + dir.string() +
                                    " for the key file: " + error_text(errno));
  }
  return {};
}

Result<void> write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return fail(Errc::internal, error_text(written < 0 ? errno : EIO));
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

// Makes a completed rename or link survive a power cut.
void sync_directory(const fs::path& dir) {
  FileDescriptor handle(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (handle.get() >= 0) ::fsync(handle.get());
}

// Writes a complete temporary file next to `path` (mode 0600 from the start, flushed to
// disk) and only then puts it in place, so a crash leaves either the old or the new file,
// never half of one. With `replace` false it refuses to replace an existing file.
Result<void> write_file_atomically(const fs::path& requested, std::string_view text, bool replace) {
  // Replacing through a symbolic link updates the file it points to (the one that is backed
  // up), instead of turning the link into a separate file.
  std::error_code resolve_error;
  const fs::path resolved = replace ? fs::canonical(requested, resolve_error) : fs::path();
  const fs::path& path = resolved.empty() || resolve_error ? requested : resolved;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string hidden_name = ".";
  hidden_name += path.filename().string();
  hidden_name += ".tmp-XXXXXX";
  std::string temporary = (dir / hidden_name).string();
  const std::string name = path.string();
  const auto failed = [&](const std::string& what) {
    ::unlink(temporary.c_str());
    return fail(Errc::internal, "cannot write key file " + name + ": " + what);
  };

  // mkostemp opens with O_CREAT | O_EXCL and mode 0600.
  FileDescriptor file(::mkostemp(temporary.data(), O_CLOEXEC));
  if (file.get() < 0) {
    return fail(Errc::internal, "cannot write key file " + name + ": " + error_text(errno));
  }
  if (::fchmod(file.get(), 0600) != 0) return failed(error_text(errno));
  if (auto written = write_all(file.get(), text); !written) return failed(written.error().message);
  if (::fsync(file.get()) != 0 || file.close() != 0) return failed(error_text(errno));

  if (replace) {
    if (::rename(temporary.c_str(), name.c_str()) != 0) return failed(error_text(errno));
  } else {
    // link, unlike rename, fails if the target exists, even when it appeared just now.
    if (::link(temporary.c_str(), name.c_str()) != 0) {
      const int error = errno;
      ::unlink(temporary.c_str());
      if (error == EEXIST) {
        return fail(Errc::conflict, "key file " + name + " already exists: refusing to replace it");
      }
      return fail(Errc::internal, "cannot write key file " + name + ": " + error_text(error));
    }
    ::unlink(temporary.c_str());
  }
  sync_directory(dir);
  return {};
}

}  // namespace

// ---- KeyStore ---------------------------------------------------------------------------

KeyStore KeyStore::generate_in_memory() {
  KeyStore keys;
  keys.field_keys_.push_back(std::make_unique<FieldKey>(FieldKey{1, SecretKey::random()}));
  keys.current_ = 1;
  keys.blind_index_key_ = SecretKey::random();
  keys.session_key_ = SecretKey::random();
  return keys;
}

Result<KeyStore> KeyStore::create(const fs::path& path) {
  std::error_code status_error;
  // symlink_status: a dangling symbolic link is also something not to overwrite.
  if (fs::exists(fs::symlink_status(path, status_error))) {
    return fail(Errc::conflict, "key file " + path.string() +
                                    " already exists: refusing to replace it, because existing "
                                    "data may be encrypted with its keys");
  }
  if (auto dirs = make_private_directories(path.parent_path()); !dirs) {
    return tl::unexpected(dirs.error());
  }
  KeyStore keys = generate_in_memory();
  std::string text = keys.to_text(keys.field_key_list(), keys.current_);
  const detail::WipeOnExit wipe_text(text);
  if (auto written = write_file_atomically(path, text, false); !written) {
    return tl::unexpected(written.error());
  }
  return keys;
}

Result<KeyStore> KeyStore::load(const fs::path& path) {
  auto text = read_key_file(path);
  if (!text) return tl::unexpected(text.error());
  const detail::WipeOnExit wipe_text(*text);
  return parse(*text, "key file " + path.string());
}

Result<KeyStore> KeyStore::parse(std::string_view text, std::string_view origin) {
  KeyStore keys;
  bool seen_format = false;
  bool seen_current = false;
  bool seen_blind_index_key = false;
  bool seen_session_key = false;
  std::size_t line_number = 0;
  const auto malformed = [&](const std::string& what) {
    return fail(Errc::malformed,
                std::string(origin) + ", line " + std::to_string(line_number) + ": " + what);
  };
  // Sets a key that may appear once.
  const auto single_key =
      [&](bool& seen, SecretKey& key,
          const std::vector<std::string_view>& words) -> std::optional<std::string> {
    if (seen) return "second " + std::string(words[0]) + " entry";
    if (words.size() != 2 || !decode_key(words[1], key)) {
      return std::string(words[0]) + " must be followed by 32 bytes in base64";
    }
    seen = true;
    return std::nullopt;
  };

  while (!text.empty()) {
    ++line_number;
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);

    const std::vector<std::string_view> words = split_words(line);
    if (words.empty() || words[0].starts_with('#')) continue;
    // Only the keywords of the format are ever echoed: any other word might be key material.
    const std::string_view keyword = words[0];
    if (!seen_format) {
      if (words != split_words(format_line)) {
        return malformed("the first entry must be `" + std::string(format_line) + "`");
      }
      seen_format = true;
    } else if (keyword == "field-key") {
      const auto id = words.size() == 3 ? parse_key_id(words[1]) : std::nullopt;
      if (!id) return malformed("field-key must be followed by an id (1 or more) and a key");
      if (!keys.field_keys_.empty() && *id <= keys.field_keys_.back()->id) {
        return malformed("field-key ids must increase (" + std::to_string(*id) + " after " +
                         std::to_string(keys.field_keys_.back()->id) + ")");
      }
      auto key = std::make_unique<FieldKey>(FieldKey{*id, SecretKey()});
      if (!decode_key(words[2], key->key)) {
        return malformed("field-key " + std::to_string(*id) + " is not 32 bytes in base64");
      }
      keys.field_keys_.push_back(std::move(key));
    } else if (keyword == "current") {
      const auto id = words.size() == 2 ? parse_key_id(words[1]) : std::nullopt;
      if (seen_current) return malformed("second current entry");
      if (!id) return malformed("current must be followed by a field key id");
      keys.current_ = *id;
      seen_current = true;
    } else if (keyword == "blind-index-key") {
      if (auto error = single_key(seen_blind_index_key, keys.blind_index_key_, words)) {
        return malformed(*error);
      }
    } else if (keyword == "session-key") {
      if (auto error = single_key(seen_session_key, keys.session_key_, words)) {
        return malformed(*error);
      }
    } else {
      return malformed(
          "unknown entry (expected field-key, current, blind-index-key or session-key)");
    }
  }

  const std::string where(origin);
  const auto incomplete = [&where](const std::string& what) {
    return fail(Errc::malformed, where + " is incomplete: " + what);
  };
  if (!seen_format) return incomplete("it has no `" + std::string(format_line) + "` line");
  if (keys.field_keys_.empty()) return incomplete("it has no field-key entry");
  if (!seen_current) return incomplete("it has no current entry");
  if (!seen_blind_index_key) return incomplete("it has no blind-index-key entry");
  if (!seen_session_key) return incomplete("it has no session-key entry");
  if (keys.find_field_key(keys.current_) == nullptr) {
    return fail(Errc::malformed, where + ": current names field key " +
                                     std::to_string(keys.current_) + ", which it does not hold");
  }
  return keys;
}

std::string KeyStore::to_text(const std::vector<const FieldKey*>& field_keys,
                              std::uint32_t current) const {
  constexpr std::size_t max_line = 32 + key_base64_length;
  std::string text;
  text.reserve(file_header.size() + max_line * (field_keys.size() + 4));
  text.append(file_header).append(format_line).append("\n");
  text.append("blind-index-key ");
  append_key(text, blind_index_key_);
  text.append("\nsession-key ");
  append_key(text, session_key_);
  text.append("\n");
  for (const FieldKey* key : field_keys) {
    text.append("field-key ").append(std::to_string(key->id)).append(" ");
    append_key(text, key->key);
    text.append("\n");
  }
  text.append("current ").append(std::to_string(current)).append("\n");
  return text;
}

Result<void> KeyStore::save(const fs::path& path, const std::vector<const FieldKey*>& field_keys,
                            std::uint32_t current) const {
  std::string text = to_text(field_keys, current);
  const detail::WipeOnExit wipe_text(text);
  return write_file_atomically(path, text, true);
}

Result<void> KeyStore::check_unchanged_on_disk(const fs::path& path) const {
  auto on_disk = load(path);
  if (!on_disk) return tl::unexpected(on_disk.error());
  if (!same_keys_as(*on_disk)) {
    return fail(Errc::conflict, "key file " + path.string() +
                                    " has changed since it was loaded: load it again first");
  }
  return {};
}

// The file is saved before memory changes, so readers never meet a key the file lacks.
Result<std::uint32_t> KeyStore::rotate(const fs::path& path) {
  if (auto unchanged = check_unchanged_on_disk(path); !unchanged) {
    return tl::unexpected(unchanged.error());
  }
  std::vector<const FieldKey*> keys = field_key_list();
  const std::uint32_t last = keys.back()->id;
  if (last == std::numeric_limits<std::uint32_t>::max()) {
    return fail(Errc::conflict, "no field key ids are left");
  }
  auto added = std::make_unique<FieldKey>(FieldKey{last + 1, SecretKey::random()});
  keys.push_back(added.get());
  if (auto saved = save(path, keys, added->id); !saved) return tl::unexpected(saved.error());
  const std::unique_lock lock(*mutex_);
  current_ = added->id;
  field_keys_.push_back(std::move(added));
  return current_;
}

Result<void> KeyStore::retire(std::uint32_t id, const fs::path& path) {
  const std::uint32_t current = current_field_key_id();
  if (id == current) {
    return fail(Errc::conflict,
                "field key " + std::to_string(id) + " is current: rotate to a new key first");
  }
  if (field_key(id) == nullptr) {
    return fail(Errc::not_found, "there is no field key " + std::to_string(id));
  }
  if (auto unchanged = check_unchanged_on_disk(path); !unchanged) return unchanged;
  std::vector<const FieldKey*> kept = field_key_list();
  std::erase_if(kept, [id](const FieldKey* key) { return key->id == id; });
  if (auto saved = save(path, kept, current); !saved) return saved;
  const std::unique_lock lock(*mutex_);
  field_keys_.erase(position_of(id));
  return {};
}

Result<bool> KeyStore::refresh(const fs::path& path) {
  auto on_disk = load(path);
  if (!on_disk) return tl::unexpected(on_disk.error());
  const std::unique_lock lock(*mutex_);
  if (auto kept = check_keeps_keys(*on_disk, path); !kept) return tl::unexpected(kept.error());
  const bool added = adopt_new_field_keys(*on_disk);
  const bool moved = current_ != on_disk->current_;
  current_ = on_disk->current_;
  return added || moved;
}

// Every comparison runs in constant time and none stops early, so the time taken does not
// reveal which key differs.
Result<void> KeyStore::check_keeps_keys(const KeyStore& newer, const fs::path& path) const {
  const std::string file = "key file " + path.string();
  const std::string refusal = ": not following it, the keys in memory stay in use";
  const bool same_blind_index_key = blind_index_key_.equals(newer.blind_index_key_);
  const bool same_session_key = session_key_.equals(newer.session_key_);
  std::optional<std::uint32_t> lost;
  std::optional<std::uint32_t> changed;
  for (const auto& key : field_keys_) {
    const FieldKey* same_id = newer.find_field_key(key->id);
    if (same_id == nullptr) {
      lost = lost.value_or(key->id);
    } else if (!same_id->key.equals(key->key)) {
      changed = changed.value_or(key->id);
    }
  }
  if (!same_blind_index_key) {
    return fail(Errc::conflict, file + " holds a different blind-index-key" + refusal);
  }
  if (!same_session_key) {
    return fail(Errc::conflict, file + " holds a different session-key" + refusal);
  }
  if (changed) {
    return fail(Errc::conflict, file + " holds different bytes for field key " +
                                    std::to_string(*changed) + refusal);
  }
  if (lost) {
    return fail(Errc::conflict,
                file + " no longer holds field key " + std::to_string(*lost) + refusal +
                    " (after retiring a key, restart the processes that use the file)");
  }
  return {};
}

// Moves the field keys only `newer` holds into this object, keeping the ids ascending.
bool KeyStore::adopt_new_field_keys(KeyStore& newer) {
  bool added = false;
  for (auto& key : newer.field_keys_) {
    const auto position = position_of(key->id);
    if (position != field_keys_.end() && (*position)->id == key->id) continue;
    field_keys_.insert(position, std::move(key));
    added = true;
  }
  return added;
}

std::uint32_t KeyStore::current_field_key_id() const {
  const std::shared_lock lock(*mutex_);
  return current_;
}

const FieldKey& KeyStore::current_field_key() const {
  const std::shared_lock lock(*mutex_);
  // parse and generate_in_memory guarantee the current key exists, and refresh only adopts
  // a current key that the file holds.
  return *find_field_key(current_);
}

const FieldKey* KeyStore::field_key(std::uint32_t id) const {
  const std::shared_lock lock(*mutex_);
  return find_field_key(id);
}

std::vector<std::uint32_t> KeyStore::field_key_ids() const {
  const std::shared_lock lock(*mutex_);
  std::vector<std::uint32_t> ids;
  ids.reserve(field_keys_.size());
  for (const auto& key : field_keys_) ids.push_back(key->id);
  return ids;
}

std::vector<const FieldKey*> KeyStore::field_key_list() const {
  const std::shared_lock lock(*mutex_);
  std::vector<const FieldKey*> keys;
  keys.reserve(field_keys_.size());
  for (const auto& key : field_keys_) keys.push_back(key.get());
  return keys;
}

std::vector<std::unique_ptr<FieldKey>>::const_iterator KeyStore::position_of(
    std::uint32_t id) const {
  return std::lower_bound(
      field_keys_.begin(), field_keys_.end(), id,
      [](const std::unique_ptr<FieldKey>& key, std::uint32_t wanted) { return key->id < wanted; });
}

const FieldKey* KeyStore::find_field_key(std::uint32_t id) const {
  const auto found = position_of(id);
  return found != field_keys_.end() && (*found)->id == id ? found->get() : nullptr;
}

bool KeyStore::same_keys_as(const KeyStore& other) const {
  if (this == &other) return true;
  // Both shared locks are taken in address order, so two threads comparing the same pair in
  // opposite directions cannot deadlock behind a writer waiting for one of them.
  const bool this_first = std::less<const KeyStore*>()(this, &other);
  const std::shared_lock first(*(this_first ? this : &other)->mutex_);
  const std::shared_lock second(*(this_first ? &other : this)->mutex_);
  return same_keys(other);
}

bool KeyStore::same_keys(const KeyStore& other) const {
  if (current_ != other.current_ || field_keys_.size() != other.field_keys_.size()) return false;
  bool same =
      blind_index_key_.equals(other.blind_index_key_) && session_key_.equals(other.session_key_);
  for (std::size_t i = 0; i < field_keys_.size(); ++i) {
    same = same && field_keys_[i]->id == other.field_keys_[i]->id &&
           field_keys_[i]->key.equals(other.field_keys_[i]->key);
  }
  return same;
}

}  // namespace lifeline::crypto
