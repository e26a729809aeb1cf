#include "formats/xlsx.hpp"

#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "core/markup.hpp"

namespace lifeline::formats {
namespace {

// ---- a small reader of the XML the spreadsheet parts are made of ----

struct Attribute {
  std::string_view name;  // local name, without a namespace prefix
  std::string value;      // entities decoded
};

struct Tag {
  std::string_view name;  // local name
  bool closing = false;   // </name>
  bool empty = false;     // <name/>
  std::vector<Attribute> attributes;
  const std::string* attribute(std::string_view local) const {
    const auto found = std::ranges::find(attributes, local, &Attribute::name);
    return found == attributes.end() ? nullptr : &found->value;
  }
};

std::string_view local_name(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Decodes the five named entities and numeric references; anything else stays as written.
std::string decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const auto end = text.find(';', i);
    if (end == std::string_view::npos || end - i > 12) {
      out.push_back('&');
      continue;
    }
    const auto entity = text.substr(i + 1, end - i - 1);
    std::uint32_t cp = 0;
    bool known = true;
    if (entity == "lt")
      cp = '<';
    else if (entity == "gt")
      cp = '>';
    else if (entity == "amp")
      cp = '&';
    else if (entity == "quot")
      cp = '"';
    else if (entity == "apos")
      cp = '\'';
    else if (entity.size() > 1 && entity[0] == '#') {
      const bool hex = entity[1] == 'x' || entity[1] == 'X';
      const auto digits = entity.substr(hex ? 2 : 1);
      const auto parsed =
          std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      known = parsed.ec == std::errc{} && parsed.ptr == digits.data() + digits.size() && cp > 0 &&
              cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    } else {
      known = false;
    }
    if (!known) {
      out.push_back('&');
      continue;
    }
    append_utf8(out, cp);
    i = end;
  }
  return out;
}

// Walks a document: next() gives the next tag, text_before() the character data before it.
class XmlReader {
 public:
  explicit XmlReader(std::string_view xml) : xml_(xml) {}

  // False at the end of the document or on markup it cannot read.
  bool next(Tag& tag) {
    text_.clear();
    cdata_.clear();
    while (pos_ < xml_.size()) {
      const auto open = xml_.find('<', pos_);
      if (open == std::string_view::npos) {
        pos_ = xml_.size();
        return false;
      }
      text_.append(xml_.substr(pos_, open - pos_));
      if (xml_.substr(open, 4) == "<!--") {
        const auto end = xml_.find("-->", open + 4);
        if (end == std::string_view::npos) return fail();
        pos_ = end + 3;
        continue;
      }
      if (xml_.substr(open, 9) == "<![CDATA[") {
        const auto end = xml_.find("]]>", open + 9);
        if (end == std::string_view::npos) return fail();
        cdata_.append(xml_.substr(open + 9, end - open - 9));
        text_.append("\x01");  // a marker decode() leaves alone, replaced below
        pos_ = end + 3;
        continue;
      }
      if (xml_.substr(open, 2) == "<?" || xml_.substr(open, 2) == "<!") {
        const auto end = xml_.find('>', open);
        if (end == std::string_view::npos) return fail();
        pos_ = end + 1;
        continue;
      }
      return read_tag(open, tag);
    }
    return false;
  }

  // The character data between the previous tag and the current one, entities decoded.
  std::string text_before() {
    std::string decoded = decode(text_);
    if (cdata_.empty()) return decoded;
    std::string out;
    for (const char c : decoded) {
      if (c == '\x01')
        out.append(cdata_);
      else
        out.push_back(c);
    }
    cdata_.clear();
    return out;
  }

  bool failed() const { return failed_; }

 private:
  bool fail() {
    failed_ = true;
    pos_ = xml_.size();
    return false;
  }

  bool read_tag(std::size_t open, Tag& tag) {
    tag = Tag{};
    std::size_t i = open + 1;
    if (i < xml_.size() && xml_[i] == '/') {
      tag.closing = true;
      ++i;
    }
    const auto name_end = xml_.find_first_of(" \t\r\n/>", i);
    if (name_end == std::string_view::npos || name_end == i) return fail();
    tag.name = local_name(xml_.substr(i, name_end - i));
    i = name_end;
    while (true) {
      i = xml_.find_first_not_of(" \t\r\n", i);
      if (i == std::string_view::npos) return fail();
      if (xml_[i] == '>') {
        pos_ = i + 1;
        return true;
      }
      if (xml_[i] == '/') {
        if (i + 1 >= xml_.size() || xml_[i + 1] != '>') return fail();
        tag.empty = true;
        pos_ = i + 2;
        return true;
      }
      const auto eq = xml_.find('=', i);
      if (eq == std::string_view::npos) return fail();
      const auto name = xml_.substr(i, eq - i);
      auto quote = xml_.find_first_not_of(" \t\r\n", eq + 1);
      if (quote == std::string_view::npos || (xml_[quote] != '"' && xml_[quote] != '\''))
        return fail();
      const auto close = xml_.find(xml_[quote], quote + 1);
      if (close == std::string_view::npos) return fail();
      auto trimmed = name.substr(0, name.find_last_not_of(" \t\r\n") + 1);
      tag.attributes.push_back(
          {local_name(trimmed), decode(xml_.substr(quote + 1, close - quote - 1))});
      if (tag.attributes.size() > 64) return fail();
      i = close + 1;
    }
  }

  std::string_view xml_;
  std::size_t pos_ = 0;
  std::string text_;
  std::string cdata_;
  bool failed_ = false;
};

// ---- writing ----

std::string column_letters(std::size_t index) {
  std::string letters;
  ++index;
  while (index > 0) {
    const auto rem = (index - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    index = (index - 1) / 26;
  }
  return letters;
}

std::string number_text(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return {buffer, end};
}

std::string sheet_xml(const Sheet& sheet) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    xml += fmt::format("<row r=\"{}\">", r + 1);
    for (std::size_t c = 0; c < sheet.rows[r].size(); ++c) {
      const auto& cell = sheet.rows[r][c];
      const auto ref = column_letters(c) + std::to_string(r + 1);
      if (const auto* text = std::get_if<std::string>(&cell)) {
        xml += fmt::format(R"(<c r="{}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>)",
                           ref, escape_markup(*text));
      } else if (const auto* number = std::get_if<double>(&cell);
                 number && std::isfinite(*number)) {
        xml += fmt::format(R"(<c r="{}"><v>{}</v></c>)", ref, number_text(*number));
      }
    }
    xml += "</row>";
  }
  xml += "</sheetData></worksheet>";
  return xml;
}

bool is_valid_sheet_name(std::string_view name) {
  return !name.empty() && name.size() <= 31 &&
         name.find_first_of("[]:*?/\\") == std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct ZipCloser {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};

// ---- reading ----

class Package {
 public:
  static Result<Package> open(std::string_view bytes, std::size_t max_part_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
      zip_error_fini(&error);
      return fail(Errc::malformed, "not an XLSX file");
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (archive == nullptr) {
      zip_source_free(source);
      return fail(Errc::malformed, "not an XLSX file (not a zip archive)");
    }
    return Package(archive, max_part_bytes);
  }

  // The part's bytes; empty optional when the package has no such part.
  Result<std::optional<std::string>> part(const std::string& name) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_.get(), name.c_str(), 0, &stat) != 0) return std::optional<std::string>{};
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > max_part_bytes_) {
      return fail(Errc::too_large, fmt::format("the part {} is too large", name));
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(
        zip_fopen(archive_.get(), name.c_str(), 0), zip_fclose);
    if (!file) return fail(Errc::malformed, fmt::format("the part {} cannot be read", name));
    std::string data(static_cast<std::size_t>(stat.size), '\0');
    std::size_t read = 0;
    while (read < data.size()) {
      const auto n = zip_fread(file.get(), data.data() + read, data.size() - read);
      if (n <= 0) break;
      read += static_cast<std::size_t>(n);
    }
    if (read != data.size())
      return fail(Errc::malformed, fmt::format("the part {} is damaged", name));
    return std::optional<std::string>(std::move(data));
  }

 private:
  Package(zip_t* archive, std::size_t max_part_bytes)
      : archive_(archive), max_part_bytes_(max_part_bytes) {}
  std::unique_ptr<zip_t, ZipCloser> archive_;
  std::size_t max_part_bytes_;
};

struct SheetEntry {
  std::string name;
  std::string relationship;
};

// "A1" -> 0, "AB7" -> 27; nullopt for a reference without letters.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t column = 0;
  std::size_t letters = 0;
  for (const char c : ref) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0) return std::nullopt;
  return column - 1;
}

std::optional<std::size_t> row_of(std::string_view ref) {
  const auto digits = ref.find_first_of("0123456789");
  if (digits == std::string_view::npos) return std::nullopt;
  std::size_t row = 0;
  const auto parsed = std::from_chars(ref.data() + digits, ref.data() + ref.size(), row);
  if (parsed.ec != std::errc{} || row == 0 || row > 1'048'576) return std::nullopt;
  return row - 1;
}

std::string resolve_target(std::string_view target) {
  if (target.starts_with("/")) return std::string(target.substr(1));
  std::string path = "xl/";
  path += target;
  return path;
}

Result<std::vector<std::string>> read_shared_strings(std::string_view xml) {
  std::vector<std::string> strings;
  XmlReader reader(xml);
  Tag tag;
  std::string current;
  bool in_item = false;
  bool in_text = false;
  int phonetic = 0;
  while (reader.next(tag)) {
    if (in_text) {
      if (phonetic == 0) current += reader.text_before();
      in_text = false;
    }
    if (tag.name == "si") {
      if (!tag.closing) {
        in_item = true;
        current.clear();
      }
      if (tag.closing || tag.empty) {
        strings.push_back(current);
        in_item = false;
      }
    } else if (tag.name == "rPh") {  // phonetic runs are not part of the text
      if (!tag.closing && !tag.empty) ++phonetic;
      if (tag.closing && phonetic > 0) --phonetic;
    } else if (tag.name == "t" && in_item && !tag.closing && !tag.empty) {
      in_text = true;
    }
  }
  if (reader.failed())
    return fail(Errc::malformed, "the shared strings of the workbook cannot be read");
  return strings;
}

Result<Sheet> read_sheet(std::string_view xml, std::string name,
                         const std::vector<std::string>& strings, const XlsxLimits& limits,
                         std::size_t& cells) {
  Sheet sheet{std::move(name), {}};
  XmlReader reader(xml);
  Tag tag;
  std::size_t row = 0;
  std::size_t next_row = 0;
  std::size_t column = 0;
  std::string type;
  std::string value;
  bool in_cell = false;
  bool in_value = false;
  bool in_inline = false;
  bool has_value = false;
  const auto store = [&]() -> Result<void> {
    Cell cell;
    if (type == "s") {
      std::size_t index = 0;
      const auto parsed = std::from_chars(value.data(), value.data() + value.size(), index);
      if (parsed.ec != std::errc{} || index >= strings.size()) {
        return fail(Errc::malformed,
                    fmt::format("sheet {} refers to a missing shared string", sheet.name));
      }
      cell = strings[index];
    } else if (type == "inlineStr" || type == "str" || type == "e") {
      cell = value;
    } else if (has_value) {
      double number = 0;
      const auto parsed = std::from_chars(value.data(), value.data() + value.size(), number);
      if (parsed.ec == std::errc{} && parsed.ptr == value.data() + value.size())
        cell = number;
      else
        cell = value;
    }
    if (std::holds_alternative<std::monostate>(cell)) return {};
    if (column >= limits.max_columns) return fail(Errc::too_large, "a sheet has too many columns");
    if (row >= limits.max_rows) return fail(Errc::too_large, "a sheet has too many rows");
    if (++cells > limits.max_cells) return fail(Errc::too_large, "the workbook has too many cells");
    if (sheet.rows.size() <= row) sheet.rows.resize(row + 1);
    auto& cells_of_row = sheet.rows[row];
    if (cells_of_row.size() <= column) cells_of_row.resize(column + 1);
    cells_of_row[column] = std::move(cell);
    return {};
  };
  while (reader.next(tag)) {
    if (in_value || in_inline) {
      value += reader.text_before();
      in_value = false;
      in_inline = false;
    }
    if (tag.name == "row" && !tag.closing) {
      const auto* r = tag.attribute("r");
      std::optional<std::size_t> at;
      if (r != nullptr) {
        std::size_t parsed = 0;
        if (std::from_chars(r->data(), r->data() + r->size(), parsed).ec == std::errc{} &&
            parsed > 0 && parsed <= 1'048'576) {
          at = parsed - 1;
        }
      }
      row = at.value_or(next_row);
      next_row = row + 1;
      column = 0;
    } else if (tag.name == "c") {
      if (!tag.closing) {
        const auto* ref = tag.attribute("r");
        if (ref != nullptr) {
          if (auto c = column_of(*ref)) column = *c;
          if (auto r = row_of(*ref)) row = *r;
        }
        const auto* t = tag.attribute("t");
        type = t != nullptr ? *t : "n";
        value.clear();
        has_value = false;
        in_cell = !tag.empty;
        if (tag.empty) ++column;
      } else if (in_cell) {
        if (auto stored = store(); !stored) return tl::unexpected(stored.error());
        in_cell = false;
        ++column;
      }
    } else if (in_cell && tag.name == "v" && !tag.closing && !tag.empty) {
      in_value = true;
      has_value = true;
    } else if (in_cell && tag.name == "t" && !tag.closing && !tag.empty && type == "inlineStr") {
      in_inline = true;
      has_value = true;
    }
  }
  if (reader.failed())
    return fail(Errc::malformed, fmt::format("sheet {} cannot be read", sheet.name));
  return sheet;
}

}  // namespace

const Sheet* Workbook::find(std::string_view name) const {
  const auto wanted = lower(name);
  const auto found =
      std::ranges::find_if(sheets, [&](const Sheet& s) { return lower(s.name) == wanted; });
  return found == sheets.end() ? nullptr : &*found;
}

Result<std::string> write_xlsx(const Workbook& workbook) {
  std::set<std::string> names;
  for (const auto& sheet : workbook.sheets) {
    if (!is_valid_sheet_name(sheet.name) || !names.insert(lower(sheet.name)).second) {
      return fail(Errc::invalid_argument,
                  "a sheet name is empty, too long, repeated or has []:*?/\\");
    }
  }
  if (workbook.sheets.empty()) return fail(Errc::invalid_argument, "a workbook needs a sheet");
  std::vector<std::pair<std::string, std::string>> parts;
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/"
      ">";
  std::string sheets;
  std::string relationships =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 0; i < workbook.sheets.size(); ++i) {
    const auto n = i + 1;
    types += fmt::format(
        "<Override PartName=\"/xl/worksheets/sheet{}.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/"
        ">",
        n);
    sheets += fmt::format("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
                          escape_markup(workbook.sheets[i].name), n, n);
    relationships += fmt::format(
        "<Relationship Id=\"rId{}\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
        "Target=\"worksheets/sheet{}.xml\"/>",
        n, n);
    parts.emplace_back(fmt::format("xl/worksheets/sheet{}.xml", n), sheet_xml(workbook.sheets[i]));
  }
  types += "</Types>";
  relationships += "</Relationships>";
  parts.emplace_back("[Content_Types].xml", types);
  parts.emplace_back(
      "_rels/.rels",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"xl/workbook.xml\"/></Relationships>");
  parts.emplace_back(
      "xl/workbook.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
      "<sheets>" +
          sheets + "</sheets></workbook>");
  parts.emplace_back("xl/_rels/workbook.xml.rels", relationships);

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) {
    zip_error_fini(&error);
    return fail(Errc::internal, "cannot start an XLSX file");
  }
  zip_source_keep(buffer);
  const auto give_up = [&](std::string message) {
    zip_source_free(buffer);
    zip_error_fini(&error);
    return fail(Errc::internal, std::move(message));
  };
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) return give_up("cannot start an XLSX file");
  for (const auto& [name, data] : parts) {
    zip_source_t* part = zip_source_buffer(archive, data.data(), data.size(), 0);
    if (part == nullptr || zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
      if (part != nullptr) zip_source_free(part);
      zip_discard(archive);
      return give_up("cannot add a part to an XLSX file");
    }
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return give_up("cannot finish an XLSX file");
  }
  std::string bytes;
  if (zip_source_open(buffer) != 0) return give_up("cannot read back an XLSX file");
  zip_source_seek(buffer, 0, SEEK_END);
  const auto size = zip_source_tell(buffer);
  zip_source_seek(buffer, 0, SEEK_SET);
  if (size < 0) {
    zip_source_close(buffer);
    return give_up("cannot read back an XLSX file");
  }
  bytes.resize(static_cast<std::size_t>(size));
  const auto read = zip_source_read(buffer, bytes.data(), bytes.size());
  zip_source_close(buffer);
  zip_source_free(buffer);
  zip_error_fini(&error);
  if (read != size) return fail(Errc::internal, "cannot read back an XLSX file");
  return bytes;
}

Result<Workbook> read_xlsx(std::string_view bytes, const XlsxLimits& limits) {
  auto package = Package::open(bytes, limits.max_part_bytes);
  if (!package) return tl::unexpected(package.error());
  auto workbook_xml = package->part("xl/workbook.xml");
  if (!workbook_xml) return tl::unexpected(workbook_xml.error());
  if (!*workbook_xml) return fail(Errc::malformed, "not an XLSX file (no xl/workbook.xml)");
  auto rels_xml = package->part("xl/_rels/workbook.xml.rels");
  if (!rels_xml) return tl::unexpected(rels_xml.error());

  std::vector<SheetEntry> entries;
  {
    XmlReader reader(**workbook_xml);
    Tag tag;
    while (reader.next(tag)) {
      if (tag.name != "sheet" || tag.closing) continue;
      const auto* name = tag.attribute("name");
      const auto* id = tag.attribute("id");
      if (name != nullptr && id != nullptr) entries.push_back({*name, *id});
    }
    if (reader.failed()) return fail(Errc::malformed, "the workbook part cannot be read");
  }
  std::map<std::string, std::string> targets;
  if (*rels_xml) {
    XmlReader reader(**rels_xml);
    Tag tag;
    while (reader.next(tag)) {
      if (tag.name != "Relationship" || tag.closing) continue;
      const auto* id = tag.attribute("Id");
      const auto* target = tag.attribute("Target");
      if (id != nullptr && target != nullptr) targets[*id] = resolve_target(*target);
    }
    if (reader.failed()) return fail(Errc::malformed, "the workbook relationships cannot be read");
  }
  std::vector<std::string> strings;
  auto shared = package->part("xl/sharedStrings.xml");
  if (!shared) return tl::unexpected(shared.error());
  if (*shared) {
    auto read = read_shared_strings(**shared);
    if (!read) return tl::unexpected(read.error());
    strings = std::move(*read);
  }
  Workbook workbook;
  std::size_t cells = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto found = targets.find(entries[i].relationship);
    const auto path =
        found != targets.end() ? found->second : fmt::format("xl/worksheets/sheet{}.xml", i + 1);
    auto xml = package->part(path);
    if (!xml) return tl::unexpected(xml.error());
    if (!*xml)
      return fail(Errc::malformed,
                  fmt::format("the workbook names a sheet it does not hold ({})", path));
    auto sheet = read_sheet(**xml, entries[i].name, strings, limits, cells);
    if (!sheet) return tl::unexpected(sheet.error());
    for (auto& row : sheet->rows) {
      while (!row.empty() && std::holds_alternative<std::monostate>(row.back())) row.pop_back();
    }
    workbook.sheets.push_back(std::move(*sheet));
  }
  return workbook;
}

std::string cell_text(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<double>(&cell)) {
    if (std::isfinite(*number) && *number == std::floor(*number) && std::fabs(*number) < 1e15) {
      return fmt::format("{}", static_cast<long long>(*number));
    }
    return number_text(*number);
  }
  return {};
}

}  // namespace lifeline::formats
