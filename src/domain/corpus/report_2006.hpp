// The parser of the 2006 report of the OSCE Anti-Trafficking Mechanism (the Special
// Representative on Combating Trafficking in Human Beings and the Anti-Trafficking Assistance
// Unit) to the Permanent Council, as shipped in data/corpus/report-2006.txt, a PDF extraction.
//
// It builds the document "R2006" (kind recommendations) and one provision per numbered
// recommendation. Only part IV, "Next Steps: Challenges and Recommendations for OSCE Bodies and
// Institutions", makes recommendations; the rest of the report describes and is not parsed.
//
// Ids are "R2006.<n>" with the number as printed: the report numbers its recommendations 1 to 25
// straight through the four "Recommendations" blocks of part IV (Translating Policy into Action;
// and, under The OSCE Action Plan: from Theory to Practice, Investigation, Law Enforcement and
// Prosecution; Prevention of Trafficking in Human Beings; Protection and Assistance), so the number
// alone is stable and unique, and the section a recommendation belongs to is in its heading_path.
// The pillar follows the section's subject (follow_up for Translating Policy into Action); the
// level is osce, as part IV addresses the OSCE bodies and institutions.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// `text` is the shipped text with its corrections applied. Fails only when the text has no part
// of recommendations; lines in that part it cannot place are returned as unplaced.
Result<ParseResult> parse_report_2006(std::string_view text);

}  // namespace lifeline::domain::corpus
