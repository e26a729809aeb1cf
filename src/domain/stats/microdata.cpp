#include "domain/stats/microdata.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include <fmt/format.h>

#include "domain/nrm/vocabulary.hpp"
#include "domain/stats/facts.hpp"

namespace lifeline::domain::stats {
namespace {

// UN M49 continents of ISO 3166-1 alpha-2 codes (Antarctica and the unknown apart).
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kRegions = {{
    {"Africa",
     "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG "
     "MW ML MR MU YT MA MZ NA NE NG RE RW SH ST SN SC SL SO ZA SS SD TZ TG TN UG EH ZM ZW IO TF"},
    {"Americas",
     "AI AG AR AW BS BB BZ BM BO BQ BV BR VG CA KY CL CO CR CU CW DM DO EC SV FK GF GL GD GP GT GY "
     "HT HN JM MQ MX MS NI PA PY PE PR BL KN LC MF PM VC SX GS SR TT TC US UM UY VE VI AN"},
    {"Asia",
     "AF AM AZ BH BD BT BN KH CN CY GE HK IN ID IR IQ IL JP JO KZ KP KR KW KG LA LB MO MY MV MN MM "
     "NP OM PK PS PH QA SA SG LK SY TW TJ TH TL TR TM AE UZ VN YE"},
    {"Europe",
     "AX AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG VA HU IS IE IM IT JE LV LI LT LU MT "
     "MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB XK"},
    {"Oceania",
     "AS AU CX CC CK FJ PF GU HM KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF"},
}};

constexpr std::array<std::string_view, 17> kColumns = {"yearOfRegistration",
                                                       "Datasource",
                                                       "gender",
                                                       "ageBroad",
                                                       "majorityStatus",
                                                       "citizenship",
                                                       "isForcedLabour",
                                                       "isSexualExploit",
                                                       "isOtherExploit",
                                                       "isSexAndLabour",
                                                       "isForcedMarriage",
                                                       "isForcedMilitary",
                                                       "isOrganRemoval",
                                                       "typeOfLabourBegging",
                                                       "typeOfLabourIllicitActivities",
                                                       "typeOfExploitConcatenated",
                                                       "CountryOfExploitation"};
constexpr std::array<std::string_view, 3> kMajority = {"Minor", "Adult", "-99"};

constexpr std::size_t kLevels = std::size(kGeneralisations);
constexpr std::string_view kMissing = "-99";
constexpr std::uint16_t kMaxCode = 511;  // nine bits in a group key
constexpr int kFirstYear = 1900;
constexpr int kYearsPerPeriod = 5;
// Main types of exploitation once generalised: bit 0 forced labour, bit 1 sexual exploitation
// (their places in the vocabulary) and this bit for any other.
constexpr std::uint16_t kOtherMainType = 1U << 12U;

std::uint16_t main_types(std::uint16_t mask) {
  constexpr std::uint16_t kLabourAndSexual = 0b11;
  std::uint16_t main = mask & kLabourAndSexual;
  if ((mask & ~kLabourAndSexual) != 0) main |= kOtherMainType;
  return main;
}

int generalised_year(int year, std::size_t level) {
  return level >= 4 ? year - year % kYearsPerPeriod : year;
}

std::string_view ctdc_value(nrm::Vocabulary vocabulary, std::string_view id,
                            std::string_view variable) {
  const auto* term = nrm::find_term(vocabulary, id);
  if (term == nullptr || !term->ctdc.starts_with(variable)) return kMissing;
  return term->ctdc.substr(variable.size());
}

}  // namespace

std::string_view region_of(std::string_view country) {
  if (country.size() != 2) return kUnknown;
  for (const auto& [region, codes] : kRegions) {
    for (std::size_t at = 0; at + 2 <= codes.size(); at += 3) {
      if (codes.substr(at, 2) == country) return region;
    }
  }
  return kUnknown;
}

std::span<const std::string_view> ctdc_columns() {
  return kColumns;
}

std::uint16_t Microdata::code(std::string_view text) {
  if (auto it = codes_.find(std::string(text)); it != codes_.end()) return it->second;
  if (texts_.size() > kMaxCode) return code(kUnknown);
  const auto next = static_cast<std::uint16_t>(texts_.size());
  texts_.emplace_back(text);
  codes_.emplace(text, next);
  region_codes_.push_back(next);
  const auto region = code(region_of(text));
  region_codes_[next] = region;
  return next;
}

void Microdata::add(int year, std::string_view gender, std::string_view age_band,
                    std::string_view age_group, std::string_view citizenship,
                    std::string_view country, std::uint64_t exploitation_mask) {
  if (texts_.empty()) code(kUnknown);
  Person person;
  person.year = static_cast<std::uint16_t>(std::clamp(year - kFirstYear, 0, 4095));
  person.gender = code(gender);
  person.age_band = code(age_band);
  person.age_group = age_group == "child" ? 0 : age_group == "adult" ? 1 : 2;
  person.citizenship = code(citizenship);
  person.country = code(country);
  person.mask = static_cast<std::uint16_t>(exploitation_mask & 0xfffU);
  people_.push_back(person);
}

std::uint64_t Microdata::key(const Person& p, std::size_t level) const {
  const auto year = static_cast<std::uint64_t>(generalised_year(p.year + kFirstYear, level));
  const std::uint64_t band = level >= 1 ? 0 : p.age_band;
  const std::uint64_t citizenship = level >= 2 ? region_codes_[p.citizenship] : p.citizenship;
  const std::uint64_t country = level >= 2 ? region_codes_[p.country] : p.country;
  const std::uint64_t mask = level >= 3 ? main_types(p.mask) : p.mask;
  // 11 bits of year, 9 of each code, 2 of the majority, 13 of the mask: 62 bits.
  constexpr unsigned kCodeBits = 9;
  constexpr unsigned kMajorityBits = 2;
  std::uint64_t key = year;
  for (const auto part : {std::uint64_t{p.gender}, band, citizenship, country}) {
    key = (key << kCodeBits) | part;
  }
  key = (key << kMajorityBits) | p.age_group;
  constexpr unsigned kMaskBits = 13;
  return (key << kMaskBits) | mask;
}

std::unordered_map<std::uint64_t, std::size_t> Microdata::group_sizes(std::size_t level) const {
  std::unordered_map<std::uint64_t, std::size_t> sizes;
  for (const auto& person : people_) ++sizes[key(person, level)];
  return sizes;
}

MicrodataReport Microdata::anonymise(int k) {
  k_ = k;
  MicrodataReport report;
  report.rows = people_.size();
  report.k = k;
  for (std::size_t level = 0; level <= kLevels; ++level) {
    auto sizes = group_sizes(level);
    std::size_t suppressed = 0;
    for (const auto& [key, size] : sizes) {
      if (size < static_cast<std::size_t>(k)) suppressed += size;
    }
    const auto allowed = static_cast<double>(people_.size()) * kMaxSuppressedShare;
    if (static_cast<double>(suppressed) <= allowed || level == kLevels) {
      level_ = level;
      sizes_ = std::move(sizes);
      report.suppressed = suppressed;
      break;
    }
  }
  report.exported = report.rows - report.suppressed;
  for (std::size_t step = 0; step < level_; ++step) {
    report.generalisations.emplace_back(kGeneralisations[step]);
  }
  report.smallest_group = 0;
  for (const auto& [key, size] : sizes_) {
    if (size >= static_cast<std::size_t>(k) &&
        (report.smallest_group == 0 || size < report.smallest_group)) {
      report.smallest_group = size;
    }
  }
  return report;
}

void Microdata::write(const std::function<void(const std::vector<std::string>&)>& row) const {
  const auto types = nrm::exploitation_types();
  std::vector<std::string> fields(kColumns.size());
  auto place = [&](std::uint16_t code) -> std::string {
    const auto& text = texts_[code];
    if (text == kUnknown) return "00";
    return level_ >= 2 ? texts_[region_codes_[code]] : text;
  };
  for (const auto& p : people_) {
    if (sizes_.at(key(p, level_)) < static_cast<std::size_t>(k_)) continue;
    const int year = p.year + kFirstYear;
    fields[0] = level_ >= 4 ? fmt::format("{}-{}", generalised_year(year, level_),
                                          generalised_year(year, level_) + kYearsPerPeriod - 1)
                            : std::to_string(year);
    fields[1] = "Lifeline";
    fields[2] = ctdc_value(nrm::genders(), texts_[p.gender], "gender=");
    fields[3] = level_ >= 1
                    ? std::string(kMissing)
                    : std::string(ctdc_value(nrm::age_bands(), texts_[p.age_band], "ageBroad="));
    fields[4] = kMajority.at(p.age_group);
    fields[5] = place(p.citizenship);
    // Types of exploitation: CTDC's yes/no variables, unknown when no type is known.
    std::array<std::string, 9> flags;
    const std::array<std::string_view, 9> variables = {
        "isForcedLabour", "isSexualExploit",     "isOtherExploit",
        "isSexAndLabour", "isForcedMarriage",    "isForcedMilitary",
        "isOrganRemoval", "typeOfLabourBegging", "typeOfLabourIllicitActivities"};
    const bool generalised_types = level_ >= 3;
    for (std::size_t v = 0; v < variables.size(); ++v) {
      const bool fine = v >= 4;
      flags.at(v) = p.mask == 0 || (generalised_types && fine) ? std::string(kMissing) : "0";
    }
    std::vector<std::string> labels;
    for (std::size_t bit = 0; bit < types.size(); ++bit) {
      if ((p.mask & (1U << bit)) == 0) continue;
      const auto& term = types[bit];
      const auto variable =
          generalised_types && bit > 1 ? std::string_view("isOtherExploit") : term.ctdc;
      const auto it = std::ranges::find(variables, variable);
      // assign(1, c), not = "1": g++ 12 at -O3 reports a false -Wrestrict for the latter.
      if (it != variables.end())
        flags.at(static_cast<std::size_t>(it - variables.begin())).assign(1, '1');
      const auto label = generalised_types && bit > 1 ? std::string_view("Other") : term.label;
      if (std::ranges::find(labels, label) == labels.end()) labels.emplace_back(label);
    }
    if ((p.mask & 0b11U) == 0b11U) flags[3].assign(1, '1');
    std::ranges::sort(labels);
    std::string concatenated;
    for (const auto& label : labels)
      concatenated.append(concatenated.empty() ? "" : ";").append(label);
    for (std::size_t v = 0; v < variables.size(); ++v) fields[6 + v] = flags.at(v);
    fields[15] = p.mask == 0 ? std::string(kMissing) : concatenated;
    fields[16] = place(p.country);
    row(fields);
  }
}

}  // namespace lifeline::domain::stats
