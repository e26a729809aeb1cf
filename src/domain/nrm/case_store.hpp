// Where NRM cases are kept, and who may see what of them.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/referral.hpp"
#include "domain/nrm/services.hpp"

namespace lifeline::domain::nrm {

// Roles and the organisation type the NRM's access rules name.
namespace nrm_role {
inline constexpr std::string_view first_responder = "first_responder";
inline constexpr std::string_view case_worker = "case_worker";
inline constexpr std::string_view decision_maker = "decision_maker";
inline constexpr std::string_view guardian = "guardian";
inline constexpr std::string_view service_provider = "service_provider";
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

// Who a case is assigned to. A case without a case worker is in the intake queue.
struct Assignment {
  std::optional<std::int64_t> case_worker_id;
  std::optional<std::int64_t> decision_maker_id;
  bool operator==(const Assignment&) const = default;
};

// Whose case it is, as far as access goes.
struct CaseParties {
  std::int64_t referring_organisation_id = 0;
  Assignment assignment;
  std::optional<std::int64_t> guardian_id;
};

bool has_role(const CaseActor& actor, std::string_view role);
// A case worker or decision maker of the competent authority.
bool is_authority_staff(const CaseActor& actor);

// The competent authority's case workers and decision makers see the cases in the intake queue
// and those assigned to them, and a child's guardian sees the child's case (identity apart,
// which is shown on request); the referring organisation sees its referral's status only;
// nobody else sees anything.
CaseView case_view(const CaseActor& actor, const CaseParties& parties);
// Identity is shown, on request and audited, to those who see the whole case.
bool may_see_identity(const CaseActor& actor, const CaseParties& parties);

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
  CaseState state;
  Assignment assignment;
  std::vector<ServiceRecord> services;  // read with a single case, not in lists
  bool identity_erased = false;         // by retention, after closure

  CaseParties parties() const {
    return {referring_organisation_id, assignment,
            state.guardian ? std::optional(state.guardian->user_id) : std::nullopt};
  }
};

// One entry of a case's timeline. `detail` is a JSON object without personal data; `note` is
// free text (reasons, notes), sealed by the field cipher when stored.
struct CaseEvent {
  std::string kind;  // e.g. "referral", "decision", "closure"
  std::string detail = "{}";
  std::string note;
};

struct TimelineEntry {
  std::int64_t id = 0;
  std::int64_t at = 0;  // Unix seconds
  std::int64_t user_id = 0;
  std::int64_t organisation_id = 0;
  CaseEvent event;
};

// A service to store with a change: a new one (record.id == 0) or a new status of one.
struct ServiceChange {
  ServiceRecord record;
  std::string lawful_ground;  // for a new service; sealed when stored
};

// What one change does to a case: its new state and assignment, the service it adds or updates,
// and the event recording it. The event of a new service gets its "service_id" in the detail.
struct CaseChange {
  CaseState state;
  Assignment assignment;
  CaseEvent event;
  std::optional<ServiceChange> service;
};

// A service as a provider finds it.
struct ProvidedService {
  std::int64_t case_id = 0;
  ServiceRecord record;
};
// Decides the change from the case as currently stored, or refuses it.
using CaseChangeRule = std::function<Result<CaseChange>(const StoredCase&)>;

// Which cases a list shows.
struct CaseScope {
  std::optional<std::int64_t> referring_organisation_id;  // a referrer's own referrals
  std::optional<std::int64_t> staff_user_id;  // the intake queue and this user's assigned cases
  std::optional<std::int64_t> guardian_id;    // the children this guardian is appointed to
};

// A referral recorded before Lifeline and imported, with the closure its record says it had.
struct ImportedCase {
  Referral referral;
  Date referred_on{};
  std::optional<Closure> closure;  // its reopened_on is never set
};

struct Identity {
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;
};

// Who can be named on a case: the competent authority's case workers and decision makers and
// the guardians (enabled users only), and the organisations services can be referred to.
struct DirectoryPerson {
  std::int64_t user_id = 0;
  std::string display_name;
  std::int64_t organisation_id = 0;
  std::vector<std::string> roles;  // of case_worker, decision_maker, guardian
};
struct DirectoryOrganisation {
  std::int64_t id = 0;
  std::string name;
  std::string type;
};
struct Directory {
  std::vector<DirectoryPerson> people;
  std::vector<DirectoryOrganisation> organisations;
};

// A task on a case: who must do what by when. The title is free text, sealed when stored.
struct CaseTask {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::int64_t owner_id = 0;
  Date due_on{};
  std::string title;
  std::int64_t created_by = 0;
  bool done = false;
};

// A shelter's capacity and how much of it is taken.
struct ShelterPlaces {
  std::int64_t organisation_id = 0;
  std::string name;
  std::int64_t places = 0;
  std::int64_t occupied = 0;  // accepted shelter services of open cases
};

// Everything the case page shows beside the case itself.
struct CaseDetails {
  std::int64_t possible_duplicates = 0;  // other cases with the same blind index of name and birth
  std::vector<TimelineEntry> timeline;   // oldest first, notes opened
  std::vector<CaseTask> tasks;           // in the order they were created
};

class CaseStore {
 public:
  virtual ~CaseStore() = default;
  // Stores the referral (identity sealed, blind index of name and date of birth) and an audit
  // entry, in one transaction; returns the case id.
  virtual Result<std::int64_t> create_referral(const Referral& referral, const CaseActor& actor,
                                               std::int64_t now,
                                               const std::string& referred_on) = 0;
  // Stores every case as create_referral does, referred by `actor` for the organisation
  // `referring_organisation_id` (where the records come from) and audited as "referral.import",
  // and closes those with a closure as change_case does (a "closure" event, audited as
  // "case.close"), all in one transaction: on any failure nothing is stored. `progress` is told
  // how many cases are stored so far. Returns the new cases' ids, in order.
  virtual Result<std::vector<std::int64_t>> import_cases(
      const std::vector<ImportedCase>& cases, std::int64_t referring_organisation_id,
      const CaseActor& actor, std::int64_t now,
      const std::function<void(std::size_t stored)>& progress) = 0;
  virtual Result<std::optional<StoredCase>> find_case(std::int64_t id) = 0;
  // Cases in `scope`, in referral order after `after_id`.
  virtual Result<std::vector<StoredCase>> list_cases(std::int64_t after_id, int limit,
                                                     const CaseScope& scope) = 0;
  // Every open case assigned to `user_id` as case worker or decision maker.
  virtual Result<std::vector<StoredCase>> assigned_open_cases(std::int64_t user_id) = 0;
  // Applies `rule` to the case as stored, in one transaction: refuses with
  // Errc::precondition_failed when `expected_version` is given and no longer current, stores the
  // new state and assignment with the version incremented, appends the event to the timeline and
  // `action` to the audit trail. A refusal (by the rule or the version check) changes nothing and
  // is written to the audit trail as denied. Errc::not_found when there is no such case.
  virtual Result<StoredCase> change_case(std::int64_t id,
                                         std::optional<std::int64_t> expected_version,
                                         const CaseActor& actor, std::int64_t now,
                                         std::string_view action, const CaseChangeRule& rule) = 0;
  // The service and its case; nullopt when there is no such service.
  virtual Result<std::optional<ProvidedService>> find_service(std::int64_t service_id) = 0;
  // Services referred to `organisation_id`, in order after `after_id`.
  virtual Result<std::vector<ProvidedService>> provider_services(std::int64_t organisation_id,
                                                                 std::int64_t after_id,
                                                                 int limit) = 0;
  // The user as a party to cases (organisation, its type, roles); nullopt for an unknown or
  // disabled user.
  virtual Result<std::optional<CaseActor>> case_party(std::int64_t user_id) = 0;
  // What the case page shows beside the case itself, read in one transaction.
  virtual Result<CaseDetails> case_details(std::int64_t id) = 0;
  // Opens the identity and writes the showing to the audit trail in the same transaction.
  virtual Result<std::optional<Identity>> reveal_identity(std::int64_t id, const CaseActor& actor,
                                                          std::int64_t now) = 0;
  virtual Result<std::string> organisation_type(std::int64_t organisation_id) = 0;
  virtual Result<Directory> directory() = 0;

  // Sets the organisation's shelter places, with an audit entry.
  virtual Result<void> set_shelter_places(std::int64_t organisation_id, std::int64_t places,
                                          const CaseActor& actor, std::int64_t now) = 0;
  // Every organisation with shelter places, by name.
  virtual Result<std::vector<ShelterPlaces>> shelters() = 0;
  // One organisation's places (0 when it declared none) and occupancy.
  virtual Result<ShelterPlaces> shelter(std::int64_t organisation_id) = 0;

  // Stores the task with its title sealed, a timeline event and an audit entry; returns its id.
  virtual Result<std::int64_t> create_task(const CaseTask& task, const CaseActor& actor,
                                           std::int64_t now) = 0;
  // Marks an open task of the case done (timeline, audit); Errc::not_found when there is no
  // such open task.
  virtual Result<void> complete_task(std::int64_t case_id, std::int64_t task_id,
                                     const CaseActor& actor, std::int64_t now) = 0;
  // Open tasks of `owner_id` on open cases, the earliest due first.
  virtual Result<std::vector<CaseTask>> open_tasks(std::int64_t owner_id) = 0;

  // Retention. Closed cases not yet erased whose last closure is before `closed_before` (ISO
  // date), in id order after `after_id`.
  virtual Result<std::vector<std::int64_t>> cases_due_for_erasure(const std::string& closed_before,
                                                                  std::int64_t after_id,
                                                                  int limit) = 0;
  // Erases the case's identifying data (identity and blind index, sealed notes and lawful
  // grounds, who explained consent) if it is still due, with an audit entry by the system;
  // false when it no longer is (reopened meanwhile, or already erased).
  virtual Result<bool> erase_identity(std::int64_t id, const std::string& closed_before,
                                      std::int64_t now) = 0;
  // Writes a refused attempt on a case to the audit trail.
  virtual Result<void> record_refusal(std::int64_t id, const CaseActor& actor, std::int64_t now,
                                      std::string_view action) = 0;
};

}  // namespace lifeline::domain::nrm
