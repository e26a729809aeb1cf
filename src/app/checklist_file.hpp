// A deployment's own checklist of indicators of trafficking, read from a TOML file named by
// `nrm.indicators_file`. Every indicator has a stable lower_snake_case id, an English label and
// labels in other languages:
//
//   [[indicators]]
//   id = "withheld_documents"
//   label = "Identity or travel documents held by someone else"
//   ru = "Документы удерживает другое лицо"
//
// The file replaces the built-in checklist; referrals are checked against it and the referral
// form offers it.
#pragma once

#include <filesystem>

#include "core/error.hpp"
#include "domain/nrm/vocabulary.hpp"

namespace lifeline::app {

// Parses the checklist in `text`; errors name the item and key at fault.
Result<domain::nrm::Checklist> parse_indicator_checklist(std::string_view text);

// The checklist of `file`, or the built-in one when `file` is empty.
Result<domain::nrm::Checklist> load_indicator_checklist(const std::filesystem::path& file);

}  // namespace lifeline::app
