// Bulk import of existing case records from a CSV file whose header row names IOM's Human
// Trafficking Case Data Standard (HTCDS 2.0) fields, as an NGO or an older case management
// system exports them. Each row becomes a referral, checked by the same validate_referral rules
// as POST /api/v1/referrals, and, when the row says the case is closed, a closure checked by
// close_case. The columns and their mapping are documented in docs/case-import.md.
//
// Nothing here ever repeats a cell of the file: a rejected row is reported by its number, its
// column and the rule it breaks, since any cell may hold a name.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/case_store.hpp"

namespace lifeline::domain::nrm {

// The columns Lifeline reads. HTCDS 2.0 field names, and four Lifeline columns for what a
// referral needs and HTCDS has no field for.
namespace htcds_column {
inline constexpr std::string_view referral_date = "cas_IncomingReferralDate";  // required
inline constexpr std::string_view first_name = "prs_FirstName";
inline constexpr std::string_view second_name = "prs_SecondName";
inline constexpr std::string_view birthdate = "prs_Birthdate";
inline constexpr std::string_view gender = "prs_Gender";
inline constexpr std::string_view citizenship = "prs_Citizenship";
inline constexpr std::string_view consent = "con_Consent";
inline constexpr std::string_view consent_explained_by = "lifeline_ConsentExplainedBy";
inline constexpr std::string_view consent_language = "lifeline_ConsentLanguage";
inline constexpr std::string_view is_child = "lifeline_IsChild";
inline constexpr std::string_view exploitation = "vic_TypeOfExploitation";
inline constexpr std::string_view event_country = "hte_Country";
inline constexpr std::string_view event_type = "hte_Type";
inline constexpr std::string_view status = "cas_Status";
inline constexpr std::string_view closure_reason = "cas_ReasonForCaseClosure";
inline constexpr std::string_view closed_on = "lifeline_ClosedOn";
}  // namespace htcds_column

// Every column above, in the order the documentation lists them.
std::span<const std::string_view> htcds_import_columns();

// Limits of one import file.
inline constexpr std::size_t kMaxImportBytes = 32 * 1024 * 1024;
inline constexpr std::size_t kMaxImportRows = 50000;  // data rows, the header apart
inline constexpr std::size_t kMaxImportCellBytes = 1000;
// Separates the values of a multi-value cell (vic_TypeOfExploitation), as CTDC joins them.
inline constexpr char kImportListSeparator = ';';

// A row that breaks a rule. `row` numbers rows as a spreadsheet does (the header is row 1);
// `column` is empty for a rule about the whole row.
struct RowRejection {
  std::size_t row = 0;
  std::string column;
  std::string rule;
  bool operator==(const RowRejection&) const = default;
};

struct HtcdsImport {
  std::size_t rows = 0;                  // data rows read, blank rows apart
  std::vector<ImportedCase> cases;       // one for each row that passed every rule, in file order
  std::vector<RowRejection> rejections;  // every rule every other row broke, in file order
};

// What an import creates, by kind.
struct ImportCounts {
  std::size_t identified = 0;
  std::size_t anonymous_notifications = 0;
  std::size_t children = 0;
  std::size_t closed = 0;
};
ImportCounts count_import(const std::vector<ImportedCase>& cases);

// Reads a whole import file, `today` being the last day a date in it may name. A file that
// cannot be read as a whole is refused: over the limits above (Errc::too_large), not UTF-8 or
// not CSV (Errc::malformed), without a header row naming cas_IncomingReferralDate, or with a
// column Lifeline does not read (Errc::invalid_argument, each such column in Error::fields).
// Otherwise every row is checked and each broken rule reported in `rejections`.
Result<HtcdsImport> read_htcds_import(std::string_view text, Date today);

}  // namespace lifeline::domain::nrm
