#include "app/stats_commands.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "api/csv.hpp"
#include "app/cli_support.hpp"
#include "app/environment.hpp"
#include "domain/stats/external.hpp"
#include "storage/repositories/criminal_justice_repository.hpp"
#include "storage/repositories/stats_repository.hpp"

namespace lifeline::app {
namespace {

constexpr std::uintmax_t kMaxImportBytes = 256ULL << 20U;

template <class Row>
void print_summary(const domain::stats::ParsedFile<Row>& file, std::size_t imported) {
  std::cout << fmt::format("rows read: {}\nimported: {}\nrejected: {}\ninconsistencies: {}\n",
                           file.rows_read, imported, file.rejected.size(),
                           file.inconsistencies.size());
  for (const auto& problem : file.rejected) {
    std::cerr << fmt::format("  row {}: rejected: {}\n", problem.row, problem.message);
  }
  for (const auto& problem : file.inconsistencies) {
    std::cerr << fmt::format("  row {}: inconsistent: {}\n", problem.row, problem.message);
  }
}

template <class Row, class Parse, class Store>
int import_file(const std::string& file, Parse parse, Store store) {
  auto text = read_text_file(file, kMaxImportBytes, "an import file");
  if (!text) return report(text.error());
  auto parsed = parse(*text);
  if (!parsed) return report(parsed.error());
  if (!parsed->accepted()) {
    print_summary(*parsed, 0);
    std::cerr << "lifeline: the file was rejected; nothing was imported\n";
    return 1;
  }
  const auto name = std::filesystem::path(file).filename().string();
  auto stored = store(parsed->rows, name);
  if (!stored) return report(stored.error());
  print_summary(*parsed, stored->rows);
  return 0;
}

}  // namespace

int run_stats_rebuild(const Config& config) {
  auto env = open_environment(config, config.database_auto_migrate);
  if (!env) return report(env.error());
  storage::StatsRepository repository(*(*env)->database);
  auto rebuilt = repository.rebuild_facts([](std::int64_t done, std::int64_t total) {
    std::cerr << fmt::format("\rrebuilt the facts of {} / {} cases", done, total) << std::flush;
  });
  std::cerr << "\n";
  if (!rebuilt) return report(rebuilt.error());
  std::cout << fmt::format("the statistics facts of {} cases were written again\n", *rebuilt);
  return 0;
}

int run_stats_import(const Config& config, const std::string& layout, const std::string& file) {
  auto env = open_environment(config, config.database_auto_migrate);
  if (!env) return report(env.error());
  storage::StatsRepository repository(*(*env)->database);
  const auto now = (*env)->clock.now();
  if (layout == "unodc") {
    return import_file<domain::stats::UnodcRow>(file, domain::stats::parse_unodc,
                                                [&](const auto& rows, const std::string& name) {
                                                  return repository.store_unodc(rows, name, now);
                                                });
  }
  if (layout == "nrm-table") {
    return import_file<domain::stats::NrmTableRow>(
        file, domain::stats::parse_nrm_table, [&](const auto& rows, const std::string& name) {
          return repository.store_nrm_table(rows, name, now);
        });
  }
  if (layout == "criminal-justice") {
    storage::CriminalJusticeRepository figures((*(*env)->database));
    return import_file<domain::stats::CriminalJusticeFigure>(
        file, domain::stats::parse_criminal_justice,
        [&](const auto& rows, const std::string& name) { return figures.import(rows, name, now); });
  }
  return report(
      Error{Errc::invalid_argument, "the layout is unodc, nrm-table or criminal-justice", "", {}});
}

int run_stats_export_microdata(const Config& config, const std::string& file) {
  auto env = open_environment(config, config.database_auto_migrate);
  if (!env) return report(env.error());
  storage::StatsRepository repository(*(*env)->database);
  domain::stats::Microdata data;
  auto scanned = repository.scan_microdata(data, [](std::int64_t read, std::int64_t total) {
    std::cerr << fmt::format("\rread {} / {} people", read, total) << std::flush;
  });
  std::cerr << "\n";
  if (!scanned) return report(scanned.error());
  const auto result = data.anonymise(config.statistics.microdata_k);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) return report(Error{Errc::not_found, "cannot write " + file, "", {}});
  const auto columns = domain::stats::ctdc_columns();
  const std::vector<std::string> header(columns.begin(), columns.end());
  out << api::csv_line(header);
  std::size_t written = 0;
  constexpr std::size_t kProgressEvery = 50000;
  data.write([&](const std::vector<std::string>& row) {
    out << api::csv_line(row);
    if (++written % kProgressEvery == 0) {
      std::cerr << fmt::format("\rwritten {} / {} rows", written, result.exported) << std::flush;
    }
  });
  out.close();
  if (written >= kProgressEvery) std::cerr << "\n";
  if (!out) return report(Error{Errc::internal, "writing " + file + " failed", "", {}});
  std::string steps;
  for (const auto& step : result.generalisations)
    steps.append(steps.empty() ? "" : ", ").append(step);
  std::cout << fmt::format(
      "people read: {}\nrows exported: {}\nrows left out: {} (in groups smaller than k = {})\n"
      "generalised: {}\nsmallest group: {}\n",
      result.rows, result.exported, result.suppressed, result.k, steps.empty() ? "nothing" : steps,
      result.smallest_group);
  return 0;
}

}  // namespace lifeline::app
