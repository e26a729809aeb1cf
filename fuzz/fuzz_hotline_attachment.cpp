// Feeds arbitrary bytes to the stripper of the hotline's attachments, as anyone may upload a
// file with a report. It must return a result or an error, never crash, hang or read out of
// bounds; an accepted image is a JPEG or PNG no larger than what came in, starting as its type
// does, without the segments or chunks that carry metadata, and stripping it again changes
// nothing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "domain/hotline/attachment.hpp"

#include "fuzz_checks.hpp"

namespace {

using lifeline::fuzz::check;

namespace hotline = lifeline::domain::hotline;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto clean = hotline::clean_attachment(bytes);
  if (!clean) return 0;
  auto again = hotline::clean_attachment(clean->bytes);
  check(again.has_value());
  check(again->content_type == clean->content_type);
  // A PDF is rewritten (see fuzz_hotline_pdf); an image only loses segments or chunks.
  if (clean->content_type == "application/pdf") return 0;
  check(clean->bytes.size() <= bytes.size());
  check(clean->content_type == "image/jpeg" || clean->content_type == "image/png");
  check(again->bytes == clean->bytes);
  return 0;
}
