#include "search/detail/store.hpp"

#include <charconv>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace lifeline::search::detail {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kGenerationPrefix = "index-";
constexpr const char* kCurrentFile = "current";
// A search retries on a fresh handle when the database changed under it; a handle can miss
// at most a commit or a rebuild per attempt, so a few attempts are plenty.
constexpr int kReadAttempts = 3;
// Idle reader handles kept for reuse; more concurrent searches open more and close them after.
constexpr std::size_t kMaxIdleReaders = 16;

std::string generation_name(std::uint64_t generation) {
  return std::string(kGenerationPrefix) + std::to_string(generation);
}

std::optional<std::uint64_t> parse_generation_name(std::string_view name) {
  if (!name.starts_with(kGenerationPrefix)) return std::nullopt;
  name.remove_prefix(kGenerationPrefix.size());
  std::uint64_t generation = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), generation);
  if (error != std::errc() || end != name.data() + name.size() || generation == 0) {
    return std::nullopt;
  }
  return generation;
}

// The generation "current" names, or nothing for a new (or damaged) index directory.
std::optional<std::uint64_t> read_current(const fs::path& dir) {
  std::ifstream in(dir / kCurrentFile);
  std::string name;
  if (!(in >> name)) return std::nullopt;
  return parse_generation_name(name);
}

// Points "current" at `generation` by renaming a complete new file over it: readers of the
// file see the old name or the new one, never a torn write.
void write_current(const fs::path& dir, std::uint64_t generation) {
  const fs::path temporary = dir / (std::string(kCurrentFile) + ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << generation_name(generation) << '\n';
    out.close();
    if (!out) {
      throw fs::filesystem_error("cannot write the search index's current-generation file",
                                 temporary, std::make_error_code(std::errc::io_error));
    }
  }
  fs::rename(temporary, dir / kCurrentFile);
}

// Deletes generations other than the live one: left by a rebuild that did not finish.
void remove_other_generations(const fs::path& dir, std::uint64_t live) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto generation = parse_generation_name(entry.path().filename().string());
    if (generation && *generation != live) fs::remove_all(entry.path());
  }
}

void cancel_quietly(Xapian::WritableDatabase& db) {
  try {
    db.cancel_transaction();
  } catch (const Xapian::Error&) {
    // The transaction is cancelled even when this throws; the first error is what matters.
  }
}

}  // namespace

Store::Store(fs::path dir, bool remove_when_destroyed)
    : dir_(std::move(dir)), remove_when_destroyed_(remove_when_destroyed) {
  fs::create_directories(dir_);
  const auto current = read_current(dir_);
  generation_ = current.value_or(1);
  // Opening the writer takes Xapian's lock, so only the process that holds it tidies up.
  writer_ = Xapian::WritableDatabase((dir_ / generation_name(generation_)).string(),
                                     Xapian::DB_CREATE_OR_OPEN);
  if (!current) write_current(dir_, generation_);
  remove_other_generations(dir_, generation_);
  size_ = writer_.get_doccount();
}

Store::~Store() {
  idle_readers_.clear();
  try {
    writer_.close();
  } catch (const Xapian::Error&) {
    // Nothing is pending (every write commits), so there is nothing to lose here.
  }
  if (remove_when_destroyed_) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
}

void Store::read(const std::function<void(const Xapian::Database&)>& read) {
  for (int attempt = 1;; ++attempt) {
    try {
      Reader reader = checkout();
      read(reader.db);
      checkin(std::move(reader));
      return;
    } catch (const Xapian::DatabaseError&) {
      // A commit recycled blocks this handle still used, or a rebuild removed its directory:
      // the handle is dropped and the next attempt gets an up-to-date one.
      if (attempt == kReadAttempts) throw;
    }
  }
}

void Store::write(const std::function<void(Xapian::WritableDatabase&)>& change) {
  writer_.begin_transaction();
  try {
    change(writer_);
    writer_.commit_transaction();
  } catch (...) {
    cancel_quietly(writer_);
    throw;
  }
  after_commit();
}

void Store::replace_all(const std::function<void(Xapian::WritableDatabase&)>& fill) {
  // generation_ changes only here, and the caller serialises writers: reading it unlocked is safe.
  const std::uint64_t next = generation_ + 1;
  const fs::path next_path = dir_ / generation_name(next);
  fs::remove_all(next_path);
  Xapian::WritableDatabase fresh(next_path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  try {
    fill(fresh);
    fresh.commit();
  } catch (...) {
    fresh.close();
    fs::remove_all(next_path);
    throw;
  }
  write_current(dir_, next);
  const fs::path old_path = dir_ / generation_name(generation_);
  writer_.close();
  writer_ = fresh;
  {
    std::lock_guard lock(mutex_);
    generation_ = next;
    ++commits_;
    size_ = writer_.get_doccount();
    idle_readers_.clear();
  }
  // Searches still running on the old files keep them open until they finish (or retry).
  fs::remove_all(old_path);
}

Xapian::doccount Store::size() const {
  std::lock_guard lock(mutex_);
  return size_;
}

Store::Reader Store::checkout() {
  std::optional<Reader> idle;
  std::uint64_t generation = 0;
  std::uint64_t commits = 0;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
    commits = commits_;
    if (!idle_readers_.empty()) {
      idle = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    }
  }
  // Opening and reopening read files: done outside the lock so searches do not queue on it.
  if (!idle) {
    return Reader{Xapian::Database((dir_ / generation_name(generation)).string()), generation,
                  commits};
  }
  if (idle->commits != commits) {
    idle->db.reopen();
    idle->commits = commits;
  }
  return std::move(*idle);
}

void Store::checkin(Reader reader) {
  std::lock_guard lock(mutex_);
  if (reader.generation == generation_ && idle_readers_.size() < kMaxIdleReaders) {
    idle_readers_.push_back(std::move(reader));
  }
}

void Store::after_commit() {
  std::lock_guard lock(mutex_);
  ++commits_;
  size_ = writer_.get_doccount();
}

}  // namespace lifeline::search::detail
