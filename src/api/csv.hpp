// CSV exports (RFC 4180) that are safe to open in a spreadsheet.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace lifeline::api {

// One CSV line ending in CRLF. Every field is quoted; a field that a spreadsheet would read as
// a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe.
std::string csv_line(std::span<const std::string> fields);

// A text/csv attachment named `file_name` with a header line and the rows.
http::Response csv_response(std::string_view file_name, const std::vector<std::string>& header,
                            const std::vector<std::vector<std::string>>& rows);

// Joins list values for one CSV cell.
std::string csv_list(const std::vector<std::string>& values);

}  // namespace lifeline::api
