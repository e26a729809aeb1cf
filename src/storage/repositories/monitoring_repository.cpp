#include "storage/repositories/monitoring_repository.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "audit/audit_trail.hpp"
#include "domain/monitoring/json_codec.hpp"
#include "storage/repositories/repository_support.hpp"

namespace lifeline::storage {
namespace {

using namespace domain::monitoring;

namespace sql {
// Commitments, not the 2006 report's recommendations nor the annex's sources.
constexpr std::string_view commitment_provisions =
    "SELECT p.id, p.number, p.text, p.pillar, p.level FROM corpus_provisions p "
    "JOIN corpus_documents d ON d.id = p.document_id WHERE d.kind = 'commitment' "
    "ORDER BY p.position";
constexpr std::string_view commitment_keywords =
    "SELECT k.provision_id, k.keyword FROM corpus_provision_keywords k "
    "JOIN corpus_provisions p ON p.id = k.provision_id "
    "JOIN corpus_documents d ON d.id = p.document_id WHERE d.kind = 'commitment' "
    "ORDER BY k.provision_id, k.keyword";

constexpr std::string_view plan_columns =
    "SELECT id, title, period_start, period_end, previous_plan_id, superseded_at, created_at "
    "FROM monitoring_plans ";
constexpr std::string_view insert_plan =
    "INSERT INTO monitoring_plans (title, period_start, period_end, previous_plan_id, created_by, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view supersede_plan =
    "UPDATE monitoring_plans SET superseded_at = $2 WHERE id = $1 AND superseded_at IS NULL";
constexpr std::string_view measure_columns =
    "SELECT id, plan_id, title, description, bodies, partners, budget, currency, start_on, "
    "due_on, carried_from_id FROM monitoring_measures ";
constexpr std::string_view insert_measure =
    "INSERT INTO monitoring_measures (plan_id, title, description, bodies, partners, budget, "
    "currency, start_on, due_on, carried_from_id, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id";
constexpr std::string_view update_measure =
    "UPDATE monitoring_measures SET title = $2, description = $3, bodies = $4, partners = $5, "
    "budget = $6, currency = $7, start_on = $8, due_on = $9, updated_at = $10 WHERE id = $1";
constexpr std::string_view measure_provisions =
    "SELECT mp.measure_id, mp.provision_id FROM monitoring_measure_provisions mp "
    "JOIN monitoring_measures m ON m.id = mp.measure_id WHERE m.plan_id = $1 "
    "ORDER BY mp.measure_id, mp.provision_id";
constexpr std::string_view insert_measure_provision =
    "INSERT INTO monitoring_measure_provisions (measure_id, provision_id) VALUES ($1, $2)";
constexpr std::string_view delete_measure_provisions =
    "DELETE FROM monitoring_measure_provisions WHERE measure_id = $1";
constexpr std::string_view indicator_columns =
    "SELECT i.id, i.measure_id, i.name, i.unit, i.baseline, i.target, i.target_text, "
    "i.frequency, i.carried_from_id FROM monitoring_indicators i "
    "JOIN monitoring_measures m ON m.id = i.measure_id ";
constexpr std::string_view insert_indicator =
    "INSERT INTO monitoring_indicators (measure_id, name, unit, baseline, target, target_text, "
    "frequency, carried_from_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "RETURNING id";
constexpr std::string_view report_columns =
    "SELECT r.id, r.indicator_id, r.due_on, r.status, r.value, r.note, r.evidence, "
    "r.reported_by, r.reported_at FROM monitoring_progress_reports r "
    "JOIN monitoring_indicators i ON i.id = r.indicator_id "
    "JOIN monitoring_measures m ON m.id = i.measure_id ";
constexpr std::string_view insert_report =
    "INSERT INTO monitoring_progress_reports (indicator_id, due_on, status, value, note, "
    "evidence, reported_by, reported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr std::string_view plan_of_measure =
    "SELECT p.id, p.superseded_at FROM monitoring_measures m "
    "JOIN monitoring_plans p ON p.id = m.plan_id WHERE m.id = $1";
constexpr std::string_view plan_of_indicator =
    "SELECT p.id, p.superseded_at FROM monitoring_indicators i "
    "JOIN monitoring_measures m ON m.id = i.measure_id "
    "JOIN monitoring_plans p ON p.id = m.plan_id WHERE i.id = $1";

constexpr std::string_view insert_respondent =
    "INSERT INTO monitoring_respondents (code, name, kind) VALUES ($1, $2, $3) "
    "ON CONFLICT (code) DO NOTHING";
constexpr std::string_view upsert_respondent =
    "INSERT INTO monitoring_respondents (code, name, kind, organisation_id) VALUES ($1, $2, $3, "
    "$4) "
    "ON CONFLICT (code) DO UPDATE SET organisation_id = $4";
constexpr std::string_view organisation_exists = "SELECT id FROM organisations WHERE id = $1";
constexpr std::string_view respondent_columns =
    "SELECT code, name, kind, organisation_id FROM monitoring_respondents ";

constexpr std::string_view round_columns =
    "SELECT id, title, status, include_partners, created_at, opened_at, closed_at "
    "FROM monitoring_rounds ";
constexpr std::string_view insert_round =
    "INSERT INTO monitoring_rounds (title, status, include_partners, created_by, created_at) "
    "VALUES ($1, 'draft', $2, $3, $4) RETURNING id";
constexpr std::string_view item_columns =
    "SELECT id, round_id, version, position, definition, retired_at FROM monitoring_items ";
constexpr std::string_view insert_item =
    "INSERT INTO monitoring_items (round_id, code, version, position, definition, provision_id, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
constexpr std::string_view next_position =
    "SELECT COALESCE(MAX(position), 0) + 1 FROM monitoring_items WHERE round_id = $1";
constexpr std::string_view update_item =
    "UPDATE monitoring_items SET code = $2, definition = $3, provision_id = $4 WHERE id = $1";
constexpr std::string_view retire_item =
    "UPDATE monitoring_items SET retired_at = $2 WHERE id = $1";
constexpr std::string_view delete_item = "DELETE FROM monitoring_items WHERE id = $1";
constexpr std::string_view open_round =
    "UPDATE monitoring_rounds SET status = 'open', opened_at = $2 WHERE id = $1 AND status = "
    "'draft'";
constexpr std::string_view close_round =
    "UPDATE monitoring_rounds SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = "
    "'open'";
constexpr std::string_view fix_respondents =
    "INSERT INTO monitoring_round_respondents (round_id, code) SELECT $1, code "
    "FROM monitoring_respondents WHERE kind = 'participating_state' OR $2 = 1";
constexpr std::string_view round_respondents =
    "SELECT r.code, r.name, r.kind, rr.submitted_at FROM monitoring_round_respondents rr "
    "JOIN monitoring_respondents r ON r.code = rr.code WHERE rr.round_id = $1 ORDER BY r.code";
constexpr std::string_view round_respondent =
    "SELECT r.code, r.name, r.kind, rr.submitted_at FROM monitoring_round_respondents rr "
    "JOIN monitoring_respondents r ON r.code = rr.code WHERE rr.round_id = $1 AND rr.code = $2";
constexpr std::string_view mark_submitted =
    "UPDATE monitoring_round_respondents SET submitted_at = $3, submitted_by = $4 "
    "WHERE round_id = $1 AND code = $2 AND submitted_at IS NULL";
constexpr std::string_view answer_columns =
    "SELECT id, code, item_id, value, version, updated_at FROM monitoring_answers ";
constexpr std::string_view insert_answer =
    "INSERT INTO monitoring_answers (round_id, code, item_id, value, version, updated_by, "
    "updated_at) VALUES ($1, $2, $3, $4, 1, $5, $6)";
constexpr std::string_view replace_draft_answer =
    "UPDATE monitoring_answers SET value = $2, updated_by = $3, updated_at = $4 WHERE id = $1";
constexpr std::string_view replace_submitted_answer =
    "UPDATE monitoring_answers SET value = $2, version = version + 1, updated_by = $3, "
    "updated_at = $4 WHERE id = $1";
constexpr std::string_view keep_history =
    "INSERT INTO monitoring_answer_history (answer_id, version, value, changed_by, changed_at) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view history =
    "SELECT h.answer_id, a.item_id, h.version, h.value, h.changed_by, h.changed_at "
    "FROM monitoring_answer_history h JOIN monitoring_answers a ON a.id = h.answer_id "
    "WHERE a.round_id = $1 AND a.code = $2 ORDER BY h.answer_id, h.version";
}  // namespace sql

Value optional_value(const std::optional<double>& value) {
  return value ? Value{*value} : Value{Null{}};
}
Value optional_value(const std::optional<std::int64_t>& value) {
  return value ? Value{*value} : Value{Null{}};
}
std::optional<double> optional_f64(const Row& row, std::size_t column) {
  return row.is_null(column) ? std::nullopt : std::optional(row.f64(column));
}

Result<void> audit_change(Session& session, const domain::Actor& actor, std::string action,
                          std::string object_type, std::int64_t id, UnixSeconds now) {
  return audit::append(session,
                       {actor.user_id, actor.organisation_id, std::move(action),
                        std::move(object_type), std::to_string(id), "success"},
                       now);
}

Result<std::int64_t> inserted_id(const Result<Rows>& rows) {
  if (!rows) return error_of(rows);
  if (rows->empty()) return fail(Errc::internal, "an insert returned no id");
  return rows->front().i64(0);
}

Plan plan_from(const Row& row) {
  return {row.i64(0),     row.text(1),    row.text(2), row.text(3),
          row.opt_i64(4), row.opt_i64(5), row.i64(6)};
}

Measure measure_from(const Row& row) {
  Measure m;
  m.id = row.i64(0);
  m.plan_id = row.i64(1);
  m.title = row.text(2);
  m.description = row.text(3);
  m.bodies = list_from_json(row.text(4));
  m.partners = list_from_json(row.text(5));
  m.budget = optional_f64(row, 6);
  m.currency = row.text(7);
  m.start_on = row.text(8);
  m.due_on = row.text(9);
  m.carried_from_id = row.opt_i64(10);
  return m;
}

Indicator indicator_from(const Row& row) {
  Indicator i;
  i.id = row.i64(0);
  i.measure_id = row.i64(1);
  i.name = row.text(2);
  i.unit = row.text(3);
  i.baseline = optional_f64(row, 4);
  i.target = optional_f64(row, 5);
  i.target_text = row.text(6);
  i.frequency = parse_frequency(row.text(7)).value_or(Frequency::yearly);
  i.carried_from_id = row.opt_i64(8);
  return i;
}

ProgressReport report_from(const Row& row) {
  ProgressReport r;
  r.id = row.i64(0);
  r.indicator_id = row.i64(1);
  r.due_on = row.text(2);
  r.status = parse_progress_status(row.text(3)).value_or(ProgressStatus::not_started);
  r.value = optional_f64(row, 4);
  r.note = row.text(5);
  r.evidence = list_from_json(row.text(6));
  r.reported_by = row.i64(7);
  r.reported_at = row.i64(8);
  return r;
}

Round round_from(const Row& row) {
  return {row.i64(0), row.text(1),    row.text(2),   row.i64(3) != 0,
          row.i64(4), row.opt_i64(5), row.opt_i64(6)};
}

StoredItem item_from(const Row& row) {
  return {row.i64(0),
          row.i64(1),
          row.i64(2),
          row.i64(3),
          item_from_json(nlohmann::json::parse(row.text(4), nullptr, false)),
          !row.is_null(5)};
}

StoredAnswer answer_from(const Row& row) {
  return {row.i64(0), row.text(1), row.i64(2), answer_value_from_stored(row.text(3)),
          row.i64(4), row.i64(5)};
}

RoundRespondent round_respondent_from(const Row& row) {
  return {{row.text(0), row.text(1), row.text(2)}, row.opt_i64(3)};
}

template <class T, class From>
Result<std::vector<T>> all_rows(Session& session, std::string_view statement, const Params& params,
                                From from) {
  auto rows = session.query(statement, params);
  if (!rows) return error_of(rows);
  std::vector<T> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) out.push_back(from(row));
  return out;
}

// The plan a change belongs to must exist and not be superseded.
Result<void> check_plan_open(Session& session, std::string_view statement, std::int64_t id,
                             std::int64_t plan_id) {
  auto rows = session.query(statement, {id});
  if (!rows) return error_of(rows);
  if (rows->empty() || rows->front().i64(0) != plan_id) {
    return fail(Errc::not_found, "no such record in this plan");
  }
  if (!rows->front().is_null(1)) {
    return fail(Errc::conflict, "this plan was superseded by a new period and changes no more",
                "plan-superseded");
  }
  return {};
}

Result<void> check_plan_not_superseded(Session& session, std::int64_t plan_id) {
  auto rows = session.query(std::string(sql::plan_columns).append("WHERE id = $1"), {plan_id});
  if (!rows) return error_of(rows);
  if (rows->empty()) return fail(Errc::not_found, "no such plan");
  if (!rows->front().is_null(5)) {
    return fail(Errc::conflict, "this plan was superseded by a new period and changes no more",
                "plan-superseded");
  }
  return {};
}

Result<std::int64_t> insert_measure(Session& session, const Measure& m, UnixSeconds now) {
  auto id = inserted_id(session.query(
      sql::insert_measure, {m.plan_id, m.title, m.description, json_list(m.bodies),
                            json_list(m.partners), optional_value(m.budget), m.currency, m.start_on,
                            m.due_on, optional_value(m.carried_from_id), now}));
  if (!id) return id;
  for (const auto& provision : std::set<std::string>(m.provisions.begin(), m.provisions.end())) {
    if (auto added = session.execute(sql::insert_measure_provision, {*id, provision}); !added) {
      return error_of(added);
    }
  }
  return id;
}

Result<std::int64_t> insert_indicator(Session& session, const Indicator& i, UnixSeconds now) {
  return inserted_id(
      session.query(sql::insert_indicator,
                    {i.measure_id, i.name, i.unit, optional_value(i.baseline),
                     optional_value(i.target), i.target_text, std::string(to_string(i.frequency)),
                     optional_value(i.carried_from_id), now}));
}

Result<Round> round_in(Session& session, std::int64_t id) {
  auto rows = session.query(std::string(sql::round_columns).append("WHERE id = $1"), {id});
  if (!rows) return error_of(rows);
  if (rows->empty()) return fail(Errc::not_found, "no such questionnaire round");
  return round_from(rows->front());
}

Result<StoredItem> item_in(Session& session, std::int64_t round_id, std::int64_t item_id) {
  auto rows =
      session.query(std::string(sql::item_columns).append("WHERE id = $1 AND round_id = $2"),
                    {item_id, round_id});
  if (!rows) return error_of(rows);
  if (rows->empty()) return fail(Errc::not_found, "no such item in this round");
  return item_from(rows->front());
}

Result<void> require_status(const Round& round, std::string_view status, std::string_view slug,
                            std::string message) {
  if (round.status == status) return {};
  return fail(Errc::conflict, std::move(message), std::string(slug));
}

Result<StoredItem> insert_item_version(Session& session, std::int64_t round_id,
                                       const ItemDefinition& item, std::int64_t version,
                                       std::optional<std::int64_t> position, UnixSeconds now) {
  std::int64_t at = 0;
  if (position) {
    at = *position;
  } else {
    auto next = session.query(sql::next_position, {round_id});
    if (!next) return error_of(next);
    at = next->front().i64(0);
  }
  auto id = inserted_id(session.query(
      sql::insert_item,
      {round_id, item.code, version, at, item_json(item).dump(), item.provision_id, now}));
  if (!id) return error_of(id);
  return StoredItem{*id, round_id, version, at, item, false};
}

// Codes are unique among a round's current items.
Result<void> check_code_free(Session& session, std::int64_t round_id, const std::string& code,
                             std::int64_t except_item) {
  auto rows = session.query(
      std::string(sql::item_columns)
          .append("WHERE round_id = $1 AND code = $2 AND retired_at IS NULL AND id <> $3"),
      {round_id, code, except_item});
  if (!rows) return error_of(rows);
  if (!rows->empty()) {
    return tl::unexpected(Error{Errc::conflict,
                                "another item of the round has this code",
                                "code-taken",
                                {{"code", "is taken in this round"}}});
  }
  return {};
}

}  // namespace

Result<std::vector<ProvisionRef>> MonitoringRepository::national_commitments() {
  auto all = provisions({});
  if (!all) return all;
  std::erase_if(*all, [](const ProvisionRef& p) { return p.level != "national"; });
  return all;
}

// Every commitment provision when `ids` is empty.
Result<std::vector<ProvisionRef>> MonitoringRepository::provisions(
    const std::vector<std::string>& ids) {
  const std::set<std::string> wanted(ids.begin(), ids.end());
  return db_.read([&](Session& s) -> Result<std::vector<ProvisionRef>> {
    auto rows = s.query(sql::commitment_provisions);
    if (!rows) return error_of(rows);
    auto keywords = s.query(sql::commitment_keywords);
    if (!keywords) return error_of(keywords);
    std::map<std::string, std::vector<std::string>> by_provision;
    for (const auto& row : *keywords) by_provision[row.text(0)].push_back(row.text(1));
    std::vector<ProvisionRef> out;
    for (const auto& row : *rows) {
      if (!wanted.empty() && !wanted.contains(row.text(0))) continue;
      out.push_back({row.text(0), row.text(1), row.text(2), row.text(3), row.text(4),
                     by_provision[row.text(0)]});
    }
    return out;
  });
}

Result<std::vector<Plan>> MonitoringRepository::plans() {
  return db_.read([&](Session& s) {
    return all_rows<Plan>(s, std::string(sql::plan_columns).append("ORDER BY id"), {}, plan_from);
  });
}

Result<std::optional<PlanRecords>> MonitoringRepository::plan(std::int64_t id) {
  return db_.read([&](Session& s) -> Result<std::optional<PlanRecords>> {
    auto plans =
        all_rows<Plan>(s, std::string(sql::plan_columns).append("WHERE id = $1"), {id}, plan_from);
    if (!plans) return error_of(plans);
    if (plans->empty()) return std::nullopt;
    PlanRecords records{plans->front(), {}, {}, {}};
    auto measures = all_rows<Measure>(
        s, std::string(sql::measure_columns).append("WHERE plan_id = $1 ORDER BY id"), {id},
        measure_from);
    if (!measures) return error_of(measures);
    records.measures = std::move(*measures);
    auto links = s.query(sql::measure_provisions, {id});
    if (!links) return error_of(links);
    for (const auto& row : *links) {
      auto measure = std::ranges::find(records.measures, row.i64(0), &Measure::id);
      if (measure != records.measures.end()) measure->provisions.push_back(row.text(1));
    }
    auto indicators = all_rows<Indicator>(
        s, std::string(sql::indicator_columns).append("WHERE m.plan_id = $1 ORDER BY i.id"), {id},
        indicator_from);
    if (!indicators) return error_of(indicators);
    records.indicators = std::move(*indicators);
    auto reports = all_rows<ProgressReport>(
        s, std::string(sql::report_columns).append("WHERE m.plan_id = $1 ORDER BY r.id"), {id},
        report_from);
    if (!reports) return error_of(reports);
    records.reports = std::move(*reports);
    return records;
  });
}

Result<Plan> MonitoringRepository::add_plan(const Plan& plan, const domain::Actor& actor,
                                            UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<Plan> {
    auto id = inserted_id(
        s.query(sql::insert_plan, {plan.title, plan.period_start, plan.period_end,
                                   optional_value(plan.previous_plan_id), actor.user_id, now}));
    if (!id) return error_of(id);
    if (auto a = audit_change(s, actor, "action_plan.create", "action_plan", *id, now); !a) {
      return error_of(a);
    }
    Plan stored = plan;
    stored.id = *id;
    stored.created_at = now;
    return stored;
  });
}

Result<Plan> MonitoringRepository::start_next_plan(
    std::int64_t previous, const Plan& next, const std::vector<std::int64_t>& measures_to_carry,
    const domain::Actor& actor, UnixSeconds now) {
  auto records = plan(previous);
  if (!records) return error_of(records);
  if (!*records) return fail(Errc::not_found, "no such plan");
  return db_.write([&](Session& s) -> Result<Plan> {
    auto superseded = s.execute(sql::supersede_plan, {previous, now});
    if (!superseded) return error_of(superseded);
    if (*superseded == 0) {
      return fail(Errc::conflict, "a new period was already started from this plan",
                  "plan-superseded");
    }
    auto id = inserted_id(s.query(sql::insert_plan, {next.title, next.period_start, next.period_end,
                                                     previous, actor.user_id, now}));
    if (!id) return error_of(id);
    for (const auto& measure : (*records)->measures) {
      if (std::ranges::find(measures_to_carry, measure.id) == measures_to_carry.end()) continue;
      Measure carried = measure;
      carried.plan_id = *id;
      carried.carried_from_id = measure.id;
      auto measure_id = insert_measure(s, carried, now);
      if (!measure_id) return error_of(measure_id);
      for (const auto& indicator : (*records)->indicators) {
        if (indicator.measure_id != measure.id) continue;
        Indicator copy = indicator;
        copy.measure_id = *measure_id;
        copy.carried_from_id = indicator.id;
        if (auto added = insert_indicator(s, copy, now); !added) return error_of(added);
      }
    }
    if (auto a = audit_change(s, actor, "action_plan.supersede", "action_plan", previous, now);
        !a) {
      return error_of(a);
    }
    if (auto a = audit_change(s, actor, "action_plan.create", "action_plan", *id, now); !a) {
      return error_of(a);
    }
    Plan stored = next;
    stored.id = *id;
    stored.previous_plan_id = previous;
    stored.created_at = now;
    return stored;
  });
}

Result<Measure> MonitoringRepository::add_measure(const Measure& measure,
                                                  const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<Measure> {
    if (auto open = check_plan_not_superseded(s, measure.plan_id); !open) return error_of(open);
    auto id = insert_measure(s, measure, now);
    if (!id) return error_of(id);
    if (auto a = audit_change(s, actor, "action_plan.measure.create", "plan_measure", *id, now);
        !a) {
      return error_of(a);
    }
    Measure stored = measure;
    stored.id = *id;
    return stored;
  });
}

Result<Measure> MonitoringRepository::update_measure(const Measure& measure,
                                                     const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<Measure> {
    if (auto open = check_plan_open(s, sql::plan_of_measure, measure.id, measure.plan_id); !open) {
      return error_of(open);
    }
    const auto& m = measure;
    if (auto updated =
            s.execute(sql::update_measure,
                      {m.id, m.title, m.description, json_list(m.bodies), json_list(m.partners),
                       optional_value(m.budget), m.currency, m.start_on, m.due_on, now});
        !updated) {
      return error_of(updated);
    }
    if (auto removed = s.execute(sql::delete_measure_provisions, {m.id}); !removed) {
      return error_of(removed);
    }
    for (const auto& provision : std::set<std::string>(m.provisions.begin(), m.provisions.end())) {
      if (auto added = s.execute(sql::insert_measure_provision, {m.id, provision}); !added) {
        return error_of(added);
      }
    }
    if (auto a = audit_change(s, actor, "action_plan.measure.update", "plan_measure", m.id, now);
        !a) {
      return error_of(a);
    }
    return measure;
  });
}

Result<Indicator> MonitoringRepository::add_indicator(std::int64_t plan_id,
                                                      const Indicator& indicator,
                                                      const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<Indicator> {
    if (auto open = check_plan_open(s, sql::plan_of_measure, indicator.measure_id, plan_id);
        !open) {
      return error_of(open);
    }
    auto id = insert_indicator(s, indicator, now);
    if (!id) return error_of(id);
    if (auto a = audit_change(s, actor, "action_plan.indicator.create", "plan_indicator", *id, now);
        !a) {
      return error_of(a);
    }
    Indicator stored = indicator;
    stored.id = *id;
    return stored;
  });
}

Result<ProgressReport> MonitoringRepository::add_report(std::int64_t plan_id,
                                                        const ProgressReport& report,
                                                        const domain::Actor& actor,
                                                        UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<ProgressReport> {
    if (auto open = check_plan_open(s, sql::plan_of_indicator, report.indicator_id, plan_id);
        !open) {
      return error_of(open);
    }
    auto id = inserted_id(s.query(
        sql::insert_report, {report.indicator_id, report.due_on,
                             std::string(to_string(report.status)), optional_value(report.value),
                             report.note, json_list(report.evidence), actor.user_id, now}));
    if (!id) return error_of(id);
    if (auto a =
            audit_change(s, actor, "action_plan.progress.report", "plan_progress_report", *id, now);
        !a) {
      return error_of(a);
    }
    ProgressReport stored = report;
    stored.id = *id;
    stored.reported_by = actor.user_id;
    stored.reported_at = now;
    return stored;
  });
}

Result<std::int64_t> MonitoringRepository::ensure_respondents(
    const std::vector<Respondent>& respondents) {
  return db_.write([&](Session& s) -> Result<std::int64_t> {
    std::int64_t added = 0;
    for (const auto& r : respondents) {
      auto inserted = s.execute(sql::insert_respondent, {r.code, r.name, r.kind});
      if (!inserted) return error_of(inserted);
      added += *inserted;
    }
    return added;
  });
}

Result<std::vector<RespondentRecord>> MonitoringRepository::respondents() {
  return db_.read([&](Session& s) {
    return all_rows<RespondentRecord>(
        s, std::string(sql::respondent_columns).append("ORDER BY kind DESC, code"), {},
        [](const Row& row) {
          return RespondentRecord{{row.text(0), row.text(1), row.text(2)}, row.opt_i64(3)};
        });
  });
}

Result<RespondentRecord> MonitoringRepository::save_respondent(const RespondentRecord& record,
                                                               const domain::Actor& actor,
                                                               UnixSeconds now) {
  const auto& r = record.respondent;
  return db_.write([&](Session& s) -> Result<RespondentRecord> {
    if (record.organisation_id) {
      auto organisation = s.query(sql::organisation_exists, {*record.organisation_id});
      if (!organisation) return error_of(organisation);
      if (organisation->empty()) {
        return fail_fields("no such organisation", {{"organisation_id", "is not an organisation"}});
      }
    }
    if (auto saved = s.execute(sql::upsert_respondent,
                               {r.code, r.name, r.kind, optional_value(record.organisation_id)});
        !saved) {
      return error_of(saved);
    }
    auto rows = s.query(std::string(sql::respondent_columns).append("WHERE code = $1"), {r.code});
    if (!rows) return error_of(rows);
    const auto& row = rows->front();
    if (auto a =
            audit::append(s,
                          {actor.user_id, actor.organisation_id, "questionnaire.respondent.save",
                           "questionnaire_respondent", r.code, "success"},
                          now);
        !a) {
      return error_of(a);
    }
    return RespondentRecord{{row.text(0), row.text(1), row.text(2)}, row.opt_i64(3)};
  });
}

Result<std::vector<Round>> MonitoringRepository::rounds() {
  return db_.read([&](Session& s) {
    return all_rows<Round>(s, std::string(sql::round_columns).append("ORDER BY id"), {},
                           round_from);
  });
}

Result<std::optional<Round>> MonitoringRepository::round(std::int64_t id) {
  return db_.read([&](Session& s) -> Result<std::optional<Round>> {
    auto found = round_in(s, id);
    if (!found) {
      if (found.error().code == Errc::not_found) return std::nullopt;
      return error_of(found);
    }
    return *found;
  });
}

Result<Round> MonitoringRepository::add_round(const Round& round,
                                              const std::vector<ItemDefinition>& items,
                                              const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<Round> {
    auto id = inserted_id(
        s.query(sql::insert_round,
                {round.title, std::int64_t{round.include_partners ? 1 : 0}, actor.user_id, now}));
    if (!id) return error_of(id);
    std::int64_t position = 0;
    for (const auto& item : items) {
      if (auto added = insert_item_version(s, *id, item, 1, ++position, now); !added) {
        return error_of(added);
      }
    }
    if (auto a = audit_change(s, actor, "questionnaire.create", "questionnaire_round", *id, now);
        !a) {
      return error_of(a);
    }
    return round_in(s, *id);
  });
}

Result<std::vector<StoredItem>> MonitoringRepository::items(std::int64_t round_id) {
  return db_.read([&](Session& s) {
    return all_rows<StoredItem>(
        s,
        std::string(sql::item_columns)
            .append("WHERE round_id = $1 ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, "
                    "position, version"),
        {round_id}, item_from);
  });
}

Result<StoredItem> MonitoringRepository::add_item(std::int64_t round_id, const ItemDefinition& item,
                                                  const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<StoredItem> {
    auto round = round_in(s, round_id);
    if (!round) return error_of(round);
    if (auto draft = require_status(*round, round_status::draft, "round-frozen",
                                    "items are added only while the round is a draft");
        !draft) {
      return error_of(draft);
    }
    if (auto free = check_code_free(s, round_id, item.code, 0); !free) return error_of(free);
    auto added = insert_item_version(s, round_id, item, 1, std::nullopt, now);
    if (!added) return added;
    if (auto a = audit_change(s, actor, "questionnaire.item.create", "questionnaire_item",
                              added->id, now);
        !a) {
      return error_of(a);
    }
    return added;
  });
}

Result<StoredItem> MonitoringRepository::change_item(std::int64_t round_id, std::int64_t item_id,
                                                     const ItemDefinition& item,
                                                     const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<StoredItem> {
    auto round = round_in(s, round_id);
    if (!round) return error_of(round);
    auto current = item_in(s, round_id, item_id);
    if (!current) return error_of(current);
    if (current->retired) {
      return fail(Errc::conflict, "this version of the item was replaced by a newer one",
                  "item-version-gone");
    }
    if (round->status == round_status::closed) {
      return fail(Errc::conflict, "a closed round changes no more", "round-closed");
    }
    if (auto free = check_code_free(s, round_id, item.code, item_id); !free) return error_of(free);
    StoredItem stored = *current;
    stored.definition = item;
    if (round->status == round_status::draft) {
      if (auto updated = s.execute(sql::update_item,
                                   {item_id, item.code, item_json(item).dump(), item.provision_id});
          !updated) {
        return error_of(updated);
      }
    } else {
      // Frozen: the change is a new version, and answers stay with the version they answered.
      if (auto retired = s.execute(sql::retire_item, {item_id, now}); !retired) {
        return error_of(retired);
      }
      auto revised =
          insert_item_version(s, round_id, item, current->version + 1, current->position, now);
      if (!revised) return revised;
      stored = *revised;
    }
    if (auto a = audit_change(s, actor, "questionnaire.item.update", "questionnaire_item",
                              stored.id, now);
        !a) {
      return error_of(a);
    }
    return stored;
  });
}

Result<void> MonitoringRepository::remove_item(std::int64_t round_id, std::int64_t item_id,
                                               const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto round = round_in(s, round_id);
    if (!round) return error_of(round);
    if (auto draft = require_status(*round, round_status::draft, "round-frozen",
                                    "items are removed only while the round is a draft");
        !draft) {
      return draft;
    }
    if (auto current = item_in(s, round_id, item_id); !current) return error_of(current);
    if (auto removed = s.execute(sql::delete_item, {item_id}); !removed) return error_of(removed);
    return audit_change(s, actor, "questionnaire.item.delete", "questionnaire_item", item_id, now);
  });
}

Result<Round> MonitoringRepository::change_status(std::int64_t round_id, std::string_view to,
                                                  const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<Round> {
    auto round = round_in(s, round_id);
    if (!round) return error_of(round);
    const bool opening = to == round_status::open;
    auto changed = s.execute(opening ? sql::open_round : sql::close_round, {round_id, now});
    if (!changed) return error_of(changed);
    if (*changed == 0) {
      return fail(Errc::conflict,
                  opening ? "only a draft round can be opened" : "only an open round can be closed",
                  "round-status");
    }
    if (opening) {
      auto fixed = s.execute(sql::fix_respondents,
                             {round_id, std::int64_t{round->include_partners ? 1 : 0}});
      if (!fixed) return error_of(fixed);
    }
    if (auto a = audit_change(s, actor, opening ? "questionnaire.open" : "questionnaire.close",
                              "questionnaire_round", round_id, now);
        !a) {
      return error_of(a);
    }
    return round_in(s, round_id);
  });
}

Result<std::vector<RoundRespondent>> MonitoringRepository::round_respondents(
    std::int64_t round_id) {
  return db_.read([&](Session& s) {
    return all_rows<RoundRespondent>(s, sql::round_respondents, {round_id}, round_respondent_from);
  });
}

Result<std::vector<StoredAnswer>> MonitoringRepository::answers(std::int64_t round_id,
                                                                const std::string& code) {
  return db_.read([&](Session& s) {
    if (code.empty()) {
      return all_rows<StoredAnswer>(
          s, std::string(sql::answer_columns).append("WHERE round_id = $1 ORDER BY code, item_id"),
          {round_id}, answer_from);
    }
    return all_rows<StoredAnswer>(s,
                                  std::string(sql::answer_columns)
                                      .append("WHERE round_id = $1 AND code = $2 ORDER BY item_id"),
                                  {round_id, code}, answer_from);
  });
}

Result<std::vector<StoredAnswer>> MonitoringRepository::save_answers(
    std::int64_t round_id, const std::string& code, const std::vector<AnswerInput>& inputs,
    const domain::Actor& actor, UnixSeconds now) {
  auto saved = db_.write([&](Session& s) -> Result<void> {
    auto round = round_in(s, round_id);
    if (!round) return error_of(round);
    if (round->status == round_status::closed) {
      return fail(Errc::conflict, "the round is closed: answers are no longer accepted",
                  "round-closed");
    }
    if (round->status != round_status::open) {
      return fail(Errc::conflict, "the round is not open yet", "round-not-open");
    }
    auto respondent = s.query(sql::round_respondent, {round_id, code});
    if (!respondent) return error_of(respondent);
    if (respondent->empty()) return fail(Errc::not_found, "not a respondent of this round");
    const bool submitted = !respondent->front().is_null(3);
    for (const auto& input : inputs) {
      auto item = item_in(s, round_id, input.item_id);
      if (!item) {
        if (item.error().code != Errc::not_found) return error_of(item);
        return fail(Errc::conflict, "the item version answered no longer exists",
                    "item-version-gone");
      }
      if (item->retired) {
        return fail(Errc::conflict,
                    "the item version answered was replaced by a newer one: answer that one",
                    "item-version-gone");
      }
      auto existing = s.query(std::string(sql::answer_columns)
                                  .append("WHERE round_id = $1 AND code = $2 AND item_id = $3"),
                              {round_id, code, input.item_id});
      if (!existing) return error_of(existing);
      const auto value = stored_answer_value(input.value);
      if (existing->empty()) {
        if (auto added = s.execute(sql::insert_answer,
                                   {round_id, code, input.item_id, value, actor.user_id, now});
            !added) {
          return error_of(added);
        }
        continue;
      }
      const auto before = answer_from(existing->front());
      if (!submitted) {
        if (auto replaced =
                s.execute(sql::replace_draft_answer, {before.id, value, actor.user_id, now});
            !replaced) {
          return error_of(replaced);
        }
        continue;
      }
      if (before.value == input.value) continue;
      if (input.version != before.version) {
        return fail(Errc::conflict,
                    "this submitted answer was not replaced: give the version of the answer "
                    "being changed",
                    "answer-changed");
      }
      if (auto kept = s.execute(
              sql::keep_history,
              {before.id, before.version, stored_answer_value(before.value), actor.user_id, now});
          !kept) {
        return error_of(kept);
      }
      if (auto replaced =
              s.execute(sql::replace_submitted_answer, {before.id, value, actor.user_id, now});
          !replaced) {
        return error_of(replaced);
      }
      if (auto a = audit_change(s, actor, "questionnaire.answer.amend", "questionnaire_answer",
                                before.id, now);
          !a) {
        return error_of(a);
      }
    }
    return audit::append(s,
                         {actor.user_id, actor.organisation_id, "questionnaire.answers.save",
                          "questionnaire_round", std::to_string(round_id), "success"},
                         now);
  });
  if (!saved) return error_of(saved);
  return answers(round_id, code);
}

Result<RoundRespondent> MonitoringRepository::submit(std::int64_t round_id, const std::string& code,
                                                     const domain::Actor& actor, UnixSeconds now) {
  return db_.write([&](Session& s) -> Result<RoundRespondent> {
    auto round = round_in(s, round_id);
    if (!round) return error_of(round);
    if (round->status != round_status::open) {
      return fail(Errc::conflict, "only an open round takes submissions",
                  round->status == round_status::closed ? "round-closed" : "round-not-open");
    }
    auto marked = s.execute(sql::mark_submitted, {round_id, code, now, actor.user_id});
    if (!marked) return error_of(marked);
    if (*marked == 0) {
      auto respondent = s.query(sql::round_respondent, {round_id, code});
      if (!respondent) return error_of(respondent);
      if (respondent->empty()) return fail(Errc::not_found, "not a respondent of this round");
      return fail(Errc::conflict, "this State has already submitted its answers to the round",
                  "already-submitted");
    }
    if (auto a = audit::append(s,
                               {actor.user_id, actor.organisation_id, "questionnaire.submit",
                                "questionnaire_round", std::to_string(round_id), "success"},
                               now);
        !a) {
      return error_of(a);
    }
    auto respondent = s.query(sql::round_respondent, {round_id, code});
    if (!respondent) return error_of(respondent);
    return round_respondent_from(respondent->front());
  });
}

Result<std::vector<AnswerChange>> MonitoringRepository::answer_history(std::int64_t round_id,
                                                                       const std::string& code) {
  return db_.read([&](Session& s) {
    return all_rows<AnswerChange>(s, sql::history, {round_id, code}, [](const Row& row) {
      return AnswerChange{row.i64(0), row.i64(1), row.i64(2), answer_value_from_stored(row.text(3)),
                          row.i64(4), row.i64(5)};
    });
  });
}

}  // namespace lifeline::storage
