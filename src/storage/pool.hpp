// A bounded pool of database connections, shared by both backends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "storage/database.hpp"

namespace lifeline::storage::detail {

// Connections open lazily, up to `capacity`. A connection comes back through its Lease; the
// pool keeps it only if Conn::healthy() (for instance not stuck inside a transaction), so a
// broken connection is closed and the next caller opens a fresh one.
template <class Conn>
class ConnectionPool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Conn>>()>;

  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)),
          conn_(std::move(other.conn_)),
          reused_(other.reused_) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool_ != nullptr) pool_->give_back(std::move(conn_));
    }
    Conn& operator*() const { return *conn_; }
    Conn* operator->() const { return conn_.get(); }
    // True when the connection sat idle in the pool, so the server may have dropped it since.
    bool reused() const { return reused_; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<Conn> conn, bool reused)
        : pool_(pool), conn_(std::move(conn)), reused_(reused) {}
    ConnectionPool* pool_;
    std::unique_ptr<Conn> conn_;
    bool reused_;
  };

  ConnectionPool(int capacity, Factory factory)
      : capacity_(capacity), factory_(std::move(factory)) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Lends a connection, opening one if the pool is not full, otherwise waiting up to
  // `wait_limit` for one to come back.
  Result<Lease> acquire(std::chrono::milliseconds wait_limit) {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + wait_limit;
    bool counted = false;
    for (;;) {
      if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        ++in_use_;
        return Lease(this, std::move(conn), true);
      }
      if (open_ < capacity_) {
        ++open_;
        ++in_use_;
        lock.unlock();
        return open_new();
      }
      if (!counted) {
        ++waits_;
        counted = true;
      }
      if (returned_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
          open_ >= capacity_) {
        return fail(
            Errc::unavailable,
            fmt::format("no database connection became free within {} ms", wait_limit.count()));
      }
    }
  }

  PoolStats stats() const {
    std::lock_guard lock(mutex_);
    return PoolStats{open_, in_use_, waits_};
  }

 private:
  // Called with a slot already reserved in open_/in_use_; releases it if opening fails.
  Result<Lease> open_new() {
    auto conn = factory_();
    if (!conn) {
      release_slot();
      return tl::unexpected(std::move(conn.error()));
    }
    return Lease(this, std::move(*conn), false);
  }

  void give_back(std::unique_ptr<Conn> conn) {
    if (!conn->healthy()) {
      conn.reset();  // close outside the lock: it may talk to the server
      release_slot();
      return;
    }
    {
      std::lock_guard lock(mutex_);
      --in_use_;
      idle_.push_back(std::move(conn));
    }
    returned_.notify_one();
  }

  void release_slot() {
    {
      std::lock_guard lock(mutex_);
      --open_;
      --in_use_;
    }
    returned_.notify_one();
  }

  const int capacity_;
  const Factory factory_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Conn>> idle_;
  int open_ = 0;
  int in_use_ = 0;
  std::int64_t waits_ = 0;
};

inline PoolStats operator+(const PoolStats& a, const PoolStats& b) {
  return PoolStats{a.size + b.size, a.in_use + b.in_use, a.waits + b.waits};
}

}  // namespace lifeline::storage::detail
