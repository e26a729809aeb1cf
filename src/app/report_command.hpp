// `lifeline stats report`: the National Rapporteur's annual report written to a file.
#pragma once

#include <string>

#include "app/config.hpp"

namespace lifeline::app {

struct ReportOptions {
  int year = 0;
  std::string lang = "en";
  std::string format = "pdf";  // or html
  std::string output;
};

// Writes the report with a progress line per part; refuses an unknown language or format.
int run_stats_report(const Config& config, const ReportOptions& options);

}  // namespace lifeline::app
