// Feeds arbitrary bytes to the aggregated NRM statistics import, as
// `lifeline stats import nrm-table` hands it whatever file a user gives it. It must return a
// result or an error, never crash, hang or read out of bounds; and what it returns must keep the
// import's promises: every row read is either kept or rejected, problems name rows of the file
// in plain ASCII without quoting it, and a kept row's People is a whole number or "<N".
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
  auto file = parse_nrm_table(text);
  if (!file) return 0;
  check(file->rows.size() + file->rejected.size() == file->rows_read);
  for (const auto& problems : {file->rejected, file->inconsistencies}) {
    for (const auto& problem : problems) {
      check(problem.row >= 2);
      check(is_printable_ascii(problem.message));
    }
  }
  for (const auto& row : file->rows) {
    check(!row.nationality.empty() && !row.gender.empty());
    const auto figure = parse_figure(row.people_text);
    check(figure.known);
    if (row.people) check(*row.people >= 0 && figure.number == static_cast<double>(*row.people));
  }
  return 0;
}
