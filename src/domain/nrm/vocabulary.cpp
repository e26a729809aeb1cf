#include "domain/nrm/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace lifeline::domain::nrm {
namespace {

// Source: HTCDS 2.0 vic_TypeOfExploitation. CTDC has yes/no variables for the main forms and
// counts the rest in isOtherExploit. Forced criminality is not an HTCDS value (it is "Other"
// there) but national NRM statistics publish it, and CTDC has typeOfLabourIllicitActivities.
constexpr std::array kExploitationTypes = {
    Term{"forced_labour", "Forced labour", "ForcedLabour", "isForcedLabour"},
    Term{"sexual_exploitation", "Sexual exploitation", "SexualExploitation", "isSexualExploit"},
    Term{"child_labour", "Child labour", "ChildLabour", "isOtherExploit"},
    Term{"forced_marriage", "Forced marriage", "ForcedMarriage", "isForcedMarriage"},
    Term{"servitude", "Servitude", "Servitude", "isOtherExploit"},
    Term{"forced_military", "Forced military (by non-state actors)",
         "ForcedMilitaryByNonStateActors", "isForcedMilitary"},
    Term{"organ_removal", "Organ removal", "OrganRemoval", "isOrganRemoval"},
    Term{"forced_begging", "Forced begging", "ForcedBegging", "typeOfLabourBegging"},
    Term{"forced_criminality", "Forced criminal activities", "Other",
         "typeOfLabourIllicitActivities"},
    Term{"forced_adoption", "Forced adoption", "ForcedAdoption", "isOtherExploit"},
    Term{"surrogacy", "Surrogacy", "Surrogacy", "isOtherExploit"},
    Term{"other", "Other", "Other", "isOtherExploit"},
};

// Source: HTCDS 2.0 vic_MethodsOfControl (definitions in the HTCDS "Field Definitions.md").
// Restricted movement is a CTDC variable HTCDS lacks; CTDC's "uses children" is its closest
// match for threats against children or family.
constexpr std::array kMeansOfControl = {
    Term{"physical_threats", "Physical threats", "PhysicalThreats", "meansOfControlThreats"},
    Term{"threats_law_enforcement", "Threats of law enforcement", "ThreatsLawEnforcement",
         "meansOfControlThreatOfLawEnforcement"},
    Term{"threatens_children_family", "Threatens children/family", "ThreatensChildrenFamily",
         "meansOfControlUsesChildren"},
    Term{"debt_bondage", "Debt bondage", "DebtBondage", "meansOfControlDebtBondage"},
    Term{"false_promises", "False promises", "FalsePromises", "meansOfControlFalsePromises"},
    Term{"physical_abuse", "Physical abuse", "PhysicalAbuse", "meansOfControlPhysicalAbuse"},
    Term{"sexual_abuse", "Sexual abuse", "SexualAbuse", "meansOfControlSexualAbuse"},
    Term{"takes_earnings", "Takes earnings", "TakesEarnings", "meansOfControlTakesEarnings"},
    Term{"restricts_financial_access", "Restricts financial access", "RestrictsFinancialAccess",
         "meansOfControlRestrictsFinancialAccess"},
    Term{"restricts_medical_care", "Restricts medical care", "RestrictsMedicalCare",
         "meansOfControlRestrictsMedicalCare"},
    Term{"restricts_movement", "Restricts movement", "", "meansOfControlRestrictsMovement"},
    Term{"withholds_necessities", "Withholds necessities", "WithholdsNecessities",
         "meansOfControlWithholdsNecessities"},
    Term{"psychological_abuse", "Psychological abuse", "PsychologicalAbuse",
         "meansOfControlPsychologicalAbuse"},
    Term{"psychoactive_substances", "Psychoactive substances", "PsychoactiveSubstance",
         "meansOfControlPsychoactiveSubstances"},
    Term{"excessive_working_hours", "Excessive working hours", "ExcessiveWorkingHours",
         "meansOfControlExcessiveWorkingHours"},
    Term{"withholds_documents", "Withholds documents", "WithholdsDocuments",
         "meansOfControlWithholdsDocuments"},
    Term{"other", "Other", "Other", "meansOfControlOther"},
    Term{"not_specified", "Not specified", "", "meansOfControlNotSpecified"},
};

// Source: HTCDS 2.0 vic_TraffickingStatus, with the labels the OSCE texts use ("presumed" and
// "identified" victims).
constexpr std::array kTraffickingStatuses = {
    Term{"presumed_victim", "Presumed victim of trafficking", "PossibleVictimOfTrafficking", ""},
    Term{"identified_victim", "Identified victim of trafficking", "ActualVictimOfTrafficking", ""},
    Term{"not_a_victim", "Not a victim of trafficking", "NotAVictimOfTrafficking", ""},
};

// Source: HTCDS 2.0 cas_Status.
constexpr std::array kCaseStatuses = {
    Term{"active", "Active", "Active", ""},
    Term{"follow_up", "Follow up", "FollowUp", ""},
    Term{"closed", "Closed", "Closed", ""},
    Term{"closed_referred", "Closed, referred", "ClosedReferred", ""},
};

// Source: the list (HTCDS has no closure reason field; a transfer abroad is its
// cas_Status "ClosedReferred").
constexpr std::array kClosureReasons = {
    Term{"recovered_independent", "Recovered and independent", "Closed", ""},
    Term{"returned", "Returned to country of origin", "Closed", ""},
    Term{"transferred_abroad", "Transferred to another country", "ClosedReferred", ""},
    Term{"missing", "Missing", "Closed", ""},
    Term{"deceased", "Deceased", "Closed", ""},
    Term{"withdrew_consent", "Withdrew consent", "Closed", ""},
    Term{"not_a_victim", "Not a victim of trafficking", "Closed", ""},
};

// Source: Addendum IV.1.1 and IV.1.3 (identification and review); the durable solution is the
// decision on return, placement or integration that MC 6/18 ties to a best-interests assessment.
constexpr std::array kDecisionKinds = {
    Term{"reasonable_grounds", "Reasonable-grounds decision", "", ""},
    Term{"conclusive", "Conclusive decision", "", ""},
    Term{"review", "Review of a negative decision", "", ""},
    Term{"durable_solution", "Decision on return, placement or another durable solution", "", ""},
};

constexpr std::array kDecisionOutcomes = {
    Term{"positive", "Positive", "", ""},
    Term{"negative", "Negative", "", ""},
};

// Source: the issue, after Addendum IV.1.3.
constexpr std::array kReviewRequesters = {
    Term{"person", "The person concerned", "", ""},
    Term{"representative", "Their legal representative", "", ""},
    Term{"referrer", "The referring organisation", "", ""},
    Term{"support_provider", "The support provider", "", ""},
};

// Source: Action Plan V.5 (documents), V.8 (residence and work permits), V.9 (asylum), III.4
// (co-operation with criminal proceedings, witness protection); Addendum IV.2.1-2.2
// (compensation through courts or a State fund) and IV.2.6 (non-punishment).
constexpr std::array kLegalStepKinds = {
    Term{"identity_documents", "Identity and travel documents", "", ""},
    Term{"residence_permit_temporary", "Temporary residence permit", "", ""},
    Term{"residence_permit_permanent", "Permanent residence permit", "", ""},
    Term{"work_permit", "Work permit", "", ""},
    Term{"asylum", "Asylum application", "", ""},
    Term{"non_punishment", "Non-punishment for offences committed as a victim", "", ""},
    Term{"compensation_court", "Compensation claim in court", "", ""},
    Term{"compensation_state_fund", "Compensation from a State fund", "", ""},
    Term{"criminal_proceedings", "Co-operation with criminal proceedings", "", ""},
    Term{"witness_protection", "Witness protection measures", "", ""},
};

constexpr std::array kLegalStepOutcomes = {
    Term{"applied", "Applied for, pending", "", ""},
    Term{"granted", "Granted", "", ""},
    Term{"refused", "Refused", "", ""},
    Term{"withdrawn", "Withdrawn", "", ""},
};

// Source: UN Committee on the Rights of the Child, General Comment No. 6 (2005), paragraphs 7-8;
// MC Decision 6/18 and Action Plan V.10 (unaccompanied and separated children).
constexpr std::array kChildSituations = {
    Term{"unaccompanied", "Unaccompanied: no parent, relative or carer responsible", "", ""},
    Term{"separated", "Separated from parents or usual carer, perhaps with other relatives", "",
         ""},
    Term{"accompanied", "With a parent or legal carer", "", ""},
};

// Source: Action Plan V.7 (return with due regard for safety).
constexpr std::array kReturnRisks = {
    Term{"low", "Low", "", ""},
    Term{"medium", "Medium", "", ""},
    Term{"high", "High", "", ""},
};

// Source: Action Plan V.3 and Addendum IV.1.2 (immediate assistance); HTCDS spl_Type where a
// support plan type matches.
constexpr std::array kImmediateNeeds = {
    Term{"safety", "Safety", "", ""},
    Term{"shelter", "Shelter", "SocialCare", ""},
    Term{"medical", "Medical care", "Health", ""},
    Term{"psychological", "Psychological support", "Health", ""},
    Term{"interpreter", "Interpreter and language", "", ""},
    Term{"food_clothing", "Food and clothing", "SocialCare", ""},
    Term{"legal_advice", "Legal advice", "Legal", ""},
    Term{"child_protection", "Child protection", "SocialCare", ""},
};

// Source: Action Plan V.4-V.7 and the assistance plan; HTCDS spl_Type.
constexpr std::array kServiceTypes = {
    Term{"shelter", "Shelter", "SocialCare", ""},
    Term{"medical", "Medical", "Health", ""},
    Term{"psychological", "Psychological", "Health", ""},
    Term{"legal_counselling", "Legal counselling", "Legal", ""},
    Term{"interpretation", "Interpretation", "", ""},
    Term{"education_training", "Education and vocational training", "Education", ""},
    Term{"employment", "Employment", "Livelihood", ""},
    Term{"financial_support", "Financial support", "Financial", ""},
    Term{"family_tracing", "Family tracing", "SocialCare", ""},
    Term{"safety_measures", "Safety measures", "", ""},
};

// Source: HTCDS 2.0 prs_Gender. CTDC publishes gender as Female or Male only.
constexpr std::array kGenders = {
    Term{"feminine", "Feminine", "Feminine", "gender=Female"},
    Term{"masculine", "Masculine", "Masculine", "gender=Male"},
    Term{"transgender_feminine", "Transgender feminine", "TransgenderFeminine", ""},
    Term{"transgender_masculine", "Transgender masculine", "TransgenderMasculine", ""},
    Term{"non_conforming", "Non-conforming", "NonConforming", ""},
    Term{"not_specified", "Not specified/unknown", "NonSpecifiedUnknown", "gender=-99"},
};

// Source: CTDC data dictionary, look-up "Age range 2" (variables ageBroad, MajorityEntry).
constexpr std::array kAgeBands = {
    Term{"age_0_8", "0--8", "", "ageBroad=0--8"},
    Term{"age_9_17", "9--17", "", "ageBroad=9--17"},
    Term{"age_18_20", "18--20", "", "ageBroad=18--20"},
    Term{"age_21_23", "21--23", "", "ageBroad=21--23"},
    Term{"age_24_26", "24--26", "", "ageBroad=24--26"},
    Term{"age_27_29", "27--29", "", "ageBroad=27--29"},
    Term{"age_30_38", "30--38", "", "ageBroad=30--38"},
    Term{"age_39_47", "39--47", "", "ageBroad=39--47"},
    Term{"age_48_plus", "48+", "", "ageBroad=48+"},
};
// The first age of each band above, in the same order.
constexpr std::array kAgeBandStarts = {0, 9, 18, 21, 24, 27, 30, 39, 48};
static_assert(kAgeBandStarts.size() == kAgeBands.size());

// Sources: ILO, Operational indicators of trafficking in human beings (2009) for deceptive and
// coercive recruitment, exploitation and coercion at destination; UNODC, Human trafficking
// indicators; HTCDS vic_MethodsOfControl where an indicator is also a means of control.
constexpr std::array kDefaultIndicators = {
    Term{"deceptive_recruitment", "Deceived about the nature or conditions of the work", "",
         "meansOfControlFalsePromises"},
    Term{"recruitment_fees_debt", "Owes a debt for recruitment, travel or lodging", "DebtBondage",
         "meansOfControlDebtBondage"},
    Term{"debt_bondage", "Made to work off a debt that keeps growing", "DebtBondage",
         "meansOfControlDebtBondage"},
    Term{"withheld_documents", "Identity or travel documents held by someone else",
         "WithholdsDocuments", "meansOfControlWithholdsDocuments"},
    Term{"restricted_movement", "Not free to leave or move about", "",
         "meansOfControlRestrictsMovement"},
    Term{"threats", "Threatened, or family threatened", "PhysicalThreats", "meansOfControlThreats"},
    Term{"threats_authorities", "Threatened with denunciation to the authorities",
         "ThreatsLawEnforcement", "meansOfControlThreatOfLawEnforcement"},
    Term{"physical_violence", "Physical violence", "PhysicalAbuse", "meansOfControlPhysicalAbuse"},
    Term{"sexual_violence", "Sexual violence", "SexualAbuse", "meansOfControlSexualAbuse"},
    Term{"excessive_hours", "Excessive working hours or days", "ExcessiveWorkingHours",
         "meansOfControlExcessiveWorkingHours"},
    Term{"no_or_little_pay", "No or very little pay", "TakesEarnings",
         "meansOfControlTakesEarnings"},
    Term{"no_control_of_earnings", "No access to own earnings or bank account",
         "RestrictsFinancialAccess", "meansOfControlRestrictsFinancialAccess"},
    Term{"isolation", "Isolated, no contact with family or outsiders", "", ""},
    Term{"degrading_living_conditions", "Degrading living or working conditions", "", ""},
    Term{"denied_medical_care", "Denied medical care", "RestrictsMedicalCare",
         "meansOfControlRestrictsMedicalCare"},
    Term{"forced_substance_use", "Made to use drugs or alcohol", "PsychoactiveSubstance",
         "meansOfControlPsychoactiveSubstances"},
    Term{"forced_illicit_activities", "Made to commit offences or to beg", "",
         "typeOfLabourIllicitActivities"},
    Term{"scripted_story", "Tells a story that seems coached or rehearsed", "", ""},
    Term{"fear_of_authorities", "Afraid of the authorities", "", ""},
    Term{"unaccompanied_child", "A child without parents or a legal guardian", "", ""},
};

std::vector<ChecklistItem> items_of(Vocabulary vocabulary) {
  std::vector<ChecklistItem> items;
  items.reserve(vocabulary.size());
  for (const auto& term : vocabulary) {
    items.push_back({std::string(term.id), std::string(term.label), {}});
  }
  return items;
}

}  // namespace

const Term* find_term(Vocabulary vocabulary, std::string_view id) {
  const auto it = std::ranges::find(vocabulary, id, &Term::id);
  return it == vocabulary.end() ? nullptr : &*it;
}

bool contains(Vocabulary vocabulary, std::string_view id) {
  return find_term(vocabulary, id) != nullptr;
}

Vocabulary exploitation_types() {
  return kExploitationTypes;
}
bool is_exploitation_type(std::string_view id) {
  return contains(kExploitationTypes, id);
}

Vocabulary means_of_control() {
  return kMeansOfControl;
}
bool is_means_of_control(std::string_view id) {
  return contains(kMeansOfControl, id);
}

Vocabulary trafficking_statuses() {
  return kTraffickingStatuses;
}
bool is_trafficking_status(std::string_view id) {
  return contains(kTraffickingStatuses, id);
}

Vocabulary case_statuses() {
  return kCaseStatuses;
}
bool is_case_status(std::string_view id) {
  return contains(kCaseStatuses, id);
}

Vocabulary closure_reasons() {
  return kClosureReasons;
}
bool is_closure_reason(std::string_view id) {
  return contains(kClosureReasons, id);
}

Vocabulary decision_kinds() {
  return kDecisionKinds;
}
bool is_decision_kind(std::string_view id) {
  return contains(kDecisionKinds, id);
}

Vocabulary decision_outcomes() {
  return kDecisionOutcomes;
}
bool is_decision_outcome(std::string_view id) {
  return contains(kDecisionOutcomes, id);
}

Vocabulary review_requesters() {
  return kReviewRequesters;
}
bool is_review_requester(std::string_view id) {
  return contains(kReviewRequesters, id);
}

Vocabulary legal_step_kinds() {
  return kLegalStepKinds;
}
bool is_legal_step_kind(std::string_view id) {
  return contains(kLegalStepKinds, id);
}
Vocabulary legal_step_outcomes() {
  return kLegalStepOutcomes;
}
bool is_legal_step_outcome(std::string_view id) {
  return contains(kLegalStepOutcomes, id);
}
Vocabulary child_situations() {
  return kChildSituations;
}
bool is_child_situation(std::string_view id) {
  return contains(kChildSituations, id);
}

Vocabulary return_risks() {
  return kReturnRisks;
}
bool is_return_risk(std::string_view id) {
  return contains(kReturnRisks, id);
}

Vocabulary immediate_needs() {
  return kImmediateNeeds;
}
bool is_immediate_need(std::string_view id) {
  return contains(kImmediateNeeds, id);
}

Vocabulary service_types() {
  return kServiceTypes;
}
bool is_service_type(std::string_view id) {
  return contains(kServiceTypes, id);
}

Vocabulary genders() {
  return kGenders;
}
bool is_gender(std::string_view id) {
  return contains(kGenders, id);
}

Vocabulary age_bands() {
  return kAgeBands;
}
bool is_age_band(std::string_view id) {
  return contains(kAgeBands, id);
}

std::optional<std::string_view> age_band(std::optional<int> age) {
  if (!age || *age < 0) return std::nullopt;
  std::size_t band = 0;
  while (band + 1 < kAgeBandStarts.size() && *age >= kAgeBandStarts.at(band + 1)) ++band;
  return kAgeBands.at(band).id;
}

Majority majority(std::optional<int> age) {
  if (!age || *age < 0) return Majority::unknown;
  return *age < 18 ? Majority::child : Majority::adult;
}

std::string_view to_string(Majority majority) {
  switch (majority) {
    case Majority::child:
      return "child";
    case Majority::adult:
      return "adult";
    case Majority::unknown:
      break;
  }
  return "unknown";
}

std::string_view ctdc_majority_status(Majority majority) {
  switch (majority) {
    case Majority::child:
      return "Minor";
    case Majority::adult:
      return "Adult";
    case Majority::unknown:
      break;
  }
  return "Unknown";
}

Vocabulary default_indicators() {
  return kDefaultIndicators;
}

Result<Checklist> Checklist::make(std::vector<ChecklistItem> items) {
  if (items.empty()) return fail(Errc::invalid_argument, "a checklist needs at least one item");
  std::set<std::string_view> seen;
  for (const auto& item : items) {
    if (!is_snake_case_id(item.id)) {
      return fail(Errc::invalid_argument,
                  std::string("checklist id is not lower_snake_case: ").append(item.id));
    }
    if (item.label.empty()) {
      return fail(Errc::invalid_argument,
                  std::string("checklist item has no label: ").append(item.id));
    }
    if (!seen.insert(item.id).second) {
      return fail(Errc::invalid_argument,
                  std::string("checklist lists an id twice: ").append(item.id));
    }
  }
  return Checklist(std::move(items));
}

Checklist Checklist::from(Vocabulary vocabulary) {
  return Checklist(items_of(vocabulary));
}

Checklist Checklist::default_indicators() {
  return from(kDefaultIndicators);
}

bool Checklist::contains(std::string_view id) const {
  return std::ranges::find(items_, id, &ChecklistItem::id) != items_.end();
}

std::vector<FieldError> Checklist::check(const std::vector<std::string>& ids,
                                         const std::string& field) const {
  std::set<std::string_view> seen;
  for (const auto& id : ids) {
    if (!contains(id)) return {{field, "contains an unknown value"}};
    if (!seen.insert(id).second) return {{field, "lists a value twice"}};
  }
  return {};
}

bool is_snake_case_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() < 'a' || id.front() > 'z') return false;
  if (id.back() == '_' || id.find("__") != std::string_view::npos) return false;
  return std::ranges::all_of(
      id, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace lifeline::domain::nrm
