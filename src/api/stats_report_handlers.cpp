// The National Rapporteur's annual report for analysts, as HTML or PDF.
#include <fmt/format.h>

#include "api/common.hpp"
#include "api/services.hpp"
#include "api/stats_report.hpp"

namespace lifeline::api {
namespace {

constexpr std::int64_t kFirstYear = 1900;
constexpr std::int64_t kLastYear = 2200;

Result<int> year_parameter(const http::Request& request) {
  const auto value = request.query_param("year").value_or("");
  const auto year = parse_integer(value);
  if (!year || *year < kFirstYear || *year > kLastYear) {
    return fail(Errc::malformed, "year is required: a year such as 2025");
  }
  return static_cast<int>(*year);
}

http::Response get_report(Services& services, http::Context& context) {
  const auto& request = context.request;
  auto year = year_parameter(request);
  if (!year) return http::problem_from(year.error());
  const auto lang = request.query_param("lang").value_or("en");
  const auto language = parse_report_language(lang);
  if (!language)
    return http::problem_from(
        Error{Errc::malformed, "lang must be en or ru", {}, {{"lang", "en or ru"}}});
  const auto format = request.query_param("format").value_or("html");
  if (format != "html" && format != "pdf") {
    return http::problem_from(
        Error{Errc::malformed, "format must be html or pdf", {}, {{"format", "html or pdf"}}});
  }
  auto document = build_annual_report(services, *year, *language);
  if (!document) return http::problem_from(document.error());
  http::Response response;
  response.status = 200;
  if (format == "html") {
    response.headers.set("Content-Type", "text/html; charset=utf-8");
    response.body = report_html(*document, lang);
    return response;
  }
  auto pdf = formats::write_pdf(*document);
  if (!pdf) return http::problem_from(pdf.error());
  response.headers.set("Content-Type", "application/pdf");
  response.headers.set(
      "Content-Disposition",
      fmt::format("attachment; filename=\"lifeline-report-{}-{}.pdf\"", *year, lang));
  response.body = std::move(*pdf);
  return response;
}

}  // namespace

void add_stats_report_routes(http::Router& router, Services& services) {
  router.add({http::Method::get, "/api/v1/stats/report", http::AccessRule::roles_any({"analyst"}),
              [&](http::Context& c) { return get_report(services, c); },
              "The National Rapporteur's annual report as HTML or PDF (analysts)"});
}

}  // namespace lifeline::api
