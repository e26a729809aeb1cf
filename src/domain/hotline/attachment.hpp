// Attachments the public sends with a report: photographs (JPEG, PNG) and PDF documents,
// size-limited, with everything but the content removed before they are stored, since a
// phone's photograph carries where and when it was taken and with which device (EXIF, XMP,
// IPTC, text chunks) and a PDF its author and software (see pdf_cleaner.hpp). Fuzzed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lifeline::domain::hotline {

inline constexpr std::size_t kMaxAttachmentBytes = 512 * 1024;

struct CleanAttachment {
  // "image/jpeg", "image/png" or "application/pdf", from the bytes, not the sender
  std::string content_type;
  std::string bytes;  // the file without its metadata
};

// The file's type is read from its first bytes. Errors: too_large over kMaxAttachmentBytes;
// unsupported_media_type for anything but JPEG, PNG and PDF; invalid_argument for a file
// whose structure is broken, or a PDF that is encrypted or holds active content.
Result<CleanAttachment> clean_attachment(std::string_view bytes);

// Only the segments a decoder needs: SOI, APP0 (JFIF), APP14 (Adobe colour transform),
// quantisation and Huffman tables, frame and scan headers and the image data. APP1-APP13,
// APP15 (EXIF, XMP, ICC, IPTC, vendor data) and comments are dropped.
Result<std::string> strip_jpeg(std::string_view bytes);
// Only the chunks that make the picture: IHDR, PLTE, IDAT, IEND and the colour and
// transparency chunks (tRNS, gAMA, cHRM, sRGB, sBIT, bKGD, pHYs). Text, EXIF, time and
// unknown chunks are dropped.
Result<std::string> strip_png(std::string_view bytes);

}  // namespace lifeline::domain::hotline
