#include "domain/hotline/attachment.hpp"

#include <string>

#include <gtest/gtest.h>

namespace lifeline::domain::hotline {
namespace {

using namespace std::string_literals;

std::string segment(unsigned char marker, const std::string& payload) {
  const auto length = payload.size() + 2;
  return "\xFF"s + static_cast<char>(marker) + static_cast<char>(length >> 8U) +
         static_cast<char>(length & 0xFFU) + payload;
}

std::string jpeg_with_metadata() {
  return "\xFF\xD8"s + segment(0xE0, "JFIF\0\1\1\0\0\1\0\1\0\0"s) +
         segment(0xE1, "Exif\0\0GPSLatitude 47.0105N 28.8638E"s) +
         segment(0xED, "Photoshop 3.0 IPTC city Chisinau") + segment(0xFE, "taken by Ana") +
         segment(0xDB, std::string(65, '\1')) + segment(0xC0, "\x08\0\x10\0\x10\x01\x01\x11\0"s) +
         segment(0xDA, "\x01\x01\0\0\x3F\0"s) + "\x12\x34\xFF\0\x56"s + "\xFF\xD9"s;
}

std::string chunk(const std::string& type, const std::string& data) {
  const auto length = data.size();
  std::string bytes{static_cast<char>(length >> 24U), static_cast<char>(length >> 16U),
                    static_cast<char>(length >> 8U), static_cast<char>(length)};
  return bytes + type + data + "CRC!";
}

std::string png_with_metadata() {
  return "\x89PNG\r\n\x1A\n"s + chunk("IHDR", std::string(13, '\1')) +
         chunk("tEXt", "Location\0Market Street 12"s) + chunk("eXIf", "GPS 47.01N") +
         chunk("IDAT", "pixels") + chunk("tIME", "1234567") + chunk("IEND", "");
}

TEST(Attachment, JpegLosesExifIptcAndComments) {
  auto clean = clean_attachment(jpeg_with_metadata());
  ASSERT_TRUE(clean) << clean.error().message;
  EXPECT_EQ(clean->content_type, "image/jpeg");
  for (auto secret : {"GPSLatitude", "Chisinau", "taken by Ana"}) {
    EXPECT_EQ(clean->bytes.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(clean->bytes.find("JFIF"), std::string::npos);
  EXPECT_TRUE(clean->bytes.ends_with("\x12\x34\xFF\0\x56\xFF\xD9"s));
}

TEST(Attachment, PngKeepsOnlyThePicture) {
  auto clean = clean_attachment(png_with_metadata());
  ASSERT_TRUE(clean) << clean.error().message;
  EXPECT_EQ(clean->content_type, "image/png");
  EXPECT_EQ(clean->bytes, "\x89PNG\r\n\x1A\n"s + chunk("IHDR", std::string(13, '\1')) +
                              chunk("IDAT", "pixels") + chunk("IEND", ""));
}

TEST(Attachment, RefusesOtherTypesBrokenPdfAndOversizedFiles) {
  EXPECT_EQ(clean_attachment("%PDF-1.7\n...").error().code, Errc::invalid_argument);
  EXPECT_EQ(clean_attachment("<svg onload=alert(1)>").error().code, Errc::unsupported_media_type);
  EXPECT_EQ(clean_attachment("\xFF\xD8\xFF"s + std::string(kMaxAttachmentBytes, 'x')).error().code,
            Errc::too_large);
}

TEST(Attachment, RefusesBrokenStructure) {
  auto jpeg = jpeg_with_metadata();
  EXPECT_EQ(clean_attachment(jpeg.substr(0, 30)).error().code, Errc::invalid_argument);
  auto png = png_with_metadata();
  EXPECT_EQ(clean_attachment(png.substr(0, png.size() - 12)).error().code, Errc::invalid_argument);
  EXPECT_EQ(clean_attachment("\x89PNG\r\n\x1A\n"s + chunk("IDAT", "x")).error().code,
            Errc::invalid_argument);
  EXPECT_EQ(clean_attachment("\x89PNG\r\n\x1A\n\xFF\xFF\xFF\xFFIHDR"s).error().code,
            Errc::invalid_argument);
}

}  // namespace
}  // namespace lifeline::domain::hotline
