// PDF reports on A4 pages: a small document model (title, headings, paragraphs, notes, tables,
// bar charts) laid out top to bottom with pango and drawn with cairo. Not a general renderer:
// no markup is ever interpreted, every text is set as plain UTF-8 in the "DejaVu Sans" family,
// which covers Latin and Cyrillic. Tables wrap over pages and repeat their header row; every
// page has its number in the footer.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace lifeline::formats {

struct PdfHeading {
  std::string text;
  int level = 1;  // 1 or 2
};

struct PdfParagraph {
  std::string text;
};

// Small text: sources, explanations, the suppression note.
struct PdfNote {
  std::string text;
};

struct PdfTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Columns whose cells are figures, right-aligned; missing entries count as text.
  std::vector<bool> numeric;
};

struct PdfBar {
  std::string label;
  double value = 0;   // the bar's length relative to the longest bar of the chart
  std::string shown;  // what is written next to the bar ("12", "<5", "40%")
};

struct PdfChart {
  std::string title;
  std::vector<PdfBar> bars;
  bool vertical = false;  // columns side by side, labels below; otherwise one bar per line
};

using PdfBlock = std::variant<PdfHeading, PdfParagraph, PdfNote, PdfTable, PdfChart>;

struct PdfDocument {
  std::string title;   // the first line of the first page and the file's metadata title
  std::string footer;  // before the page number on every page ("Page" or "Страница")
  std::vector<PdfBlock> blocks;
};

// The bytes of the PDF file. Invalid UTF-8 is replaced, control characters dropped. Errors:
// internal when cairo reports a failure.
Result<std::string> write_pdf(const PdfDocument& document);

}  // namespace lifeline::formats
