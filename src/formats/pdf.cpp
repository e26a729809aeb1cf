#include "formats/pdf.hpp"

#include <algorithm>
#include <array>
#include <memory>

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <glib.h>
#include <pango/pangocairo.h>

namespace lifeline::formats {
namespace {

// A4 in points, and the printable area inside the margins.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 56.0;
constexpr double kFooterSpace = 28.0;
constexpr double kContentWidth = kPageWidth - (2 * kMargin);
constexpr double kBottom = kPageHeight - kMargin - kFooterSpace;
constexpr double kCellPadding = 3.0;
constexpr double kBlockGap = 8.0;
constexpr double kBarThickness = 12.0;
constexpr double kBarGap = 5.0;
constexpr double kVerticalChartHeight = 160.0;
constexpr const char* kFamily = "DejaVu Sans";
constexpr std::array<double, 3> kBarColour = {0.12, 0.37, 0.55};
constexpr std::array<double, 3> kRuleColour = {0.6, 0.6, 0.6};
constexpr std::array<double, 3> kHeaderFill = {0.90, 0.92, 0.95};

struct CairoDeleter {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
  void operator()(cairo_t* cairo) const { cairo_destroy(cairo); }
};
struct GDeleter {
  void operator()(gpointer object) const { g_object_unref(object); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using Surface = std::unique_ptr<cairo_surface_t, CairoDeleter>;
using Cairo = std::unique_ptr<cairo_t, CairoDeleter>;
using Layout = std::unique_ptr<PangoLayout, GDeleter>;
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;

// Valid UTF-8 without control characters other than line breaks and tabs: pango warns about
// anything else and prints it as boxes.
std::string clean_text(const std::string& text) {
  gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string result(valid);
  g_free(valid);
  std::erase_if(result, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f;
  });
  return result;
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Style {
  double size = 10.0;
  bool bold = false;
};

constexpr Style kTitle{18.0, true};
constexpr Style kHeading1{14.0, true};
constexpr Style kHeading2{11.5, true};
constexpr Style kBody{10.0, false};
constexpr Style kSmall{8.0, false};
constexpr Style kCell{8.5, false};
constexpr Style kHeaderCell{8.5, true};

// Lays the blocks out page after page, keeping the vertical position on the current page.
class Writer {
 public:
  explicit Writer(std::string& out, const std::string& footer)
      : footer_(footer),
        surface_(cairo_pdf_surface_create_for_stream(append_bytes, &out, kPageWidth, kPageHeight)),
        cairo_(cairo_create(surface_.get())) {}

  void set_title(const std::string& title) {
    cairo_pdf_surface_set_metadata(surface_.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  }

  Result<void> finish() {
    end_page();
    cairo_.reset();
    cairo_surface_finish(surface_.get());
    const auto status = cairo_surface_status(surface_.get());
    if (status != CAIRO_STATUS_SUCCESS) {
      return fail(Errc::internal,
                  fmt::format("the PDF was not written: {}", cairo_status_to_string(status)));
    }
    return {};
  }

  void text_block(const std::string& text, Style style, double space_before) {
    auto layout = make_layout(text, style, kContentWidth, PANGO_ALIGN_LEFT);
    const double height = height_of(layout);
    y_ += space_before;
    if (y_ + height > kBottom && y_ > kMargin + space_before) new_page();
    draw(layout, kMargin, y_);
    y_ += height;
  }

  void table(const PdfTable& table) {
    const auto columns = std::max(table.header.size(), column_count(table.rows));
    if (columns == 0) return;
    const auto widths = column_widths(columns);
    y_ += kBlockGap;
    if (y_ + 40.0 > kBottom) new_page();
    table_row(table.header, widths, table.numeric, true);
    for (const auto& row : table.rows) {
      if (y_ + row_height(row, widths, table.numeric, false) > kBottom) {
        new_page();
        table_row(table.header, widths, table.numeric, true);
      }
      table_row(row, widths, table.numeric, false);
    }
  }

  void chart(const PdfChart& chart) {
    if (!chart.title.empty()) text_block(chart.title, kHeading2, kBlockGap);
    if (chart.bars.empty()) return;
    double longest = 0;
    for (const auto& bar : chart.bars) longest = std::max(longest, bar.value);
    if (longest <= 0) longest = 1;
    if (chart.vertical) {
      vertical_chart(chart, longest);
    } else {
      horizontal_chart(chart, longest);
    }
  }

 private:
  Layout make_layout(const std::string& text, Style style, double width, PangoAlignment align) {
    Layout layout(pango_cairo_create_layout(cairo_.get()));
    Font font(pango_font_description_new());
    pango_font_description_set_family(font.get(), kFamily);
    pango_font_description_set_absolute_size(font.get(), style.size * PANGO_SCALE);
    pango_font_description_set_weight(font.get(),
                                      style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font.get());
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), align);
    const auto clean = clean_text(text);
    pango_layout_set_text(layout.get(), clean.data(), static_cast<int>(clean.size()));
    return layout;
  }

  static double height_of(const Layout& layout) {
    int width = 0;
    int height = 0;
    pango_layout_get_size(layout.get(), &width, &height);
    return static_cast<double>(height) / PANGO_SCALE;
  }

  void draw(const Layout& layout, double x, double y) {
    cairo_set_source_rgb(cairo_.get(), 0, 0, 0);
    cairo_move_to(cairo_.get(), x, y);
    pango_cairo_show_layout(cairo_.get(), layout.get());
  }

  void colour(const std::array<double, 3>& rgb) {
    cairo_set_source_rgb(cairo_.get(), rgb[0], rgb[1], rgb[2]);
  }

  void end_page() {
    ++page_;
    auto layout = make_layout(fmt::format("{} {}", footer_, page_), kSmall, kContentWidth,
                              PANGO_ALIGN_CENTER);
    draw(layout, kMargin, kPageHeight - kMargin);
    cairo_show_page(cairo_.get());
  }

  void new_page() {
    end_page();
    y_ = kMargin;
  }

  static std::size_t column_count(const std::vector<std::vector<std::string>>& rows) {
    std::size_t most = 0;
    for (const auto& row : rows) most = std::max(most, row.size());
    return most;
  }

  // The first column holds the labels and gets twice the width of a figure column.
  static std::vector<double> column_widths(std::size_t columns) {
    const double unit = kContentWidth / static_cast<double>(columns + 1);
    std::vector<double> widths(columns, unit);
    widths[0] = columns == 1 ? kContentWidth : 2 * unit;
    return widths;
  }

  static bool is_numeric(const std::vector<bool>& numeric, std::size_t column) {
    return column < numeric.size() && numeric[column];
  }

  std::vector<Layout> cell_layouts(const std::vector<std::string>& row,
                                   const std::vector<double>& widths,
                                   const std::vector<bool>& numeric, bool header) {
    std::vector<Layout> layouts;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const std::string& text = c < row.size() ? row[c] : empty_;
      layouts.push_back(make_layout(text, header ? kHeaderCell : kCell,
                                    widths[c] - (2 * kCellPadding),
                                    is_numeric(numeric, c) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT));
    }
    return layouts;
  }

  double row_height(const std::vector<std::string>& row, const std::vector<double>& widths,
                    const std::vector<bool>& numeric, bool header) {
    double height = 0;
    for (const auto& layout : cell_layouts(row, widths, numeric, header)) {
      height = std::max(height, height_of(layout));
    }
    return height + (2 * kCellPadding);
  }

  void table_row(const std::vector<std::string>& row, const std::vector<double>& widths,
                 const std::vector<bool>& numeric, bool header) {
    const auto layouts = cell_layouts(row, widths, numeric, header);
    double height = 0;
    for (const auto& layout : layouts) height = std::max(height, height_of(layout));
    height += 2 * kCellPadding;
    if (header) {
      colour(kHeaderFill);
      cairo_rectangle(cairo_.get(), kMargin, y_, kContentWidth, height);
      cairo_fill(cairo_.get());
    }
    double x = kMargin;
    for (std::size_t c = 0; c < layouts.size(); ++c) {
      draw(layouts[c], x + kCellPadding, y_ + kCellPadding);
      x += widths[c];
    }
    colour(kRuleColour);
    cairo_set_line_width(cairo_.get(), 0.5);
    cairo_move_to(cairo_.get(), kMargin, y_ + height);
    cairo_line_to(cairo_.get(), kMargin + kContentWidth, y_ + height);
    cairo_stroke(cairo_.get());
    y_ += height;
  }

  void horizontal_chart(const PdfChart& chart, double longest) {
    const double label_width = kContentWidth * 0.3;
    const double value_width = 50.0;
    const double bar_area = kContentWidth - label_width - value_width - 8.0;
    y_ += kBarGap;
    for (const auto& bar : chart.bars) {
      if (y_ + kBarThickness + kBarGap > kBottom) new_page();
      auto label = make_layout(bar.label, kSmall, label_width - 6.0, PANGO_ALIGN_RIGHT);
      pango_layout_set_ellipsize(label.get(), PANGO_ELLIPSIZE_END);
      draw(label, kMargin, y_ + 1.0);
      const double length = std::max(0.0, bar.value) / longest * bar_area;
      colour(kBarColour);
      cairo_rectangle(cairo_.get(), kMargin + label_width, y_, length, kBarThickness);
      cairo_fill(cairo_.get());
      auto value = make_layout(bar.shown, kSmall, value_width, PANGO_ALIGN_LEFT);
      draw(value, kMargin + label_width + length + 4.0, y_ + 1.0);
      y_ += kBarThickness + kBarGap;
    }
  }

  void vertical_chart(const PdfChart& chart, double longest) {
    const double label_height = 22.0;
    const double value_height = 12.0;
    const double total = kVerticalChartHeight + label_height + value_height;
    y_ += kBarGap;
    if (y_ + total > kBottom) new_page();
    const double slot = kContentWidth / static_cast<double>(chart.bars.size());
    const double base = y_ + value_height + kVerticalChartHeight;
    double x = kMargin;
    for (const auto& bar : chart.bars) {
      const double length = std::max(0.0, bar.value) / longest * kVerticalChartHeight;
      colour(kBarColour);
      cairo_rectangle(cairo_.get(), x + (slot * 0.15), base - length, slot * 0.7, length);
      cairo_fill(cairo_.get());
      auto value = make_layout(bar.shown, kSmall, slot, PANGO_ALIGN_CENTER);
      draw(value, x, base - length - value_height);
      auto label = make_layout(bar.label, kSmall, slot, PANGO_ALIGN_CENTER);
      draw(label, x, base + 2.0);
      x += slot;
    }
    colour(kRuleColour);
    cairo_set_line_width(cairo_.get(), 0.5);
    cairo_move_to(cairo_.get(), kMargin, base);
    cairo_line_to(cairo_.get(), kMargin + kContentWidth, base);
    cairo_stroke(cairo_.get());
    y_ += total;
  }

  std::string footer_;
  std::string empty_;
  Surface surface_;
  Cairo cairo_;
  double y_ = kMargin;
  int page_ = 0;
};

}  // namespace

Result<std::string> write_pdf(const PdfDocument& document) {
  std::string out;
  {
    Writer writer(out, document.footer.empty() ? std::string("Page") : document.footer);
    writer.set_title(clean_text(document.title));
    if (!document.title.empty()) writer.text_block(document.title, kTitle, 0);
    for (const auto& block : document.blocks) {
      if (const auto* heading = std::get_if<PdfHeading>(&block)) {
        writer.text_block(heading->text, heading->level <= 1 ? kHeading1 : kHeading2,
                          heading->level <= 1 ? 14.0 : 10.0);
      } else if (const auto* paragraph = std::get_if<PdfParagraph>(&block)) {
        writer.text_block(paragraph->text, kBody, kBlockGap);
      } else if (const auto* note = std::get_if<PdfNote>(&block)) {
        writer.text_block(note->text, kSmall, 4.0);
      } else if (const auto* table = std::get_if<PdfTable>(&block)) {
        writer.table(*table);
      } else if (const auto* chart = std::get_if<PdfChart>(&block)) {
        writer.chart(*chart);
      }
    }
    if (auto finished = writer.finish(); !finished) return tl::unexpected(finished.error());
  }
  return out;
}

}  // namespace lifeline::formats
