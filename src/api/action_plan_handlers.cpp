// The national action plan (Action Plan VI.2), for the national co-ordinator: plans and their
// periods, measures linked to compendium provisions, indicators whose frequency sets when
// progress reports fall due, the reports, what is overdue, and the plan's coverage of the
// compendium with progress by pillar and by responsible body.
#include <map>
#include <set>

#include "api/case_json.hpp"
#include "api/common.hpp"
#include "api/monitoring_json.hpp"

namespace lifeline::api {
namespace {

using domain::monitoring::Date;
using domain::monitoring::Indicator;
using domain::monitoring::Measure;
using domain::monitoring::Plan;
using domain::monitoring::PlanRecords;
using domain::monitoring::ProgressReport;
using domain::monitoring::ProgressStatus;
using nlohmann::json;
namespace monitoring = domain::monitoring;

constexpr int kRemindDays = 14;

json plan_json(const Plan& plan) {
  return {{"id", plan.id},
          {"title", plan.title},
          {"period_start", plan.period_start},
          {"period_end", plan.period_end},
          {"previous_plan_id", optional_json(plan.previous_plan_id)},
          {"superseded", plan.superseded_at.has_value()},
          {"created_at", format_iso8601(plan.created_at)}};
}

json report_json(const ProgressReport& report) {
  return {{"id", report.id},
          {"indicator_id", report.indicator_id},
          {"due_on", report.due_on},
          {"status", monitoring::to_string(report.status)},
          {"value", optional_json(report.value)},
          {"note", report.note},
          {"evidence", report.evidence},
          {"reported_by", report.reported_by},
          {"reported_at", format_iso8601(report.reported_at)}};
}

// One scheduled report of an indicator: its due date and the latest report filed for it.
struct ScheduledReport {
  Date due_on{};
  const ProgressReport* latest = nullptr;
};

// What the plan's records say as of today: every indicator's schedule and latest status, every
// measure's status.
struct PlanView {
  const PlanRecords& records;
  Date today;
  std::map<std::int64_t, std::vector<ScheduledReport>> schedules;  // by indicator
  std::map<std::int64_t, ProgressStatus> indicator_status;
  std::map<std::int64_t, ProgressStatus> measure_status;
};

PlanView view_of(const PlanRecords& records, Date today) {
  PlanView view{records, today, {}, {}, {}};
  std::map<std::int64_t, const Measure*> measures;
  for (const auto& m : records.measures) measures[m.id] = &m;
  for (const auto& indicator : records.indicators) {
    const auto* measure = measures.at(indicator.measure_id);
    auto start = domain::nrm::parse_iso_date(measure->start_on);
    auto end = domain::nrm::parse_iso_date(measure->due_on);
    auto& schedule = view.schedules[indicator.id];
    if (start && end) {
      for (const auto& due : monitoring::report_due_dates(indicator.frequency, *start, *end)) {
        schedule.push_back({due, nullptr});
      }
    }
    ProgressStatus status = ProgressStatus::not_started;
    for (const auto& report : records.reports) {  // oldest first: the last one counts
      if (report.indicator_id != indicator.id) continue;
      status = report.status;
      for (auto& slot : schedule) {
        if (domain::nrm::format_iso_date(slot.due_on) == report.due_on) slot.latest = &report;
      }
    }
    view.indicator_status[indicator.id] = status;
  }
  for (const auto& measure : records.measures) {
    std::vector<ProgressStatus> statuses;
    for (const auto& indicator : records.indicators) {
      if (indicator.measure_id == measure.id)
        statuses.push_back(view.indicator_status[indicator.id]);
    }
    view.measure_status[measure.id] = monitoring::measure_status(statuses);
  }
  return view;
}

// A report is filed for its due date once any report names it; final work needs none.
monitoring::Urgency urgency_of(const PlanView& view, std::int64_t indicator_id,
                               const ScheduledReport& slot) {
  const bool over = monitoring::is_final(view.indicator_status.at(indicator_id));
  return monitoring::urgency(slot.due_on, slot.latest != nullptr || over, view.today, kRemindDays);
}

json indicator_json(const PlanView& view, const Indicator& indicator) {
  auto schedule = json::array();
  for (const auto& slot : view.schedules.at(indicator.id)) {
    schedule.push_back(
        {{"due_on", domain::nrm::format_iso_date(slot.due_on)},
         {"urgency", monitoring::to_string(urgency_of(view, indicator.id, slot))},
         {"report", slot.latest != nullptr ? report_json(*slot.latest) : json(nullptr)}});
  }
  return {{"id", indicator.id},
          {"measure_id", indicator.measure_id},
          {"name", indicator.name},
          {"unit", indicator.unit},
          {"baseline", optional_json(indicator.baseline)},
          {"target", optional_json(indicator.target)},
          {"target_text", indicator.target_text},
          {"frequency", monitoring::to_string(indicator.frequency)},
          {"carried_from_id", optional_json(indicator.carried_from_id)},
          {"status", monitoring::to_string(view.indicator_status.at(indicator.id))},
          {"schedule", std::move(schedule)}};
}

json measure_json(const Measure& m) {
  return {{"id", m.id},
          {"plan_id", m.plan_id},
          {"title", m.title},
          {"description", m.description},
          {"bodies", m.bodies},
          {"partners", m.partners},
          {"budget", optional_json(m.budget)},
          {"currency", m.currency},
          {"start_on", m.start_on},
          {"due_on", m.due_on},
          {"provisions", m.provisions},
          {"carried_from_id", optional_json(m.carried_from_id)}};
}

json measure_json(const PlanView& view, const Measure& m) {
  auto body = measure_json(m);
  body["status"] = monitoring::to_string(view.measure_status.at(m.id));
  auto indicators = json::array();
  for (const auto& indicator : view.records.indicators) {
    if (indicator.measure_id == m.id) indicators.push_back(indicator_json(view, indicator));
  }
  body["indicators"] = std::move(indicators);
  return body;
}

Result<PlanRecords> load_plan(Services& services, const http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return tl::unexpected(id.error());
  auto found = services.monitoring.plan(*id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail(Errc::not_found, "no such action plan");
  return std::move(**found);
}

http::Response list_plans(Services& services, http::Context&) {
  auto plans = services.monitoring.plans();
  if (!plans) return http::problem_from(plans.error());
  auto items = json::array();
  for (const auto& plan : *plans) items.push_back(plan_json(plan));
  return http::json_response(200, {{"items", std::move(items)}});
}

// Title and period of a plan, from a request body.
Plan read_plan(http::JsonFields& fields) {
  Plan plan;
  plan.title = fields.text("title", true, 300).value_or("");
  const auto start = date_field(fields, "period_start", true);
  const auto end = date_field(fields, "period_end", true);
  if (start && end && !monitoring::is_valid_period(*start, *end)) {
    fields.add_error("period_end", "must not be before period_start");
  }
  if (start) plan.period_start = domain::nrm::format_iso_date(*start);
  if (end) plan.period_end = domain::nrm::format_iso_date(*end);
  return plan;
}

http::Response create_plan(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  const auto plan = read_plan(fields);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto created = services.monitoring.add_plan(plan, actor_of(context), services.clock.now());
  if (!created) return http::problem_from(created.error());
  return http::json_response(201, plan_json(*created));
}

http::Response get_plan(Services& services, http::Context& context) {
  auto records = load_plan(services, context);
  if (!records) return http::problem_from(records.error());
  const auto view = view_of(*records, today(services));
  auto body = plan_json(records->plan);
  auto measures = json::array();
  for (const auto& m : records->measures) measures.push_back(measure_json(view, m));
  body["measures"] = std::move(measures);
  return http::json_response(200, body);
}

// A measure from a request body; its provisions must be in the compendium.
Measure read_measure(Services& services, http::JsonFields& fields, std::int64_t plan_id) {
  Measure m;
  m.plan_id = plan_id;
  m.title = fields.text("title", true, 300).value_or("");
  m.description = fields.text("description", false, 4000).value_or("");
  m.bodies = fields.text_list("bodies", true, 20, 200).value_or(std::vector<std::string>{});
  if (m.bodies.empty()) fields.add_error("bodies", "must name at least one responsible body");
  m.partners = fields.text_list("partners", false, 20, 200).value_or(std::vector<std::string>{});
  m.budget = optional_number(fields, "budget");
  if (m.budget && *m.budget < 0) fields.add_error("budget", "must not be negative");
  m.currency = fields.text("currency", m.budget.has_value(), 3).value_or("");
  if (!m.currency.empty() &&
      (m.currency.size() != 3 ||
       !std::ranges::all_of(m.currency, [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    fields.add_error("currency", "must be an ISO 4217 code such as EUR");
  }
  const auto start = date_field(fields, "start_on", true);
  const auto due = date_field(fields, "due_on", true);
  if (start && due && !monitoring::is_valid_period(*start, *due)) {
    fields.add_error("due_on", "must not be before start_on");
  }
  if (start) m.start_on = domain::nrm::format_iso_date(*start);
  if (due) m.due_on = domain::nrm::format_iso_date(*due);
  m.provisions =
      fields.text_list("provisions", true, 100, 100).value_or(std::vector<std::string>{});
  if (m.provisions.empty()) {
    fields.add_error("provisions", "must link at least one compendium provision");
  } else if (auto known = services.monitoring.provisions(m.provisions); known) {
    std::set<std::string> found;
    for (const auto& p : *known) found.insert(p.id);
    for (const auto& id : m.provisions) {
      if (!found.contains(id)) {
        fields.add_error("provisions",
                         "names a provision that is not a commitment of the compendium");
        break;
      }
    }
  }
  return m;
}

http::Response create_measure(Services& services, http::Context& context) {
  auto plan_id = id_parameter(context, "id");
  if (!plan_id) return http::problem_from(plan_id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  const auto measure = read_measure(services, fields, *plan_id);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto created = services.monitoring.add_measure(measure, actor_of(context), services.clock.now());
  if (!created) return http::problem_from(created.error());
  return http::json_response(201, measure_json(*created));
}

http::Response update_measure(Services& services, http::Context& context) {
  auto plan_id = id_parameter(context, "id");
  if (!plan_id) return http::problem_from(plan_id.error());
  auto measure_id = id_parameter(context, "measure");
  if (!measure_id) return http::problem_from(measure_id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto measure = read_measure(services, fields, *plan_id);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  measure.id = *measure_id;
  auto updated =
      services.monitoring.update_measure(measure, actor_of(context), services.clock.now());
  if (!updated) return http::problem_from(updated.error());
  return http::json_response(200, measure_json(*updated));
}

http::Response create_indicator(Services& services, http::Context& context) {
  auto records = load_plan(services, context);
  if (!records) return http::problem_from(records.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  Indicator indicator;
  indicator.measure_id = fields.integer("measure_id", true).value_or(0);
  indicator.name = fields.text("name", true, 300).value_or("");
  indicator.unit = fields.text("unit", false, 100).value_or("");
  indicator.baseline = optional_number(fields, "baseline");
  indicator.target = optional_number(fields, "target");
  indicator.target_text = fields.text("target_text", false, 1000).value_or("");
  if (auto frequency = fields.text("frequency", true, 20)) {
    auto parsed = monitoring::parse_frequency(*frequency);
    if (parsed)
      indicator.frequency = *parsed;
    else
      fields.add_error("frequency", parsed.error().message);
  }
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto created = services.monitoring.add_indicator(records->plan.id, indicator, actor_of(context),
                                                   services.clock.now());
  if (!created) return http::problem_from(created.error());
  records->indicators.push_back(*created);
  const auto view = view_of(*records, today(services));
  return http::json_response(201, indicator_json(view, *created));
}

http::Response create_report(Services& services, http::Context& context) {
  auto records = load_plan(services, context);
  if (!records) return http::problem_from(records.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  ProgressReport report;
  report.indicator_id = fields.integer("indicator_id", true).value_or(0);
  const auto due = date_field(fields, "due_on", true);
  if (auto status = fields.text("status", true, 20)) {
    auto parsed = monitoring::parse_progress_status(*status);
    if (parsed)
      report.status = *parsed;
    else
      fields.add_error("status", parsed.error().message);
  }
  report.value = optional_number(fields, "value");
  report.note = fields.text("note", false, 4000).value_or("");
  report.evidence = links_field(fields, "evidence");
  const auto view = view_of(*records, today(services));
  if (due && report.indicator_id != 0) {
    report.due_on = domain::nrm::format_iso_date(*due);
    const auto schedule = view.schedules.find(report.indicator_id);
    if (schedule == view.schedules.end()) {
      fields.add_error("indicator_id", "is not an indicator of this plan");
    } else if (std::ranges::none_of(schedule->second, [&](const ScheduledReport& slot) {
                 return slot.due_on == *due;
               })) {
      fields.add_error("due_on", "is not a due date of this indicator's schedule");
    }
  }
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto created = services.monitoring.add_report(records->plan.id, report, actor_of(context),
                                                services.clock.now());
  if (!created) return http::problem_from(created.error());
  return http::json_response(201, report_json(*created));
}

// Every report of the plan (corrections included), oldest first; ?indicator= narrows it.
http::Response list_reports(Services& services, http::Context& context) {
  auto records = load_plan(services, context);
  if (!records) return http::problem_from(records.error());
  std::optional<std::int64_t> indicator;
  if (auto wanted = context.request.query_param("indicator")) {
    indicator = parse_integer(*wanted);
    if (!indicator)
      return http::problem_from(Error{Errc::malformed, "indicator must be an id", {}, {}});
  }
  auto items = json::array();
  for (const auto& report : records->reports) {
    if (!indicator || report.indicator_id == *indicator) items.push_back(report_json(report));
  }
  return http::json_response(200, {{"items", std::move(items)}});
}

// Reports overdue or due within the reminder window, and measures past their due date whose
// work is not over.
http::Response overdue(Services& services, http::Context& context) {
  auto records = load_plan(services, context);
  if (!records) return http::problem_from(records.error());
  const auto view = view_of(*records, today(services));
  auto reports = json::array();
  auto soon = json::array();
  for (const auto& indicator : records->indicators) {
    const auto& measure = *std::ranges::find(records->measures, indicator.measure_id, &Measure::id);
    for (const auto& slot : view.schedules.at(indicator.id)) {
      const auto urgency = urgency_of(view, indicator.id, slot);
      if (urgency != monitoring::Urgency::overdue && urgency != monitoring::Urgency::due_soon)
        continue;
      json entry = {
          {"indicator_id", indicator.id}, {"indicator", indicator.name},
          {"measure_id", measure.id},     {"measure", measure.title},
          {"bodies", measure.bodies},     {"due_on", domain::nrm::format_iso_date(slot.due_on)}};
      (urgency == monitoring::Urgency::overdue ? reports : soon).push_back(std::move(entry));
    }
  }
  auto measures = json::array();
  for (const auto& measure : records->measures) {
    auto due = domain::nrm::parse_iso_date(measure.due_on);
    const auto status = view.measure_status.at(measure.id);
    if (due && std::chrono::sys_days{*due} < std::chrono::sys_days{view.today} &&
        !monitoring::is_final(status)) {
      measures.push_back({{"id", measure.id},
                          {"title", measure.title},
                          {"due_on", measure.due_on},
                          {"status", monitoring::to_string(status)},
                          {"bodies", measure.bodies}});
    }
  }
  return http::json_response(200, {{"today", domain::nrm::format_iso_date(view.today)},
                                   {"remind_days", kRemindDays},
                                   {"overdue_reports", std::move(reports)},
                                   {"due_soon", std::move(soon)},
                                   {"overdue_measures", std::move(measures)}});
}

json counts_json(const std::vector<monitoring::CoverageCount>& counts) {
  auto out = json::array();
  for (const auto& c : counts) {
    out.push_back({{"key", c.key}, {"total", c.total}, {"covered", c.covered}, {"share", c.share}});
  }
  return out;
}

json progress_json(const std::vector<monitoring::GroupProgress>& groups) {
  auto out = json::array();
  for (const auto& g : groups) {
    json statuses = json::object();
    for (const auto& [status, count] : g.by_status)
      statuses[std::string(monitoring::to_string(status))] = count;
    out.push_back({{"key", g.key},
                   {"measures", g.measures},
                   {"by_status", std::move(statuses)},
                   {"completed_share", g.completed_share}});
  }
  return out;
}

http::Response coverage(Services& services, http::Context& context) {
  auto records = load_plan(services, context);
  if (!records) return http::problem_from(records.error());
  auto commitments = services.monitoring.national_commitments();
  if (!commitments) return http::problem_from(commitments.error());
  auto all = services.monitoring.provisions({});
  if (!all) return http::problem_from(all.error());
  std::map<std::string, std::string> pillar_of;
  for (const auto& p : *all) pillar_of[p.id] = p.pillar;

  std::vector<monitoring::Commitment> universe;
  for (const auto& p : *commitments) universe.push_back({p.id, p.pillar, p.keywords});
  std::set<std::string> addressed;
  const auto view = view_of(*records, today(services));
  std::vector<monitoring::MeasureStanding> by_pillar;
  std::vector<monitoring::MeasureStanding> by_body;
  for (const auto& m : records->measures) {
    addressed.insert(m.provisions.begin(), m.provisions.end());
    monitoring::MeasureStanding standing{{}, view.measure_status.at(m.id)};
    for (const auto& id : m.provisions) standing.groups.push_back(pillar_of[id]);
    by_pillar.push_back(standing);
    by_body.push_back({m.bodies, standing.status});
  }
  const auto result = monitoring::coverage(universe, addressed);
  auto uncovered = json::array();
  for (const auto& p : *commitments) {
    if (std::ranges::find(result.uncovered, p.id) != result.uncovered.end()) {
      uncovered.push_back({{"id", p.id}, {"pillar", p.pillar}, {"number", p.number}});
    }
  }
  return http::json_response(
      200, {{"plan_id", records->plan.id},
            {"scope", "provisions of commitment documents that ask for national action"},
            {"total", result.total},
            {"covered", result.covered},
            {"share", result.share},
            {"by_pillar", counts_json(result.by_pillar)},
            {"by_keyword", counts_json(result.by_keyword)},
            {"uncovered", std::move(uncovered)},
            {"addressed_outside_scope", result.outside},
            {"progress_by_pillar", progress_json(monitoring::progress_by_group(by_pillar))},
            {"progress_by_body", progress_json(monitoring::progress_by_group(by_body))}});
}

// A new period from this plan: measures whose work is not over are carried over with their
// indicators; the plan itself stays as it was, read-only.
http::Response next_period(Services& services, http::Context& context) {
  auto records = load_plan(services, context);
  if (!records) return http::problem_from(records.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  const auto next = read_plan(fields);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  const auto view = view_of(*records, today(services));
  std::vector<std::int64_t> carry;
  for (const auto& m : records->measures) {
    if (!monitoring::is_final(view.measure_status.at(m.id))) carry.push_back(m.id);
  }
  auto created = services.monitoring.start_next_plan(records->plan.id, next, carry,
                                                     actor_of(context), services.clock.now());
  if (!created) return http::problem_from(created.error());
  auto out = plan_json(*created);
  out["carried_measures"] = carry.size();
  return http::json_response(201, out);
}

}  // namespace

void add_action_plan_routes(http::Router& router, Services& services) {
  const auto coordinator = http::AccessRule::roles_any({std::string(kCoordinator)});
  const auto route = [&](http::Method method, std::string pattern, auto handler,
                         std::string summary) {
    router.add({method, std::move(pattern), coordinator,
                [&services, handler](http::Context& c) { return handler(services, c); },
                std::move(summary)});
  };
  route(http::Method::get, "/api/v1/action-plans", list_plans, "The national action plans");
  route(http::Method::post, "/api/v1/action-plans", create_plan, "Start a national action plan");
  route(http::Method::get, "/api/v1/action-plans/{id}", get_plan,
        "A plan with its measures, indicators and their report schedules");
  route(http::Method::post, "/api/v1/action-plans/{id}/measures", create_measure,
        "Add a measure linked to compendium provisions");
  route(http::Method::put, "/api/v1/action-plans/{id}/measures/{measure}", update_measure,
        "Change a measure");
  route(http::Method::post, "/api/v1/action-plans/{id}/indicators", create_indicator,
        "Add an indicator to a measure");
  route(http::Method::get, "/api/v1/action-plans/{id}/progress-reports", list_reports,
        "Every progress report of the plan, corrections included");
  route(http::Method::post, "/api/v1/action-plans/{id}/progress-reports", create_report,
        "Report progress on an indicator for one of its due dates");
  route(http::Method::get, "/api/v1/action-plans/{id}/overdue", overdue,
        "Reports overdue or due soon, and measures past their due date");
  route(http::Method::get, "/api/v1/action-plans/{id}/coverage", coverage,
        "Which commitments the plan covers, by pillar and keyword; progress by pillar and body");
  route(http::Method::post, "/api/v1/action-plans/{id}/next-period", next_period,
        "Start the next plan period from this one");
}

}  // namespace lifeline::api
