#include "app/report_command.hpp"

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "api/services.hpp"
#include "api/stats_report.hpp"
#include "app/checklist_file.hpp"
#include "app/cli_support.hpp"
#include "app/environment.hpp"
#include "http/metrics.hpp"
#include "search/corpus_search.hpp"

namespace lifeline::app {

int run_stats_report(const Config& config, const ReportOptions& options) {
  const auto language = api::parse_report_language(options.lang);
  if (!language) return report(Error{Errc::malformed, "--lang must be en or ru", "", {}});
  if (options.format != "html" && options.format != "pdf") {
    return report(Error{Errc::malformed, "--format must be html or pdf", "", {}});
  }
  auto env = open_environment(config, config.database_auto_migrate);
  if (!env) return report(env.error());
  // The report reads the statistics through the same services the API uses; the corpus
  // search is never consulted, so an empty index serves.
  auto index = search::SearchIndex::temporary();
  if (!index) return report(index.error());
  search::CorpusSearch corpus_search(*(*env)->corpus_repository, std::move(*index));
  auto indicators = load_indicator_checklist(config.nrm_indicators_file);
  if (!indicators) return report(indicators.error());
  http::Metrics metrics;
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
  auto document =
      api::build_annual_report(services, options.year, *language,
                               [](const std::string& line) { std::cerr << line << "\n"; });
  if (!document) return report(document.error());
  std::string bytes;
  if (options.format == "html") {
    bytes = api::report_html(*document, options.lang);
  } else {
    std::cerr << "writing the PDF\n";
    auto pdf = formats::write_pdf(*document);
    if (!pdf) return report(pdf.error());
    bytes = std::move(*pdf);
  }
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  if (!out) return report(Error{Errc::not_found, "cannot write " + options.output, "", {}});
  out << bytes;
  out.close();
  if (!out) return report(Error{Errc::internal, "writing " + options.output + " failed", "", {}});
  std::cout << fmt::format("report {} ({}, {}) written to {}: {} bytes\n", options.year,
                           options.lang, options.format, options.output, bytes.size());
  return 0;
}

}  // namespace lifeline::app
