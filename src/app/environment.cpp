#include "app/environment.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/key_check.hpp"

namespace lifeline::app {
namespace {

Result<void> bring_schema_up_to_date(storage::Database& db, bool migrate) {
  auto status = storage::migration_status(db);
  if (!status) return tl::unexpected(status.error());
  if (status->current > status->latest) {
    return fail(Errc::conflict,
                fmt::format("the database schema (version {}) is newer than this lifeline binary "
                            "(knows up to {}): upgrade lifeline",
                            status->current, status->latest));
  }
  if (status->current == status->latest) return {};
  if (!migrate && status->current > 0) {
    return fail(Errc::conflict, "the database schema is out of date: run `lifeline migrate`");
  }
  auto applied = storage::migrate(db);  // logs each migration it applies
  if (!applied) return tl::unexpected(applied.error());
  return {};
}

// A new key is made only for a database with nothing encrypted in it: making one for a
// database that has data would lock that data away for good.
Result<crypto::KeyStore> load_or_create_keys(storage::Database& db, const Config& config) {
  if (!config.keys_text.empty()) {
    return crypto::KeyStore::parse(config.keys_text, environment_variable_for("security.keys"));
  }
  if (std::filesystem::exists(config.key_file)) return crypto::KeyStore::load(config.key_file);
  auto has_data = has_key_checks(db);
  if (!has_data) return tl::unexpected(has_data.error());
  if (*has_data) {
    return fail(Errc::not_found,
                fmt::format("the key file {} is missing, but this database holds data encrypted "
                            "with it: restore the key file from your backup (lifeline never "
                            "creates a new key for an existing database)",
                            config.key_file.string()));
  }
  spdlog::info("creating a new key file at {}", config.key_file.string());
  return crypto::KeyStore::create(config.key_file);
}

}  // namespace

Result<std::unique_ptr<Environment>> open_environment(const Config& config, bool migrate) {
  auto env = std::make_unique<Environment>();
  env->config = config;
  storage::DatabaseOptions options{config.database_url, config.database_pool_size,
                                   config.database_busy_timeout_ms};
  auto db = storage::open_database(options);
  if (!db) return tl::unexpected(db.error());
  env->database = std::move(*db);
  if (auto schema = bring_schema_up_to_date(*env->database, migrate); !schema) {
    return tl::unexpected(schema.error());
  }
  auto keys = load_or_create_keys(*env->database, config);
  if (!keys) return tl::unexpected(keys.error());
  env->keys.emplace(std::move(*keys));
  if (auto verified = verify_key_checks(*env->database, *env->keys); !verified) {
    return tl::unexpected(verified.error());
  }
  if (auto recorded = record_key_checks(*env->database, *env->keys); !recorded) {
    return tl::unexpected(recorded.error());
  }
  env->account_repository.emplace(*env->database);
  env->corpus_repository.emplace(*env->database);
  // The cipher follows the key file, so a running server picks up `keys rotate` by itself.
  // Keys given in the environment cannot change while the process runs.
  crypto::FieldCipher cipher = config.keys_text.empty()
                                   ? crypto::FieldCipher(*env->keys, config.key_file)
                                   : crypto::FieldCipher(*env->keys);
  env->accounts.emplace(*env->account_repository, *env->keys, cipher, env->clock, config.accounts);
  env->case_repository.emplace(*env->database, cipher,
                               crypto::BlindIndex(env->keys->blind_index_key()));
  env->hotline_repository.emplace(*env->database, cipher);
  env->monitoring_repository.emplace(*env->database);
  return env;
}

}  // namespace lifeline::app
