// Where NRM cases are kept, and who may see what of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/referral.hpp"

namespace lifeline::domain::nrm {

// Roles and the organisation type the NRM's access rules name.
namespace nrm_role {
inline constexpr std::string_view first_responder = "first_responder";
inline constexpr std::string_view case_worker = "case_worker";
inline constexpr std::string_view decision_maker = "decision_maker";
}  // namespace nrm_role
inline constexpr std::string_view kCompetentAuthority = "competent_authority";

// Who is acting: the signed-in user, their organisation and its type, and their roles.
struct CaseActor {
  std::int64_t user_id = 0;
  std::int64_t organisation_id = 0;
  std::string organisation_type;
  std::vector<std::string> roles;
};

enum class CaseView { none, status_only, full };

// The competent authority's case workers and decision makers see the case (identity apart);
// the referring organisation sees its referral's status only; nobody else sees anything.
CaseView case_view(const CaseActor& actor, std::int64_t referring_organisation_id);
// Identity is shown, on request and audited, only to the competent authority's case workers
// and decision makers.
bool may_see_identity(const CaseActor& actor);

// A case as stored, without its identity fields (Referral's identity fields stay empty).
struct StoredCase {
  std::int64_t id = 0;
  Referral referral;
  std::int64_t referring_organisation_id = 0;
  std::int64_t referred_by = 0;
  std::int64_t referred_at = 0;  // Unix seconds
  std::string referred_on;       // ISO date
  std::string status;
  std::int64_t version = 0;
};

struct Identity {
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;
  // Stores the referral (identity sealed, blind index of name and date of birth) and an audit
  // entry, in one transaction; returns the case id.
  virtual Result<std::int64_t> create_referral(const Referral& referral, const CaseActor& actor,
                                               std::int64_t now,
                                               const std::string& referred_on) = 0;
  virtual Result<std::optional<StoredCase>> find_case(std::int64_t id) = 0;
  // Cases in referral order after `after_id`; only those `referring_organisation_id` referred
  // when it is given.
  virtual Result<std::vector<StoredCase>> list_cases(
      std::int64_t after_id, int limit, std::optional<std::int64_t> referring_organisation_id) = 0;
  // Other cases with the same blind index of name and date of birth.
  virtual Result<std::int64_t> possible_duplicates(std::int64_t id) = 0;
  // Opens the identity and writes the showing to the audit trail in the same transaction.
  virtual Result<std::optional<Identity>> reveal_identity(std::int64_t id, const CaseActor& actor,
                                                          std::int64_t now) = 0;
  virtual Result<std::string> organisation_type(std::int64_t organisation_id) = 0;
};

}  // namespace lifeline::domain::nrm
