// `lifeline cases retention`: erases the identifying data of NRM cases closed longer ago than
// the retention period, keeping each case as anonymous statistics, and reports what it did.
#pragma once

#include "app/config.hpp"

namespace lifeline::app {

int run_case_retention(const Config& config, bool dry_run);

}  // namespace lifeline::app
