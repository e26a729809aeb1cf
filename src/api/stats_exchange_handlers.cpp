// Exchange of statistics for the National Rapporteur. Criminal-justice figures recorded per
// year: investigations, prosecutions, convictions, sentences and confiscated assets by form of
// exploitation (aggregates, not personal data, but counts below the suppression threshold are
// published suppressed like every other table). The UNODC Global Report's long layout written
// from the cases and those figures.
#include <fmt/format.h>

#include "api/common.hpp"
#include "api/csv.hpp"
#include "api/services.hpp"
#include "audit/audit_trail.hpp"
#include "domain/stats/external.hpp"
#include "domain/stats/unodc_export.hpp"
#include "http/json_body.hpp"
#include "storage/repositories/criminal_justice_repository.hpp"
#include "storage/repositories/stats_repository.hpp"

namespace lifeline::api {
namespace {

using domain::stats::CriminalJusticeFigure;

constexpr std::size_t kMaxFigures = 1000;

http::AccessRule analysts() {
  return http::AccessRule::roles_any({"analyst"});
}

// There is no rapporteur role: the analysts of the authority record the figures.
http::AccessRule recorders() {
  return http::AccessRule::roles_any({"analyst"});
}

Result<std::optional<int>> year_parameter(const http::Request& request, bool required) {
  const auto text = request.query_param("year").value_or("");
  if (text.empty()) {
    if (required) return fail(Errc::malformed, "year is required");
    return std::optional<int>{};
  }
  const auto year = parse_integer(text);
  constexpr std::int64_t kFirst = 1900;
  constexpr std::int64_t kLast = 2200;
  if (!year || *year < kFirst || *year > kLast) return fail(Errc::malformed, "year must be a year");
  return std::optional<int>{static_cast<int>(*year)};
}

// A count as published: a figure under the threshold is suppressed; amounts are not counts of
// people and are published as they are.
nlohmann::json published_json(const CriminalJusticeFigure& f, int threshold) {
  const bool amount = f.indicator == domain::stats::kConfiscatedAssets;
  if (!amount && f.value > 0 && f.value < threshold) {
    return {{"value", nullptr}, {"suppressed", true}, {"shown", fmt::format("<{}", threshold)}};
  }
  return {{"value", f.value}, {"suppressed", false}};
}

nlohmann::json figure_json(const CriminalJusticeFigure& f, int threshold) {
  return {{"year", f.year},
          {"indicator", f.indicator},
          {"exploitation_type", f.exploitation_type},
          {"value", f.value},
          {"currency", f.currency.empty() ? nlohmann::json(nullptr) : nlohmann::json(f.currency)},
          {"source", f.source},
          {"note", f.note},
          {"published", published_json(f, threshold)}};
}

http::Response get_criminal_justice(Services& services, http::Context& context) {
  auto year = year_parameter(context.request, false);
  if (!year) return http::problem_from(year.error());
  storage::CriminalJusticeRepository repository(services.database);
  auto figures = repository.find(*year);
  if (!figures) return http::problem_from(figures.error());
  const auto threshold = services.stats_policy.suppression_threshold;
  auto items = nlohmann::json::array();
  for (const auto& f : *figures) items.push_back(figure_json(f, threshold));
  auto indicators = nlohmann::json::array();
  for (const auto id : domain::stats::criminal_justice_indicators()) indicators.push_back(id);
  return http::json_response(200,
                             {{"year", *year ? nlohmann::json(**year) : nlohmann::json(nullptr)},
                              {"items", std::move(items)},
                              {"indicators", std::move(indicators)},
                              {"threshold", threshold}});
}

// One figure of a PUT body; every broken rule is added to `errors` under figures[i].
std::optional<CriminalJusticeFigure> figure_of(const nlohmann::json& item, std::size_t index,
                                               int year, std::vector<FieldError>& errors) {
  const auto field = [&](std::string_view name) {
    return fmt::format("figures[{}].{}", index, name);
  };
  if (!item.is_object()) {
    errors.push_back({fmt::format("figures[{}]", index), "must be an object"});
    return std::nullopt;
  }
  for (const auto& [key, value] : item.items()) {
    if (key != "indicator" && key != "exploitation_type" && key != "value" && key != "currency" &&
        key != "source" && key != "note") {
      errors.push_back({field(key.substr(0, 32)), "unknown field"});
    }
  }
  auto text = [&](std::string_view name) {
    const auto it = item.find(name);
    if (it == item.end() || it->is_null()) return std::string();
    if (!it->is_string()) {
      errors.push_back({field(name), "must be a string"});
      return std::string();
    }
    return it->get<std::string>();
  };
  CriminalJusticeFigure f;
  f.year = year;
  f.indicator = text("indicator");
  f.exploitation_type = text("exploitation_type");
  f.currency = text("currency");
  f.source = text("source");
  f.note = text("note");
  const auto value = item.find("value");
  if (value == item.end() || !value->is_number()) {
    errors.push_back({field("value"), "must be a number"});
    return std::nullopt;
  }
  f.value = value->get<double>();
  const auto problems = domain::stats::criminal_justice_problem(f);
  if (problems.empty()) return f;
  // One error per broken rule, under the field its message starts with.
  std::string_view rest = problems;
  while (!rest.empty()) {
    const auto end = rest.find("; ");
    const auto message = rest.substr(0, end);
    const auto name = message.starts_with("exploitation type")
                          ? std::string("exploitation_type")
                          : std::string(message.substr(0, message.find(' ')));
    errors.push_back({field(name), std::string(message)});
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
  }
  return std::nullopt;
}

Result<std::vector<CriminalJusticeFigure>> figures_of(const http::Request& request, int year) {
  auto body = http::parse_json_body(request);
  if (!body) return tl::unexpected(body.error());
  const auto list = body->find("figures");
  if (list == body->end() || !list->is_array()) {
    return fail_fields("The figures are invalid", {{"figures", "must be a list"}});
  }
  if (list->size() > kMaxFigures) {
    return fail_fields("The figures are invalid",
                       {{"figures", fmt::format("at most {} figures", kMaxFigures)}});
  }
  std::vector<FieldError> errors;
  std::vector<CriminalJusticeFigure> figures;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto f = figure_of((*list)[i], i, year, errors);
    if (f) {
      f->row = i + 1;
      figures.push_back(std::move(*f));
    }
  }
  for (const auto& problem : domain::stats::check_criminal_justice(figures)) {
    errors.push_back({fmt::format("figures[{}]", problem.row - 1), problem.message});
  }
  if (!errors.empty()) return fail_fields("The figures are invalid", std::move(errors));
  for (auto& f : figures) f.row = 0;
  return figures;
}

http::Response put_criminal_justice(Services& services, http::Context& context) {
  auto year = year_parameter(context.request, true);
  if (!year) return http::problem_from(year.error());
  auto figures = figures_of(context.request, **year);
  if (!figures) return http::problem_from(figures.error());
  const auto actor = actor_of(context);
  storage::CriminalJusticeRepository repository(services.database);
  const audit::AuditEntry entry{
      actor.user_id, actor.organisation_id, "stats.criminal_justice.replace", "", "", "success"};
  if (auto stored = repository.replace_year(**year, *figures, entry, services.clock.now());
      !stored) {
    return http::problem_from(stored.error());
  }
  return get_criminal_justice(services, context);
}

// Detected victims of the year by each dimension UNODC reports, protected as published tables.
Result<std::vector<domain::stats::UnodcBreakdown>> unodc_breakdowns(Services& services, int year) {
  using domain::stats::Dimension;
  storage::StatsRepository repository(services.database);
  storage::FactFilter filter;
  filter.from = fmt::format("{:04}-01-01", year);
  filter.to = fmt::format("{:04}-12-31", year);
  std::vector<domain::stats::UnodcBreakdown> breakdowns;
  for (const auto dimension : {Dimension::gender, Dimension::age_group,
                               Dimension::exploitation_type, Dimension::citizenship}) {
    auto groups = repository.table_groups(dimension, Dimension::year, filter);
    if (!groups) return tl::unexpected(groups.error());
    breakdowns.push_back(
        {dimension,
         domain::stats::protect(domain::stats::tabulate(dimension, Dimension::year, *groups),
                                services.stats_policy.suppression_threshold)});
  }
  return breakdowns;
}

http::Response export_unodc(Services& services, http::Context& context) {
  auto year = year_parameter(context.request, true);
  if (!year) return http::problem_from(year.error());
  const auto& policy = services.stats_policy;
  if (policy.country_iso3.empty()) {
    return http::problem_from(Error{Errc::conflict,
                                    "the deployment's country is not configured: set [statistics] "
                                    "country_iso3 (and country_name, region, subregion)",
                                    "country-not-configured",
                                    {}});
  }
  auto breakdowns = unodc_breakdowns(services, **year);
  if (!breakdowns) return http::problem_from(breakdowns.error());
  storage::CriminalJusticeRepository repository(services.database);
  auto figures = repository.find(*year);
  if (!figures) return http::problem_from(figures.error());
  const domain::stats::UnodcCountry country{policy.country_iso3, policy.country_name, policy.region,
                                            policy.subregion};
  const auto rows = domain::stats::unodc_export_rows(country, **year, *breakdowns, *figures,
                                                     policy.suppression_threshold);
  const auto actor = actor_of(context);
  const audit::AuditEntry entry{actor.user_id,  actor.organisation_id,  "stats.export.unodc",
                                "stats_export", std::to_string(**year), "success"};
  if (auto audited = services.database.write(
          [&](storage::Session& s) { return audit::append(s, entry, services.clock.now()); });
      !audited) {
    return http::problem_from(audited.error());
  }
  // The header exactly as UNODC writes it (unquoted); the rows through the CSV helper.
  auto response =
      csv_response(fmt::format("lifeline-unodc-{}-{}.csv", policy.country_iso3, **year), {}, {});
  response.body = std::string(domain::stats::kUnodcHeader) + "\r\n";
  for (const auto& row : rows) response.body += csv_line(domain::stats::unodc_fields(row));
  return response;
}

}  // namespace

void add_stats_exchange_routes(http::Router& router, Services& services) {
  router.add({http::Method::get, "/api/v1/stats/criminal-justice", analysts(),
              [&](http::Context& c) { return get_criminal_justice(services, c); },
              "Criminal-justice figures recorded per year (analysts)"});
  router.add({http::Method::put, "/api/v1/stats/criminal-justice", recorders(),
              [&](http::Context& c) { return put_criminal_justice(services, c); },
              "Replace a year's criminal-justice figures (analysts)"});
  router.add({http::Method::get, "/api/v1/stats/export/unodc", analysts(),
              [&](http::Context& c) { return export_unodc(services, c); },
              "A year's figures in the UNODC Global Report's long layout (analysts)"});
}

}  // namespace lifeline::api
