// `lifeline stats ...`: the statistics tasks run from the command line.
#pragma once

#include <string>

#include "app/config.hpp"

namespace lifeline::app {

// Writes the anonymous facts of every case again (after an upgrade, or to repair them), with a
// progress line.
int run_stats_rebuild(const Config& config);

// Imports figures kept outside Lifeline: "unodc" (the UNODC Global Report's long layout) or
// "nrm-table" (aggregated NRM statistics). Prints rows read, imported, rejected and the
// inconsistencies of Total rows; a file with any of them changes nothing and exits 1.
int run_stats_import(const Config& config, const std::string& layout, const std::string& file);

// Writes the k-anonymised microdata in the CTDC layout to `file` (CSV), with a progress line,
// and reports how much it generalised and left out.
int run_stats_export_microdata(const Config& config, const std::string& file);

}  // namespace lifeline::app
