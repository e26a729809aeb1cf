// Everything a command needs, opened in the right order: keys, database, schema, services.
#pragma once

#include <memory>
#include <optional>

#include "app/config.hpp"
#include "crypto/key_store.hpp"
#include "domain/accounts/account_service.hpp"
#include "storage/database.hpp"
#include "storage/repositories/account_repository.hpp"
#include "storage/repositories/case_repository.hpp"
#include "storage/repositories/corpus_repository.hpp"
#include "storage/repositories/hotline_repository.hpp"
#include "storage/repositories/monitoring_repository.hpp"

namespace lifeline::app {

struct Environment {
  Config config;
  SystemClock clock;
  std::unique_ptr<storage::Database> database;
  std::optional<crypto::KeyStore> keys;
  std::optional<storage::AccountRepository> account_repository;
  std::optional<domain::AccountService> accounts;
  std::optional<storage::CorpusRepository> corpus_repository;
  std::optional<storage::CaseRepository> case_repository;
  std::optional<storage::HotlineRepository> hotline_repository;
  std::optional<storage::MonitoringRepository> monitoring_repository;
};

// Opens the database, applies pending migrations when `migrate` (always for a new database),
// and loads the key file, creating it only for a database that holds no data yet. Refuses a
// key file that does not match the database.
Result<std::unique_ptr<Environment>> open_environment(const Config& config, bool migrate);

}  // namespace lifeline::app
