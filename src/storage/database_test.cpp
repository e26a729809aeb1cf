#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <future>
#include <limits>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/test_support.hpp"

namespace lifeline::storage {
namespace {

using namespace std::chrono_literals;

class DatabaseTest : public testing::BackendTest {
 protected:
  void create_items(Database& db) const {
    exec(db, fmt::format("CREATE TABLE items ({}, name TEXT NOT NULL, qty {})", id_column(),
                         int_type()));
  }
  static Result<void> insert_item(Session& s, const std::string& name, std::int64_t qty = 0) {
    auto done = s.execute("INSERT INTO items (name, qty) VALUES ($1, $2)", {name, qty});
    if (!done) return tl::unexpected(done.error());
    return {};
  }
  static Result<Rows> query(Database& db, std::string_view sql, const Params& params = {}) {
    return db.read([&](Session& s) { return s.query(sql, params); });
  }
};

LIFELINE_ON_BOTH_BACKENDS(DatabaseTest);

Bytes pseudo_random_bytes(std::size_t size) {
  Bytes out(size);
  std::uint32_t state = 12345;
  for (auto& byte : out) {
    state = state * 1664525u + 1013904223u;
    byte = static_cast<std::uint8_t>(state >> 24);
  }
  return out;
}

bool owner_only(const std::filesystem::path& file) {
  using std::filesystem::perms;
  const auto permissions = std::filesystem::status(file).permissions();
  return (permissions & (perms::group_all | perms::others_all)) == perms::none;
}

std::string large_text() {
  std::string out;
  while (out.size() < (1u << 20)) out += "Large text, ünïcödé, 日本語 — line\n";
  return out;
}

TEST_P(DatabaseTest, RoundTripsEveryValueType) {
  auto db = open();
  ASSERT_TRUE(db);
  exec(*db, fmt::format("CREATE TABLE v ({}, i {}, r {}, s TEXT, b {})", id_column(), int_type(),
                        real_type(), blob_type()));
  const std::vector<Params> rows = {
      {Null{}, Null{}, Null{}, Null{}},
      {std::numeric_limits<std::int64_t>::min(), 0.0, std::string(), Bytes{}},
      {std::numeric_limits<std::int64_t>::max(), -1.5e300, std::string("Ünïcödé ✓ 日本語 🚀 Привет"),
       Bytes{0, 1, 0, 255, 0}},
      {std::int64_t{42}, 0.1, large_text(), pseudo_random_bytes(1u << 20)},
      {std::int64_t{-7}, std::numeric_limits<double>::infinity(), std::string("x"), Bytes{0}},
  };
  auto written = db->write([&](Session& s) -> Result<void> {
    for (const auto& params : rows) {
      auto done = s.execute("INSERT INTO v (i, r, s, b) VALUES ($1, $2, $3, $4)", params);
      if (!done) return tl::unexpected(done.error());
    }
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  auto read = query(*db, "SELECT i, r, s, b FROM v ORDER BY id");
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < 4; ++c) {
      EXPECT_TRUE((*read)[r].value(c) == rows[r][c]) << "row " << r << " column " << c;
    }
  }
  EXPECT_TRUE((*read)[0].is_null(2));
  EXPECT_EQ((*read)[1].text(2), "");
  EXPECT_EQ((*read)[2].bytes(3).size(), 5u);
}

TEST_P(DatabaseTest, ReadsBooleansAndCountsAsIntegers) {
  auto db = open();
  ASSERT_TRUE(db);
  auto rows = query(*db, "SELECT 1 = 1, 1 = 2, count(*) FROM (SELECT 1 AS x) AS t");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->at(0).i64(0), 1);
  EXPECT_EQ(rows->at(0).i64(1), 0);
  EXPECT_EQ(rows->at(0).i64(2), 1);
}

TEST_P(DatabaseTest, TypedAccessorsRefuseOtherTypes) {
  const Row row({Null{}, std::int64_t{3}, 2.0, std::string("text"), Bytes{1}, 2.5});
  EXPECT_EQ(row.opt_i64(0), std::nullopt);
  EXPECT_EQ(row.opt_text(0), std::nullopt);
  EXPECT_EQ(row.f64(1), 3.0);
  EXPECT_EQ(row.i64(2), 2);  // a whole-number real, as PostgreSQL's numeric SUM()
  EXPECT_THROW((void)row.i64(5), std::logic_error);
  EXPECT_THROW((void)row.i64(3), std::logic_error);
  EXPECT_THROW((void)row.text(4), std::logic_error);
  EXPECT_THROW((void)row.bytes(3), std::logic_error);
  try {
    (void)row.i64(3);
  } catch (const std::logic_error& e) {
    EXPECT_EQ(std::string(e.what()).find("text\""), std::string::npos) << "never the value";
  }
}

TEST_P(DatabaseTest, BindsParametersByNumberInAnyOrder) {
  auto db = open();
  ASSERT_TRUE(db);
  exec(*db, "CREATE TABLE p (a TEXT, b TEXT, c TEXT)");
  auto inserted = db->write([](Session& s) {
    return s.execute("INSERT INTO p (a, b, c) VALUES ($2, $1, $1)",
                     {std::string("one"), std::string("two")});
  });
  ASSERT_TRUE(inserted) << inserted.error().message;
  auto rows = query(*db, "SELECT a, b, c FROM p WHERE a = $2 AND b = $1",
                    {std::string("one"), std::string("two")});
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).text(0), "two");
  EXPECT_EQ(rows->at(0).text(1), "one");
  EXPECT_EQ(rows->at(0).text(2), "one");
  auto numbers = query(*db, "SELECT $2 - $1, $1 * $1", {std::int64_t{3}, std::int64_t{10}});
  ASSERT_TRUE(numbers) << numbers.error().message;
  EXPECT_EQ(numbers->at(0).i64(0), 7);
  EXPECT_EQ(numbers->at(0).i64(1), 9);
}

TEST_P(DatabaseTest, ReturningGivesGeneratedIds) {
  auto db = open();
  ASSERT_TRUE(db);
  create_items(*db);
  for (std::int64_t expected : {1, 2}) {
    auto id = db->write([](Session& s) -> Result<std::int64_t> {
      auto rows = s.query("INSERT INTO items (name, qty) VALUES ($1, $2) RETURNING id",
                          {std::string("n"), std::int64_t{1}});
      if (!rows) return tl::unexpected(rows.error());
      return rows->at(0).i64(0);
    });
    ASSERT_TRUE(id) << id.error().message;
    EXPECT_EQ(*id, expected);
  }
}

TEST_P(DatabaseTest, ExecuteCountsChangedRows) {
  auto db = open();
  ASSERT_TRUE(db);
  create_items(*db);
  auto counts = db->write([](Session& s) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> out;
    for (std::string_view sql :
         {"INSERT INTO items (name, qty) VALUES ('a', 1), ('b', 2), ('c', 3)",
          "UPDATE items SET qty = qty + 1", "DELETE FROM items WHERE name = 'none'",
          "CREATE TABLE other (x TEXT)", "DELETE FROM items WHERE name = 'a'"}) {
      auto changed = s.execute(sql);
      if (!changed) return tl::unexpected(changed.error());
      out.push_back(*changed);
    }
    return out;
  });
  ASSERT_TRUE(counts) << counts.error().message;
  EXPECT_EQ(*counts, (std::vector<std::int64_t>{3, 3, 0, 0, 1}));
}

TEST_P(DatabaseTest, RollsBackWhenWorkFailsOrThrows) {
  auto db = open();
  ASSERT_TRUE(db);
  create_items(*db);
  auto failed = db->write([](Session& s) -> Result<void> {
    if (auto ok = insert_item(s, "kept?"); !ok) return ok;
    return fail(Errc::invalid_argument, "changed my mind");
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, Errc::invalid_argument);
  EXPECT_EQ(failed.error().message, "changed my mind");
  EXPECT_EQ(count_rows(*db, "items"), 0);

  EXPECT_THROW((void)db->write([](Session& s) -> Result<void> {
    (void)insert_item(s, "kept?");
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  EXPECT_EQ(count_rows(*db, "items"), 0);

  auto after = db->write([](Session& s) { return insert_item(s, "kept"); });
  EXPECT_TRUE(after) << after.error().message;
  EXPECT_EQ(count_rows(*db, "items"), 1);
}

TEST_P(DatabaseTest, MapsConstraintViolationsWithoutTheValues) {
  auto db = open();
  ASSERT_TRUE(db);
  exec(*db, fmt::format("CREATE TABLE people ({}, email TEXT NOT NULL); "
                        "CREATE UNIQUE INDEX people_email ON people (email)",
                        id_column()));
  const std::string email = "victim.name@example.org";
  auto insert = [&](const Value& value) {
    return db->write([&](Session& s) -> Result<void> {
      auto done = s.execute("INSERT INTO people (email) VALUES ($1)", {value});
      if (!done) return tl::unexpected(done.error());
      return {};
    });
  };
  ASSERT_TRUE(insert(email));
  auto duplicate = insert(email);
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, Errc::conflict) << duplicate.error().message;
  EXPECT_EQ(duplicate.error().message.find("victim"), std::string::npos)
      << duplicate.error().message;
  auto missing = insert(Null{});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::invalid_argument) << missing.error().message;
}

// Both backends act like PostgreSQL: after a failed statement nothing more runs and nothing
// is committed, even if the work ignores the error.
TEST_P(DatabaseTest, FailedStatementSpoilsTheTransaction) {
  auto db = open();
  ASSERT_TRUE(db);
  exec(*db, "CREATE TABLE tags (name TEXT PRIMARY KEY)");
  Result<std::int64_t> later = 0;
  auto outcome = db->write([&](Session& s) -> Result<void> {
    (void)s.execute("INSERT INTO tags (name) VALUES ('a')");
    (void)s.execute("INSERT INTO tags (name) VALUES ('a')");  // conflict, ignored
    later = s.execute("INSERT INTO tags (name) VALUES ('b')");
    return {};
  });
  EXPECT_FALSE(later);
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, Errc::conflict) << outcome.error().message;
  EXPECT_EQ(count_rows(*db, "tags"), 0);
}

TEST_P(DatabaseTest, RefusesTextThatCannotBeStoredPortably) {
  auto db = open();
  ASSERT_TRUE(db);
  for (const std::string& text : {std::string("a\0b", 3), std::string("\xff\xfe")}) {
    auto rows = query(*db, "SELECT $1", {text});
    ASSERT_FALSE(rows);
    EXPECT_EQ(rows.error().code, Errc::invalid_argument) << rows.error().message;
  }
}

TEST_P(DatabaseTest, RefusesSeveralStatementsInOneQuery) {
  auto db = open();
  ASSERT_TRUE(db);
  auto rows = query(*db, "SELECT 1; SELECT 2");
  EXPECT_FALSE(rows);
  auto commented = query(*db, "SELECT 1; -- a trailing comment is fine");
  EXPECT_TRUE(commented) << commented.error().message;
}

TEST_P(DatabaseTest, ReadTransactionsRefuseWrites) {
  auto db = open();
  ASSERT_TRUE(db);
  create_items(*db);
  auto written = db->read([](Session& s) { return insert_item(s, "nope"); });
  EXPECT_FALSE(written);
  EXPECT_EQ(count_rows(*db, "items"), 0);
}

TEST_P(DatabaseTest, ConcurrentWritersAllLand) {
  constexpr int kThreads = 4, kRowsEach = 200;
  auto db = open(4, 60000);  // generous: the writers queue for SQLite's single writer
  ASSERT_TRUE(db);
  create_items(*db);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRowsEach; ++i) {
        auto done =
            db->write([&](Session& s) { return insert_item(s, fmt::format("{}-{}", t, i), t); });
        if (!done) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count_rows(*db, "items"), kThreads * kRowsEach);
  for (int t = 0; t < kThreads; ++t) {
    auto rows = query(*db, "SELECT count(*) FROM items WHERE qty = $1", {std::int64_t{t}});
    ASSERT_TRUE(rows) << rows.error().message;
    EXPECT_EQ(rows->at(0).i64(0), kRowsEach);
  }
}

TEST_P(DatabaseTest, ReadersSeeOnlyCommittedData) {
  auto db = open();
  ASSERT_TRUE(db);
  create_items(*db);
  auto written = db->write([&](Session& s) -> Result<void> {
    if (auto ok = insert_item(s, "pending"); !ok) return ok;
    // Another thread, since nested transactions on one thread are not supported.
    auto seen = std::async(std::launch::async, [&] { return count_rows(*db, "items"); }).get();
    EXPECT_EQ(seen, 0);
    return {};
  });
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_EQ(count_rows(*db, "items"), 1);
}

TEST_P(DatabaseTest, PoolStatsCountConnectionsAndWaits) {
  auto db = open(1);
  ASSERT_TRUE(db);
  const auto idle = db->pool_stats();
  EXPECT_EQ(idle.in_use, 0);
  EXPECT_EQ(idle.size, 1);  // the SQLite writer, or the first PostgreSQL connection
  EXPECT_EQ(idle.waits, 0);
  auto inside = db->read([&](Session&) -> Result<PoolStats> { return db->pool_stats(); });
  ASSERT_TRUE(inside);
  EXPECT_EQ(inside->in_use, 1);

  std::promise<void> release;
  std::promise<void> holding;
  std::thread holder([&] {
    (void)db->read([&](Session&) -> Result<void> {
      holding.set_value();
      release.get_future().wait();
      return {};
    });
  });
  holding.get_future().wait();
  auto waiter = std::async(std::launch::async, [&] { return db->ping(); });
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (db->pool_stats().waits == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  const auto busy = db->pool_stats();
  release.set_value();
  holder.join();
  EXPECT_TRUE(waiter.get());
  EXPECT_EQ(busy.waits, 1);
  EXPECT_EQ(busy.in_use, 1);
  const auto after = db->pool_stats();
  EXPECT_EQ(after.in_use, 0);
  EXPECT_EQ(after.size, is_postgres() ? 1 : 2);  // SQLite: the writer and one reader
}

TEST_P(DatabaseTest, GivesUpWhenNoConnectionFreesInTime) {
  auto db = open(1, 200);
  ASSERT_TRUE(db);
  auto outcome = db->read([&](Session&) -> Result<void> {
    return std::async(std::launch::async, [&] { return db->ping(); }).get();
  });
  ASSERT_FALSE(outcome);
  EXPECT_EQ(outcome.error().code, Errc::unavailable) << outcome.error().message;
}

TEST_P(DatabaseTest, Pings) {
  auto db = open();
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->ping());
}

TEST_P(DatabaseTest, BacksUpToANewPrivateFileOnly) {
  auto db = open();
  ASSERT_TRUE(db);
  create_items(*db);
  ASSERT_TRUE(db->write([](Session& s) -> Result<void> {
    for (const char* name : {"a", "b", "c"}) {
      if (auto ok = insert_item(s, name); !ok) return ok;
    }
    return {};
  }));
  const auto target = scratch() / "backup.bin";
  // Taken while a write is under way: the backup neither waits for it nor includes it.
  Result<void> backup;
  auto writing = db->write([&](Session& s) -> Result<void> {
    if (auto ok = insert_item(s, "uncommitted"); !ok) return ok;
    backup = std::async(std::launch::async, [&] { return db->backup_to(target); }).get();
    return fail(Errc::invalid_argument, "rolled back on purpose");
  });
  ASSERT_FALSE(writing);
  ASSERT_TRUE(backup) << backup.error().message;
  const auto size = std::filesystem::file_size(target);
  EXPECT_GT(size, 0u);
  EXPECT_TRUE(owner_only(target));
  if (is_postgres()) {
    std::ifstream in(target, std::ios::binary);
    std::string magic(5, '\0');
    in.read(magic.data(), 5);
    EXPECT_EQ(magic, "PGDMP");  // pg_dump's custom format
  } else {
    EXPECT_TRUE(owner_only(scratch() / "test.db"));
    EXPECT_TRUE(owner_only(scratch() / "test.db-wal"));
    auto copy = open_database(DatabaseOptions{"sqlite:" + target.string(), 1, 5000});
    ASSERT_TRUE(copy) << copy.error().message;
    EXPECT_EQ(count_rows(**copy, "items"), 3);
  }
  auto again = db->backup_to(target);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::conflict);
  EXPECT_EQ(std::filesystem::file_size(target), size) << "the first backup stays as it was";
}

TEST_P(DatabaseTest, RejectsUnsupportedUrlsWithoutEchoingThem) {
  for (const char* url : {"mysql://admin:hunter2@db.example/lifeline", "",
                          "sqlite:", "sqlite::memory:", "http://admin:hunter2@db.example/",
                          "postgresql://admin:hunter2@db.example/x?nosuch=1"}) {
    auto db = open_database(DatabaseOptions{url, 1, 1000});
    ASSERT_FALSE(db) << url;
    EXPECT_EQ(db.error().code, Errc::invalid_argument) << url << ": " << db.error().message;
    EXPECT_EQ(db.error().message.find("hunter2"), std::string::npos) << db.error().message;
  }
  auto no_pool = open_database(options(0));
  ASSERT_FALSE(no_pool);
  EXPECT_EQ(no_pool.error().code, Errc::invalid_argument);
}

// SQLite: a relative path (to the working directory) whose directories do not exist yet.
// PostgreSQL: the postgres:// spelling of the scheme.
TEST_P(DatabaseTest, AcceptsEachUrlForm) {
  std::string url;
  const auto previous = std::filesystem::current_path();
  if (is_postgres()) {
    url = options().url;
    ASSERT_EQ(url.rfind("postgresql://", 0), 0u);
    url.replace(0, std::string_view("postgresql").size(), "postgres");
  } else {
    std::filesystem::current_path(scratch());
    url = "sqlite:data/nested/relative.db";
  }
  auto db = open_database(DatabaseOptions{url, 1, 5000});
  std::filesystem::current_path(previous);
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_TRUE((*db)->ping());
  if (!is_postgres()) {
    EXPECT_TRUE(std::filesystem::exists(scratch() / "data/nested/relative.db"));
    EXPECT_TRUE(owner_only(scratch() / "data/nested/relative.db"));
  }
}

TEST_P(DatabaseTest, UnreachableDatabaseIsUnavailable) {
  const std::string url =
      is_postgres() ? "postgresql://lifeline:hunter2@127.0.0.1:1/lifeline_test?connect_timeout=2"
                    : "sqlite:/dev/null/lifeline/test.db";  // no directory can exist there
  const auto start = std::chrono::steady_clock::now();
  auto db = open_database(DatabaseOptions{url, 2, 1000});
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, Errc::unavailable) << db.error().message;
  EXPECT_EQ(db.error().message.find("hunter2"), std::string::npos) << db.error().message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
}

// PostgreSQL: a connection the server dropped is replaced and later calls work again.
// SQLite: another connection holding the write lock gives unavailable until it lets go.
TEST_P(DatabaseTest, RecoversWhenTheDatabaseIsBack) {
  auto db = open(1, 5000);
  ASSERT_TRUE(db);
  create_items(*db);
  if (!is_postgres()) {
    auto other = open(1, 100);  // as a second process on the same file would
    ASSERT_TRUE(other);
    auto outcome = db->write([&](Session& s) -> Result<void> {
      if (auto ok = insert_item(s, "holding the lock"); !ok) return ok;
      auto blocked = other->write([](Session& o) { return insert_item(o, "blocked"); });
      EXPECT_FALSE(blocked);
      if (!blocked) {
        EXPECT_EQ(blocked.error().code, Errc::unavailable) << blocked.error().message;
      }
      return {};
    });
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_TRUE(other->write([](Session& o) { return insert_item(o, "now free"); }));
    EXPECT_EQ(count_rows(*db, "items"), 2);
    return;
  }
  auto admin = open(1);
  ASSERT_TRUE(admin);
  auto terminate = [&](std::int64_t pid) {
    auto done = admin->write([&](Session& s) -> Result<void> {
      auto rows = s.query("SELECT pg_terminate_backend(CAST($1 AS INTEGER), 5000)", {pid});
      if (!rows) return tl::unexpected(rows.error());
      return {};
    });
    EXPECT_TRUE(done) << done.error().message;
  };
  auto backend_pid = [](Session& s) -> Result<std::int64_t> {
    auto rows = s.query("SELECT pg_backend_pid()");
    if (!rows) return tl::unexpected(rows.error());
    return rows->at(0).i64(0);
  };
  // Dropped while idle in the pool: the next call reconnects by itself.
  auto pid = db->read(backend_pid);
  ASSERT_TRUE(pid);
  terminate(*pid);
  auto next_pid = db->read(backend_pid);
  ASSERT_TRUE(next_pid) << next_pid.error().message;
  EXPECT_NE(*next_pid, *pid);
  // Dropped inside a transaction: that transaction is unavailable, the next one works.
  auto lost = db->write([&](Session& s) -> Result<void> {
    auto own = backend_pid(s);
    if (!own) return tl::unexpected(own.error());
    terminate(*own);
    return insert_item(s, "lost");
  });
  ASSERT_FALSE(lost);
  EXPECT_EQ(lost.error().code, Errc::unavailable) << lost.error().message;
  EXPECT_TRUE(db->write([](Session& s) { return insert_item(s, "after"); }));
  EXPECT_EQ(count_rows(*db, "items"), 1);
  EXPECT_EQ(db->pool_stats().size, 1);
}

}  // namespace
}  // namespace lifeline::storage
