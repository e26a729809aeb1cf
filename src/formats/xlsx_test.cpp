#include "formats/xlsx.hpp"

#include <zip.h>

#include <gtest/gtest.h>

namespace lifeline::formats {
namespace {

// A package made of the given parts, as another program would write it.
std::string package(const std::vector<std::pair<std::string, std::string_view>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (const auto& [name, data] : parts) {
    zip_file_add(archive, name.c_str(), zip_source_buffer(archive, data.data(), data.size(), 0), 0);
  }
  zip_close(archive);
  zip_source_open(buffer);
  zip_source_seek(buffer, 0, SEEK_END);
  std::string bytes(static_cast<std::size_t>(zip_source_tell(buffer)), '\0');
  zip_source_seek(buffer, 0, SEEK_SET);
  zip_source_read(buffer, bytes.data(), bytes.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

constexpr std::string_view kWorkbook =
    R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="survey" sheetId="1" r:id="rId3"/></sheets></workbook>)";
constexpr std::string_view kRelationships =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId3" Type="worksheet" Target="worksheets/survey.xml"/></Relationships>)";

TEST(Xlsx, AWorkbookReadsBackAsItWasWritten) {
  Workbook workbook{{
      {"survey",
       {{std::string("type"), std::string("name"), std::string("label")},
        {std::string("select_one yes_no"), std::string("q1"),
         std::string("Has your State <adopted> a \"law\" & a plan?\nЗакон")},
        {Cell{}, 2.5, -3.0},
        {},
        {std::string("end")}}},
      {"choices", {{std::string("list_name")}}},
  }};
  auto bytes = write_xlsx(workbook);
  ASSERT_TRUE(bytes.has_value()) << bytes.error().message;
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  auto read = read_xlsx(*bytes);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(*read, workbook);
  ASSERT_NE(read->find("CHOICES"), nullptr);
  EXPECT_EQ(read->find("settings"), nullptr);
}

TEST(Xlsx, BadSheetNamesAreRefused) {
  EXPECT_FALSE(write_xlsx(Workbook{{{"a/b", {}}}}).has_value());
  EXPECT_FALSE(write_xlsx(Workbook{{{"same", {}}, {"SAME", {}}}}).has_value());
  EXPECT_FALSE(write_xlsx(Workbook{}).has_value());
  EXPECT_FALSE(write_xlsx(Workbook{{{std::string(32, 'x'), {}}}}).has_value());
}

TEST(Xlsx, SharedStringsRichTextAndCellReferencesAreRead) {
  const std::string shared =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2">)"
      R"(<si><t>type</t></si><si><r><t>Hello </t></r><r><rPr><b/></rPr><t>w&amp;rld</t></r>)"
      R"(<rPh><t>ignored</t></rPh></si></sst>)";
  const std::string sheet =
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)"
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>)"
      R"(<row r="3"><c r="B3"><v>42</v></c><c r="C3" t="str"><f>A1</f><v>type</v></c>)"
      R"(<c r="D3" t="b"><v>1</v></c></row></sheetData></worksheet>)";
  auto read = read_xlsx(package({{"xl/workbook.xml", kWorkbook},
                                 {"xl/_rels/workbook.xml.rels", kRelationships},
                                 {"xl/sharedStrings.xml", shared},
                                 {"xl/worksheets/survey.xml", sheet}}));
  ASSERT_TRUE(read.has_value()) << read.error().message;
  const auto& rows = read->sheets.at(0).rows;
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], (std::vector<Cell>{std::string("type"), Cell{}, std::string("Hello w&rld")}));
  EXPECT_TRUE(rows[1].empty());
  EXPECT_EQ(rows[2], (std::vector<Cell>{Cell{}, 42.0, std::string("type"), 1.0}));
  EXPECT_EQ(cell_text(rows[2][1]), "42");
  EXPECT_EQ(cell_text(Cell{0.25}), "0.25");
}

TEST(Xlsx, DamagedOrOversizedInputIsRefused) {
  EXPECT_EQ(read_xlsx("not a zip at all").error().code, Errc::malformed);
  EXPECT_EQ(read_xlsx(package({{"hello.txt", "hi"}})).error().code, Errc::malformed);
  const std::string broken = R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c>)";
  EXPECT_EQ(read_xlsx(package({{"xl/workbook.xml", kWorkbook},
                               {"xl/_rels/workbook.xml.rels", kRelationships},
                               {"xl/worksheets/survey.xml", broken}}))
                .error()
                .code,
            Errc::malformed);
  Workbook big{{{"s", {{1.0, 2.0, 3.0}, {4.0, 5.0}}}}};
  XlsxLimits limits;
  limits.max_cells = 4;
  EXPECT_EQ(read_xlsx(write_xlsx(big).value(), limits).error().code, Errc::too_large);
  limits.max_cells = 5;
  EXPECT_TRUE(read_xlsx(write_xlsx(big).value(), limits).has_value());
}

}  // namespace
}  // namespace lifeline::formats
