// Configuration: one TOML file, every key overridable by a LIFELINE_* environment variable,
// defaults that work on a laptop with no file at all.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "crypto/password.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/nrm/case_rules.hpp"
#include "domain/stats/suppression.hpp"
#include "http/server.hpp"

namespace lifeline::app {

struct Config {
  std::filesystem::path data_dir = "var";
  std::string database_url;  // default: sqlite:<data_dir>/lifeline.db
  int database_pool_size = 4;
  int database_busy_timeout_ms = 5000;  // SQLite busy timeout; PostgreSQL lock_timeout
  bool database_auto_migrate = true;
  std::filesystem::path key_file;  // default: <data_dir>/lifeline.key
  // The key file's text given in LIFELINE_SECURITY_KEYS instead of a file (container
  // secrets); when set, key_file is not used.
  std::string keys_text;
  http::ServerOptions server;
  std::filesystem::path static_dir = "web/dist";
  domain::AccountPolicy accounts;
  domain::nrm::CasePolicy nrm;                // [nrm]: decision deadlines and the reflection period
  std::filesystem::path nrm_indicators_file;  // the deployment's checklist; built-in when empty
  std::string log_level = "info";
  domain::stats::StatsPolicy statistics;  // [statistics]: disclosure control of published figures
};

// Reads `file` (when given; it must exist then), then applies LIFELINE_* variables from
// `getenv`. Errors name the key or variable at fault.
Result<Config> load_config(const std::optional<std::filesystem::path>& file,
                           const std::function<const char*(const char*)>& getenv);

// The environment variable that overrides a key, e.g. "server.port" -> LIFELINE_SERVER_PORT.
std::string environment_variable_for(std::string_view key);

}  // namespace lifeline::app
