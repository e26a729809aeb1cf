#include "domain/hotline/pdf_cleaner.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "domain/hotline/attachment.hpp"

namespace lifeline::domain::hotline {
namespace {

// A PDF written as text: objects 1..n as given, a correct cross-reference table, and the
// trailer's extra entries.
std::string pdf_of(const std::vector<std::string>& objects, const std::string& trailer_extra = "") {
  std::string pdf = "%PDF-1.7\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const auto xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (const auto offset : offsets) pdf += fmt::format("{:010} 00000 n \n", offset);
  pdf += fmt::format("trailer\n<< /Size {} /Root 1 0 R {} >>\nstartxref\n{}\n%%EOF\n",
                     objects.size() + 1, trailer_extra, xref);
  return pdf;
}

std::string stream_of(const std::string& dictionary_extra, const std::string& data) {
  return fmt::format("<< {} /Length {} >>\nstream\n{}\nendstream", dictionary_extra, data.size(),
                     data);
}

// A one-page document by "Marisol Author" titled "Secret Ledger", with XMP on the catalogue
// and on the page.
std::string pdf_with_metadata() {
  const std::string page =
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Metadata 5 0 R "
      "/PieceInfo << /Editor << /Private (Marisol's laptop) >> >> >>";
  const std::string xmp = stream_of("/Type /Metadata /Subtype /XML",
                                    "<x:xmpmeta>dc:creator Marisol Author</x:xmpmeta>");
  return pdf_of(
      {
          "<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R >>",
          "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
          page,
          "<< /Author (Marisol Author) /Title (Secret Ledger) /Producer (WriterApp 9) >>",
          xmp,
      },
      "/Info 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]");
}

TEST(PdfCleaner, RemovesDocumentInformationXmpAndIdentifier) {
  const auto original = pdf_with_metadata();
  ASSERT_NE(original.find("Marisol Author"), std::string::npos);
  auto clean = clean_pdf(original);
  ASSERT_TRUE(clean) << clean.error().message;
  EXPECT_TRUE(clean->starts_with("%PDF-"));
  for (const auto* gone : {"Marisol", "Secret Ledger", "WriterApp", "/Metadata", "/PieceInfo",
                           "xmpmeta", "0123456789abcdef"}) {
    EXPECT_EQ(clean->find(gone), std::string::npos) << gone;
  }
  EXPECT_NE(clean->find("/MediaBox"), std::string::npos);
  // The cleaned file is itself a clean PDF: cleaning it again changes nothing that matters.
  auto again = clean_pdf(*clean);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->find("Marisol"), std::string::npos);
}

TEST(PdfCleaner, AttachmentsAcceptPdfByItsBytes) {
  auto clean = clean_attachment(pdf_with_metadata());
  ASSERT_TRUE(clean) << clean.error().message;
  EXPECT_EQ(clean->content_type, "application/pdf");
  EXPECT_EQ(clean->bytes.find("Marisol"), std::string::npos);
}

std::string catalogue_with(const std::string& extra) {
  return pdf_of({
      fmt::format("<< /Type /Catalog /Pages 2 0 R {} >>", extra),
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  });
}

TEST(PdfCleaner, RefusesActiveContent) {
  const std::vector<std::string> active = {
      "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
      "/OpenAction << /Type /Action /S /Launch /F (calc.exe) >>",
      "/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>",
      "/Names << /EmbeddedFiles << /Names [] >> >>",
      "/AA << /O << /S /URI /URI (http://example.org) >> >>",
      "/Outlines << /First << /A << /S /Launch /F (x) >> >> >>",
  };
  for (const auto& extra : active) {
    auto refused = clean_pdf(catalogue_with(extra));
    ASSERT_FALSE(refused) << extra;
    EXPECT_EQ(refused.error().code, Errc::invalid_argument);
    EXPECT_NE(refused.error().message.find("active content"), std::string::npos)
        << refused.error().message;
  }
  EXPECT_TRUE(clean_pdf(catalogue_with("/OpenAction [3 0 R /Fit]")));
}

TEST(PdfCleaner, RefusesActiveContentInIndirectObjects) {
  auto pdf = pdf_of({
      "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
      "<< /S /JavaScript /JS 5 0 R >>",
      stream_of("", "app.alert()"),
  });
  auto refused = clean_pdf(pdf);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("active content (JS)"), std::string::npos);
}

TEST(PdfCleaner, RefusesEncryptedDamagedAndOtherFiles) {
  auto encrypted = pdf_of(
      {
          "<< /Type /Catalog /Pages 2 0 R >>",
          "<< /Type /Pages /Kids [] /Count 0 >>",
          "<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) "
          "/U (0123456789abcdef0123456789abcdef) /P -4 >>",
      },
      "/Encrypt 3 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]");
  auto refused = clean_pdf(encrypted);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::invalid_argument);

  EXPECT_FALSE(clean_pdf("%PDF-1.7\n1 0 obj << >> endobj\n"));
  EXPECT_FALSE(clean_pdf(pdf_with_metadata().substr(0, 200)));
  EXPECT_FALSE(clean_pdf("GIF89a"));
  EXPECT_FALSE(clean_pdf(""));
}

}  // namespace
}  // namespace lifeline::domain::hotline
