// The fixed vocabularies of the National Referral Mechanism, aligned to IOM's Human Trafficking
// Case Data Standard (HTCDS 2.0) and mapped to the CTDC global dataset, so that exports are
// useful elsewhere. Identifiers are lower_snake_case and never change once published.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline::domain::nrm {

// One value of a vocabulary. `htcds` is the HTCDS 2.0 picklist value name it corresponds to
// (empty when HTCDS has none). `ctdc` is where the value lands in the CTDC dataset: a bare
// variable name is a yes/no variable set to 1 ("isSexualExploit"), "variable=value" is a coded
// variable ("ageBroad=0--8"); empty when CTDC has no such variable.
struct Term {
  std::string_view id;
  std::string_view label;  // English; translations live in the UI
  std::string_view htcds;
  std::string_view ctdc;
};

using Vocabulary = std::span<const Term>;

const Term* find_term(Vocabulary vocabulary, std::string_view id);
bool contains(Vocabulary vocabulary, std::string_view id);

// HTCDS vic_TypeOfExploitation; CTDC is*/typeOfLabour* variables.
Vocabulary exploitation_types();
bool is_exploitation_type(std::string_view id);

// HTCDS vic_MethodsOfControl; CTDC meansOfControl* variables.
Vocabulary means_of_control();
bool is_means_of_control(std::string_view id);

// HTCDS vic_TraffickingStatus. CTDC holds identified victims only, so it has no variable.
Vocabulary trafficking_statuses();
bool is_trafficking_status(std::string_view id);

// HTCDS cas_Status.
Vocabulary case_statuses();
bool is_case_status(std::string_view id);

// Reasons for closing a case (issue: National Referral Mechanism, step 7).
Vocabulary closure_reasons();
bool is_closure_reason(std::string_view id);

// Kinds of decision on a case and their outcomes (Addendum IV.1.1, IV.1.3; MC 6/18).
Vocabulary decision_kinds();
bool is_decision_kind(std::string_view id);
Vocabulary decision_outcomes();
bool is_decision_outcome(std::string_view id);

// Who may ask for a negative decision to be reviewed (Addendum IV.1.3).
Vocabulary review_requesters();
bool is_review_requester(std::string_view id);

// Legal status and remedies: documents, permits, asylum, non-punishment, compensation,
// criminal proceedings and witness protection; and how each application ended.
Vocabulary legal_step_kinds();
bool is_legal_step_kind(std::string_view id);
Vocabulary legal_step_outcomes();
bool is_legal_step_outcome(std::string_view id);

// The risk assessed before a return (Action Plan V.7).
Vocabulary return_risks();
bool is_return_risk(std::string_view id);

// Whether a presumed child is unaccompanied, separated or with a parent or carer (MC 6/18).
Vocabulary child_situations();
bool is_child_situation(std::string_view id);

// Needs a first responder records at referral (Action Plan V.3, Addendum IV.1.2).
Vocabulary immediate_needs();
bool is_immediate_need(std::string_view id);

// Services of an assistance plan (Action Plan V.4-V.7); HTCDS spl_Type.
Vocabulary service_types();
bool is_service_type(std::string_view id);

// HTCDS prs_Gender; CTDC gender.
Vocabulary genders();
bool is_gender(std::string_view id);

// CTDC ageBroad ("Age range 2"): 0--8, 9--17, 18--20, ... 48+.
Vocabulary age_bands();
bool is_age_band(std::string_view id);
// The band of an age in whole years; nullopt when the age is unknown or negative.
std::optional<std::string_view> age_band(std::optional<int> age);

// CTDC majorityStatus: Minor (under 18), Adult, Unknown.
enum class Majority { child, adult, unknown };
Majority majority(std::optional<int> age);
std::string_view to_string(Majority majority);
std::string_view ctdc_majority_status(Majority majority);

// The default checklist of indicators of trafficking a first responder ticks at referral
// (ILO Operational indicators of trafficking in human beings, 2009; UNODC Human trafficking
// indicators; HTCDS methods of control). A deployment may replace it by configuration.
Vocabulary default_indicators();

// One entry of a checklist loaded from configuration.
struct ChecklistItem {
  std::string id;
  std::string label;                                // English
  std::map<std::string, std::string> translations;  // by two-letter language code
};

// A configurable list of identifiers (indicators, services, permit types) that input is checked
// against. Built only through make() or defaults(), so its items are always valid and unique.
class Checklist {
 public:
  static Result<Checklist> make(std::vector<ChecklistItem> items);
  static Checklist from(Vocabulary vocabulary);
  static Checklist default_indicators();

  const std::vector<ChecklistItem>& items() const { return items_; }
  bool contains(std::string_view id) const;
  // The rules a list of ticked ids breaks (unknown or repeated ids), reported on `field`.
  std::vector<FieldError> check(const std::vector<std::string>& ids,
                                const std::string& field) const;

 private:
  explicit Checklist(std::vector<ChecklistItem> items) : items_(std::move(items)) {}
  std::vector<ChecklistItem> items_;
};

// lower_snake_case: [a-z][a-z0-9_]*, no double or trailing underscore, at most 64 bytes.
bool is_snake_case_id(std::string_view id);

}  // namespace lifeline::domain::nrm
