// Checks and helpers for bound values and files that both backends share.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "storage/database.hpp"

namespace lifeline::storage::detail {

// Text must be valid UTF-8 without NUL characters on both backends: PostgreSQL rejects or
// truncates anything else, so SQLite refuses it too and data stays portable between them.
// `number` is the 1-based parameter number, used in the message (never the value).
Result<void> check_text_parameter(std::string_view text, std::size_t number);

bool is_valid_utf8(std::string_view text);

// Creates `path` as a new, empty file readable only by its owner. Errc::conflict if it exists.
Result<void> create_private_file(const std::filesystem::path& path);

// Removes trailing whitespace and newlines (libpq messages end with "\n").
std::string_view trim_right(std::string_view text);

// Joins a multi-line message (libpq adds hints on indented lines) into one line for logs.
std::string one_line(std::string_view text);

}  // namespace lifeline::storage::detail
