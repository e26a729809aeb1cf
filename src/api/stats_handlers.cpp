// Statistics for the National Rapporteur, for analysts only: two-way tables of the cases with
// disclosure control, process figures, and figures imported from UNODC. Everything here is
// counted from the anonymous facts table; nothing identifies anybody.
#include <array>

#include <fmt/format.h>

#include "api/case_json.hpp"
#include "api/common.hpp"
#include "api/csv.hpp"
#include "api/services.hpp"
#include "api/stats_figures.hpp"
#include "audit/audit_trail.hpp"
#include "domain/nrm/case_store.hpp"
#include "domain/nrm/vocabulary.hpp"
#include "domain/stats/exports.hpp"
#include "domain/stats/microdata.hpp"
#include "domain/stats/process.hpp"
#include "domain/stats/suppression.hpp"
#include "domain/stats/table.hpp"
#include "formats/xlsx.hpp"
#include "storage/repositories/stats_repository.hpp"

namespace lifeline::api {
namespace {

using domain::stats::Dimension;
using domain::stats::ProtectedTable;
using domain::stats::Suppression;

constexpr std::size_t kMaxEchoed = 40;  // of a bad parameter, in an error message
constexpr int kMaxUnodcRows = 5000;

http::AccessRule analysts() {
  return http::AccessRule::roles_any({"analyst"});
}

std::string dimension_list() {
  std::string list;
  for (const auto dimension : domain::stats::all_dimensions()) {
    list.append(list.empty() ? "" : ", ").append(domain::stats::to_string(dimension));
  }
  return list;
}

Result<Dimension> dimension_parameter(const http::Request& request, std::string_view name) {
  const auto value = request.query_param(name);
  if (!value || value->empty()) {
    return fail(Errc::malformed, fmt::format("{} is required: one of {}", name, dimension_list()),
                "unknown-dimension");
  }
  const auto dimension = domain::stats::parse_dimension(*value);
  if (!dimension) {
    return fail(Errc::malformed,
                fmt::format("{}: \"{}\" is not a dimension; use one of {}", name,
                            value->substr(0, kMaxEchoed), dimension_list()),
                "unknown-dimension");
  }
  return *dimension;
}

Result<std::string> date_parameter(const http::Request& request, std::string_view name) {
  const auto value = request.query_param(name).value_or("");
  if (value.empty()) return value;
  if (!domain::nrm::parse_iso_date(value)) {
    return fail(Errc::malformed, fmt::format("{} must be a date (YYYY-MM-DD)", name));
  }
  return value;
}

Result<storage::FactFilter> fact_filter(const http::Request& request) {
  storage::FactFilter filter;
  auto from = date_parameter(request, "from");
  if (!from) return tl::unexpected(from.error());
  auto to = date_parameter(request, "to");
  if (!to) return tl::unexpected(to.error());
  if (!from->empty() && !to->empty() && *from > *to) {
    return fail(Errc::malformed, "from must not be after to");
  }
  filter.from = *from;
  filter.to = *to;
  filter.trafficking_status = request.query_param("status").value_or("");
  if (!filter.trafficking_status.empty() &&
      !domain::nrm::is_trafficking_status(filter.trafficking_status)) {
    return fail(Errc::malformed,
                "status must be presumed_victim, identified_victim or not_a_victim");
  }
  return filter;
}

Result<bool> wants_csv(const http::Request& request) {
  const auto format = request.query_param("format").value_or("json");
  if (format != "json" && format != "csv") {
    return fail(Errc::malformed, "format must be json or csv");
  }
  return format == "csv";
}

// "<5" for a cell below the threshold, "x" for one suppressed to protect another.
std::string shown(const ProtectedTable& table, std::size_t row, std::size_t col) {
  const auto value = table.value(row, col);
  switch (table.suppression[row][col]) {
    case Suppression::none:
      return std::to_string(value);
    default:
      return value < table.threshold ? fmt::format("<{}", table.threshold) : "x";
  }
}

nlohmann::json cell_json(const ProtectedTable& table, std::size_t row, std::size_t col) {
  if (table.suppression[row][col] == Suppression::none) {
    return {{"value", table.value(row, col)}, {"suppressed", false}};
  }
  const bool small = table.value(row, col) < table.threshold;
  return {{"value", nullptr},
          {"suppressed", true},
          {"reason", small ? "below_threshold" : "protects_other_cells"},
          {"shown", shown(table, row, col)}};
}

std::string suppression_note(const ProtectedTable& table) {
  const auto suppressed = table.count(Suppression::primary) + table.count(Suppression::secondary);
  if (suppressed == 0) {
    return fmt::format("No cell counts fewer than {} people; nothing is suppressed.",
                       table.threshold);
  }
  return fmt::format(
      "Cells counting fewer than {0} people are shown as \"<{0}\" (0 to {1}). {2} further "
      "cells are suppressed (\"x\") so that no suppressed figure can be worked out from the "
      "totals.",
      table.threshold, table.threshold - 1, table.count(Suppression::secondary));
}

nlohmann::json table_json(const ProtectedTable& table, Dimension rows, Dimension cols,
                          const storage::FactFilter& filter) {
  const auto last_row = table.height() - 1;
  const auto last_col = table.width() - 1;
  auto cells = nlohmann::json::array();
  auto row_totals = nlohmann::json::array();
  for (std::size_t r = 0; r < last_row; ++r) {
    auto line = nlohmann::json::array();
    for (std::size_t c = 0; c < last_col; ++c) line.push_back(cell_json(table, r, c));
    cells.push_back(std::move(line));
    row_totals.push_back(cell_json(table, r, last_col));
  }
  auto col_totals = nlohmann::json::array();
  for (std::size_t c = 0; c < last_col; ++c) col_totals.push_back(cell_json(table, last_row, c));
  nlohmann::json multi_valued = nullptr;
  if (domain::stats::is_multi_valued(rows)) multi_valued = domain::stats::to_string(rows);
  if (domain::stats::is_multi_valued(cols)) multi_valued = domain::stats::to_string(cols);
  return {{"rows_dimension", domain::stats::to_string(rows)},
          {"cols_dimension", domain::stats::to_string(cols)},
          {"rows", table.counts.rows},
          {"cols", table.counts.cols},
          {"cells", std::move(cells)},
          {"row_totals", std::move(row_totals)},
          {"col_totals", std::move(col_totals)},
          {"total", cell_json(table, last_row, last_col)},
          {"threshold", table.threshold},
          {"multi_valued", multi_valued},
          {"period",
           {{"from", filter.from.empty() ? nlohmann::json(nullptr) : nlohmann::json(filter.from)},
            {"to", filter.to.empty() ? nlohmann::json(nullptr) : nlohmann::json(filter.to)}}},
          {"suppression",
           {{"below_threshold", table.count(Suppression::primary)},
            {"protects_other_cells", table.count(Suppression::secondary)},
            {"note", suppression_note(table)}}}};
}

http::Response table_csv(const ProtectedTable& table, Dimension rows, Dimension cols) {
  std::vector<std::string> header = {
      fmt::format("{} \\ {}", domain::stats::to_string(rows), domain::stats::to_string(cols))};
  for (const auto& col : table.counts.cols) header.push_back(col);
  header.emplace_back("Total");
  std::vector<std::vector<std::string>> lines;
  for (std::size_t r = 0; r < table.height(); ++r) {
    std::vector<std::string> line = {r + 1 < table.height() ? table.counts.rows[r] : "Total"};
    for (std::size_t c = 0; c < table.width(); ++c) line.push_back(shown(table, r, c));
    lines.push_back(std::move(line));
  }
  lines.push_back({suppression_note(table)});
  return csv_response(fmt::format("lifeline-{}-by-{}.csv", domain::stats::to_string(rows),
                                  domain::stats::to_string(cols)),
                      header, lines);
}

// The same table as a workbook: counts as numbers, suppressed cells as the same text as in the
// CSV, and a second sheet that explains the suppression.
http::Response table_xlsx(const ProtectedTable& table, Dimension rows, Dimension cols) {
  formats::Sheet sheet{"table", {}};
  std::vector<formats::Cell> header = {
      fmt::format("{} \\ {}", domain::stats::to_string(rows), domain::stats::to_string(cols))};
  for (const auto& col : table.counts.cols) header.emplace_back(col);
  header.emplace_back("Total");
  sheet.rows.push_back(std::move(header));
  for (std::size_t r = 0; r < table.height(); ++r) {
    std::vector<formats::Cell> line = {r + 1 < table.height() ? table.counts.rows[r] : "Total"};
    for (std::size_t c = 0; c < table.width(); ++c) {
      if (table.suppression[r][c] == Suppression::none) {
        line.emplace_back(static_cast<double>(table.value(r, c)));
      } else {
        line.emplace_back(shown(table, r, c));
      }
    }
    sheet.rows.push_back(std::move(line));
  }
  sheet.rows.push_back({suppression_note(table)});
  formats::Sheet note{"suppression", {{std::string("Suppression")}, {suppression_note(table)}}};
  auto bytes = formats::write_xlsx(formats::Workbook{{std::move(sheet), std::move(note)}});
  if (!bytes) return http::problem_from(bytes.error());
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.headers.set("Content-Disposition",
                       fmt::format("attachment; filename=\"lifeline-{}-by-{}.xlsx\"",
                                   domain::stats::to_string(rows), domain::stats::to_string(cols)));
  response.body = std::move(*bytes);
  return response;
}

enum class TableFormat { json, csv, xlsx };

Result<TableFormat> table_format(const http::Request& request) {
  const auto format = request.query_param("format").value_or("json");
  if (format == "json") return TableFormat::json;
  if (format == "csv") return TableFormat::csv;
  if (format == "xlsx") return TableFormat::xlsx;
  return fail(Errc::malformed, "format must be json, csv or xlsx");
}

http::Response get_table(Services& services, http::Context& context) {
  const auto& request = context.request;
  auto rows = dimension_parameter(request, "rows");
  if (!rows) return http::problem_from(rows.error());
  auto cols = dimension_parameter(request, "cols");
  if (!cols) return http::problem_from(cols.error());
  if (*rows == *cols) {
    return http::problem_from(
        Error{Errc::malformed, "rows and cols must be different dimensions", "same-dimension", {}});
  }
  auto filter = fact_filter(request);
  if (!filter) return http::problem_from(filter.error());
  auto format = table_format(request);
  if (!format) return http::problem_from(format.error());
  storage::StatsRepository repository(services.database);
  auto groups = repository.table_groups(*rows, *cols, *filter);
  if (!groups) return http::problem_from(groups.error());
  const auto table = domain::stats::protect(domain::stats::tabulate(*rows, *cols, *groups),
                                            services.stats_policy.suppression_threshold);
  if (*format == TableFormat::csv) return table_csv(table, *rows, *cols);
  if (*format == TableFormat::xlsx) return table_xlsx(table, *rows, *cols);
  return http::json_response(200, table_json(table, *rows, *cols, *filter));
}

http::Response get_dimensions(Services& services, http::Context& /*context*/) {
  auto list = nlohmann::json::array();
  for (const auto dimension : domain::stats::all_dimensions()) {
    list.push_back({{"id", domain::stats::to_string(dimension)},
                    {"multi_valued", domain::stats::is_multi_valued(dimension)}});
  }
  return http::json_response(200, {{"dimensions", std::move(list)},
                                   {"threshold", services.stats_policy.suppression_threshold}});
}

// A count as published: below the threshold it is suppressed.
nlohmann::json count_json(std::int64_t count, int threshold) {
  if (count > 0 && count < threshold) return {{"value", nullptr}, {"suppressed", true}};
  return {{"value", count}, {"suppressed", false}};
}

// Durations of fewer cases than the threshold are not published.
nlohmann::json durations_json(const std::vector<storage::ValueCount>& counts, int threshold) {
  std::vector<domain::stats::ValueAndCount> days;
  days.reserve(counts.size());
  for (const auto& c : counts) days.push_back({c.value, c.count});
  const auto summary = domain::stats::summarise_durations(std::move(days));
  const bool shown_figures = summary.count >= threshold;
  auto optional = [&](const std::optional<std::int64_t>& v) {
    return shown_figures && v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"decisions", count_json(summary.count, threshold)},
          {"median_days", optional(summary.median)},
          {"p90_days", optional(summary.p90)}};
}

Result<nlohmann::json> decision_figures(storage::StatsRepository& repository,
                                        const storage::FactFilter& filter,
                                        const Services& services) {
  const auto threshold = services.stats_policy.suppression_threshold;
  auto rg = repository.day_counts("rg_days", filter);
  if (!rg) return tl::unexpected(rg.error());
  auto cg = repository.day_counts("cg_days", filter);
  if (!cg) return tl::unexpected(cg.error());
  auto reflection = repository.day_counts("reflection_days", filter);
  if (!reflection) return tl::unexpected(reflection.error());
  auto dates = repository.reasonable_grounds_dates(filter);
  if (!dates) return tl::unexpected(dates.error());
  std::int64_t decided = 0;
  std::int64_t in_time = 0;
  for (const auto& d : *dates) {
    const auto referred = domain::nrm::parse_iso_date(d.referred_on);
    const auto on = domain::nrm::parse_iso_date(d.decided_on);
    if (!referred || !on) continue;
    decided += d.count;
    if (domain::stats::decided_in_time(*referred, *on, services.case_policy)) in_time += d.count;
  }
  nlohmann::json share = nullptr;
  if (decided >= threshold) share = static_cast<double>(in_time) / static_cast<double>(decided);
  auto reasonable_grounds = durations_json(*rg, threshold);
  reasonable_grounds["within_deadline_share"] = share;
  reasonable_grounds["deadline_working_days"] =
      services.case_policy.reasonable_grounds_working_days;
  auto reflection_json = durations_json(*reflection, threshold);
  reflection_json["periods"] = reflection_json["decisions"];
  reflection_json.erase("decisions");
  return nlohmann::json{{"reasonable_grounds", std::move(reasonable_grounds)},
                        {"conclusive", durations_json(*cg, threshold)},
                        {"reflection_period", std::move(reflection_json)}};
}

Result<nlohmann::json> backlog_figures(storage::StatsRepository& repository,
                                       const storage::FactFilter& filter,
                                       const Services& services) {
  const auto threshold = services.stats_policy.suppression_threshold;
  const auto now = today(services);
  nlohmann::json backlog = nlohmann::json::object();
  for (const std::string_view stage : {"reasonable_grounds", "conclusive"}) {
    auto pending = repository.pending(stage, filter);
    if (!pending) return tl::unexpected(pending.error());
    std::vector<domain::stats::ValueAndCount> waiting;
    for (const auto& p : *pending) {
      // A conclusive decision waits from the reasonable-grounds decision.
      const auto since = domain::nrm::parse_iso_date(
          stage == "conclusive" && !p.decided_on.empty() ? p.decided_on : p.referred_on);
      if (!since) continue;
      const auto days = (std::chrono::sys_days{now} - std::chrono::sys_days{*since}).count();
      waiting.push_back({days, p.count});
    }
    auto buckets = nlohmann::json::array();
    for (const auto& bucket : domain::stats::backlog_by_age(waiting)) {
      auto item = count_json(bucket.count, threshold);
      item["days"] = bucket.label;
      buckets.push_back(std::move(item));
    }
    backlog[std::string(stage)] = std::move(buckets);
  }
  return backlog;
}

// A count that is part of another published count (permits granted of those applied for): it
// is suppressed also when the difference would be a small group.
nlohmann::json part_json(std::int64_t whole, std::int64_t part, int threshold) {
  const auto rest = whole - part;
  if ((whole > 0 && whole < threshold) || (rest > 0 && rest < threshold)) {
    return {{"value", nullptr}, {"suppressed", true}};
  }
  return count_json(part, threshold);
}

nlohmann::json outcome_json(const storage::OutcomeTotals& t, int threshold) {
  // An amount is published only when enough people share it.
  auto amount = [&](std::int64_t people, std::int64_t value) {
    return people >= threshold ? nlohmann::json(value) : nlohmann::json(nullptr);
  };
  return {{"cases", count_json(t.cases, threshold)},
          {"reviews", count_json(t.reviews, threshold)},
          {"permits",
           {{"applied", count_json(t.permits_applied, threshold)},
            {"granted", part_json(t.permits_applied, t.permits_granted, threshold)}}},
          {"compensation",
           {{"claims", count_json(t.compensation_claims, threshold)},
            {"claimed_amount", amount(t.compensation_claims, t.compensation_claimed)},
            {"awards", part_json(t.compensation_claims, t.compensation_awards, threshold)},
            {"awarded_amount", amount(t.compensation_awards, t.compensation_awarded)}}},
          {"returns",
           {{"returned", count_json(t.returns, threshold)},
            {"followed_up", count_json(t.followed_up, threshold)},
            {"re_trafficked", count_json(t.re_trafficked, threshold)}}}};
}

http::Response get_process(Services& services, http::Context& context) {
  auto filter = fact_filter(context.request);
  if (!filter) return http::problem_from(filter.error());
  auto body = process_figures(services, *filter);
  if (!body) return http::problem_from(body.error());
  return http::json_response(200, *body);
}

Result<storage::UnodcQuery> unodc_query(const http::Request& request) {
  storage::UnodcQuery query;
  const std::array<std::pair<std::string_view, std::string*>, 6> texts = {{
      {"iso3", &query.iso3},
      {"indicator", &query.indicator},
      {"dimension", &query.dimension},
      {"category", &query.category},
      {"sex", &query.sex},
      {"age", &query.age},
  }};
  constexpr std::size_t kMaxFilter = 200;
  for (const auto& [name, target] : texts) {
    *target = request.query_param(name).value_or("");
    if (target->size() > kMaxFilter) {
      return fail(Errc::malformed, fmt::format("{} is at most {} characters", name, kMaxFilter));
    }
  }
  if (auto year = request.query_param("year"); year && !year->empty()) {
    const auto parsed = parse_integer(*year);
    constexpr std::int64_t kFirst = 1900;
    constexpr std::int64_t kLast = 2200;
    if (!parsed || *parsed < kFirst || *parsed > kLast) {
      return fail(Errc::malformed, "year must be a year");
    }
    query.year = static_cast<int>(*parsed);
  }
  query.limit = kMaxUnodcRows + 1;
  return query;
}

http::Response get_unodc(Services& services, http::Context& context) {
  auto query = unodc_query(context.request);
  if (!query) return http::problem_from(query.error());
  storage::StatsRepository repository(services.database);
  auto rows = repository.find_unodc(*query);
  if (!rows) return http::problem_from(rows.error());
  const bool truncated = rows->size() > static_cast<std::size_t>(kMaxUnodcRows);
  if (truncated) rows->pop_back();
  auto items = nlohmann::json::array();
  for (const auto& r : *rows) {
    items.push_back({{"iso3", r.iso3},
                     {"country", r.country},
                     {"region", r.region},
                     {"subregion", r.subregion},
                     {"indicator", r.indicator},
                     {"dimension", r.dimension},
                     {"category", r.category},
                     {"sex", r.sex},
                     {"age", r.age},
                     {"year", r.year},
                     {"unit", r.unit},
                     {"value_text", r.value_text},
                     {"value", r.value ? nlohmann::json(*r.value) : nlohmann::json(nullptr)},
                     {"source", r.source}});
  }
  return http::json_response(200, {{"items", std::move(items)}, {"truncated", truncated}});
}

// Exports of microdata are written to the audit trail: who took which file, when.
Result<void> audit_export(Services& services, const http::Context& context, std::string_view what) {
  const auto actor = actor_of(context);
  const audit::AuditEntry entry{
      actor.user_id,  actor.organisation_id, std::string("stats.export.").append(what),
      "stats_export", std::string(what),     "success"};
  return services.database.write(
      [&](storage::Session& s) { return audit::append(s, entry, services.clock.now()); });
}

std::vector<std::string> column_names(std::span<const std::string_view> columns) {
  return {columns.begin(), columns.end()};
}

http::Response export_cases(Services& services, http::Context& context) {
  constexpr int kPage = 5000;
  storage::StatsRepository repository(services.database);
  std::vector<std::vector<std::string>> rows;
  std::int64_t after_id = 0;
  for (;;) {
    auto page = repository.facts_page(after_id, kPage);
    if (!page) return http::problem_from(page.error());
    if (page->empty()) break;
    for (const auto& facts : *page) rows.push_back(domain::stats::htcds_case_row(facts));
    after_id = page->back().case_id;
  }
  if (auto audited = audit_export(services, context, "cases"); !audited) {
    return http::problem_from(audited.error());
  }
  return csv_response("lifeline-cases-htcds.csv", column_names(domain::stats::htcds_case_columns()),
                      rows);
}

nlohmann::json report_json(const domain::stats::MicrodataReport& report) {
  return {{"k", report.k},
          {"rows", report.rows},
          {"exported", report.exported},
          {"suppressed", report.suppressed},
          {"generalisations", report.generalisations},
          {"smallest_group", report.smallest_group}};
}

http::Response export_microdata(Services& services, http::Context& context) {
  auto csv = wants_csv(context.request);
  if (!csv) return http::problem_from(csv.error());
  // CSV unless asked otherwise: the file is what this export is for.
  const bool as_json = context.request.query_param("format").value_or("csv") == "json";
  storage::StatsRepository repository(services.database);
  domain::stats::Microdata data;
  if (auto scanned = repository.scan_microdata(data, {}); !scanned) {
    return http::problem_from(scanned.error());
  }
  const auto report = data.anonymise(services.stats_policy.microdata_k);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(report.exported);
  data.write([&](const std::vector<std::string>& row) { rows.push_back(row); });
  if (auto audited = audit_export(services, context, "microdata"); !audited) {
    return http::problem_from(audited.error());
  }
  if (as_json) {
    return http::json_response(200, {{"report", report_json(report)},
                                     {"columns", column_names(domain::stats::ctdc_columns())},
                                     {"rows", rows}});
  }
  auto response = csv_response("lifeline-microdata-ctdc.csv",
                               column_names(domain::stats::ctdc_columns()), rows);
  response.headers.set("X-Lifeline-Anonymisation", report_json(report).dump());
  return response;
}

}  // namespace

Result<domain::stats::ProtectedTable> published_table(Services& services, Dimension rows,
                                                      Dimension cols,
                                                      const storage::FactFilter& filter) {
  storage::StatsRepository repository(services.database);
  auto groups = repository.table_groups(rows, cols, filter);
  if (!groups) return tl::unexpected(groups.error());
  return domain::stats::protect(domain::stats::tabulate(rows, cols, *groups),
                                services.stats_policy.suppression_threshold);
}

std::string published_cell(const ProtectedTable& table, std::size_t row, std::size_t col) {
  return shown(table, row, col);
}

Result<nlohmann::json> process_figures(Services& services, const storage::FactFilter& filter) {
  storage::StatsRepository repository(services.database);
  const auto threshold = services.stats_policy.suppression_threshold;
  auto decisions = decision_figures(repository, filter, services);
  if (!decisions) return tl::unexpected(decisions.error());
  auto backlog = backlog_figures(repository, filter, services);
  if (!backlog) return tl::unexpected(backlog.error());
  auto totals = repository.outcome_totals(filter);
  if (!totals) return tl::unexpected(totals.error());
  auto services_counts = repository.services(filter);
  if (!services_counts) return tl::unexpected(services_counts.error());
  auto services_json = nlohmann::json::array();
  for (const auto& s : *services_counts) {
    auto item = count_json(s.count, threshold);
    item["type"] = s.type;
    item["provider_type"] = s.provider_type;
    item["status"] = s.status;
    services_json.push_back(std::move(item));
  }
  // Shelter occupancy now, over all shelters together (one shelter's figure could name people).
  auto shelters = services.cases.shelters();
  if (!shelters) return tl::unexpected(shelters.error());
  std::int64_t places = 0;
  std::int64_t occupied = 0;
  for (const auto& shelter : *shelters) {
    places += shelter.places;
    occupied += shelter.occupied;
  }
  auto body = outcome_json(*totals, threshold);
  body["shelters"] = {{"shelters", shelters->size()},
                      {"places", places},
                      {"occupied", count_json(occupied, threshold)}};
  body["decisions"] = std::move(*decisions);
  body["backlog"] = std::move(*backlog);
  body["services"] = std::move(services_json);
  body["threshold"] = threshold;
  body["period"] = {{"from", filter.from}, {"to", filter.to}};
  return body;
}

void add_stats_routes(http::Router& router, Services& services) {
  router.add({http::Method::get, "/api/v1/stats/dimensions", analysts(),
              [&](http::Context& c) { return get_dimensions(services, c); },
              "The dimensions statistics tables may be broken down by (analysts)"});
  router.add({http::Method::get, "/api/v1/stats/table", analysts(),
              [&](http::Context& c) { return get_table(services, c); },
              "A two-way table of NRM cases with disclosure control (analysts)"});
  router.add(
      {http::Method::get, "/api/v1/stats/process", analysts(),
       [&](http::Context& c) { return get_process(services, c); },
       "Process figures of the NRM: decision times, backlog, services, outcomes (analysts)"});
  router.add({http::Method::get, "/api/v1/stats/export/cases", analysts(),
              [&](http::Context& c) { return export_cases(services, c); },
              "Every case as an HTCDS 2.0 CSV row without identifying fields (analysts)"});
  router.add({http::Method::get, "/api/v1/stats/export/microdata", analysts(),
              [&](http::Context& c) { return export_microdata(services, c); },
              "The k-anonymised microdata in the CTDC layout (analysts)"});
  router.add({http::Method::get, "/api/v1/stats/external/unodc", analysts(),
              [&](http::Context& c) { return get_unodc(services, c); },
              "Imported UNODC Global Report figures (analysts)"});
}

}  // namespace lifeline::api
