// Reading CSV text (RFC 4180), the counterpart of the CSV exports in api/csv.hpp: the one CSV
// reader of Lifeline's imports. It splits text into records and fields and nothing more; what
// the fields mean is the importer's business.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline {

struct CsvLimits {
  std::size_t max_records = 100000;  // the header row included
  std::size_t max_fields = 256;      // in one record
  std::size_t max_field_bytes = 4096;
};

struct CsvRecord {
  std::size_t line = 0;  // the line of the text the record starts on, from 1
  std::vector<std::string> fields;
};

// Splits `text` into records. Fields are separated by commas and records by CRLF, LF or a lone
// CR; a field in double quotes may hold commas, line breaks and doubled quotes (""). A UTF-8
// byte order mark at the very start is skipped; a line break at the very end ends the last
// record and starts none; an empty line is a record of one empty field. Bytes are kept as they
// are: checking the encoding is the caller's business.
//
// Refused, naming the row (the record's number, counting from 1, as a spreadsheet numbers its
// rows) and the line but never any text of the file: a quote inside a field that does not start
// with one, text after a field's closing quote, a quoted field still open at the end
// (Errc::malformed); more records or fields, or a longer field, than `limits` allows
// (Errc::too_large).
Result<std::vector<CsvRecord>> read_csv(std::string_view text, const CsvLimits& limits = {});

}  // namespace lifeline
