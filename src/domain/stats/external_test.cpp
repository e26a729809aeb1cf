#include "domain/stats/external.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain::stats {
namespace {

constexpr std::string_view kUnodcHeader =
    "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,"
    "Unit of measurement,txtVALUE,Source\n";

std::string unodc(std::string_view rows) {
  return std::string(kUnodcHeader).append(rows);
}

TEST(Figures, PublishedTextBecomesANumberOrARange) {
  EXPECT_EQ(parse_figure("1,615").number, 1615);
  EXPECT_EQ(parse_figure("12").number, 12);
  EXPECT_EQ(parse_figure("0.5").number, 0.5);
  const auto small = parse_figure("<5");
  EXPECT_FALSE(small.number.has_value());
  EXPECT_TRUE(small.known);
  EXPECT_EQ(small.lower, 0);
  EXPECT_EQ(small.upper, 4);
  for (const auto* text : {"..", "", "1,61", "12,3456", "-3", "1.", "abc", "<0", ",123"}) {
    EXPECT_FALSE(parse_figure(text).number.has_value()) << text;
  }
  EXPECT_FALSE(parse_figure("..").known);
}

TEST(UnodcImport, ReadsRowsWithTextValuesAndEmptyCategories) {
  const auto file = parse_unodc(unodc(
      "MDA,Moldova,Europe,Eastern Europe,Detected trafficking victims,Total,,Total,Total,2022,"
      "Counts,\"1,615\",National authority\n"
      "MDA,Moldova,Europe,Eastern Europe,Detected trafficking victims,Total,,Female,Total,2022,"
      "Counts,<5,National authority\n"));
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_TRUE(file->accepted());
  ASSERT_EQ(file->rows.size(), 2U);
  EXPECT_EQ(file->rows[0].value, 1615);
  EXPECT_EQ(file->rows[0].value_text, "1,615");
  EXPECT_EQ(file->rows[0].category, "");
  EXPECT_EQ(file->rows[1].row, 3U);
  EXPECT_FALSE(file->rows[1].value.has_value());
}

TEST(UnodcImport, DetailsAboveTheirTotalAreAnInconsistency) {
  const auto file =
      parse_unodc(unodc("MDA,Moldova,Europe,EE,Victims,Total,Total,Total,Total,2022,Counts,10,S\n"
                        "MDA,Moldova,Europe,EE,Victims,Total,Total,Female,Total,2022,Counts,8,S\n"
                        "MDA,Moldova,Europe,EE,Victims,Total,Total,Male,Total,2022,Counts,7,S\n"
                        "MDA,Moldova,Europe,EE,Victims,Total,Total,Total,Adult,2022,Counts,6,S\n"));
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->inconsistencies.size(), 1U);
  EXPECT_EQ(file->inconsistencies[0].row, 2U);
  EXPECT_NE(file->inconsistencies[0].message.find("Sex Total is 10"), std::string::npos);
  EXPECT_FALSE(file->accepted());
}

TEST(UnodcImport, BadRowsAreRejectedAndAMissingColumnRefusesTheFile) {
  const auto file =
      parse_unodc(unodc(",X,R,S,Victims,Total,,Total,Total,20x2,Counts,1,S\n"
                        "MDA,X,R,S,Victims,Total,,Total,Total,2022,Counts,1,S\n"
                        "MDA,X,R,S,Victims,Total,,Total,Total,2022,Counts,2,T\n"));
  ASSERT_TRUE(file.has_value());
  ASSERT_EQ(file->rejected.size(), 2U);
  EXPECT_EQ(file->rejected[0].row, 2U);
  EXPECT_NE(file->rejected[0].message.find("Year"), std::string::npos);
  EXPECT_NE(file->rejected[1].message.find("row 3"), std::string::npos);
  const auto wrong = parse_unodc("Iso3_code,Country\nMDA,Moldova\n");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().message.find("txtVALUE"), std::string::npos);
}

constexpr std::string_view kNrmHeader =
    "First responder type,First responder,Exploitation type,Age at exploitation,Gender,"
    "Nationality,People\n";

TEST(NrmTableImport, TotalsMatchTheirDetailsWithinTheRangesOfSmallFigures) {
  const auto file = parse_nrm_table(std::string(kNrmHeader) +
                                    "Police,City Police,Labour,Adult,Male,Albania,\"1,200\"\n"
                                    "Police,City Police,Labour,Adult,Female,Albania,<5\n"
                                    "Police,City Police,Labour,Adult,Total,Albania,\"1,203\"\n"
                                    "Police,Total,Labour,Adult,Total,Albania,\"1,203\"\n");
  ASSERT_TRUE(file.has_value()) << file.error().message;
  EXPECT_TRUE(file->accepted()) << (file->inconsistencies.empty()
                                        ? file->rejected.front().message
                                        : file->inconsistencies.front().message);
  EXPECT_EQ(file->rows.size(), 4U);
  EXPECT_EQ(file->rows[0].people, 1200);
  EXPECT_FALSE(file->rows[1].people.has_value());
}

TEST(NrmTableImport, EveryInconsistentTotalIsReported) {
  const auto file = parse_nrm_table(std::string(kNrmHeader) +
                                    "Police,City Police,Labour,Adult,Male,Albania,10\n"
                                    "Police,City Police,Labour,Adult,Female,Albania,5\n"
                                    "Police,City Police,Labour,Adult,Total,Albania,16\n"
                                    "Police,Total,Labour,Adult,Male,Albania,9\n"
                                    "NGO,Shelter A,Sexual,Child,Female,Viet Nam,many\n");
  ASSERT_TRUE(file.has_value());
  EXPECT_EQ(file->rows_read, 5U);
  ASSERT_EQ(file->inconsistencies.size(), 2U);
  EXPECT_EQ(file->inconsistencies[0].row, 4U);
  EXPECT_NE(file->inconsistencies[0].message.find("Gender Total is 16"), std::string::npos);
  EXPECT_EQ(file->inconsistencies[1].row, 5U);
  ASSERT_EQ(file->rejected.size(), 1U);
  EXPECT_EQ(file->rejected[0].row, 6U);
}

}  // namespace
}  // namespace lifeline::domain::stats
