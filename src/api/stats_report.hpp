// The National Rapporteur's annual report: the published statistics of one year (tables by
// sex, age, exploitation, citizenship and first responder, decision outcomes, process figures
// and referrals by month) with disclosure control exactly as /api/v1/stats publishes them, in
// English or Russian, as printable HTML or as PDF. Built from the anonymous facts only.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "formats/pdf.hpp"

namespace lifeline::api {

struct Services;

enum class ReportLanguage { en, ru };
std::optional<ReportLanguage> parse_report_language(std::string_view id);

// One text of the report in both languages; `report_texts` lists them all (for the test that
// keeps the two languages in step).
struct ReportText {
  std::string_view key;
  std::string_view en;
  std::string_view ru;
};
std::span<const ReportText> report_texts();
// The text of `key` in `language`; the key itself when the catalogue lacks it.
std::string report_text(std::string_view key, ReportLanguage language);

// Told what is being done, one line at a time ("table 3 of 9: by citizenship").
using ReportProgress = std::function<void(const std::string&)>;

// The report as a document: the same blocks are written as HTML or PDF.
Result<formats::PdfDocument> build_annual_report(Services& services, int year,
                                                 ReportLanguage language,
                                                 const ReportProgress& progress = {});

// A printable HTML page of the document, every text escaped, charts as inline SVG with
// presentation attributes only (the Content-Security-Policy allows no inline style).
std::string report_html(const formats::PdfDocument& document, std::string_view lang);

}  // namespace lifeline::api
