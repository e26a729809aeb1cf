#include "app/commands.hpp"

#include <unistd.h>

#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/services.hpp"
#include "app/checklist_file.hpp"
#include "app/cli_support.hpp"
#include "app/corpus_setup.hpp"
#include "app/environment.hpp"
#include "app/key_rotation.hpp"
#include "app/session_authenticator.hpp"
#include "app/version.hpp"
#include "audit/audit_trail.hpp"
#include "crypto/token.hpp"
#include "http/metrics.hpp"
#include "http/static_files.hpp"
#include "search/corpus_search.hpp"

namespace lifeline::app {
namespace {

template <class T>
std::optional<T> opened_or_report(Result<T> result, int& exit_code) {
  if (!result) {
    exit_code = report(result.error());
    return std::nullopt;
  }
  return std::move(*result);
}

// Reads one line from standard input, without echo when it is a terminal.
std::string read_password_line() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void announce_first_administrator(const domain::FirstAdministrator& first, const std::string& url) {
  std::cout << "\nLifeline created its first administrator account.\n"
            << "  Sign in at:         " << url << "\n"
            << "  Username:           " << first.username << "\n"
            << "  One-time password:  " << first.one_time_password << "\n"
            << "This password is shown only this once; Lifeline asks for a new one at the first "
               "sign-in.\n\n"
            << std::flush;
}

void add_pool_gauges(http::Metrics& metrics, storage::Database& db) {
  metrics.add_gauge("lifeline_db_pool_connections", "Database connections open",
                    [&db] { return static_cast<double>(db.pool_stats().size); });
  metrics.add_gauge("lifeline_db_pool_in_use", "Database connections lent out",
                    [&db] { return static_cast<double>(db.pool_stats().in_use); });
  metrics.add_gauge("lifeline_db_pool_waits", "Times a request waited for a database connection",
                    [&db] { return static_cast<double>(db.pool_stats().waits); });
}

}  // namespace

int run_serve(const Config& config) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, config.database_auto_migrate), exit_code);
  if (!env) return exit_code;
  auto first = opened_or_report((*env)->accounts->ensure_first_administrator(), exit_code);
  if (!first) return exit_code;

  if (auto corpus = ensure_shipped_corpus(*(*env)->corpus_repository, (*env)->clock); !corpus) {
    return report(corpus.error());
  }
  if (auto states = ensure_participating_states(*(*env)->monitoring_repository); !states) {
    return report(states.error());
  }
  // Each process keeps its own search index, built from the database.
  auto index = opened_or_report(search::SearchIndex::temporary(), exit_code);
  if (!index) return exit_code;
  search::CorpusSearch corpus_search(*(*env)->corpus_repository, std::move(*index));
  if (auto indexed = corpus_search.refresh(); !indexed) return report(indexed.error());

  auto indicators = load_indicator_checklist(config.nrm_indicators_file);
  if (!indicators) return report(indicators.error());
  http::Metrics metrics;
  metrics.set_build_info(std::string(version()), std::string(commit()));
  add_pool_gauges(metrics, *(*env)->database);
  api::Services services{*(*env)->accounts,
                         *(*env)->database,
                         metrics,
                         config.accounts,
                         *(*env)->corpus_repository,
                         corpus_search,
                         *(*env)->case_repository,
                         (*env)->clock,
                         config.nrm,
                         *indicators,
                         config.statistics,
                         *(*env)->hotline_repository,
                         config.hotline,
                         *(*env)->monitoring_repository};
  http::Router router;
  api::add_routes(router, services);
  if (std::filesystem::is_directory(config.static_dir)) {
    router.add({http::Method::get, "/*", http::AccessRule::anyone(),
                http::static_files(config.static_dir), "The browser UI"});
  } else {
    spdlog::warn("no browser UI at {}: serving the API only (build it with npm run build in web/)",
                 config.static_dir.string());
  }
  SessionAuthenticator authenticator(*(*env)->accounts);
  http::Server server(config.server, router, authenticator, &metrics);
  if (auto started = server.start(); !started) return report(started.error());
  const auto scheme = config.server.tls_certificate_file.empty() ? "http" : "https";
  const auto url = fmt::format("{}://{}:{}", scheme, config.server.host, server.port());
  if (*first) announce_first_administrator(**first, url);
  spdlog::info("Lifeline {} is serving on {}", version(), url);
  std::cout << "Lifeline is serving on " << url << " (Ctrl+C stops it)" << std::endl;
  server.run();
  spdlog::info("Lifeline stopped");
  return 0;
}

int run_migrate(const Config& config) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, true), exit_code);
  if (!env) return exit_code;
  auto status = opened_or_report(storage::migration_status(*(*env)->database), exit_code);
  if (!status) return exit_code;
  std::cout << "database schema at version " << status->current << "\n";
  return 0;
}

int run_org_add(const Config& config, const std::string& name, const std::string& type) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, config.database_auto_migrate), exit_code);
  if (!env) return exit_code;
  auto created =
      opened_or_report((*env)->accounts->create_organisation(std::nullopt, name, type), exit_code);
  if (!created) return exit_code;
  std::cout << created->id << "\n";
  return 0;
}

int run_user_add(const Config& config, const UserAddOptions& options) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, config.database_auto_migrate), exit_code);
  if (!env) return exit_code;
  // Without --password-stdin Lifeline makes a one-time password and shows it once.
  const auto password =
      options.password_from_stdin ? read_password_line() : crypto::random_token(12);
  domain::NewUser user{options.organisation_id, options.username, options.display_name,
                       options.roles};
  auto created =
      opened_or_report((*env)->accounts->create_user(std::nullopt, user, password), exit_code);
  if (!created) return exit_code;
  if (!options.password_from_stdin) std::cerr << "one-time password: " << password << "\n";
  std::cout << created->id << "\n";
  return 0;
}

int run_user_passwd(const Config& config, const std::string& username, bool password_from_stdin) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, config.database_auto_migrate), exit_code);
  if (!env) return exit_code;
  auto user = opened_or_report((*env)->accounts->find_user_by_username(username), exit_code);
  if (!user) return exit_code;
  const auto password = password_from_stdin ? read_password_line() : crypto::random_token(12);
  if (auto reset = (*env)->accounts->reset_password(user->id, password); !reset)
    return report(reset.error());
  if (!password_from_stdin) std::cout << "one-time password: " << password << "\n";
  std::cerr << "the user must choose a new password at the next sign-in\n";
  return 0;
}

int run_user_disable(const Config& config, const std::string& username) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, config.database_auto_migrate), exit_code);
  if (!env) return exit_code;
  auto user = opened_or_report((*env)->accounts->find_user_by_username(username), exit_code);
  if (!user) return exit_code;
  domain::UserChanges changes;
  changes.disabled = true;
  if (auto updated = (*env)->accounts->update_user(std::nullopt, user->id, changes); !updated) {
    return report(updated.error());
  }
  std::cerr << "user " << user->id << " disabled and signed out everywhere\n";
  return 0;
}

int run_audit_verify(const Config& config) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, false), exit_code);
  if (!env) return exit_code;
  auto result = opened_or_report(audit::verify(*(*env)->database,
                                               [](std::int64_t checked) {
                                                 std::cerr << "\rchecked " << checked << " entries"
                                                           << std::flush;
                                               }),
                                 exit_code);
  std::cerr << "\n";
  if (!result) return exit_code;
  if (result->first_broken_id) {
    std::cout << "audit trail BROKEN at entry " << *result->first_broken_id << ": "
              << result->problem << "\n";
    return 2;
  }
  std::cout << "audit trail intact: " << result->entries_checked << " entries verified\n";
  return 0;
}

int run_keys_rotate(const Config& config, bool wait_for_servers) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, false), exit_code);
  if (!env) return exit_code;
  const std::chrono::milliseconds settle =
      wait_for_servers ? kServerSettleTime : std::chrono::seconds(0);
  if (wait_for_servers) {
    std::cerr << "the new field key becomes current; waiting " << kServerSettleTime.count()
              << " s for running servers to start using it\n";
  }
  auto rotated =
      opened_or_report(rotate_field_key(**env, settle,
                                        [](const RotationProgress& p) {
                                          std::cerr << "\rre-encrypted " << p.fields_reencrypted
                                                    << " fields in " << p.table << std::flush;
                                        }),
                       exit_code);
  std::cerr << "\n";
  if (!rotated) return exit_code;
  std::cout << "field key " << rotated->new_key_id << " is now current; "
            << rotated->fields_reencrypted << " fields re-encrypted\n";
  return 0;
}

int run_backup(const Config& config, const std::string& destination) {
  int exit_code = 0;
  auto env = opened_or_report(open_environment(config, false), exit_code);
  if (!env) return exit_code;
  if (auto copied = (*env)->database->backup_to(destination); !copied)
    return report(copied.error());
  std::cout << "database copied to " << destination << "\nthe key file is not in the copy: back up "
            << config.key_file.string() << " separately and keep it apart from the database copy\n";
  return 0;
}

int run_version() {
  std::cout << "lifeline " << version() << " (" << commit() << ")\n";
  return 0;
}

}  // namespace lifeline::app
