// PDF attachments on the public hotline: rewritten with qpdf without the document information
// dictionary (author, title, producer, dates), XMP metadata streams (of the document and of any
// object), application data (/PieceInfo) and the file identifier, and refused when they could
// act on the operator's computer (JavaScript, launch actions, additional actions, embedded
// files) or cannot be read (encrypted, damaged). Everything is done in memory; fuzzed.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lifeline::domain::hotline {

inline constexpr std::string_view kPdfStart = "%PDF-";

// The cleaned file. Errors (invalid_argument, with a message fit for the reporter): the PDF is
// encrypted, damaged, or holds active content.
Result<std::string> clean_pdf(std::string_view bytes);

}  // namespace lifeline::domain::hotline
