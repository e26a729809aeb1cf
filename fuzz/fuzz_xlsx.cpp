// Feeds arbitrary bytes to the XLSX reader and the XLSForm importer, as
// POST /api/v1/questionnaires/import-xlsform hands them whatever file a co-ordinator uploads.
// Each must return a workbook or an error, never crash, hang or read out of bounds; a workbook
// read must write back and read again, and a form read must hold only items that pass the item
// rules and survive the trip back to an XLSForm.
//
// The zip layer checks a CRC over every part, so mutated packages rarely reach the XML inside.
// The first byte therefore chooses what the rest is: the whole file (0), or one part (1 the
// sheet, 2 the shared strings, 3 the workbook, 4 its relationships) of a package that is
// otherwise well formed, built here with a correct CRC.
#include <zip.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "domain/monitoring/xlsform.hpp"
#include "formats/xlsx.hpp"

#include "fuzz_checks.hpp"

namespace {

using lifeline::fuzz::check;

constexpr std::string_view kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)"
    R"(<sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kRelationships =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
constexpr std::string_view kShared =
    R"(<sst><si><t>type</t></si><si><t>name</t></si><si><t>label</t></si>)"
    R"(<si><t>select_one yes_no</t></si><si><t>text</t></si></sst>)";
constexpr std::string_view kSheet =
    R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>)"
    R"(<c r="C1" t="s"><v>2</v></c></row><row r="2"><c t="s"><v>4</v></c>)"
    R"(<c t="inlineStr"><is><t>q1</t></is></c><c t="inlineStr"><is><t>Why?</t></is></c></row>)"
    R"(</sheetData></worksheet>)";

// A package whose part `replaced` (1-4) holds `data`.
std::string package_with(int replaced, std::string_view data) {
  const std::array<std::pair<const char*, std::string_view>, 4> parts = {{
      {"xl/worksheets/sheet1.xml", kSheet},
      {"xl/sharedStrings.xml", kShared},
      {"xl/workbook.xml", kWorkbook},
      {"xl/_rels/workbook.xml.rels", kRelationships},
  }};
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(buffer);
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto content = static_cast<int>(i) + 1 == replaced ? data : parts[i].second;
    zip_file_add(archive, parts[i].first,
                 zip_source_buffer(archive, content.data(), content.size(), 0), 0);
  }
  zip_close(archive);
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    bytes.resize(static_cast<std::size_t>(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lifeline;
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const int mode = data[0] % 5;
  const std::string bytes = mode == 0 ? std::string(rest) : package_with(mode, rest);
  formats::XlsxLimits limits;
  limits.max_part_bytes = 1U << 20U;
  limits.max_cells = 20000;
  limits.max_rows = 5000;
  limits.max_columns = 200;
  auto workbook = formats::read_xlsx(bytes, limits);
  if (!workbook) return 0;
  if (auto written = formats::write_xlsx(*workbook)) {
    auto again = formats::read_xlsx(*written);
    check(again.has_value());
    // Writing drops characters XML cannot hold, so only the shape is compared.
    check(again->sheets.size() == workbook->sheets.size());
  }
  auto form = domain::monitoring::from_xlsform(*workbook);
  if (!form) return 0;
  std::vector<domain::monitoring::ItemDefinition> earlier;
  for (const auto& item : form->items) {
    check(domain::monitoring::check_item(item, earlier).empty());
    earlier.push_back(item);
  }
  check(domain::monitoring::from_xlsform(domain::monitoring::to_xlsform(*form)).has_value());
  if (!workbook->sheets.empty()) {
    (void)domain::monitoring::responses_from_export(workbook->sheets.front(), form->items);
  }
  return 0;
}
