// Figures kept outside Lifeline, read from the CSV layouts they are published in (issue:
// Statistics for the National Rapporteur, "Exchange formats"):
//
// - the UNODC Global Report's long layout: Iso3_code, Country, Region, Subregion, Indicator,
//   Dimension, Category, Sex, Age, Year, Unit of measurement, txtVALUE, Source;
// - aggregated NRM statistics: First responder type, First responder, Exploitation type, Age at
//   exploitation, Gender, Nationality, People, with Total rows beside the detail rows.
//
// Values are text as published ("1,615", "<5", ".."); a value is a number where it is one.
// Each file is checked whole: rows that cannot be read are rejected, and every Total row is
// checked against the detail rows it sums up. A file with any rejected row or inconsistency is
// refused as a whole. Messages name rows and figures, never anything else of the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline::domain::stats {

// A published figure: exact ("1,615" is 1615), or a range ("<5" is 0 to 4), or unknown ("..").
struct Figure {
  std::optional<double> number;  // when the text is a number
  double lower = 0;
  double upper = 0;
  bool known = false;  // lower and upper mean something
};
Figure parse_figure(std::string_view text);

struct UnodcRow {
  std::size_t row = 0;  // in the file, counting the header as 1
  std::string iso3, country, region, subregion, indicator, dimension, category, sex, age;
  int year = 0;
  std::string unit, value_text;
  std::optional<double> value;
  std::string source;
};

struct NrmTableRow {
  std::size_t row = 0;
  std::string first_responder_type, first_responder, exploitation_type, age_at_exploitation, gender,
      nationality, people_text;
  std::optional<std::int64_t> people;
};

struct ImportProblem {
  std::size_t row = 0;
  std::string message;
};

template <class Row>
struct ParsedFile {
  std::vector<Row> rows;  // every row that could be read
  std::size_t rows_read = 0;
  std::vector<ImportProblem> rejected;         // rows that could not be read
  std::vector<ImportProblem> inconsistencies;  // Total rows that disagree with their details
  bool accepted() const { return rejected.empty() && inconsistencies.empty(); }
};

// Refused (Errc::malformed) only when the text is not CSV or a required column is missing;
// everything else is reported in the result.
Result<ParsedFile<UnodcRow>> parse_unodc(std::string_view text);
Result<ParsedFile<NrmTableRow>> parse_nrm_table(std::string_view text);

// UNODC rows are checked only where they are counts ("Unit of measurement" says so): a Total
// (of Category, Sex or Age) may exceed its details, which can leave out the unknown, but not
// fall short of them. NRM rows must match exactly, within the ranges of "<5" figures.
inline constexpr std::string_view kTotal = "Total";

}  // namespace lifeline::domain::stats

namespace lifeline::domain::stats {

// Criminal-justice figures a rapporteur records per year (issue: Statistics for the National
// Rapporteur): aggregates by form of exploitation, not personal data. Counts are whole numbers;
// confiscated assets are an amount in a currency (ISO 4217 code).
std::span<const std::string_view> criminal_justice_indicators();
bool is_criminal_justice_indicator(std::string_view id);
inline constexpr std::string_view kConfiscatedAssets = "confiscated_assets";
// The form of exploitation of a figure: a type of the NRM vocabulary, or "all" for every form.
inline constexpr std::string_view kAllForms = "all";

struct CriminalJusticeFigure {
  std::size_t row = 0;  // in the file, counting the header as 1 (0 when not from a file)
  int year = 0;
  std::string indicator, exploitation_type;
  double value = 0;
  std::string currency;  // confiscated assets only
  std::string source, note;
};

// What is wrong with one figure ("" when nothing): names the field, never echoes free text.
std::string criminal_justice_problem(const CriminalJusticeFigure& figure);

// Across figures of one year and form of exploitation: the persons sentenced by length band
// must not add up to more than the persons sentenced. Nothing else is compared, since the
// figures of one year may concern proceedings opened in earlier years.
std::vector<ImportProblem> check_criminal_justice(
    const std::vector<CriminalJusticeFigure>& figures);

// The CSV layout Year, Indicator, Exploitation type, Value, Source (and optional Currency,
// Note). Refused only when the text is not CSV or a required column is missing.
Result<ParsedFile<CriminalJusticeFigure>> parse_criminal_justice(std::string_view text);

}  // namespace lifeline::domain::stats
