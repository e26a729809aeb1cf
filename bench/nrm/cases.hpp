// Generated NRM referrals for bench/nrm: the same row for the same (seed, index) in every
// phase, so the bulk load, the HTTP load and the raw SQLite baseline write the same cases.
//
// The mix, per referral (before duplicates):
//   children 25 % (identified, no consent needed), adults with informed consent 55 %,
//   adults without consent 20 % (anonymous notifications: no name, no date of birth);
//   about 3 % of the identified referrals name a person referred before (same name and date
//   of birth, the name sometimes spelled in other case), as a second referral would;
//   primary exploitation type sexual 42 %, forced labour 30 %, forced criminality 9 %,
//   servitude 5 %, forced begging 4 %, forced marriage 3 %, child labour (children) 3 %,
//   the rest rare; one referral in eight names a second type;
//   citizenship: a few nationalities dominate (the deployment's own 15 %, RO 14 %, HU 9 %,
//   BG 8 %, NG 8 %, UA 7 %, CN 5 %, MD 4 %), the rest a long tail, 3 % unknown;
//   sex follows the type (sexual exploitation mostly feminine, labour mostly masculine);
//   1 to 7 indicators drawn from a profile of the type, 1 to 4 immediate needs.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/nrm/referral.hpp"
#include "domain/nrm/working_days.hpp"

namespace lifeline::bench {

// The country the bench deployment runs in: most exploitation happens there.
inline constexpr std::string_view kHomeCountry = "AT";

struct GeneratedCase {
  domain::nrm::ReferralInput input;  // as a first responder submits it
  domain::nrm::Date referred_on;
};

class CaseGenerator {
 public:
  // Rows [0, bulk_count) are spread over the `span_days` days before `today`, oldest first;
  // rows from bulk_count on are referred `today` (the HTTP load).
  CaseGenerator(std::uint64_t seed, std::uint64_t bulk_count, domain::nrm::Date today,
                int span_days = 3650);

  GeneratedCase make(std::uint64_t index) const;
  domain::nrm::Date referred_on(std::uint64_t index) const;
  // Seconds into the referral day of row `index` (the bulk rows of one day keep their order).
  std::int64_t second_of_day(std::uint64_t index) const;

 private:
  std::uint64_t seed_;
  std::uint64_t bulk_count_;
  domain::nrm::Date today_;
  int span_days_;
};

// The body of POST /api/v1/referrals for a generated referral.
nlohmann::json referral_json(const domain::nrm::ReferralInput& input);

// Fast deterministic randomness (splitmix64), for the generator and the load clients.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform in [0, bound).
  std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }

 private:
  std::uint64_t state_;
};

std::uint64_t mix(std::uint64_t a, std::uint64_t b);

}  // namespace lifeline::bench
