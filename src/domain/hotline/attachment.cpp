#include "domain/hotline/attachment.hpp"

#include "domain/hotline/pdf_cleaner.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace lifeline::domain::hotline {
namespace {

constexpr std::string_view kJpegStart = "\xFF\xD8\xFF";
constexpr std::string_view kPngSignature = "\x89PNG\r\n\x1A\n";

constexpr unsigned char kStartOfScan = 0xDA;
constexpr unsigned char kEndOfImage = 0xD9;
constexpr unsigned char kApp0 = 0xE0;
constexpr unsigned char kApp14 = 0xEE;
constexpr unsigned char kApp15 = 0xEF;
constexpr unsigned char kComment = 0xFE;

constexpr std::array<std::string_view, 11> kPngChunksKept = {
    "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "sBIT", "bKGD", "pHYs"};

tl::unexpected<Error> broken(std::string_view what) {
  return fail(Errc::invalid_argument, std::string(what), "broken-attachment");
}

unsigned byte_at(std::string_view bytes, std::size_t at) {
  return static_cast<unsigned char>(bytes[at]);
}

std::uint32_t big_endian_32(std::string_view bytes, std::size_t at) {
  return (byte_at(bytes, at) << 24U) | (byte_at(bytes, at + 1) << 16U) |
         (byte_at(bytes, at + 2) << 8U) | byte_at(bytes, at + 3);
}

// Markers that stand alone, without a length: RST0-RST7, TEM.
bool stands_alone(unsigned marker) {
  return (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01;
}

bool is_metadata(unsigned marker) {
  return (marker > kApp0 && marker <= kApp15 && marker != kApp14) || marker == kComment;
}

}  // namespace

Result<std::string> strip_jpeg(std::string_view bytes) {
  if (!bytes.starts_with(kJpegStart)) return broken("not a JPEG image");
  std::string kept(bytes.substr(0, 2));
  std::size_t at = 2;
  while (at < bytes.size()) {
    if (byte_at(bytes, at) != 0xFF) return broken("a JPEG segment does not start with a marker");
    // A marker may be preceded by fill bytes 0xFF.
    while (at + 1 < bytes.size() && byte_at(bytes, at + 1) == 0xFF) ++at;
    if (at + 1 >= bytes.size()) return broken("the JPEG image ends inside a marker");
    const unsigned marker = byte_at(bytes, at + 1);
    if (marker == kEndOfImage) {
      kept.append(bytes.substr(at, 2));
      return kept;
    }
    if (stands_alone(marker)) {
      kept.append(bytes.substr(at, 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.size()) return broken("the JPEG image ends inside a segment header");
    const std::size_t length = (byte_at(bytes, at + 2) << 8U) | byte_at(bytes, at + 3);
    if (length < 2 || at + 2 + length > bytes.size()) {
      return broken("a JPEG segment is longer than the image");
    }
    if (marker == kStartOfScan) {
      // The image data and what follows it are copied as they are: metadata comes before.
      kept.append(bytes.substr(at));
      return kept;
    }
    if (!is_metadata(marker)) kept.append(bytes.substr(at, 2 + length));
    at += 2 + length;
  }
  return broken("the JPEG image has no image data");
}

Result<std::string> strip_png(std::string_view bytes) {
  if (!bytes.starts_with(kPngSignature)) return broken("not a PNG image");
  std::string kept(kPngSignature);
  std::size_t at = kPngSignature.size();
  bool first = true;
  while (at + 12 <= bytes.size()) {
    const std::uint64_t length = big_endian_32(bytes, at);
    if (length > bytes.size() - at - 12) return broken("a PNG chunk is longer than the image");
    const auto type = bytes.substr(at + 4, 4);
    if (first && type != "IHDR") return broken("a PNG image must start with its header");
    first = false;
    const std::size_t whole = 12 + static_cast<std::size_t>(length);
    if (std::ranges::find(kPngChunksKept, type) != kPngChunksKept.end()) {
      kept.append(bytes.substr(at, whole));
    }
    at += whole;
    if (type == "IEND") return kept;
  }
  return broken("the PNG image ends before its end chunk");
}

Result<CleanAttachment> clean_attachment(std::string_view bytes) {
  if (bytes.size() > kMaxAttachmentBytes) {
    return fail(Errc::too_large, "an attachment may be at most 512 KiB");
  }
  if (bytes.starts_with(kJpegStart)) {
    auto stripped = strip_jpeg(bytes);
    if (!stripped) return tl::unexpected(stripped.error());
    return CleanAttachment{"image/jpeg", std::move(*stripped)};
  }
  if (bytes.starts_with(kPngSignature)) {
    auto stripped = strip_png(bytes);
    if (!stripped) return tl::unexpected(stripped.error());
    return CleanAttachment{"image/png", std::move(*stripped)};
  }
  if (bytes.starts_with(kPdfStart)) {
    auto cleaned = clean_pdf(bytes);
    if (!cleaned) return tl::unexpected(cleaned.error());
    return CleanAttachment{"application/pdf", std::move(*cleaned)};
  }
  return fail(Errc::unsupported_media_type, "an attachment must be a JPEG or PNG image or a PDF");
}

}  // namespace lifeline::domain::hotline
