#include <algorithm>

#include "domain/nrm/case_store.hpp"

namespace lifeline::domain::nrm {
namespace {

bool is_assigned(const CaseActor& actor, const Assignment& assignment) {
  return assignment.case_worker_id == actor.user_id ||
         assignment.decision_maker_id == actor.user_id;
}

bool in_intake(const Assignment& assignment) {
  return !assignment.case_worker_id.has_value();
}

bool is_the_guardian(const CaseActor& actor, const CaseParties& parties) {
  return has_role(actor, nrm_role::guardian) && parties.guardian_id == actor.user_id;
}

}  // namespace

bool has_role(const CaseActor& actor, std::string_view role) {
  return std::ranges::find(actor.roles, role) != actor.roles.end();
}

bool is_authority_staff(const CaseActor& actor) {
  return actor.organisation_type == kCompetentAuthority &&
         (has_role(actor, nrm_role::case_worker) || has_role(actor, nrm_role::decision_maker));
}

CaseView case_view(const CaseActor& actor, const CaseParties& parties) {
  if (is_authority_staff(actor) &&
      (in_intake(parties.assignment) || is_assigned(actor, parties.assignment))) {
    return CaseView::full;
  }
  if (is_the_guardian(actor, parties)) return CaseView::full;
  if (actor.organisation_id == parties.referring_organisation_id) return CaseView::status_only;
  return CaseView::none;
}

bool may_see_identity(const CaseActor& actor, const CaseParties& parties) {
  return case_view(actor, parties) == CaseView::full;
}

}  // namespace lifeline::domain::nrm
