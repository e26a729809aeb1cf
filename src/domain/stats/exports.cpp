#include "domain/stats/exports.hpp"

#include <array>

#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::stats {
namespace {

constexpr std::array<std::string_view, 15> kColumns = {"cas_IncomingReferralDate",
                                                       "prs_Gender",
                                                       "lifeline_AgeBand",
                                                       "lifeline_AgeGroup",
                                                       "prs_Citizenship",
                                                       "vic_TypeOfExploitation",
                                                       "hte_Country",
                                                       "lifeline_Scope",
                                                       "lifeline_FirstResponderType",
                                                       "vic_TraffickingStatus",
                                                       "lifeline_ReasonableGrounds",
                                                       "lifeline_ReasonableGroundsOn",
                                                       "lifeline_Conclusive",
                                                       "lifeline_ConclusiveOn",
                                                       "cas_Status"};

std::string known(std::string_view value) {
  return value == kUnknown ? std::string() : std::string(value);
}

std::string htcds_value(nrm::Vocabulary vocabulary, std::string_view id) {
  const auto* term = nrm::find_term(vocabulary, id);
  return term == nullptr ? std::string() : std::string(term->htcds);
}

std::string age_band_label(std::string_view id) {
  const auto* term = nrm::find_term(nrm::age_bands(), id);
  return term == nullptr ? std::string() : std::string(term->label);
}

}  // namespace

std::span<const std::string_view> htcds_case_columns() {
  return kColumns;
}

std::vector<std::string> htcds_case_row(const CaseFacts& f) {
  std::string types;
  if (f.exploitation_mask != 0) {
    for (const auto& type : exploitation_categories(f.exploitation_mask)) {
      types.append(types.empty() ? "" : ";").append(htcds_value(nrm::exploitation_types(), type));
    }
  }
  return {f.referred_on,
          htcds_value(nrm::genders(), f.gender),
          age_band_label(f.age_band),
          known(f.age_group),
          known(f.citizenship),
          types,
          known(f.country_of_exploitation),
          known(f.scope),
          known(f.first_responder_type),
          htcds_value(nrm::trafficking_statuses(), f.trafficking_status),
          f.rg_outcome,
          f.rg_on,
          f.cg_outcome,
          f.cg_on,
          f.status == "open" ? "Active" : "Closed"};
}

}  // namespace lifeline::domain::stats
