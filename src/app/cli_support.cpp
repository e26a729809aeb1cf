#include "app/cli_support.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

namespace lifeline::app {

int report(const Error& error) {
  std::cerr << "lifeline: " << error.message << "\n";
  for (const auto& field : error.fields) {
    std::cerr << "  " << field.field << ": " << field.message << "\n";
  }
  return 1;
}

Result<std::string> read_text_file(const std::string& file, std::uintmax_t max_bytes,
                                   std::string_view what) {
  std::error_code error;
  auto size = std::filesystem::file_size(file, error);
  if (error) return fail(Errc::not_found, fmt::format("cannot read {}: {}", file, error.message()));
  if (size > max_bytes) {
    return fail(Errc::too_large,
                fmt::format("{} is {} bytes; {} is at most {}", file, size, what, max_bytes));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) return fail(Errc::not_found, "cannot read " + file);
  return text.str();
}

}  // namespace lifeline::app
