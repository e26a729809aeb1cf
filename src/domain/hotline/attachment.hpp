// Attachments the public sends with a report: photographs (JPEG, PNG), size-limited, with
// everything but the picture removed before they are stored, since a phone's photograph
// carries where and when it was taken and with which device (EXIF, XMP, IPTC, text chunks).
// PDF is refused: its metadata (document information, XMP streams, incremental updates) cannot
// be removed safely without a full PDF rewriter. Pure code; fuzzed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace lifeline::domain::hotline {

inline constexpr std::size_t kMaxAttachmentBytes = 512 * 1024;

struct CleanAttachment {
  std::string content_type;  // "image/jpeg" or "image/png", from the bytes, not the sender
  std::string bytes;         // the image without its metadata
};

// The file's type is read from its first bytes. Errors: too_large over kMaxAttachmentBytes;
// unsupported_media_type for anything but JPEG and PNG (PDF included, see above);
// invalid_argument for a JPEG or PNG whose structure is broken.
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
