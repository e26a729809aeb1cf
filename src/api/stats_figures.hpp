// The published statistics shared by the /api/v1/stats routes and the annual report: a table
// with disclosure control applied, a cell as it is published, and the process figures. The
// report reuses them so that it shows exactly what the routes publish.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "domain/stats/facts.hpp"
#include "domain/stats/suppression.hpp"
#include "storage/repositories/stats_repository.hpp"

namespace lifeline::api {

struct Services;

// The two-way table as /api/v1/stats/table publishes it.
Result<domain::stats::ProtectedTable> published_table(Services& services,
                                                      domain::stats::Dimension rows,
                                                      domain::stats::Dimension cols,
                                                      const storage::FactFilter& filter);

// A cell as published: its count, "<5" below the threshold, "x" when it protects another.
std::string published_cell(const domain::stats::ProtectedTable& table, std::size_t row,
                           std::size_t col);

// The body of /api/v1/stats/process for the filter.
Result<nlohmann::json> process_figures(Services& services, const storage::FactFilter& filter);

}  // namespace lifeline::api
