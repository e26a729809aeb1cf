// The anonymous facts of an NRM case that statistics are made from: one row per case, derived
// from the case as stored and holding nothing that identifies the person (no name, no date of
// birth, no free text, no organisation or user id). Tables count these rows by dimensions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/nrm/case_rules.hpp"
#include "domain/nrm/referral.hpp"

namespace lifeline::domain::stats {

// What a published table may be broken down by (issue: Statistics for the National Rapporteur,
// Contract). Identifiers are the API's and never change once published.
enum class Dimension {
  year,
  quarter,
  month,
  gender,
  age_group,
  age_band,
  exploitation_type,
  citizenship,
  country_of_exploitation,
  scope,
  first_responder_type,
  trafficking_status,
  rg_outcome,
  cg_outcome,
};

std::span<const Dimension> all_dimensions();
std::string_view to_string(Dimension dimension);
std::optional<Dimension> parse_dimension(std::string_view id);
// Several values per person (types of exploitation): a person is counted once in each of their
// categories, so the categories add up to more than the total.
bool is_multi_valued(Dimension dimension);

// The category of a fact that has no value for a dimension.
inline constexpr std::string_view kUnknown = "unknown";

// What the facts are made from: the non-identifying fields of a stored case.
struct CaseSource {
  std::int64_t case_id = 0;
  nrm::Date referred_on{};
  nrm::ReferralKind kind = nrm::ReferralKind::identified;
  std::string sex;
  std::string citizenship;
  std::string age_band;
  std::string country_of_exploitation;
  std::vector<std::string> exploitation_types;
  std::string first_responder_type;  // the referring organisation's type
  nrm::CaseState state;
};

struct CaseFacts {
  std::int64_t case_id = 0;
  std::string referred_on;  // ISO date
  int year = 0;
  std::string quarter;  // "2026-Q4"
  std::string month;    // "2026-11"
  std::string kind;
  std::string trafficking_status;
  std::string gender;
  std::string age_group;  // child, adult, unknown
  std::string age_band;   // CTDC ageBroad band or unknown
  std::string citizenship;
  std::string country_of_exploitation;
  std::string scope;  // internal, transnational, unknown
  std::string first_responder_type;
  std::uint64_t exploitation_mask = 0;  // bit i: exploitation_types()[i]
  std::string rg_outcome;               // positive, negative, pending
  std::optional<int> rg_days;           // referral to the first reasonable-grounds decision
  std::string rg_on;                    // its date (ISO), empty while pending
  std::string cg_outcome;
  std::optional<int> cg_days;  // referral to the conclusive decision
  std::string cg_on;
  int reviews = 0;                     // review decisions made
  std::string status;                  // open, closed
  std::optional<int> reflection_days;  // the reflection period granted, extensions included
  int permits_applied = 0;             // residence and work permits applied for
  int permits_granted = 0;
  int compensation_claims = 0;
  std::int64_t compensation_claimed = 0;  // minor units
  int compensation_awards = 0;
  std::int64_t compensation_awarded = 0;
  bool returned = false;
  int follow_ups = 0;
  bool re_trafficked = false;
  bool operator==(const CaseFacts&) const = default;
};

CaseFacts case_facts(const CaseSource& source);

// Internal when the person is a citizen of the country of exploitation, transnational when not,
// unknown when either is not known.
std::string_view trafficking_scope(std::string_view citizenship,
                                   std::string_view country_of_exploitation);
// child or adult from the CTDC age band; when the age is not known, the case's own view
// (a presumed child is a child until assessed otherwise).
std::string_view age_group(std::string_view age_band, const nrm::CaseState& state);

std::uint64_t exploitation_mask(const std::vector<std::string>& types);
// The categories of a mask in vocabulary order; {"unknown"} for none.
std::vector<std::string> exploitation_categories(std::uint64_t mask);

// Where a category sorts in its dimension: vocabulary order for vocabularies, text order for
// countries and periods; unknown always last.
std::string category_sort_key(Dimension dimension, std::string_view category);

}  // namespace lifeline::domain::stats
