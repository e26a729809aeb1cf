#include "api/questionnaire_report.hpp"

#include <array>

#include <fmt/format.h>

#include "core/markup.hpp"
#include "formats/pdf.hpp"

namespace lifeline::api {
namespace {

using nlohmann::json;

constexpr int kChartWidth = 520;
constexpr int kLabelWidth = 140;
constexpr int kRow = 22;
constexpr std::array<const char*, 4> kColours = {"#1f5f8b", "#6fa8cf", "#c0392b", "#9aa0a6"};

std::string text_of(const json& value) {
  return value.is_string() ? value.get<std::string>() : std::string{};
}

std::string percent(double share) {
  return fmt::format("{:.0f}%", share * 100.0);
}

std::string answer_label(const std::string& answer) {
  if (answer == "yes") return "Yes";
  if (answer == "partly") return "Partly";
  if (answer == "no") return "No";
  if (answer == "not_applicable") return "Not applicable";
  return answer;
}

// One horizontal bar per answer, as long as its share.
std::string bars_svg(const json& counts, const std::string& title) {
  const int height = std::max<int>(kRow, static_cast<int>(counts.size()) * kRow);
  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">)",
      kChartWidth, height, kChartWidth, height, escape_markup(title));
  const int bar_width = kChartWidth - kLabelWidth - 60;
  int row = 0;
  for (const auto& count : counts) {
    const double share = count.value("share", 0.0);
    const int y = row * kRow;
    svg += fmt::format(
        R"(<text x="{}" y="{}" text-anchor="end" font-size="12" font-family="sans-serif">{}</text>)",
        kLabelWidth - 6, y + 15, escape_markup(answer_label(text_of(count["answer"]))));
    svg += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="16" fill="#e4e7eb"/>)",
                       kLabelWidth, y + 3, bar_width);
    svg += fmt::format(R"(<rect x="{}" y="{}" width="{:.1f}" height="16" fill="{}"/>)", kLabelWidth,
                       y + 3, share * bar_width,
                       kColours[static_cast<std::size_t>(row) % kColours.size()]);
    svg +=
        fmt::format(R"(<text x="{}" y="{}" font-size="12" font-family="sans-serif">{} ({})</text>)",
                    kLabelWidth + bar_width + 6, y + 15, count.value("count", 0), percent(share));
    ++row;
  }
  svg += "</svg>";
  return svg;
}

std::string counts_table(const json& counts, const std::string& caption) {
  std::string table = fmt::format(
      "<table><caption>{}</caption><thead><tr><th scope=\"col\">Answer</th>"
      "<th scope=\"col\">States</th><th scope=\"col\">Share</th></tr></thead><tbody>",
      escape_markup(caption));
  for (const auto& count : counts) {
    table += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                         escape_markup(answer_label(text_of(count["answer"]))),
                         count.value("count", 0), percent(count.value("share", 0.0)));
  }
  return table + "</tbody></table>";
}

std::string number_text(const json& value) {
  return value.is_number() ? fmt::format("{:.6g}", value.get<double>()) : std::string("–");
}

std::string item_section(const json& item) {
  const auto code = text_of(item["code"]);
  std::string html = fmt::format("<section><h3>{}{} — {}</h3>", escape_markup(code),
                                 item.value("current", true)
                                     ? std::string{}
                                     : fmt::format(" (version {})", item.value("version", 1)),
                                 escape_markup(text_of(item["prompt"])));
  const auto provision = text_of(item["provision_id"]);
  if (!provision.empty()) html += fmt::format("<p>Commitment {}</p>", escape_markup(provision));
  html += fmt::format(
      "<p><strong>Denominator: {} States answered</strong> of {} asked ({} responding).</p>",
      item.value("answered", 0), item.value("asked", 0), item.value("responding", 0));
  if (!item["counts"].empty()) {
    html += bars_svg(item["counts"], "Shares of answers to " + code);
    html += counts_table(item["counts"], "Answers to " + code);
  } else if (item["sum"].is_number()) {
    html += fmt::format("<p>Total {}, mean {}, lowest {}, highest {}.</p>",
                        number_text(item["sum"]), number_text(item["mean"]),
                        number_text(item["minimum"]), number_text(item["maximum"]));
  }
  if (!item["texts"].empty()) {
    html += "<ul>";
    for (const auto& text : item["texts"]) {
      html += fmt::format("<li><strong>{}</strong>: {}</li>", escape_markup(text_of(text["name"])),
                          escape_markup(text_of(text["text"])));
    }
    html += "</ul>";
  }
  return html + "</section>";
}

formats::PdfTable counts_pdf_table(const json& counts) {
  formats::PdfTable table{{"Answer", "States", "Share"}, {}, {false, true, true}};
  for (const auto& count : counts) {
    table.rows.push_back({answer_label(text_of(count["answer"])),
                          std::to_string(count.value("count", 0)),
                          percent(count.value("share", 0.0))});
  }
  return table;
}

formats::PdfChart counts_pdf_chart(const json& counts, std::string title) {
  formats::PdfChart chart{std::move(title), {}, false};
  for (const auto& count : counts) {
    const double share = count.value("share", 0.0);
    chart.bars.push_back({answer_label(text_of(count["answer"])), share,
                          fmt::format("{} ({})", count.value("count", 0), percent(share))});
  }
  return chart;
}

void add_item_blocks(formats::PdfDocument& document, const json& item) {
  const auto code = text_of(item["code"]);
  document.blocks.emplace_back(
      formats::PdfHeading{fmt::format("{}{} — {}", code,
                                      item.value("current", true)
                                          ? std::string{}
                                          : fmt::format(" (version {})", item.value("version", 1)),
                                      text_of(item["prompt"])),
                          2});
  const auto provision = text_of(item["provision_id"]);
  if (!provision.empty()) {
    document.blocks.emplace_back(formats::PdfNote{fmt::format("Commitment {}", provision)});
  }
  document.blocks.emplace_back(formats::PdfParagraph{
      fmt::format("Denominator: {} States answered of {} asked ({} responding).",
                  item.value("answered", 0), item.value("asked", 0), item.value("responding", 0))});
  if (!item["counts"].empty()) {
    document.blocks.emplace_back(counts_pdf_table(item["counts"]));
  } else if (item["sum"].is_number()) {
    document.blocks.emplace_back(formats::PdfParagraph{fmt::format(
        "Total {}, mean {}, lowest {}, highest {}.", number_text(item["sum"]),
        number_text(item["mean"]), number_text(item["minimum"]), number_text(item["maximum"]))});
  }
  for (const auto& text : item["texts"]) {
    document.blocks.emplace_back(
        formats::PdfNote{fmt::format("{}: {}", text_of(text["name"]), text_of(text["text"]))});
  }
}

}  // namespace

Result<std::string> questionnaire_report_pdf(const json& analysis,
                                             const std::string& generated_at) {
  const auto& round = analysis["round"];
  formats::PdfDocument document{text_of(round["title"]), "Page", {}};
  document.blocks.emplace_back(formats::PdfParagraph{
      fmt::format("Questionnaire round {} ({}). Report generated {}.", round.value("id", 0),
                  text_of(round["status"]), generated_at)});
  document.blocks.emplace_back(formats::PdfParagraph{fmt::format(
      "{} of {} invited States submitted their answers. Shares are of the States that answered "
      "each question, never of all States; each question shows its denominator.",
      analysis.value("responding", 0), analysis.value("invited", 0))});
  document.blocks.emplace_back(formats::PdfHeading{"By pillar", 1});
  for (const auto& pillar : analysis["pillars"]) {
    const auto name = text_of(pillar["pillar"]);
    document.blocks.emplace_back(formats::PdfHeading{name, 2});
    document.blocks.emplace_back(formats::PdfParagraph{fmt::format(
        "Denominator: {} answers from {} States to {} yes/no questions.",
        pillar.value("denominator", 0), pillar.value("respondents", 0), pillar.value("items", 0))});
    document.blocks.emplace_back(
        counts_pdf_chart(pillar["counts"], "Shares of yes/no answers, " + name));
    document.blocks.emplace_back(counts_pdf_table(pillar["counts"]));
  }
  document.blocks.emplace_back(formats::PdfHeading{"By question", 1});
  for (const auto& item : analysis["items"]) add_item_blocks(document, item);
  return formats::write_pdf(document);
}

std::string questionnaire_report_html(const json& analysis, const std::string& generated_at) {
  const auto& round = analysis["round"];
  const auto title = text_of(round["title"]);
  std::string html = fmt::format(
      "<!DOCTYPE html><html lang=\"en\"><head><meta "
      "charset=\"utf-8\"><title>{}</title></head><body>"
      "<h1>{}</h1><p>Questionnaire round {} ({}). Report generated {}.</p>"
      "<p><strong>{} of {} invited States submitted their answers.</strong> Shares are of the "
      "States "
      "that answered each question, never of all States; each question shows its denominator.</p>",
      escape_markup(title), escape_markup(title), round.value("id", 0),
      escape_markup(text_of(round["status"])), escape_markup(generated_at),
      analysis.value("responding", 0), analysis.value("invited", 0));
  html += "<h2>By pillar</h2>";
  for (const auto& pillar : analysis["pillars"]) {
    const auto name = text_of(pillar["pillar"]);
    html += fmt::format(
        "<section><h3>{}</h3><p><strong>Denominator: {} answers</strong> from {} States to {} "
        "yes/no questions.</p>",
        escape_markup(name), pillar.value("denominator", 0), pillar.value("respondents", 0),
        pillar.value("items", 0));
    html += bars_svg(pillar["counts"], "Shares of yes/no answers, " + name);
    html += counts_table(pillar["counts"], "Yes/no answers, " + name) + "</section>";
  }
  html += "<h2>By question</h2>";
  for (const auto& item : analysis["items"]) html += item_section(item);
  return html + "</body></html>";
}

}  // namespace lifeline::api
