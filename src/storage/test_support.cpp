#include "storage/test_support.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

namespace lifeline::storage::testing {

namespace {

std::filesystem::path make_scratch_directory() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "lifeline-storage-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return {};
  return pattern;
}

// The URL of the test server, or an empty string with `problem` set.
std::string read_server_url(std::string& problem) {
  const char* file = std::getenv("LIFELINE_TEST_PG_URL_FILE");
  if (file == nullptr || *file == '\0') {
    problem =
        "LIFELINE_TEST_PG_URL_FILE is not set. The PostgreSQL tests need a server: run them "
        "through ctest (fixture pg_cluster_start), or run tests/pg-cluster.sh start DIR and "
        "set LIFELINE_TEST_PG_URL_FILE=DIR/url";
    return {};
  }
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) {
    problem = fmt::format(
        "LIFELINE_TEST_PG_URL_FILE names {}, which is missing or empty: start the server with "
        "tests/pg-cluster.sh start DIR",
        file);
  }
  return url;
}

std::string with_search_path(const std::string& url, const std::string& schema) {
  const char separator = url.find('?') == std::string::npos ? '?' : '&';
  return fmt::format("{}{}options=-csearch_path%3D{}", url, separator, schema);
}

}  // namespace

std::string backend_name(const ::testing::TestParamInfo<Dialect>& info) {
  return info.param == Dialect::sqlite ? "sqlite" : "postgres";
}

void BackendTest::SetUp() {
  scratch_ = make_scratch_directory();
  ASSERT_FALSE(scratch_.empty()) << "cannot create a temporary directory";
  if (is_postgres()) {
    set_up_postgres();
  } else {
    url_ = "sqlite:" + (scratch_ / "test.db").string();
  }
}

// Each test gets a schema of its own, so tests can run in parallel and leave nothing behind.
void BackendTest::set_up_postgres() {
  std::string problem;
  admin_url_ = read_server_url(problem);
  ASSERT_TRUE(problem.empty()) << problem;
  static std::atomic<int> counter{0};
  schema_ = fmt::format("lt_{}_{}", ::getpid(), counter++);
  auto admin = open_database(DatabaseOptions{admin_url_, 1, 5000});
  ASSERT_TRUE(admin) << admin.error().message;
  exec(**admin, fmt::format("DROP SCHEMA IF EXISTS {0} CASCADE; CREATE SCHEMA {0}", schema_));
  url_ = with_search_path(admin_url_, schema_);
}

void BackendTest::TearDown() {
  if (!schema_.empty()) {
    auto admin = open_database(DatabaseOptions{admin_url_, 1, 5000});
    if (admin) exec(**admin, fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", schema_));
  }
  if (!scratch_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(scratch_, ignored);
  }
}

DatabaseOptions BackendTest::options(int pool_size, int busy_timeout_ms) const {
  return DatabaseOptions{url_, pool_size, busy_timeout_ms};
}

std::unique_ptr<Database> BackendTest::open(int pool_size, int busy_timeout_ms) const {
  auto db = open_database(options(pool_size, busy_timeout_ms));
  if (!db) {
    ADD_FAILURE() << "open_database: " << db.error().message;
    return nullptr;
  }
  return std::move(*db);
}

std::string BackendTest::id_column() const {
  return is_postgres() ? "id BIGSERIAL PRIMARY KEY" : "id INTEGER PRIMARY KEY";
}
std::string BackendTest::int_type() const {
  return is_postgres() ? "BIGINT" : "INTEGER";
}
std::string BackendTest::real_type() const {
  return is_postgres() ? "DOUBLE PRECISION" : "REAL";
}
std::string BackendTest::blob_type() const {
  return is_postgres() ? "BYTEA" : "BLOB";
}

void BackendTest::exec(Database& db, std::string_view sql) {
  auto done = db.write([&](Session& s) { return s.execute_script(sql); });
  ASSERT_TRUE(done) << done.error().message;
}

std::int64_t BackendTest::count_rows(Database& db, std::string_view table) {
  auto count = db.read([&](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(fmt::format("SELECT count(*) FROM {}", table));
    if (!rows) return tl::unexpected(rows.error());
    return rows->at(0).i64(0);
  });
  EXPECT_TRUE(count) << count.error().message;
  return count ? *count : -1;
}

bool BackendTest::table_exists(Database& db, std::string_view table) const {
  const std::string_view sql =
      is_postgres() ? "SELECT count(*) FROM information_schema.tables "
                      "WHERE table_schema = current_schema() AND table_name = $1"
                    : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1";
  auto count = db.read([&](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(sql, {std::string(table)});
    if (!rows) return tl::unexpected(rows.error());
    return rows->at(0).i64(0);
  });
  EXPECT_TRUE(count) << count.error().message;
  return count && *count > 0;
}

}  // namespace lifeline::storage::testing

namespace lifeline::storage {
void PrintTo(Dialect dialect, std::ostream* out) {
  *out << (dialect == Dialect::sqlite ? "sqlite" : "postgres");
}
}  // namespace lifeline::storage
