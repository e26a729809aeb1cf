// Who answers questionnaire rounds: the OSCE's participating States, as the Organization's web
// page (shipped as data/corpus/press-release-2003.txt) lists them, with ISO 3166-1 alpha-2
// codes; Partners for Co-operation are added by hand as optional respondents (the page names
// only their two groups).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline::domain::monitoring {

namespace respondent_kind {
inline constexpr std::string_view participating_state = "participating_state";
inline constexpr std::string_view partner = "partner";
}  // namespace respondent_kind

struct Respondent {
  std::string code;  // ISO 3166-1 alpha-2
  std::string name;
  std::string kind;  // respondent_kind
  bool operator==(const Respondent&) const = default;
};

// The participating States listed under "Participating States" on the page, up to the Partners
// for Co-operation, without notes such as "– OSCE Chairpersonship 2025". Fails when the list is
// missing or names a State whose code Lifeline does not know.
Result<std::vector<Respondent>> participating_states(std::string_view page);

// An ISO 3166-1 alpha-2 code: two upper-case letters.
bool is_country_code(std::string_view code);

}  // namespace lifeline::domain::monitoring
