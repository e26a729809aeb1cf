// lifeline: the server and its command-line tasks.
#include <array>
#include <cstdlib>
#include <iostream>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "app/case_import.hpp"
#include "app/case_retention.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/corpus_setup.hpp"
#include "app/report_command.hpp"
#include "app/stats_commands.hpp"
#include "crypto/init.hpp"
#include "domain/accounts/vocabulary.hpp"

namespace {

using lifeline::app::Config;

// Subcommands are registered with a callback that runs once configuration is loaded.
struct Cli {
  CLI::App app{"Lifeline: the information system against trafficking in human beings"};
  std::string config_file;
  std::function<int(const Config&)> command;
};

void add_server_commands(Cli& cli) {
  cli.app.add_subcommand("serve", "Serve the API and the browser UI")->callback([&] {
    cli.command = lifeline::app::run_serve;
  });
  cli.app.add_subcommand("migrate", "Apply pending database migrations")->callback([&] {
    cli.command = lifeline::app::run_migrate;
  });
  cli.app.add_subcommand("version", "Print the version")->callback([&] {
    cli.command = [](const Config&) { return lifeline::app::run_version(); };
  });
  auto* backup = cli.app.add_subcommand("backup", "Write a consistent copy of the database");
  static std::string destination;
  backup->add_option("--to", destination, "File to write (must not exist)")->required();
  backup->callback([&] {
    cli.command = [](const Config& c) { return lifeline::app::run_backup(c, destination); };
  });
  auto* corpus =
      cli.app.add_subcommand("corpus", "The commitments compendium")->require_subcommand(1);
  auto* corpus_import =
      corpus->add_subcommand("import", "Add a new Ministerial Council decision from a text file");
  static std::string import_file;
  static bool import_dry_run = false;
  corpus_import->add_option("FILE", import_file, "The decision as plain text")->required();
  corpus_import->add_flag("--dry-run", import_dry_run, "Check and report, import nothing");
  corpus_import->callback([&] {
    cli.command = [](const Config& c) {
      return lifeline::app::run_corpus_import(c, import_file, import_dry_run);
    };
  });
  auto* audit = cli.app.add_subcommand("audit", "Audit trail tasks")->require_subcommand(1);
  audit->add_subcommand("verify", "Check the audit trail's hash chain")->callback([&] {
    cli.command = lifeline::app::run_audit_verify;
  });
  auto* keys = cli.app.add_subcommand("keys", "Key file tasks")->require_subcommand(1);
  auto* rotate =
      keys->add_subcommand("rotate", "Make a new field key current and re-encrypt every field");
  static bool no_wait = false;
  rotate->add_flag("--no-wait", no_wait,
                   "Re-encrypt at once: only when no server is running on this database");
  rotate->callback([&] {
    cli.command = [](const Config& c) { return lifeline::app::run_keys_rotate(c, !no_wait); };
  });
}

std::vector<std::string> ids(std::span<const std::string_view> list) {
  return {list.begin(), list.end()};
}

void add_account_commands(Cli& cli) {
  auto* org = cli.app.add_subcommand("org", "Organisations")->require_subcommand(1);
  auto* org_add = org->add_subcommand("add", "Create an organisation and print its id");
  static std::string org_name;
  static std::string org_type;
  org_add->add_option("--name", org_name, "Name")->required();
  org_add->add_option("--type", org_type, "Type")
      ->required()
      ->check(CLI::IsMember(ids(lifeline::domain::organisation_types())));
  org_add->callback([&] {
    cli.command = [](const Config& c) { return lifeline::app::run_org_add(c, org_name, org_type); };
  });

  auto* user = cli.app.add_subcommand("user", "Users")->require_subcommand(1);
  static lifeline::app::UserAddOptions add;
  auto* user_add = user->add_subcommand("add", "Create a user and print its id");
  user_add->add_option("--org", add.organisation_id, "Organisation id")->required();
  user_add->add_option("--username", add.username, "Username")->required();
  user_add->add_option("--display-name", add.display_name, "Name shown in the UI");
  user_add->add_option("--role", add.roles, "Role (repeat for several)")
      ->required()
      ->check(CLI::IsMember(ids(lifeline::domain::roles())));
  user_add->add_flag("--password-stdin", add.password_from_stdin,
                     "Read the one-time password from standard input");
  user_add->callback(
      [&] { cli.command = [](const Config& c) { return lifeline::app::run_user_add(c, add); }; });

  static std::string username;
  static bool password_stdin = false;
  auto* passwd = user->add_subcommand("passwd", "Set a one-time password the user must change");
  passwd->add_option("--username", username, "Username")->required();
  passwd->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
  passwd->callback([&] {
    cli.command = [](const Config& c) {
      return lifeline::app::run_user_passwd(c, username, password_stdin);
    };
  });
  auto* disable = user->add_subcommand("disable", "Disable a user and end their sessions");
  disable->add_option("--username", username, "Username")->required();
  disable->callback([&] {
    cli.command = [](const Config& c) { return lifeline::app::run_user_disable(c, username); };
  });
}

void add_case_commands(Cli& cli) {
  auto* cases =
      cli.app.add_subcommand("cases", "National Referral Mechanism cases")->require_subcommand(1);
  auto* import = cases->add_subcommand(
      "import", "Import case records from a CSV file with HTCDS 2.0 column names");
  static lifeline::app::CaseImportOptions options;
  import->add_option("FILE", options.file, "The CSV file (see docs/case-import.md)")->required();
  import
      ->add_option("--as", options.username,
                   "Username of the competent authority's case worker who refers the cases")
      ->required();
  import->add_option("--referring-org", options.referring_organisation_id,
                     "Id of the organisation the records come from (default: the case worker's)");
  import->add_flag("--dry-run", options.dry_run, "Check every row and report; import nothing");
  import->callback([&] {
    cli.command = [](const Config& c) { return lifeline::app::run_cases_import(c, options);
};
}  // namespace
);
auto* retention = cases->add_subcommand(
    "retention", "Erase the identifying data of cases closed longer than the retention period");
static bool retention_dry_run = false;
retention->add_flag("--dry-run", retention_dry_run, "Count the cases due, change nothing");
retention->callback([&] {
  cli.command = [](const Config& c) {
    return lifeline::app::run_case_retention(c, retention_dry_run);
  };
});
}

void add_stats_commands(Cli& cli) {
  auto* stats = cli.app.add_subcommand("stats", "Statistics for the National Rapporteur")
                    ->require_subcommand(1);
  stats->add_subcommand("rebuild", "Write the anonymous facts of every case again")->callback([&] {
    cli.command = lifeline::app::run_stats_rebuild;
  });
  auto* import = stats->add_subcommand("import", "Import figures kept outside Lifeline");
  import->require_subcommand(1);
  static std::string import_file;
  const std::array<std::pair<const char*, const char*>, 3> layouts = {{
      {"unodc", "The UNODC Global Report's long layout (Iso3_code, ..., txtVALUE, Source)"},
      {"nrm-table", "Aggregated NRM statistics (First responder type, ..., People)"},
      {"criminal-justice",
       "Criminal-justice figures per year (Year, Indicator, Exploitation type, Value, Source)"},
  }};
  for (const auto& [layout, description] : layouts) {
    auto* command = import->add_subcommand(layout, description);
    command->add_option("FILE", import_file, "The CSV file")->required();
    const std::string name = layout;
    command->callback([&cli, name] {
      cli.command = [name](const Config& c) {
        return lifeline::app::run_stats_import(c, name, import_file);
      };
    });
  }
  auto* exports = stats->add_subcommand("export", "Export statistics")->require_subcommand(1);
  auto* microdata = exports->add_subcommand(
      "microdata", "The k-anonymised microdata of the cases in the CTDC layout (CSV)");
  static std::string export_file;
  microdata->add_option("FILE", export_file, "The CSV file to write")->required();
  microdata->callback([&] {
    cli.command = [](const Config& c) {
      return lifeline::app::run_stats_export_microdata(c, export_file);
    };
  });
  auto* report = stats->add_subcommand("report", "The National Rapporteur's annual report");
  static lifeline::app::ReportOptions report_options;
  report->add_option("--year", report_options.year, "The year the report covers")
      ->required()
      ->check(CLI::Range(1900, 2200));
  report->add_option("--lang", report_options.lang, "en or ru (default en)");
  report->add_option("--format", report_options.format, "pdf or html (default pdf)");
  report->add_option("--output", report_options.output, "The file to write")->required();
  report->callback([&] {
    cli.command = [](const Config& c) {
      return lifeline::app::run_stats_report(c, report_options);
    };
  });
}

bool configure_logging(const Config& config) {
  const auto level = spdlog::level::from_str(config.log_level);
  if (level == spdlog::level::off && config.log_level != "off") {
    std::cerr
        << "lifeline: log.level must be one of trace, debug, info, warn, error, critical, off\n";
    return false;
  }
  spdlog::set_level(level);
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);
  return true;
}

int run(int argc, char** argv) {
  Cli cli;
  cli.app.add_option("--config", cli.config_file, "TOML configuration file");
  cli.app.require_subcommand(1);
  add_server_commands(cli);
  add_account_commands(cli);
  add_case_commands(cli);
  add_stats_commands(cli);
  CLI11_PARSE(cli.app, argc, argv);

  std::optional<std::filesystem::path> file;
  if (!cli.config_file.empty()) file = cli.config_file;
  auto config =
      lifeline::app::load_config(file, [](const char* name) { return std::getenv(name); });
  if (!config) {
    std::cerr << "lifeline: " << config.error().message << "\n";
    return 1;
  }
  if (!configure_logging(*config)) return 1;
  lifeline::crypto::initialise();
  return cli.command(*config);
}

}  // namespace

int main(int argc, char** argv) {
  // Errors are values everywhere below; an exception reaching here is a broken invariant.
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "lifeline: internal error: " << error.what() << "\n";
    return 70;
  }
}
