#include "domain/nrm/htcds_import.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace lifeline::domain::nrm {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date kToday{year{2026}, month{11}, day{23}};

constexpr std::string_view kHeader =
    "cas_IncomingReferralDate,prs_FirstName,prs_SecondName,prs_Birthdate,prs_Gender,"
    "prs_Citizenship,con_Consent,lifeline_ConsentExplainedBy,lifeline_ConsentLanguage,"
    "lifeline_IsChild,vic_TypeOfExploitation,hte_Country,hte_Type,cas_Status,"
    "cas_ReasonForCaseClosure,lifeline_ClosedOn\r\n";

std::string file(std::initializer_list<std::string_view> rows) {
  std::string text(kHeader);
  for (auto row : rows) text.append(row).append("\r\n");
  return text;
}

HtcdsImport read(const std::string& text) {
  auto result = read_htcds_import(text, kToday);
  EXPECT_TRUE(result) << result.error().message;
  return result ? *result : HtcdsImport{};
}

bool mentions(const std::vector<RowRejection>& rejections, std::size_t row,
              std::string_view column) {
  return std::ranges::any_of(
      rejections, [&](const RowRejection& r) { return r.row == row && r.column == column; });
}

TEST(HtcdsImport, MapsAnAdultWithConsent) {
  const auto result =
      read(file({"2025-03-01,Anna,Example,1990-05-17,Feminine,md,true,Officer "
                 "on duty,ro,,SexualExploitation;ForcedLabour,at,Exploitation,"
                 "Active,,"}));
  ASSERT_TRUE(result.rejections.empty()) << result.rejections.front().rule;
  ASSERT_EQ(result.cases.size(), 1U);
  const auto& c = result.cases.front();
  EXPECT_EQ(c.referred_on, (Date{year{2025}, month{3}, day{1}}));
  EXPECT_EQ(c.referral.kind, ReferralKind::identified);
  EXPECT_EQ(c.referral.given_name, "Anna");
  EXPECT_EQ(c.referral.family_name, "Example");
  EXPECT_EQ(c.referral.date_of_birth, "1990-05-17");
  EXPECT_EQ(c.referral.sex, "feminine");
  EXPECT_EQ(c.referral.citizenship, "MD");
  EXPECT_EQ(c.referral.age_band, "age_30_38");
  EXPECT_EQ(c.referral.consent.explained_by, "Officer on duty");
  EXPECT_EQ(c.referral.exploitation_types,
            (std::vector<std::string>{"sexual_exploitation", "forced_labour"}));
  EXPECT_EQ(c.referral.country_of_exploitation, "AT");
  EXPECT_FALSE(c.referral.is_child);
  EXPECT_FALSE(c.closure);
}

TEST(HtcdsImport, WithoutConsentAnAdultIsAnAnonymousNotification) {
  const auto result = read(file({"2025-03-01,,,,Masculine,UA,,,,,ForcedBegging,,,,,"}));
  ASSERT_EQ(result.cases.size(), 1U);
  EXPECT_EQ(result.cases.front().referral.kind, ReferralKind::anonymous_notification);
  EXPECT_EQ(result.cases.front().referral.sex, "masculine");
}

TEST(HtcdsImport, AChildIsToldByTheColumnOrByTheDateOfBirth) {
  const auto result = read(file({
      "2025-03-01,Ion,Example,2012-01-02,,,,,,,ChildLabour,,,,,",
      "2025-03-01,Ana,Example,,,,,,,yes,,,,,,",
      "2025-03-01,Vera,Example,2012-01-02,,,,,,no,,,,,,",
  }));
  ASSERT_EQ(result.cases.size(), 2U);
  EXPECT_TRUE(result.cases[0].referral.is_child);
  EXPECT_EQ(result.cases[0].referral.kind, ReferralKind::identified);
  EXPECT_TRUE(result.cases[1].referral.is_child);
  ASSERT_EQ(result.rejections.size(), 1U);
  EXPECT_EQ(result.rejections.front(),
            (RowRejection{4, "lifeline_IsChild",
                          "is no, but by prs_Birthdate the person was a child on the referral "
                          "date"}));
}

TEST(HtcdsImport, AClosedCaseCarriesItsClosure) {
  const auto result = read(file({
      "2024-01-10,,,,,,,,,,ForcedLabour,,,Closed,returned,2024-06-30",
      "2024-01-10,,,,,,,,,,ForcedLabour,,,ClosedReferred,transferred_abroad,2024-02-01",
      "2024-01-10,,,,,,,,,,ForcedLabour,,,FollowUp,,",
  }));
  ASSERT_TRUE(result.rejections.empty()) << result.rejections.front().rule;
  ASSERT_EQ(result.cases.size(), 3U);
  ASSERT_TRUE(result.cases[0].closure);
  EXPECT_EQ(result.cases[0].closure->reason, "returned");
  EXPECT_EQ(result.cases[0].closure->closed_on, (Date{year{2024}, month{6}, day{30}}));
  EXPECT_EQ(result.cases[1].closure->reason, "transferred_abroad");
  EXPECT_FALSE(result.cases[2].closure);
  const auto counts = count_import(result.cases);
  EXPECT_EQ(counts.closed, 2U);
  EXPECT_EQ(counts.anonymous_notifications, 3U);
}

TEST(HtcdsImport, ClosureRulesAreChecked) {
  const auto result = read(file({
      "2024-01-10,,,,,,,,,,,,,Closed,,2024-06-30",
      "2024-01-10,,,,,,,,,,,,,Closed,went home,2024-06-30",
      "2024-01-10,,,,,,,,,,,,,Closed,transferred_abroad,2024-06-30",
      "2024-01-10,,,,,,,,,,,,,Closed,returned,",
      "2024-01-10,,,,,,,,,,,,,Closed,returned,2023-12-31",
      "2024-01-10,,,,,,,,,,,,,Active,returned,2024-06-30",
      "2024-01-10,,,,,,,,,,,,,Open,,",
  }));
  EXPECT_TRUE(result.cases.empty());
  EXPECT_TRUE(mentions(result.rejections, 2, "cas_ReasonForCaseClosure"));
  EXPECT_TRUE(mentions(result.rejections, 3, "cas_ReasonForCaseClosure"));
  EXPECT_TRUE(mentions(result.rejections, 4, "cas_ReasonForCaseClosure"));
  EXPECT_TRUE(mentions(result.rejections, 5, "lifeline_ClosedOn"));
  EXPECT_TRUE(mentions(result.rejections, 6, "lifeline_ClosedOn"));  // before the referral
  EXPECT_TRUE(mentions(result.rejections, 7, "cas_ReasonForCaseClosure"));
  EXPECT_TRUE(mentions(result.rejections, 7, "lifeline_ClosedOn"));
  EXPECT_TRUE(mentions(result.rejections, 8, "cas_Status"));
}

TEST(HtcdsImport, EveryRowIsCheckedByTheReferralRules) {
  const auto result = read(file({
      "2025-03-01,Anna,Example,,,,,,,,,,,,,",                // a name without consent
      "2025-03-01,Anna,Example,,,,yes,,,,,,,,,",             // consent not informed
      "2025-03-01,,,,,XX,,,,,,,,,,",                         // not a country
      "2025-03-01,,,,,,,,,,,ZZ,,,,",                         // not a country
      "2025-03-01,,,,,,,,,,ForcedLabour;ForcedLabour,,,,,",  // twice
      "2025-03-01,Anna,Example,2030-01-01,,,,,,yes,,,,,,",   // born after the referral
  }));
  EXPECT_TRUE(result.cases.empty());
  EXPECT_TRUE(mentions(result.rejections, 2, "prs_FirstName"));
  EXPECT_TRUE(mentions(result.rejections, 2, "prs_SecondName"));
  EXPECT_TRUE(mentions(result.rejections, 3, "lifeline_ConsentExplainedBy"));
  EXPECT_TRUE(mentions(result.rejections, 3, "lifeline_ConsentLanguage"));
  EXPECT_TRUE(mentions(result.rejections, 4, "prs_Citizenship"));
  EXPECT_TRUE(mentions(result.rejections, 5, "hte_Country"));
  EXPECT_TRUE(mentions(result.rejections, 6, "vic_TypeOfExploitation"));
  EXPECT_TRUE(mentions(result.rejections, 7, "prs_Birthdate"));
}

TEST(HtcdsImport, PicklistValuesMustBeHtcdsValues) {
  const auto result = read(file({
      "2025-03-01,,,,Female,,,,,,,,,,,",
      "2025-03-01,,,,,,,,,,Trafficking,,,,,",
      "2025-03-01,,,,,,maybe,,,,,,,,,",
      "2025-03-01,,,,,,,,,perhaps,,,,,,",
      "2025-03-01,,,,,MD;RO,,,,,,,,,,",
      "2025-03-01,,,,,,,,,,,AT,Recruitment,,,",
  }));
  EXPECT_TRUE(result.cases.empty());
  EXPECT_TRUE(mentions(result.rejections, 2, "prs_Gender"));
  EXPECT_TRUE(mentions(result.rejections, 3, "vic_TypeOfExploitation"));
  EXPECT_TRUE(mentions(result.rejections, 4, "con_Consent"));
  EXPECT_TRUE(mentions(result.rejections, 5, "lifeline_IsChild"));
  EXPECT_TRUE(mentions(result.rejections, 6, "prs_Citizenship"));
  EXPECT_TRUE(mentions(result.rejections, 7, "hte_Type"));
}

TEST(HtcdsImport, EveryHtcdsValueOfTheMappedPicklistsHasATerm) {
  for (std::string_view value :
       {"ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
        "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption",
        "Surrogacy", "Other"}) {
    const auto result =
        read(file({std::string("2025-03-01,,,,,,,,,,").append(value).append(",,,,,")}));
    EXPECT_EQ(result.cases.size(), 1U) << value;
  }
  const auto other = read(file({"2025-03-01,,,,,,,,,,other,,,,,"}));
  ASSERT_EQ(other.cases.size(), 1U);
  EXPECT_EQ(other.cases.front().referral.exploitation_types, std::vector<std::string>{"other"});
  for (std::string_view value : {"Feminine", "Masculine", "TransgenderFeminine",
                                 "TransgenderMasculine", "NonConforming", "NonSpecifiedUnknown"}) {
    const auto result =
        read(file({std::string("2025-03-01,,,,").append(value).append(",,,,,,,,,,,")}));
    EXPECT_EQ(result.cases.size(), 1U) << value;
  }
}

TEST(HtcdsImport, DatesAreIsoAndNotInTheFuture) {
  const auto result = read(file({
      ",,,,,,,,,,,,,,,",
      "01/03/2025,,,,,,,,,,,,,,,",
      "2026-11-24,,,,,,,,,,,,,,,",
      "2026-11-23,,,,,,,,,,,,,,,",
  }));
  // Row 2 is blank in every cell and is skipped, as spreadsheets leave such rows behind.
  EXPECT_EQ(result.rows, 3U);
  ASSERT_EQ(result.cases.size(), 1U);
  EXPECT_EQ(result.rejections, (std::vector<RowRejection>{
                                   {3, "cas_IncomingReferralDate", "must be a date, YYYY-MM-DD"},
                                   {4, "cas_IncomingReferralDate", "must not be in the future"},
                               }));
  const auto missing = read(file({",Anna,,,,,,,,yes,,,,,,"}));
  EXPECT_EQ(missing.rejections,
            (std::vector<RowRejection>{{2, "cas_IncomingReferralDate", "is required"}}));
}

TEST(HtcdsImport, RejectionsNeverRepeatACell) {
  const std::string secret = "Zlatomira";
  const auto text = file({
      "2025-03-01," + secret + ",,,,,,,,,,,,,,",
      "2025-03-01,,,," + secret + ",,,,,,,,,,,",
      "2025-03-01,,," + secret + ",,,,,,yes,,,,,,",
      "2025-03-01,,,,,,,,,,,,,Closed," + secret + ",2025-04-01",
      "2025-03-01,\"" + secret + "\nNewline\",,,,,,,,yes,,,,,,",
      secret + ",x",
  });
  const auto result = read(text);
  EXPECT_EQ(result.rejections.size(), 6U);
  for (const auto& r : result.rejections) {
    EXPECT_EQ(r.column.find(secret), std::string::npos);
    EXPECT_EQ(r.rule.find(secret), std::string::npos);
  }
}

TEST(HtcdsImport, ARowOfTheWrongWidthIsRejectedWhole) {
  const auto result = read(file({"2025-03-01,,,"}));
  EXPECT_EQ(result.rejections,
            (std::vector<RowRejection>{{2, "", "has 4 cells where the header row has 16"}}));
}

TEST(HtcdsImport, ColumnsMayComeInAnyOrderAndCaseAndMostMayBeLeftOut) {
  const auto result = read_htcds_import(
      "\xEF\xBB\xBFvic_typeofexploitation, CAS_INCOMINGREFERRALDATE \r\n"
      "\"ForcedLabour; ForcedBegging\",2025-01-31\r\n",
      kToday);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->cases.size(), 1U);
  EXPECT_EQ(result->cases.front().referral.exploitation_types,
            (std::vector<std::string>{"forced_labour", "forced_begging"}));
}

TEST(HtcdsImport, RefusesAFileWithAColumnItDoesNotImport) {
  auto refused = read_htcds_import(
      "cas_IncomingReferralDate,prs_MobilePhone,prs_FirstName,Maria,,prs_FirstName\n", kToday);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_argument);
  ASSERT_EQ(refused.error().fields.size(), 4U);
  EXPECT_EQ(refused.error().fields[0].field, "column 2 (prs_MobilePhone)");
  // A cell that does not look like a field name may be data: it is named by position only.
  EXPECT_EQ(refused.error().fields[1].field, "column 4");
  EXPECT_EQ(refused.error().fields[2].field, "column 5");
  EXPECT_EQ(refused.error().fields[2].message, "has no name");
  EXPECT_EQ(refused.error().fields[3].field, "column 6 (prs_FirstName)");
  EXPECT_EQ(refused.error().fields[3].message, "repeats column 3");
}

TEST(HtcdsImport, RefusesAFileItCannotReadAsAWhole) {
  EXPECT_EQ(read_htcds_import("", kToday).error().code, Errc::invalid_argument);
  EXPECT_EQ(read_htcds_import("prs_FirstName\nAnna\n", kToday).error().code,
            Errc::invalid_argument);  // no referral date column
  auto semicolons = read_htcds_import("cas_IncomingReferralDate;prs_FirstName\n", kToday);
  ASSERT_FALSE(semicolons);
  EXPECT_NE(semicolons.error().message.find("comma-separated"), std::string::npos);
  auto latin1 = read_htcds_import("cas_IncomingReferralDate\n2025-01-01\n\xE9t\xE9\n", kToday);
  ASSERT_FALSE(latin1);
  EXPECT_EQ(latin1.error().code, Errc::malformed);
  EXPECT_EQ(latin1.error().message, "line 3 is not UTF-8 text; save the file as CSV in UTF-8");
  auto quotes = read_htcds_import("cas_IncomingReferralDate\n\"2025-01-01\n", kToday);
  ASSERT_FALSE(quotes);
  EXPECT_EQ(quotes.error().code, Errc::malformed);
  const std::string long_cell(kMaxImportCellBytes + 1, 'a');
  EXPECT_EQ(read_htcds_import("cas_IncomingReferralDate\n" + long_cell + "\n", kToday).error().code,
            Errc::too_large);
  const std::string huge(kMaxImportBytes + 1, '\n');
  EXPECT_EQ(read_htcds_import(huge, kToday).error().code, Errc::too_large);
}

TEST(HtcdsImport, RefusesMoreRowsThanItsLimit) {
  std::string text = "cas_IncomingReferralDate\n";
  for (std::size_t i = 0; i <= kMaxImportRows; ++i) text += "2025-01-01\n";
  auto refused = read_htcds_import(text, kToday);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::too_large);
}

}  // namespace
}  // namespace lifeline::domain::nrm
