// A referral of a presumed victim as a first responder submits it, checked against the NRM's
// rules before anything is stored (Action Plan V.3, Addendum IV.1.2).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/case_rules.hpp"
#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::nrm {

// Identifying data of the person, as submitted; every field may be missing.
struct PersonInput {
  std::optional<std::string> given_name;
  std::optional<std::string> family_name;
  std::optional<std::string> date_of_birth;  // ISO 8601 date
  std::optional<std::string> sex;            // genders()
  std::optional<std::string> citizenship;    // ISO 3166-1 alpha-2
};

struct ReferralInput {
  PersonInput person;
  Consent consent;
  bool is_child = false;        // is or may be a child
  std::string child_situation;  // child_situations(), empty when not known; a child's only
  std::vector<std::string> exploitation_types;
  std::string country_of_exploitation;  // ISO 3166-1 alpha-2, may be empty when unknown
  std::vector<std::string> indicators;  // ids of the deployment's checklist
  std::vector<std::string> needs;       // immediate_needs()
};

// A referral that passed every check. For an anonymous notification the identifying fields
// are empty: they were never accepted.
struct Referral {
  ReferralKind kind = ReferralKind::identified;
  bool is_child = false;
  std::string child_situation;  // unaccompanied, separated, accompanied, or empty: not known
  std::string given_name;
  std::string family_name;
  std::string date_of_birth;  // ISO date or empty
  std::string sex;
  std::string citizenship;
  std::string age_band;  // from the date of birth on the referral date, empty when unknown
  Consent consent;
  std::vector<std::string> exploitation_types;
  std::string country_of_exploitation;
  std::vector<std::string> indicators;
  std::vector<std::string> needs;
};

bool is_country_code(std::string_view code);

// Whole years from `birth` to `on`, or nullopt when the birth date is after it.
std::optional<int> age_on(Date birth, Date on);

// Checks `input` on `referred_on` against the vocabularies and `indicators`; every broken rule
// is reported as a field error at once (Errc::invalid_argument, type "validation"). An adult
// without informed consent may only be referred as an anonymous notification, so a name or a
// date of birth without consent is refused rather than silently dropped.
Result<Referral> validate_referral(const ReferralInput& input, const Checklist& indicators,
                                   Date referred_on);

}  // namespace lifeline::domain::nrm
