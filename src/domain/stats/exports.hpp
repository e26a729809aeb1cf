// The HTCDS 2.0 case export for analysts within the authority: one row per case, with HTCDS
// field names and picklist values where HTCDS has them and Lifeline columns for the rest. It is
// made from the anonymous facts, so no identifying field (names, date of birth, contact details,
// free text) can be in it: the age is the CTDC age band, never the date of birth.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/stats/facts.hpp"

namespace lifeline::domain::stats {

std::span<const std::string_view> htcds_case_columns();
std::vector<std::string> htcds_case_row(const CaseFacts& facts);

}  // namespace lifeline::domain::stats
