// The anonymous microdata export in the CTDC layout: one row per person, k-anonymised (issue:
// Statistics for the National Rapporteur, "Disclosure control").
//
// The quasi-identifiers are the age band, gender, citizenship, country of exploitation, year and
// types of exploitation. Every combination of them that is published is shared by at least k
// people. To get there the export generalises the whole file, one step after another, until at
// most kMaxSuppressedShare of the people would still sit in a smaller group:
//
//   1. age bands become the majority status (minor, adult);
//   2. countries become their continent (UN M49 regions: Africa, Americas, Asia, Europe,
//      Oceania);
//   3. types of exploitation become forced labour, sexual exploitation and other;
//   4. years become five-year periods ("2020-2024").
//
// The people still in groups smaller than k are then left out. The report says which steps were
// taken and how many rows were left out.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace lifeline::domain::stats {

inline constexpr double kMaxSuppressedShare = 0.05;

// Generalisation steps, in the order they are taken.
inline constexpr std::string_view kGeneralisations[] = {"age_band_to_majority", "country_to_region",
                                                        "exploitation_to_main_types",
                                                        "year_to_five_years"};

// The continent (UN M49) of an ISO 3166-1 alpha-2 country; "unknown" for anything else.
std::string_view region_of(std::string_view country);

// The columns of the export, CTDC variable names.
std::span<const std::string_view> ctdc_columns();

struct MicrodataReport {
  std::size_t rows = 0;        // people read
  std::size_t exported = 0;    // rows written
  std::size_t suppressed = 0;  // people left out, in groups smaller than k
  int k = 0;
  std::vector<std::string> generalisations;  // the steps taken, from kGeneralisations
  std::size_t smallest_group = 0;            // among the rows written
};

class Microdata {
 public:
  // One person, as the facts table holds them ("unknown" where not known).
  void add(int year, std::string_view gender, std::string_view age_band, std::string_view age_group,
           std::string_view citizenship, std::string_view country, std::uint64_t exploitation_mask);
  std::size_t size() const { return people_.size(); }

  // Chooses the generalisation and the rows to leave out.
  MicrodataReport anonymise(int k);
  // Calls `row` with the fields of every row kept, in the order added, as ctdc_columns() names
  // them. Call after anonymise().
  void write(const std::function<void(const std::vector<std::string>&)>& row) const;

 private:
  struct Person {
    std::uint16_t year = 0;
    std::uint8_t gender = 0;
    std::uint8_t age_band = 0;
    std::uint8_t age_group = 0;  // 0 child, 1 adult, 2 unknown
    std::uint16_t citizenship = 0;
    std::uint16_t country = 0;
    std::uint16_t mask = 0;
  };
  std::uint16_t code(std::string_view text);
  std::uint64_t key(const Person& person, std::size_t level) const;
  std::unordered_map<std::uint64_t, std::size_t> group_sizes(std::size_t level) const;

  std::vector<Person> people_;
  std::vector<std::string> texts_;  // what the codes stand for
  std::unordered_map<std::string, std::uint16_t> codes_;
  std::vector<std::uint16_t> region_codes_;  // region code of each code (countries)
  std::size_t level_ = 0;
  int k_ = 0;
  std::unordered_map<std::uint64_t, std::size_t> sizes_;
};

}  // namespace lifeline::domain::stats
