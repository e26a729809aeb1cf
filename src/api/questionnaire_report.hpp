// The analysis of a questionnaire round as a printable HTML report: per pillar and per item,
// counts and shares of the responding States with their denominators, bar charts drawn as SVG
// (presentation attributes only: the Content-Security-Policy allows no inline style), free
// text with its State. Every text is escaped.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace lifeline::api {

// `analysis` is what analyse_round() returns; `generated_at` an ISO 8601 time.
std::string questionnaire_report_html(const nlohmann::json& analysis,
                                      const std::string& generated_at);

// The same analysis as a PDF file: shares per pillar with a bar chart each, and per item.
Result<std::string> questionnaire_report_pdf(const nlohmann::json& analysis,
                                             const std::string& generated_at);

}  // namespace lifeline::api
