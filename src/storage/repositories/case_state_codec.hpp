// The rule state of an NRM case as the JSON stored in nrm_cases.state.
//
// The stored form holds no free text: decision reasons and reflection-extension reasons are
// personal narratives, so they live sealed in the case's timeline and are left empty here. The
// rules only need to know that reasons were given, which they check before anything is stored.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "domain/nrm/case_rules.hpp"

namespace lifeline::storage {

std::string encode_case_state(const domain::nrm::CaseState& state);
// Errc::internal when the text is not a state this code wrote.
Result<domain::nrm::CaseState> decode_case_state(std::string_view text);

}  // namespace lifeline::storage
