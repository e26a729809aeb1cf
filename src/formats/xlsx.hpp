// XLSX workbooks (Office Open XML spreadsheets) of named sheets of text and number cells:
// written for exports, read back from files people bring (ODK/KoboToolbox forms and answer
// exports, spreadsheets). Nothing else of the format is kept: no styles, formulas (their cached
// values are read), merged cells or dates as dates (they read as the numbers Excel stores).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace lifeline::formats {

// An empty cell, a text or a number.
using Cell = std::variant<std::monostate, std::string, double>;

struct Sheet {
  std::string name;
  std::vector<std::vector<Cell>> rows;  // rows[r][c]; rows may be ragged, trailing blanks dropped
  bool operator==(const Sheet&) const = default;
};

struct Workbook {
  std::vector<Sheet> sheets;
  const Sheet* find(std::string_view name) const;  // by name, ignoring ASCII case
  bool operator==(const Workbook&) const = default;
};

// The bytes of an .xlsx file. Refuses (invalid_argument) sheet names Excel refuses: empty,
// longer than 31 characters, containing []:*?/\ or repeated ignoring case; text must be UTF-8
// (control characters other than tab and line breaks are dropped).
Result<std::string> write_xlsx(const Workbook& workbook);

struct XlsxLimits {
  std::size_t max_part_bytes = 64U * 1024U * 1024U;  // one uncompressed part of the package
  std::size_t max_cells = 2'000'000;
  std::size_t max_rows = 1'048'576;  // Excel's own limit
  std::size_t max_columns = 16384;   // Excel's own limit, XFD
};

// Reads every worksheet of an .xlsx file in workbook order. Errors: malformed (not a zip, a
// part missing or not well-formed enough to read), too_large (a limit above); the message
// names the part, never its content.
Result<Workbook> read_xlsx(std::string_view bytes, const XlsxLimits& limits = {});

// The text of a cell as a user would read it: numbers without a trailing ".0".
std::string cell_text(const Cell& cell);

}  // namespace lifeline::formats
