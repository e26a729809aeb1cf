// Feeds arbitrary bytes to the hotline's PDF cleaner, as anyone may upload a PDF with a report.
// It must return a cleaned file or an error, never crash, hang or read out of bounds; a
// cleaned file is a PDF that the cleaner accepts again, and every refusal says why in plain
// ASCII.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/hotline/pdf_cleaner.hpp"

#include "fuzz_checks.hpp"

namespace {

using lifeline::fuzz::check;

namespace hotline = lifeline::domain::hotline;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto clean = hotline::clean_pdf(bytes);
  if (!clean) {
    check(!clean.error().message.empty());
    check(lifeline::fuzz::is_printable_ascii(clean.error().message));
    return 0;
  }
  check(clean->starts_with(hotline::kPdfStart));
  auto again = hotline::clean_pdf(*clean);
  check(again.has_value());
  return 0;
}
