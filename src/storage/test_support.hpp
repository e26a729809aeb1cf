// A fixture that runs each test on both backends: SQLite in a temporary directory, and
// PostgreSQL in a schema of its own on the server named by LIFELINE_TEST_PG_URL_FILE.
#pragma once

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include <gtest/gtest.h>

#include "storage/database.hpp"

namespace lifeline::storage::testing {

class BackendTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override;
  void TearDown() override;

  Dialect dialect() const { return GetParam(); }
  bool is_postgres() const { return dialect() == Dialect::postgres; }

  // Options for this test's database.
  DatabaseOptions options(int pool_size = 4, int busy_timeout_ms = 5000) const;
  // Opens this test's database; fails the test (and returns null) if that does not work.
  std::unique_ptr<Database> open(int pool_size = 4, int busy_timeout_ms = 5000) const;

  // Column types that differ between the dialects.
  std::string id_column() const;  // an auto-numbered primary key named id
  std::string int_type() const;
  std::string real_type() const;
  std::string blob_type() const;

  // Runs `sql` in a write transaction and fails the test if it fails.
  static void exec(Database& db, std::string_view sql);
  static std::int64_t count_rows(Database& db, std::string_view table);
  bool table_exists(Database& db, std::string_view table) const;

  // A fresh directory for this test's files, removed afterwards.
  const std::filesystem::path& scratch() const { return scratch_; }

 private:
  void set_up_postgres();

  std::filesystem::path scratch_;
  std::string url_;
  std::string admin_url_;
  std::string schema_;
};

std::string backend_name(const ::testing::TestParamInfo<Dialect>& info);

}  // namespace lifeline::storage::testing

namespace lifeline::storage {
// Names the backend in gtest's messages.
// NOLINTNEXTLINE(readability-identifier-naming): gtest looks for this name
void PrintTo(Dialect dialect, std::ostream* out);
}  // namespace lifeline::storage

#define LIFELINE_ON_BOTH_BACKENDS(Fixture)                                            \
  INSTANTIATE_TEST_SUITE_P(Backends, Fixture,                                         \
                           ::testing::Values(::lifeline::storage::Dialect::sqlite,    \
                                             ::lifeline::storage::Dialect::postgres), \
                           ::lifeline::storage::testing::backend_name)
