// A questionnaire round as an XLSForm (survey, choices and settings sheets), so that it can be
// filled in with ODK Collect or KoboToolbox, and back. Lifeline's own facts about an item that
// XLSForm has no column for (the provision, pillar, unit, year, evidence items) go in extra
// columns named lifeline_*, which form builders ignore.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/monitoring/questionnaire.hpp"
#include "formats/xlsx.hpp"

namespace lifeline::domain::monitoring {

struct XlsForm {
  std::string title;
  std::string form_id;
  std::string version;
  std::vector<ItemDefinition> items;
};

formats::Workbook to_xlsform(const XlsForm& form);

// Reads a form's survey, choices and settings sheets. Question types: select_one (a list with
// exactly yes, partly, no and not_applicable reads as a yes/no item), integer and decimal
// (with a ". >= a and . <= b" constraint as their range), text; metadata, notes, groups and
// calculations are skipped; other types are refused. A relevant of the form
// "${item} = 'answer' or ..." or "selected(${item}, 'answer')" becomes a skip rule. Every item
// is checked as one added by hand; errors name the survey row.
Result<XlsForm> from_xlsform(const formats::Workbook& workbook);

inline constexpr std::size_t kMaxFormItems = 2000;

// One State's answers from a form tool's export of submissions.
struct ImportedResponse {
  std::size_t row = 0;                                       // as the spreadsheet numbers it
  std::string respondent;                                    // ISO 3166-1 alpha-2 code
  std::vector<std::pair<std::string, AnswerValue>> answers;  // by item code
};

// Reads the first sheet of an ODK/KoboToolbox export of submissions: a header row naming the
// questions ("group/name" is read as "name"), a column "respondent" (or "country") with the
// State's code, one row per submission. Columns that name no item are ignored (the tools add
// their own: _id, _uuid, start, ...); an empty cell is no answer. A choice may be given by its
// code or its label; evidence links are separated by spaces or line breaks. Every value is
// checked as an answer typed in the browser; errors name the row and the column.
Result<std::vector<ImportedResponse>> responses_from_export(
    const formats::Sheet& sheet, const std::vector<ItemDefinition>& items);

}  // namespace lifeline::domain::monitoring
