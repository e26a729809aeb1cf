#include <atomic>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "storage/database.hpp"
#include "storage/test_support.hpp"

namespace lifeline::storage {
namespace {

class MigrationTest : public testing::BackendTest {
 protected:
  std::vector<Migration> sample() const {
    return {
        Migration{1, "create_alpha",
                  fmt::format("CREATE TABLE alpha ({}, label TEXT NOT NULL);\n"
                              "INSERT INTO alpha (label) VALUES ('first');",
                              id_column())},
        Migration{2, "create_beta",
                  fmt::format("CREATE TABLE beta ({}, alpha_id {} REFERENCES alpha (id));",
                              id_column(), int_type())},
    };
  }
  static int recorded_version(Database& db) {
    auto rows = db.read([](Session& s) {
      return s.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    });
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? static_cast<int>(rows->at(0).i64(0)) : -1;
  }
};

LIFELINE_ON_BOTH_BACKENDS(MigrationTest);

using Applied = std::vector<std::pair<int, std::string>>;

std::function<void(int, std::string_view)> collect(Applied& into) {
  return [&into](int version, std::string_view name) { into.emplace_back(version, name); };
}

int embedded_latest(Dialect dialect) {
  const auto& list = embedded_migrations(dialect);
  return list.empty() ? 0 : list.back().version;
}

TEST_P(MigrationTest, FreshDatabaseIsAtVersionZeroAndStatusChangesNothing) {
  auto db = open();
  ASSERT_TRUE(db);
  auto status = migration_status(*db);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(status->current, 0);
  EXPECT_EQ(status->latest, embedded_latest(dialect()));
  EXPECT_FALSE(table_exists(*db, "schema_migrations"));
}

TEST_P(MigrationTest, AppliesPendingMigrationsOnce) {
  auto db = open();
  ASSERT_TRUE(db);
  Applied applied;
  auto status = migrate(*db, sample(), collect(applied));
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(status->current, 2);
  EXPECT_EQ(status->latest, 2);
  EXPECT_EQ(applied, (Applied{{1, "create_alpha"}, {2, "create_beta"}}));
  EXPECT_TRUE(table_exists(*db, "beta"));
  EXPECT_EQ(recorded_version(*db), 2);

  applied.clear();
  auto again = migrate(*db, sample(), collect(applied));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->current, 2);
  EXPECT_TRUE(applied.empty());
  EXPECT_EQ(count_rows(*db, "alpha"), 1);
  EXPECT_EQ(count_rows(*db, "schema_migrations"), 2);
}

TEST_P(MigrationTest, AppliesOnlyTheNewOnes) {
  auto db = open();
  ASSERT_TRUE(db);
  auto list = sample();
  ASSERT_TRUE(migrate(*db, {list[0]}));
  Applied applied;
  ASSERT_TRUE(migrate(*db, list, collect(applied)));
  EXPECT_EQ(applied, (Applied{{2, "create_beta"}}));
  EXPECT_EQ(count_rows(*db, "alpha"), 1);
}

TEST_P(MigrationTest, FailingMigrationLeavesNoTrace) {
  auto db = open();
  ASSERT_TRUE(db);
  auto list = sample();
  list[1] = Migration{2, "broken",
                      "CREATE TABLE gamma (x TEXT);\nINSERT INTO gamma (x) VALUES ('kept?');\n"
                      "INSERT INTO no_such_table (x) VALUES (1);"};
  Applied applied;
  auto status = migrate(*db, list, collect(applied));
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("0002_broken"), std::string::npos)
      << status.error().message;
  EXPECT_EQ(applied, (Applied{{1, "create_alpha"}}));
  EXPECT_FALSE(table_exists(*db, "gamma"));
  EXPECT_EQ(recorded_version(*db), 1);
}

TEST_P(MigrationTest, RefusesADatabaseNewerThanTheBinary) {
  auto db = open();
  ASSERT_TRUE(db);
  ASSERT_TRUE(migrate(*db, sample()));
  auto status = migrate(*db, {sample()[0]});
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, Errc::conflict);
  EXPECT_EQ(status.error().message,
            "database schema version 2 is newer than this lifeline binary (knows up to 1); "
            "upgrade lifeline");
  auto current = migration_status(*db);
  ASSERT_TRUE(current);
  EXPECT_EQ(current->current, 2);
}

TEST_P(MigrationTest, RejectsListsOutOfOrder) {
  auto db = open();
  ASSERT_TRUE(db);
  auto list = sample();
  for (const auto& bad :
       {std::vector<Migration>{list[1], list[0]}, std::vector<Migration>{list[0], list[0]},
        std::vector<Migration>{Migration{0, "zero", "SELECT 1"}}}) {
    auto status = migrate(*db, bad);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, Errc::internal);
  }
  EXPECT_FALSE(table_exists(*db, "alpha"));
}

TEST_P(MigrationTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  auto first = open(2, 30000);
  auto second = open(2, 30000);
  ASSERT_TRUE(first && second);
  std::atomic<int> applied{0};
  auto count = [&](int, std::string_view) { ++applied; };
  Result<MigrationStatus> a = MigrationStatus{}, b = MigrationStatus{};
  std::thread one([&] { a = migrate(*first, sample(), count); });
  std::thread two([&] { b = migrate(*second, sample(), count); });
  one.join();
  two.join();
  EXPECT_TRUE(a) << a.error().message;
  EXPECT_TRUE(b) << b.error().message;
  EXPECT_EQ(applied.load(), 2);
  EXPECT_EQ(count_rows(*first, "schema_migrations"), 2);
  EXPECT_EQ(count_rows(*first, "alpha"), 1);
}

TEST_P(MigrationTest, EmbeddedMigrationsApply) {
  auto db = open();
  ASSERT_TRUE(db);
  const int latest = embedded_latest(dialect());
  auto status = migrate(*db);
  ASSERT_TRUE(status) << status.error().message;
  EXPECT_EQ(status->current, latest);
  EXPECT_EQ(status->latest, latest);
  auto reported = migration_status(*db);
  ASSERT_TRUE(reported);
  EXPECT_EQ(reported->current, latest);
  Applied applied;
  ASSERT_TRUE(migrate(*db, collect(applied)));
  EXPECT_TRUE(applied.empty());
}

}  // namespace
}  // namespace lifeline::storage
