#include "crypto/field_cipher.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <utility>

#include <sodium.h>

#include "crypto/detail/aead.hpp"
#include "crypto/detail/wipe.hpp"
#include "crypto/encoding.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::size_t nonce_offset = FieldCipher::header_bytes;
constexpr std::size_t ciphertext_offset = nonce_offset + detail::aead_nonce_bytes;
static_assert(FieldCipher::overhead == ciphertext_offset + detail::aead_tag_bytes);

bool valid_name(std::string_view name) {
  return !name.empty() && name.find('|') == std::string_view::npos;
}

Result<void> check_context(const FieldContext& context) {
  if (!valid_name(context.table) || !valid_name(context.column)) {
    return fail(Errc::internal, "field context needs a table and a column name without '|'");
  }
  return {};
}

std::array<std::uint8_t, FieldCipher::header_bytes> make_header(std::uint32_t key_id) {
  return {FieldCipher::format_version, static_cast<std::uint8_t>(key_id >> 24U),
          static_cast<std::uint8_t>(key_id >> 16U), static_cast<std::uint8_t>(key_id >> 8U),
          static_cast<std::uint8_t>(key_id)};
}

// The header, then "lifeline|<table>|<column>|<row id>".
std::vector<std::uint8_t> associated_data(std::span<const std::uint8_t> header,
                                          const FieldContext& context) {
  std::vector<std::uint8_t> data;
  data.reserve(header.size() + 32 + context.table.size() + context.column.size());
  const auto append = [&data](std::string_view text) {
    const auto bytes = as_bytes(text);
    data.insert(data.end(), bytes.begin(), bytes.end());
  };
  // Appended piece by piece: gcc 12 at -O3 misreads a concatenated string here.
  for (const auto byte : header) data.push_back(byte);
  append("lifeline|");
  append(context.table);
  append("|");
  append(context.column);
  append("|");
  append(std::to_string(context.row_id));
  return data;
}

// What identifies one version of the key file. Saving a key file renames a new file into
// place, so the inode changes with every rotation even when the modification time does not
// (two saves within one tick of the file system clock); the status change time also catches
// chmod, which may turn an unreadable file into a readable one.
struct FileStamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  timespec modified{};
  timespec changed{};
};

bool same_time(const timespec& a, const timespec& b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

bool operator==(const FileStamp& a, const FileStamp& b) {
  return a.device == b.device && a.inode == b.inode && a.size == b.size &&
         same_time(a.modified, b.modified) && same_time(a.changed, b.changed);
}

// Nullopt if the file cannot be inspected; reading it then reports why.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return FileStamp{status.st_dev, status.st_ino, status.st_size, status.st_mtim, status.st_ctim};
}

}  // namespace

// Decides when to read the key file again and does it. One read at a time: request threads
// that meet an unknown key wait for a read in progress (it may bring their key), while
// encrypt() skips its check when another thread is already reading.
class FieldCipher::KeyFileFollower {
 public:
  using Clock = std::chrono::steady_clock;

  KeyFileFollower(KeyStore& keys, std::filesystem::path file, Clock::duration interval,
                  Clock::duration forced_interval)
      : keys_(keys),
        file_(std::move(file)),
        interval_(interval),
        forced_interval_(forced_interval) {}

  // For encrypt(): at most once per interval, reads the file if it changed. The first call
  // always reads it, in case it changed between loading the keys and making the cipher.
  void poll() {
    const Clock::rep now = Clock::now().time_since_epoch().count();
    if (now < next_poll_.load(std::memory_order_relaxed)) return;
    const std::unique_lock lock(read_mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;
    next_poll_.store(now + interval_.count(), std::memory_order_relaxed);
    const auto stamp = stamp_of(file_);
    if (!stamp || stamp != seen_) read(stamp);
  }

  // For decrypt() meeting key `id`, which the keys lack: reads the file if it changed, or if
  // the forced interval has passed since the last read forced here.
  void look_for(std::uint32_t id) {
    const std::lock_guard lock(read_mutex_);
    if (keys_.field_key(id) != nullptr) return;  // a read that just finished brought it
    const auto stamp = stamp_of(file_);
    const Clock::time_point now = Clock::now();
    if (stamp && stamp == seen_ && now < next_forced_) return;
    next_forced_ = now + forced_interval_;
    read(stamp);
  }

  std::optional<Error> last_error() const {
    const std::lock_guard lock(error_mutex_);
    return last_error_;
  }

  std::uint64_t reads() const { return reads_.load(std::memory_order_relaxed); }

 private:
  // `stamp` was taken before reading, so the keys read are at least as new as it says; a
  // change made in between only causes one more read later. Caller holds read_mutex_.
  void read(const std::optional<FileStamp>& stamp) {
    reads_.fetch_add(1, std::memory_order_relaxed);
    auto refreshed = keys_.refresh(file_);
    // A failed read is not remembered as seen: it is tried again next interval.
    if (refreshed) seen_ = stamp;
    const std::lock_guard lock(error_mutex_);
    last_error_ = refreshed ? std::nullopt : std::optional<Error>(refreshed.error());
  }

  KeyStore& keys_;
  const std::filesystem::path file_;
  const Clock::duration interval_;
  const Clock::duration forced_interval_;
  // encrypt()'s fast path only loads this, in steady clock ticks.
  std::atomic<Clock::rep> next_poll_{0};
  std::atomic<std::uint64_t> reads_{0};

  std::mutex read_mutex_;
  std::optional<FileStamp> seen_;  // guarded by read_mutex_: the file as last read
  Clock::time_point next_forced_;  // guarded by read_mutex_

  mutable std::mutex error_mutex_;
  std::optional<Error> last_error_;
};

FieldCipher::FieldCipher(KeyStore& keys, std::filesystem::path key_file,
                         std::chrono::milliseconds refresh_interval,
                         std::chrono::milliseconds forced_refresh_interval)
    : keys_(&keys),
      follower_(std::make_shared<KeyFileFollower>(keys, std::move(key_file), refresh_interval,
                                                  forced_refresh_interval)) {}

std::optional<Error> FieldCipher::last_refresh_error() const {
  return follower_ ? follower_->last_error() : std::nullopt;
}

std::uint64_t FieldCipher::key_file_reads() const {
  return follower_ ? follower_->reads() : 0;
}

const FieldKey* FieldCipher::key_for(std::uint32_t id) const {
  const FieldKey* key = keys_->field_key(id);
  if (key != nullptr || !follower_) return key;
  follower_->look_for(id);
  return keys_->field_key(id);
}

Result<std::vector<std::uint8_t>> FieldCipher::encrypt(std::string_view plaintext,
                                                       const FieldContext& context) const {
  if (auto valid = check_context(context); !valid) return tl::unexpected(valid.error());
  if (follower_) follower_->poll();
  const FieldKey& key = keys_->current_field_key();
  const auto header = make_header(key.id);

  std::vector<std::uint8_t> sealed(overhead + plaintext.size());
  std::copy(header.begin(), header.end(), sealed.begin());
  const std::span<std::uint8_t, detail::aead_nonce_bytes> nonce(sealed.data() + nonce_offset,
                                                                detail::aead_nonce_bytes);
  randombytes_buf(nonce.data(), nonce.size());  // 192 random bits: collisions are negligible
  detail::aead_seal(std::span(sealed).subspan(ciphertext_offset), as_bytes(plaintext),
                    associated_data(header, context), nonce, key.key.bytes());
  return sealed;
}

Result<std::string> FieldCipher::decrypt(std::span<const std::uint8_t> sealed,
                                         const FieldContext& context) const {
  if (auto valid = check_context(context); !valid) return tl::unexpected(valid.error());
  const auto key_id = key_id_of(sealed);
  if (!key_id) {
    return fail(Errc::internal, "field is not a sealed value this version can read");
  }
  const FieldKey* key = key_for(*key_id);
  if (key == nullptr) {
    return fail(Errc::internal, "encrypted with key " + std::to_string(*key_id) +
                                    " which the key file does not hold");
  }
  const auto header = sealed.first<header_bytes>();
  const auto nonce = sealed.subspan(nonce_offset).first<detail::aead_nonce_bytes>();
  std::string plaintext(sealed.size() - overhead, '\0');
  const std::span<std::uint8_t> out(reinterpret_cast<std::uint8_t*>(plaintext.data()),
                                    plaintext.size());
  if (!detail::aead_open(out, sealed.subspan(ciphertext_offset), associated_data(header, context),
                         nonce, key->key.bytes())) {
    return fail(Errc::internal, "field failed authentication (tampered or wrong row)");
  }
  return plaintext;
}

Result<std::vector<std::uint8_t>> FieldCipher::reencrypt(std::span<const std::uint8_t> sealed,
                                                         const FieldContext& context) const {
  auto plaintext = decrypt(sealed, context);
  if (!plaintext) return tl::unexpected(plaintext.error());
  const detail::WipeOnExit wipe_plaintext(*plaintext);
  return encrypt(*plaintext, context);
}

std::optional<std::uint32_t> FieldCipher::key_id_of(std::span<const std::uint8_t> sealed) {
  if (sealed.size() < overhead || sealed[0] != format_version) return std::nullopt;
  return (std::uint32_t{sealed[1]} << 24U) | (std::uint32_t{sealed[2]} << 16U) |
         (std::uint32_t{sealed[3]} << 8U) | std::uint32_t{sealed[4]};
}

}  // namespace lifeline::crypto
