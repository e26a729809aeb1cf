// Feeds arbitrary bytes to the criminal-justice figures import, as
// `lifeline stats import criminal-justice` hands it whatever file a user gives it. It must
// return a result or an error, never crash, hang or read out of bounds; and what it returns must
// keep the import's promises: every row read is either kept or rejected, problems name rows of
// the file in plain ASCII without quoting it, and a kept figure passes the rules the API applies.
#include <cstddef>
#include <cstdint>
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
  auto file = parse_criminal_justice(text);
  if (!file) return 0;
  check(file->rows.size() + file->rejected.size() == file->rows_read);
  for (const auto& problems : {file->rejected, file->inconsistencies}) {
    for (const auto& problem : problems) {
      check(problem.row >= 2);
      check(is_printable_ascii(problem.message));
    }
  }
  for (const auto& figure : file->rows) {
    check(criminal_justice_problem(figure).empty());
    check(is_criminal_justice_indicator(figure.indicator));
    check(figure.value >= 0);
  }
  return 0;
}
