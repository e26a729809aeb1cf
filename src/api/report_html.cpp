// The HTML writer of a report document (the same blocks the PDF writer lays out).
#include <algorithm>
#include <variant>

#include <fmt/format.h>

#include "api/stats_report.hpp"
#include "core/markup.hpp"

namespace lifeline::api {
namespace {

using formats::PdfChart;
using formats::PdfTable;

constexpr int kChartWidth = 640;
constexpr int kLabelWidth = 200;
constexpr int kRow = 20;
constexpr int kColumnsHeight = 180;
constexpr const char* kBarColour = "#1f5f8b";

double longest_bar(const PdfChart& chart) {
  double longest = 0;
  for (const auto& bar : chart.bars) longest = std::max(longest, bar.value);
  return longest > 0 ? longest : 1;
}

std::string horizontal_svg(const PdfChart& chart) {
  const int height = std::max(kRow, static_cast<int>(chart.bars.size()) * kRow);
  const int area = kChartWidth - kLabelWidth - 60;
  const double longest = longest_bar(chart);
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img" aria-label="{2}">)",
      kChartWidth, height, escape_markup(chart.title));
  int y = 0;
  for (const auto& bar : chart.bars) {
    const double length = std::max(0.0, bar.value) / longest * area;
    svg += fmt::format(
        R"(<text x="{}" y="{}" text-anchor="end" font-size="12" font-family="sans-serif">{}</text>)",
        kLabelWidth - 6, y + 14, escape_markup(bar.label));
    svg += fmt::format(R"(<rect x="{}" y="{}" width="{:.1f}" height="14" fill="{}"/>)", kLabelWidth,
                       y + 3, length, kBarColour);
    svg +=
        fmt::format(R"(<text x="{:.1f}" y="{}" font-size="12" font-family="sans-serif">{}</text>)",
                    kLabelWidth + length + 4, y + 14, escape_markup(bar.shown));
    y += kRow;
  }
  return svg + "</svg>";
}

std::string vertical_svg(const PdfChart& chart) {
  const int height = kColumnsHeight + 40;
  const double slot = static_cast<double>(kChartWidth) /
                      static_cast<double>(std::max<std::size_t>(1, chart.bars.size()));
  const double longest = longest_bar(chart);
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{1}" viewBox="0 0 {0} {1}" role="img" aria-label="{2}">)",
      kChartWidth, height, escape_markup(chart.title));
  const int base = kColumnsHeight + 16;
  double x = 0;
  for (const auto& bar : chart.bars) {
    const double length = std::max(0.0, bar.value) / longest * kColumnsHeight;
    svg += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"/>)",
                       x + (slot * 0.15), base - length, slot * 0.7, length, kBarColour);
    svg += fmt::format(
        R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="10" font-family="sans-serif">{}</text>)",
        x + (slot / 2), base - length - 3, escape_markup(bar.shown));
    svg += fmt::format(
        R"(<text x="{:.1f}" y="{}" text-anchor="middle" font-size="10" font-family="sans-serif">{}</text>)",
        x + (slot / 2), base + 14, escape_markup(bar.label));
    x += slot;
  }
  return svg + "</svg>";
}

std::string table_html(const PdfTable& table) {
  auto numeric = [&](std::size_t c) { return c < table.numeric.size() && table.numeric[c]; };
  std::string html = "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\"><thead><tr>";
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    html += fmt::format("<th scope=\"col\"{}>{}</th>", numeric(c) ? " align=\"right\"" : "",
                        escape_markup(table.header[c]));
  }
  html += "</tr></thead><tbody>";
  for (const auto& row : table.rows) {
    html += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (c == 0) {
        html += fmt::format("<th scope=\"row\" align=\"left\">{}</th>", escape_markup(row[c]));
      } else {
        html += fmt::format("<td{}>{}</td>", numeric(c) ? " align=\"right\"" : "",
                            escape_markup(row[c]));
      }
    }
    html += "</tr>";
  }
  return html + "</tbody></table>";
}

struct BlockHtml {
  std::string operator()(const formats::PdfHeading& heading) const {
    const int level = heading.level <= 1 ? 2 : 3;
    return fmt::format("<h{0}>{1}</h{0}>", level, escape_markup(heading.text));
  }
  std::string operator()(const formats::PdfParagraph& paragraph) const {
    return fmt::format("<p>{}</p>", escape_markup(paragraph.text));
  }
  std::string operator()(const formats::PdfNote& note) const {
    return fmt::format("<p><small>{}</small></p>", escape_markup(note.text));
  }
  std::string operator()(const PdfTable& table) const { return table_html(table); }
  std::string operator()(const PdfChart& chart) const {
    std::string html = "<figure>";
    html += chart.vertical ? vertical_svg(chart) : horizontal_svg(chart);
    if (!chart.title.empty()) {
      html += fmt::format("<figcaption>{}</figcaption>", escape_markup(chart.title));
    }
    return html + "</figure>";
  }
};

}  // namespace

std::string report_html(const formats::PdfDocument& document, std::string_view lang) {
  std::string html = fmt::format(
      "<!DOCTYPE html><html lang=\"{0}\"><head><meta charset=\"utf-8\"><title>{1}</title></head>"
      "<body><h1>{1}</h1>",
      escape_markup(lang), escape_markup(document.title));
  for (const auto& block : document.blocks) html += std::visit(BlockHtml{}, block);
  return html + "</body></html>";
}

}  // namespace lifeline::api
