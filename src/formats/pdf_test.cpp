#include "formats/pdf.hpp"

#include <regex>
#include <string>

#include <gtest/gtest.h>
#include <zlib.h>

namespace lifeline::formats {
namespace {

int page_count(const std::string& pdf) {
  static const std::regex page(R"(/Type\s*/Page[^s])");
  return static_cast<int>(
      std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page), std::sregex_iterator()));
}

std::string inflate_stream(const std::string& compressed) {
  std::string out(compressed.size() * 20 + 1024, '\0');
  auto length = static_cast<uLongf>(out.size());
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &length,
                 reinterpret_cast<const Bytef*>(compressed.data()),
                 static_cast<uLong>(compressed.size())) != Z_OK) {
    return {};
  }
  out.resize(length);
  return out;
}

// The inflated content of every stream: the ToUnicode maps of the embedded fonts say which
// characters the text is made of.
std::string streams(const std::string& pdf) {
  std::string all;
  std::size_t at = 0;
  while ((at = pdf.find("stream\n", at)) != std::string::npos) {
    const auto start = at + 7;
    const auto end = pdf.find("endstream", start);
    if (end == std::string::npos) break;
    all += inflate_stream(pdf.substr(start, end - start));
    at = end + 9;
  }
  return all;
}

TEST(Pdf, EmptyDocumentIsAOnePagePdf) {
  auto pdf = write_pdf({});
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
  EXPECT_EQ(page_count(*pdf), 1);
}

TEST(Pdf, LongTableSpansSeveralPages) {
  PdfTable table{{"Country", "Referrals", "Identified"}, {}, {false, true, true}};
  for (int i = 0; i < 200; ++i) {
    table.rows.push_back({"Country " + std::to_string(i), std::to_string(i * 3), "<5"});
  }
  auto pdf = write_pdf({"Long table", "Page", {PdfHeading{"Table", 1}, table}});
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));
  EXPECT_GE(page_count(*pdf), 4);
}

TEST(Pdf, CyrillicTextIsEmbeddedWithItsCharacters) {
  PdfChart chart{"Направления", {{"Январь", 3, "3"}, {"Февраль", 0, "<5"}}, true};
  auto pdf = write_pdf({"Доклад Национального докладчика",
                        "Страница",
                        {PdfParagraph{"Жертвы торговли людьми"}, PdfNote{"Примечание"}, chart}});
  ASSERT_TRUE(pdf) << pdf.error().message;
  const auto content = streams(*pdf);
  // The ToUnicode map of the font holds the UTF-16 codes of the glyphs used: Д is U+0414,
  // Ж U+0416, ю U+044E.
  EXPECT_NE(content.find("<0414>"), std::string::npos);
  EXPECT_NE(content.find("<0416>"), std::string::npos);
  EXPECT_NE(content.find("<044e>"), std::string::npos);
  EXPECT_NE(pdf->find("DejaVuSans"), std::string::npos);
}

TEST(Pdf, MarkupIsTextAndBadBytesDoNotBreakTheFile) {
  std::string bad = "<b>bold?</b> & \xff\xfe tail\x01";
  auto pdf = write_pdf({bad, "Page", {PdfParagraph{bad}, PdfTable{{bad}, {{bad}}, {}}}});
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(page_count(*pdf), 1);
  // The angle brackets were drawn, not read as markup.
  const auto content = streams(*pdf);
  EXPECT_NE(content.find("<003c>"), std::string::npos);
}

}  // namespace
}  // namespace lifeline::formats
