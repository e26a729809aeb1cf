#include <algorithm>

#include "domain/nrm/case_store.hpp"

namespace lifeline::domain::nrm {
namespace {

bool has_role(const CaseActor& actor, std::string_view role) {
  return std::ranges::find(actor.roles, role) != actor.roles.end();
}

bool is_authority_staff(const CaseActor& actor) {
  return actor.organisation_type == kCompetentAuthority &&
         (has_role(actor, nrm_role::case_worker) || has_role(actor, nrm_role::decision_maker));
}

}  // namespace

CaseView case_view(const CaseActor& actor, std::int64_t referring_organisation_id) {
  if (is_authority_staff(actor)) return CaseView::full;
  if (actor.organisation_id == referring_organisation_id) return CaseView::status_only;
  return CaseView::none;
}

bool may_see_identity(const CaseActor& actor) {
  return is_authority_staff(actor);
}

}  // namespace lifeline::domain::nrm
