// The qpdf side of the PDF cleaner (pdf_cleaner.hpp). Compiled as C++17 on its own: qpdf 11's
// JSON.hh does not compile as C++20 with clang 14 and libstdc++ 12, so nothing else includes
// qpdf's headers and this header uses the standard library only.
#pragma once

#include <string>
#include <string_view>

namespace lifeline::domain::hotline::detail {

struct PdfRewrite {
  bool accepted = false;
  std::string bytes;    // the rewritten file, when accepted
  std::string refusal;  // why not, in plain ASCII, when refused
};

PdfRewrite rewrite_pdf(std::string_view bytes);

}  // namespace lifeline::domain::hotline::detail
