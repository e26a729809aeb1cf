// Feeds arbitrary bytes to the UNODC long-layout import, as `lifeline stats import unodc` hands
// it whatever file a user gives it. It must return a result or an error, never crash, hang or
// read out of bounds; and what it returns must keep the import's promises: every row read is
// either kept or rejected, problems name rows of the file (the header is row 1) in plain ASCII
// without quoting the file, and a value is a number only where its text is one.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/stats/external.hpp"

#include "fuzz_checks.hpp"

namespace {

using lifeline::fuzz::check;
using lifeline::fuzz::is_printable_ascii;

using namespace lifeline::domain::stats;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto file = parse_unodc(text);
  if (!file) return 0;
  check(file->rows.size() + file->rejected.size() == file->rows_read);
  for (const auto& problems : {file->rejected, file->inconsistencies}) {
    for (const auto& problem : problems) {
      check(problem.row >= 2);
      check(is_printable_ascii(problem.message));
    }
  }
  for (const auto& row : file->rows) {
    check(row.row >= 2);
    check(row.year >= 1900 && row.year <= 2200);
    const auto figure = parse_figure(row.value_text);
    check(figure.number == row.value);
    if (row.value) check(*row.value >= 0 && figure.lower == *row.value);
  }
  return 0;
}
