#include <gtest/gtest.h>

#include "domain/nrm/case_store.hpp"

namespace lifeline::domain::nrm {
namespace {

constexpr std::int64_t kAuthority = 1;
constexpr std::int64_t kPolice = 2;
constexpr std::int64_t kGuardianship = 3;

CaseActor staff(std::int64_t user, std::string role = "case_worker") {
  return {user, kAuthority, "competent_authority", {std::move(role)}};
}

CaseParties in_intake() {
  return {kPolice, {}, std::nullopt};
}

TEST(CaseAccess, TheAuthoritySeesTheIntakeQueue) {
  EXPECT_EQ(case_view(staff(10), in_intake()), CaseView::full);
  EXPECT_EQ(case_view(staff(11, "decision_maker"), in_intake()), CaseView::full);
  EXPECT_TRUE(may_see_identity(staff(10), in_intake()));
}

TEST(CaseAccess, AnAssignedCaseIsSeenOnlyByThoseAssigned) {
  const CaseParties assigned{kPolice, {10, 11}, std::nullopt};
  EXPECT_EQ(case_view(staff(10), assigned), CaseView::full);
  EXPECT_EQ(case_view(staff(11, "decision_maker"), assigned), CaseView::full);
  EXPECT_EQ(case_view(staff(12), assigned), CaseView::none);
  EXPECT_FALSE(may_see_identity(staff(12), assigned));
}

TEST(CaseAccess, ARoleOutsideTheAuthorityIsNotEnough) {
  const CaseActor ngo_worker{20, 5, "ngo", {"case_worker"}};
  EXPECT_EQ(case_view(ngo_worker, in_intake()), CaseView::none);
  const CaseActor analyst{21, kAuthority, "competent_authority", {"analyst"}};
  EXPECT_EQ(case_view(analyst, in_intake()), CaseView::none);
}

TEST(CaseAccess, TheReferrerSeesTheStatusOnly) {
  const CaseActor officer{30, kPolice, "police", {"first_responder"}};
  EXPECT_EQ(case_view(officer, in_intake()), CaseView::status_only);
  EXPECT_FALSE(may_see_identity(officer, in_intake()));
}

TEST(CaseAccess, TheAppointedGuardianSeesTheChildsCase) {
  const CaseParties child{kPolice, {10, std::nullopt}, 40};
  const CaseActor guardian{40, kGuardianship, "social_services", {"guardian"}};
  const CaseActor other_guardian{41, kGuardianship, "social_services", {"guardian"}};
  EXPECT_EQ(case_view(guardian, child), CaseView::full);
  EXPECT_TRUE(may_see_identity(guardian, child));
  EXPECT_EQ(case_view(other_guardian, child), CaseView::none);
  const CaseActor same_id_without_role{40, kGuardianship, "social_services", {"analyst"}};
  EXPECT_EQ(case_view(same_id_without_role, child), CaseView::none);
}

}  // namespace
}  // namespace lifeline::domain::nrm
