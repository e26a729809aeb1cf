// Feeds arbitrary bytes to the case import's CSV reader and HTCDS mapper, as
// `lifeline cases import` hands them whatever file a user gives it. Each must return a result
// or an error, never crash, hang or read out of bounds; and what it returns must keep the
// import's promises: a rejection names a known column (or none) and a rule in plain ASCII, and
// an anonymous notification carries no identity.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/csv_reader.hpp"
#include "domain/nrm/htcds_import.hpp"

#include "fuzz_checks.hpp"

namespace {

using lifeline::fuzz::check;
using lifeline::fuzz::is_printable_ascii;

using namespace lifeline::domain::nrm;

constexpr Date kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{23}};

bool is_known_column(std::string_view column) {
  const auto columns = htcds_import_columns();
  return column.empty() || std::ranges::find(columns, column) != columns.end();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto records = lifeline::read_csv(text, {8, 8, 16})) {
    check(records->size() <= 8);
    for (const auto& record : *records) check(record.fields.size() <= 8);
  }
  auto result = read_htcds_import(text, kToday);
  if (!result) return 0;
  check(result->cases.size() <= result->rows);
  for (const auto& rejection : result->rejections) {
    check(rejection.row >= 2);
    check(is_known_column(rejection.column));
    check(is_printable_ascii(rejection.rule));
  }
  for (const auto& imported : result->cases) {
    const auto& referral = imported.referral;
    if (referral.kind == ReferralKind::anonymous_notification) {
      check(referral.given_name.empty() && referral.family_name.empty() &&
            referral.date_of_birth.empty());
    }
    if (imported.closure) check(imported.closure->closed_on >= imported.referred_on);
  }
  return 0;
}
