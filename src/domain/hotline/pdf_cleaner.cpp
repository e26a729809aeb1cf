#include "domain/hotline/pdf_cleaner.hpp"

#include <fmt/format.h>

#include "domain/hotline/pdf_rewrite.hpp"

namespace lifeline::domain::hotline {

Result<std::string> clean_pdf(std::string_view bytes) {
  auto rewrite = bytes.starts_with(kPdfStart)
                     ? detail::rewrite_pdf(bytes)
                     : detail::PdfRewrite{false, {}, "it is not a PDF file"};
  if (rewrite.accepted) return std::move(rewrite.bytes);
  return fail(Errc::invalid_argument,
              fmt::format("the PDF cannot be accepted: {}; send a photograph of the pages, or "
                          "describe what it shows, instead",
                          rewrite.refusal),
              "pdf-refused");
}

}  // namespace lifeline::domain::hotline
