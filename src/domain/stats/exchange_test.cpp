// Criminal-justice figures read from their CSV layout, and the UNODC long layout written from
// protected tables, read back by the UNODC importer.
#include <gtest/gtest.h>

#include "domain/stats/external.hpp"
#include "domain/stats/unodc_export.hpp"

namespace lifeline::domain::stats {
namespace {

constexpr std::string_view kHeader =
    "Year,Indicator,Exploitation type,Value,Source,Currency,Note\n";

TEST(CriminalJustice, AGoodFileIsReadWithAmountsAndNotes) {
  const auto parsed = parse_criminal_justice(
      std::string(kHeader) +
      "2024,Prosecutions,sexual_exploitation,\"1,204\",Prosecutor,,\n"
      "2024,confiscated_assets,all,125000.50,Courts,EUR,frozen and confiscated\n"
      "\n"
      "2024,persons_sentenced,all,9,Courts,,\n"
      "2024,sentenced_over_5_years,all,6,Courts,,\n");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->accepted());
  EXPECT_EQ(parsed->rows_read, 4U);
  ASSERT_EQ(parsed->rows.size(), 4U);
  EXPECT_EQ(parsed->rows[0].indicator, "prosecutions");
  EXPECT_EQ(parsed->rows[0].value, 1204);
  EXPECT_EQ(parsed->rows[1].value, 125000.5);
  EXPECT_EQ(parsed->rows[1].currency, "EUR");
  EXPECT_EQ(parsed->rows[1].note, "frozen and confiscated");
  EXPECT_EQ(parsed->rows[3].row, 6U);
}

TEST(CriminalJustice, EveryBadRowAndInconsistencyIsReported) {
  const auto parsed = parse_criminal_justice(std::string(kHeader) +
                                             "2024,arrests,all,3,S,,\n"
                                             "2024,convictions,all,2.5,S,,\n"
                                             "2024,confiscated_assets,all,100,S,,\n"
                                             "2024,convictions,begging_of_sorts,2,S,,\n"
                                             "2024,persons_sentenced,all,2,S,,\n"
                                             "2024,sentenced_under_1_year,all,2,S,,\n"
                                             "2024,sentenced_1_to_5_years,all,1,S,,\n"
                                             "2024,persons_sentenced,all,2,S,,\n");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_FALSE(parsed->accepted());
  ASSERT_EQ(parsed->rejected.size(), 4U);
  EXPECT_NE(parsed->rejected[0].message.find("indicator must be one of"), std::string::npos);
  EXPECT_NE(parsed->rejected[1].message.find("whole number"), std::string::npos);
  EXPECT_NE(parsed->rejected[2].message.find("currency"), std::string::npos);
  EXPECT_NE(parsed->rejected[3].message.find("exploitation type"), std::string::npos);
  ASSERT_EQ(parsed->inconsistencies.size(), 2U);
  std::string messages;
  for (const auto& problem : parsed->inconsistencies) {
    EXPECT_EQ(problem.row, 9U);
    messages += problem.message + "\n";
  }
  EXPECT_NE(messages.find("repeats the figure of row 6"), std::string::npos) << messages;
  EXPECT_NE(messages.find("the persons sentenced are 2 but the length bands add up to 3"),
            std::string::npos)
      << messages;
}

TEST(CriminalJustice, AFileWithoutTheRequiredColumnsIsRefused) {
  const auto parsed = parse_criminal_justice("Year,Indicator,Value\n2024,convictions,3\n");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_NE(parsed.error().message.find("Exploitation type, Source"), std::string::npos);
}

// A one-column table (the year) of `dimension`, protected with the default threshold.
UnodcBreakdown breakdown(Dimension dimension,
                         const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  std::vector<FactGroup> groups;
  groups.reserve(counts.size());
  for (const auto& [category, count] : counts) groups.push_back({{category}, {"2025"}, count});
  return {dimension, protect(tabulate(dimension, Dimension::year, groups), 5)};
}

TEST(UnodcExport, SmallCountsAreSuppressedAndTheFileReImports) {
  const UnodcCountry country{"MDA", "Republic of Moldova", "Europe", "Eastern Europe"};
  const std::vector<UnodcBreakdown> breakdowns = {
      breakdown(Dimension::gender, {{"feminine", 20}, {"masculine", 2}, {"unknown", 1}}),
      breakdown(Dimension::age_group, {{"adult", 15}, {"child", 8}}),
      breakdown(Dimension::citizenship, {{"MD", 23}}),
  };
  const std::vector<CriminalJusticeFigure> figures = {
      {0, 2025, "prosecutions", "all", 12, "", "Prosecutor", ""},
      {0, 2025, "convictions", "forced_labour", 3, "", "", ""},
      {0, 2025, "investigations", "all", 40, "", "", ""},
      {0, 2024, "prosecutions", "all", 7, "", "", ""},
  };
  const auto rows = unodc_export_rows(country, 2025, breakdowns, figures, 5);
  std::string text = std::string(kUnodcHeader) + "\n";
  for (const auto& row : rows) {
    for (const auto& field : unodc_fields(row)) text.append("\"").append(field).append("\",");
    text.back() = '\n';
  }
  ASSERT_EQ(rows.size(), 8U);  // total, 2 sexes, 2 ages, 1 citizenship, prosecuted, convicted
  EXPECT_EQ(rows[0].value_text, "23");
  EXPECT_EQ(rows[1].sex, "Female");
  EXPECT_EQ(rows[1].value_text, "..");  // protects the men, with the unknown from the total
  EXPECT_EQ(rows[2].sex, "Male");
  EXPECT_EQ(rows[2].value_text, "<5");
  EXPECT_EQ(rows[6].indicator, "Persons prosecuted");
  EXPECT_EQ(rows[7].category, "Forced labour");
  EXPECT_EQ(rows[7].value_text, "<5");
  const auto parsed = parse_unodc(text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->accepted());
  EXPECT_EQ(parsed->rows.size(), rows.size());
}

}  // namespace
}  // namespace lifeline::domain::stats
