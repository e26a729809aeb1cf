// What the command-line tasks share: reporting an error and reading an input file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lifeline::app {

// Prints the error and the fields it names to standard error; returns the exit code 1.
int report(const Error& error);

// The whole of `file`, refused when it is larger than `max_bytes` (`what` names such a file in
// the message: "a decision text").
Result<std::string> read_text_file(const std::string& file, std::uintmax_t max_bytes,
                                   std::string_view what);

}  // namespace lifeline::app
