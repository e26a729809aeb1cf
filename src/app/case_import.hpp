// `lifeline cases import [--dry-run] --as USERNAME FILE`: existing case records from a CSV file
// with HTCDS 2.0 column names (domain/nrm/htcds_import.hpp, docs/case-import.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/config.hpp"

namespace lifeline::app {

struct CaseImportOptions {
  std::string file;
  std::string username;  // an enabled case worker of the competent authority
  // The organisation the records come from; the case worker's own when not given.
  std::optional<std::int64_t> referring_organisation_id;
  bool dry_run = false;
};

// All or nothing: when any row breaks a rule, every such row is reported and nothing is stored.
// Exit code 0 when every row passed (and, without --dry-run, was imported), 1 otherwise.
int run_cases_import(const Config& config, const CaseImportOptions& options);

}  // namespace lifeline::app
