#include "domain/nrm/referral.hpp"

#include <algorithm>
#include <chrono>

namespace lifeline::domain::nrm {
namespace {

// ISO 3166-1 alpha-2, every officially assigned code.
constexpr std::string_view kCountryCodes =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR "
    "BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW "
    "GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY "
    "KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV "
    "MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG "
    "TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM "
    "ZW";

constexpr std::size_t kMaxNameBytes = 200;

void check_vocabulary(const std::vector<std::string>& ids, Vocabulary vocabulary,
                      const std::string& field, std::vector<FieldError>& errors) {
  for (const auto& id : ids) {
    if (!contains(vocabulary, id)) errors.push_back({field, "is not a known value"});
  }
  auto sorted = ids;
  std::ranges::sort(sorted);
  if (std::ranges::adjacent_find(sorted) != sorted.end()) {
    errors.push_back({field, "names a value twice"});
  }
}

// Only a child has a situation to record; an adult's referral naming one is a mistake to fix.
void check_child_situation(const ReferralInput& input, std::vector<FieldError>& errors) {
  if (input.child_situation.empty()) return;
  if (!is_child_situation(input.child_situation)) {
    errors.push_back({"child_situation", "is not a known value"});
  } else if (!input.is_child) {
    errors.push_back({"child_situation", "is recorded only for a child (is_child)"});
  }
}

std::string text_or_empty(const std::optional<std::string>& value) {
  return value.value_or("");
}

void check_person(const ReferralInput& input, Date referred_on, Referral& referral,
                  std::vector<FieldError>& errors) {
  const auto& person = input.person;
  const bool anonymous = referral.kind == ReferralKind::anonymous_notification;
  auto identifying = [&](const std::optional<std::string>& value, const std::string& field,
                         std::string& target) {
    if (!value || value->empty()) return;
    if (anonymous) {
      errors.push_back({field,
                        "is identifying: without consent a referral is an anonymous "
                        "notification and may not carry it"});
    } else if (value->size() > kMaxNameBytes) {
      errors.push_back({field, "is too long"});
    } else {
      target = *value;
    }
  };
  identifying(person.given_name, "person.given_name", referral.given_name);
  identifying(person.family_name, "person.family_name", referral.family_name);
  identifying(person.date_of_birth, "person.date_of_birth", referral.date_of_birth);
  if (!referral.date_of_birth.empty()) {
    auto birth = parse_iso_date(referral.date_of_birth);
    if (!birth || std::chrono::sys_days{*birth} > std::chrono::sys_days{referred_on}) {
      errors.push_back({"person.date_of_birth", "must be a date (YYYY-MM-DD) not in the future"});
    } else {
      referral.age_band = std::string(age_band(age_on(*birth, referred_on)).value_or(""));
    }
  }
  referral.sex = text_or_empty(person.sex);
  if (!referral.sex.empty() && !is_gender(referral.sex)) {
    errors.push_back({"person.sex", "is not a known value"});
  }
  referral.citizenship = text_or_empty(person.citizenship);
  if (!referral.citizenship.empty() && !is_country_code(referral.citizenship)) {
    errors.push_back({"person.citizenship", "must be an ISO 3166-1 alpha-2 country code"});
  }
}

}  // namespace

std::optional<int> age_on(Date birth, Date on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (std::chrono::month_day{on.month(), on.day()} <
      std::chrono::month_day{birth.month(), birth.day()}) {
    --years;
  }
  if (years < 0) return std::nullopt;
  return years;
}

bool is_country_code(std::string_view code) {
  if (code.size() != 2) return false;
  for (std::size_t at = 0; at + 2 <= kCountryCodes.size(); at += 3) {
    if (kCountryCodes.substr(at, 2) == code) return true;
  }
  return false;
}

Result<Referral> validate_referral(const ReferralInput& input, const Checklist& indicators,
                                   Date referred_on) {
  Referral referral;
  referral.is_child = input.is_child;
  auto kind = validate_referral_consent(input.is_child, input.consent);
  if (!kind) return tl::unexpected(kind.error());
  referral.kind = *kind;
  if (referral.kind == ReferralKind::identified && !input.is_child) {
    referral.consent = input.consent;
  }
  std::vector<FieldError> errors;
  check_person(input, referred_on, referral, errors);
  check_vocabulary(input.exploitation_types, exploitation_types(), "exploitation_types", errors);
  check_vocabulary(input.needs, immediate_needs(), "needs", errors);
  auto indicator_errors = indicators.check(input.indicators, "indicators");
  errors.insert(errors.end(), indicator_errors.begin(), indicator_errors.end());
  if (!input.country_of_exploitation.empty() && !is_country_code(input.country_of_exploitation)) {
    errors.push_back({"country_of_exploitation", "must be an ISO 3166-1 alpha-2 country code"});
  }
  check_child_situation(input, errors);
  if (!errors.empty()) return fail_fields("the referral breaks these rules", std::move(errors));
  referral.exploitation_types = input.exploitation_types;
  referral.country_of_exploitation = input.country_of_exploitation;
  referral.indicators = input.indicators;
  referral.needs = input.needs;
  referral.child_situation = input.child_situation;
  return referral;
}

}  // namespace lifeline::domain::nrm
