// The Xapian database of one index, and which thread may use which handle on it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <vector>

#include <xapian.h>

namespace lifeline::search::detail {

// An index directory holds the live database in a subdirectory "index-N" and a file "current"
// naming it. A rebuild fills "index-N+1" and then renames a new "current" into place, so the
// switch is atomic and a crash mid-rebuild leaves the old index live.
//
// Xapian handles are not thread-safe. The writable handle is used only by write and
// replace_all, which the caller serialises. Each read borrows a reader handle of its own from
// a pool, reopened when a commit happened since it was last used.
//
// Every method may throw Xapian::Error or std::filesystem::filesystem_error.
class Store {
 public:
  // Opens the index under `dir`, creating it when missing. With `remove_when_destroyed`, the
  // directory and everything in it is deleted by the destructor.
  Store(std::filesystem::path dir, bool remove_when_destroyed);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Runs `read` on a handle no other thread uses meanwhile. Runs it again on a fresh handle
  // when the database changed under it (Xapian::DatabaseError), so it must be repeatable.
  void read(const std::function<void(const Xapian::Database&)>& read);
  // Applies `change` as one transaction: readers see all of it or nothing.
  void write(const std::function<void(Xapian::WritableDatabase&)>& change);
  // Fills a new, empty database with `fill` and makes it the live one when `fill` returns.
  void replace_all(const std::function<void(Xapian::WritableDatabase&)>& fill);
  // Documents in the live database, as of the last write.
  Xapian::doccount size() const;

 private:
  struct Reader {
    Xapian::Database db;
    std::uint64_t generation = 0;  // of the directory it was opened on
    std::uint64_t commits = 0;     // commits_ when it was last (re)opened
  };

  Reader checkout();
  void checkin(Reader reader);
  void after_commit();

  std::filesystem::path dir_;
  bool remove_when_destroyed_;
  Xapian::WritableDatabase writer_;  // used only by write and replace_all

  mutable std::mutex mutex_;  // guards everything below
  std::uint64_t generation_ = 0;
  std::uint64_t commits_ = 0;
  Xapian::doccount size_ = 0;
  std::vector<Reader> idle_readers_;
};

}  // namespace lifeline::search::detail
