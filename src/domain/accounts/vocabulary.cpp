#include "domain/accounts/vocabulary.hpp"

#include <algorithm>
#include <array>

namespace lifeline::domain {
namespace {

constexpr std::array<std::string_view, 15> kOrganisationTypes = {"competent_authority",
                                                                 "police",
                                                                 "prosecution",
                                                                 "labour_inspectorate",
                                                                 "migration_service",
                                                                 "border_guard",
                                                                 "social_services",
                                                                 "health",
                                                                 "ngo",
                                                                 "trade_union",
                                                                 "shelter",
                                                                 "international_organisation",
                                                                 "consulate",
                                                                 "hotline",
                                                                 "other"};

constexpr std::array<std::string_view, 10> kRoles = {
    "administrator",    "auditor",  "first_responder",  "case_worker", "decision_maker",
    "service_provider", "guardian", "hotline_operator", "analyst",     "coordinator"};

}  // namespace

std::span<const std::string_view> organisation_types() {
  return kOrganisationTypes;
}
std::span<const std::string_view> roles() {
  return kRoles;
}

bool is_organisation_type(std::string_view id) {
  return std::ranges::find(kOrganisationTypes, id) != kOrganisationTypes.end();
}

bool is_role(std::string_view id) {
  return std::ranges::find(kRoles, id) != kRoles.end();
}

}  // namespace lifeline::domain
