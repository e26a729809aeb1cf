// The UNODC Global Report's long layout written from Lifeline's own figures: detected victims
// of one year by sex, age, form of exploitation and citizenship (from the protected tables of
// the cases), and persons prosecuted and convicted (from the criminal-justice figures). Values
// are text as UNODC publishes them: a suppressed small count is "<5" (with the configured
// threshold), a count suppressed to protect another is "..". The file re-imports cleanly with
// parse_unodc: each detail is at most its Total.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/stats/external.hpp"
#include "domain/stats/suppression.hpp"
#include "domain/stats/table.hpp"

namespace lifeline::domain::stats {

struct UnodcCountry {
  std::string iso3, name, region, subregion;
};

// The header of the layout, exactly as UNODC publishes it.
inline constexpr std::string_view kUnodcHeader =
    "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of "
    "measurement,txtVALUE,Source";

// One protected table of the year: `dimension` by the year (a single column, or none when
// nobody was referred that year).
struct UnodcBreakdown {
  Dimension dimension{};
  ProtectedTable table;
};

// The rows of the export, in a stable order: the total first, then by sex, age, form of
// exploitation, citizenship, then the criminal-justice figures of the year.
std::vector<UnodcRow> unodc_export_rows(const UnodcCountry& country, int year,
                                        const std::vector<UnodcBreakdown>& breakdowns,
                                        const std::vector<CriminalJusticeFigure>& figures,
                                        int threshold);

// A row as the fields of one CSV line, in the order of the header.
std::vector<std::string> unodc_fields(const UnodcRow& row);

}  // namespace lifeline::domain::stats
