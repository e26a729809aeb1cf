#include "storage/repositories/stats_repository.hpp"

#include <map>

#include "audit/audit_trail.hpp"
#include "storage/repositories/case_state_codec.hpp"
#include "storage/repositories/repository_support.hpp"

namespace lifeline::storage {
namespace {

using domain::stats::CaseFacts;
using domain::stats::Dimension;

constexpr int kRebuildBatch = 2000;
constexpr int kScanBatch = 50000;

namespace sql {
constexpr std::string_view case_source =
    "SELECT c.id, c.kind, c.referred_on, c.sex, c.citizenship, c.age_band, "
    "c.country_of_exploitation, c.exploitation_types, c.state, coalesce(o.type, '') "
    "FROM nrm_cases c LEFT JOIN organisations o ON o.id = c.referring_organisation_id ";
constexpr std::string_view delete_facts = "DELETE FROM stats_case_facts WHERE case_id = $1";
constexpr std::string_view insert_facts =
    "INSERT INTO stats_case_facts (case_id, referred_on, referral_year, referral_quarter, "
    "referral_month, kind, trafficking_status, gender, age_group, age_band, citizenship, "
    "country_of_exploitation, scope, first_responder_type, exploitation_mask, rg_outcome, "
    "rg_days, rg_on, cg_outcome, cg_days, cg_on, reviews, status, reflection_days, "
    "permits_applied, permits_granted, compensation_claims, compensation_claimed, "
    "compensation_awards, compensation_awarded, returned, follow_ups, re_trafficked) VALUES "
    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, "
    "$21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33)";
constexpr std::string_view count_cases = "SELECT count(*) FROM nrm_cases";
constexpr std::string_view microdata_where =
    " FROM stats_case_facts WHERE trafficking_status <> 'not_a_victim'";
constexpr std::string_view microdata_page =
    "SELECT case_id, referral_year, gender, age_band, age_group, citizenship, "
    "country_of_exploitation, exploitation_mask FROM stats_case_facts WHERE case_id > $1 "
    "AND trafficking_status <> 'not_a_victim' ORDER BY case_id LIMIT $2";
constexpr std::string_view facts_page =
    "SELECT case_id, referred_on, referral_year, referral_quarter, referral_month, kind, "
    "trafficking_status, gender, age_group, age_band, citizenship, country_of_exploitation, "
    "scope, first_responder_type, exploitation_mask, rg_outcome, rg_days, rg_on, cg_outcome, "
    "cg_days, cg_on, reviews, status, reflection_days, permits_applied, permits_granted, "
    "compensation_claims, compensation_claimed, compensation_awards, compensation_awarded, "
    "returned, follow_ups, re_trafficked FROM stats_case_facts WHERE case_id > $1 "
    "ORDER BY case_id LIMIT $2";
// The facts of the filter's period; $1 from, $2 to, $3 trafficking status, '' for any.
constexpr std::string_view period =
    " ($1 = '' OR f.referred_on >= $1) AND ($2 = '' OR f.referred_on <= $2) "
    "AND ($3 = '' OR f.trafficking_status = $3) ";
constexpr std::string_view reasonable_grounds_dates =
    "SELECT f.referred_on, f.rg_on, count(*) FROM stats_case_facts f WHERE f.rg_on <> '' AND ";
constexpr std::string_view pending_reasonable_grounds =
    "SELECT f.referred_on, f.rg_on, count(*) FROM stats_case_facts f WHERE f.status = 'open' "
    "AND f.rg_outcome = 'pending' AND ";
constexpr std::string_view pending_conclusive =
    "SELECT f.referred_on, f.rg_on, count(*) FROM stats_case_facts f WHERE f.status = 'open' "
    "AND f.rg_outcome = 'positive' AND f.cg_outcome = 'pending' AND ";
constexpr std::string_view outcome_totals =
    "SELECT count(*), coalesce(sum(f.permits_applied), 0), coalesce(sum(f.permits_granted), 0), "
    "coalesce(sum(f.compensation_claims), 0), coalesce(sum(f.compensation_claimed), 0), "
    "coalesce(sum(f.compensation_awards), 0), coalesce(sum(f.compensation_awarded), 0), "
    "coalesce(sum(f.returned), 0), coalesce(sum(CASE WHEN f.follow_ups > 0 THEN 1 ELSE 0 END), 0), "
    "coalesce(sum(f.re_trafficked), 0), coalesce(sum(f.reviews), 0) FROM stats_case_facts f "
    "WHERE ";
constexpr std::string_view services =
    "SELECT s.type, coalesce(o.type, ''), s.status, count(*) FROM nrm_services s "
    "JOIN stats_case_facts f ON f.case_id = s.case_id "
    "LEFT JOIN organisations o ON o.id = s.provider_organisation_id WHERE ";
constexpr std::string_view services_group = " GROUP BY s.type, o.type, s.status";
constexpr std::string_view insert_import =
    "INSERT INTO stats_imports (kind, file_name, imported_at, row_count) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
constexpr std::string_view upsert_unodc =
    "INSERT INTO stats_unodc (iso3, country, region, subregion, indicator, dimension, category, "
    "sex, age, year, unit, value_text, value, source, import_id) VALUES ($1, $2, $3, $4, $5, $6, "
    "$7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (iso3, indicator, dimension, "
    "category, sex, age, year, unit) DO UPDATE SET country = excluded.country, "
    "region = excluded.region, subregion = excluded.subregion, "
    "value_text = excluded.value_text, value = excluded.value, source = excluded.source, "
    "import_id = excluded.import_id";
constexpr std::string_view insert_nrm_row =
    "INSERT INTO stats_nrm_table (import_id, line, first_responder_type, first_responder, "
    "exploitation_type, age_at_exploitation, gender, nationality, people_text, people) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view find_unodc =
    "SELECT iso3, country, region, subregion, indicator, dimension, category, sex, age, year, "
    "unit, value_text, value, source FROM stats_unodc WHERE ($1 = '' OR iso3 = $1) "
    "AND ($2 = '' OR indicator = $2) AND ($3 = '' OR dimension = $3) "
    "AND ($4 = '' OR category = $4) AND ($5 = '' OR sex = $5) AND ($6 = '' OR age = $6) "
    "AND ($7 = 0 OR year = $7) "
    "ORDER BY iso3, year, indicator, dimension, category, sex, age LIMIT $8";
}  // namespace sql

// The column each dimension is counted by: a fixed list, never text from a request.
std::string_view column_of(Dimension dimension) {
  switch (dimension) {
    case Dimension::year:
      return "f.referral_year";
    case Dimension::quarter:
      return "f.referral_quarter";
    case Dimension::month:
      return "f.referral_month";
    case Dimension::gender:
      return "f.gender";
    case Dimension::age_group:
      return "f.age_group";
    case Dimension::age_band:
      return "f.age_band";
    case Dimension::exploitation_type:
      return "f.exploitation_mask";
    case Dimension::citizenship:
      return "f.citizenship";
    case Dimension::country_of_exploitation:
      return "f.country_of_exploitation";
    case Dimension::scope:
      return "f.scope";
    case Dimension::first_responder_type:
      return "f.first_responder_type";
    case Dimension::trafficking_status:
      return "f.trafficking_status";
    case Dimension::rg_outcome:
      return "f.rg_outcome";
    case Dimension::cg_outcome:
      return "f.cg_outcome";
  }
  return "f.status";
}

Params period_params(const FactFilter& filter) {
  return {filter.from, filter.to, filter.trafficking_status};
}

std::string text_of(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* real = std::get_if<double>(&value)) {
    return std::to_string(static_cast<std::int64_t>(*real));
  }
  return std::string(domain::stats::kUnknown);
}

// The categories of one grouped value: the types of a mask, or the value itself.
class Categories {
 public:
  explicit Categories(Dimension dimension) : dimension_(dimension) {}
  const std::vector<std::string>& of(const Value& value) {
    auto key = text_of(value);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    std::vector<std::string> categories;
    if (domain::stats::is_multi_valued(dimension_)) {
      const auto* mask = std::get_if<std::int64_t>(&value);
      categories =
          domain::stats::exploitation_categories(mask ? static_cast<std::uint64_t>(*mask) : 0);
    } else {
      categories.push_back(key);
    }
    return cache_.emplace(std::move(key), std::move(categories)).first->second;
  }

 private:
  Dimension dimension_;
  std::map<std::string, std::vector<std::string>> cache_;
};

Value optional_int(const std::optional<int>& value) {
  return value ? Value(std::int64_t{*value}) : Value(Null{});
}

Params facts_params(const CaseFacts& f) {
  auto flag = [](bool b) { return std::int64_t{b ? 1 : 0}; };
  auto n = [](auto v) { return static_cast<std::int64_t>(v); };
  return {f.case_id,
          f.referred_on,
          n(f.year),
          f.quarter,
          f.month,
          f.kind,
          f.trafficking_status,
          f.gender,
          f.age_group,
          f.age_band,
          f.citizenship,
          f.country_of_exploitation,
          f.scope,
          f.first_responder_type,
          n(f.exploitation_mask),
          f.rg_outcome,
          optional_int(f.rg_days),
          f.rg_on,
          f.cg_outcome,
          optional_int(f.cg_days),
          f.cg_on,
          n(f.reviews),
          f.status,
          optional_int(f.reflection_days),
          n(f.permits_applied),
          n(f.permits_granted),
          n(f.compensation_claims),
          f.compensation_claimed,
          n(f.compensation_awards),
          f.compensation_awarded,
          flag(f.returned),
          n(f.follow_ups),
          flag(f.re_trafficked)};
}

Result<CaseFacts> facts_from(const Row& row) {
  domain::stats::CaseSource source;
  source.case_id = row.i64(0);
  source.kind = row.text(1) == to_string(domain::nrm::ReferralKind::identified)
                    ? domain::nrm::ReferralKind::identified
                    : domain::nrm::ReferralKind::anonymous_notification;
  auto referred_on = domain::nrm::parse_iso_date(row.text(2));
  if (!referred_on) return error_of(referred_on);
  source.referred_on = *referred_on;
  source.sex = row.text(3);
  source.citizenship = row.text(4);
  source.age_band = row.text(5);
  source.country_of_exploitation = row.text(6);
  source.exploitation_types = list_from_json(row.text(7));
  auto state = decode_case_state(row.text(8));
  if (!state) return error_of(state);
  source.state = std::move(*state);
  source.first_responder_type = row.text(9);
  return domain::stats::case_facts(source);
}

std::optional<int> optional_int_of(const Row& row, std::size_t column) {
  return row.is_null(column) ? std::nullopt : std::optional(static_cast<int>(row.i64(column)));
}

// The columns of sql::facts_page, in their order.
CaseFacts stored_facts(const Row& row) {
  auto n = [&](std::size_t column) { return static_cast<int>(row.i64(column)); };
  CaseFacts f;
  f.case_id = row.i64(0);
  f.referred_on = row.text(1);
  f.year = n(2);
  f.quarter = row.text(3);
  f.month = row.text(4);
  f.kind = row.text(5);
  f.trafficking_status = row.text(6);
  f.gender = row.text(7);
  f.age_group = row.text(8);
  f.age_band = row.text(9);
  f.citizenship = row.text(10);
  f.country_of_exploitation = row.text(11);
  f.scope = row.text(12);
  f.first_responder_type = row.text(13);
  f.exploitation_mask = static_cast<std::uint64_t>(row.i64(14));
  f.rg_outcome = row.text(15);
  f.rg_days = optional_int_of(row, 16);
  f.rg_on = row.text(17);
  f.cg_outcome = row.text(18);
  f.cg_days = optional_int_of(row, 19);
  f.cg_on = row.text(20);
  f.reviews = n(21);
  f.status = row.text(22);
  f.reflection_days = optional_int_of(row, 23);
  f.permits_applied = n(24);
  f.permits_granted = n(25);
  f.compensation_claims = n(26);
  f.compensation_claimed = row.i64(27);
  f.compensation_awards = n(28);
  f.compensation_awarded = row.i64(29);
  f.returned = row.i64(30) != 0;
  f.follow_ups = n(31);
  f.re_trafficked = row.i64(32) != 0;
  return f;
}

Result<void> write_facts(Session& s, const CaseFacts& facts) {
  if (auto deleted = s.execute(sql::delete_facts, {facts.case_id}); !deleted) {
    return error_of(deleted);
  }
  if (auto inserted = s.execute(sql::insert_facts, facts_params(facts)); !inserted) {
    return error_of(inserted);
  }
  return {};
}

Result<std::vector<DatedCount>> dated_counts(Database& db, std::string_view select,
                                             const FactFilter& filter) {
  return db.read([&](Session& s) -> Result<std::vector<DatedCount>> {
    auto rows = s.query(std::string(select).append(sql::period).append(" GROUP BY 1, 2"),
                        period_params(filter));
    if (!rows) return error_of(rows);
    std::vector<DatedCount> counts;
    counts.reserve(rows->size());
    for (const auto& row : *rows) counts.push_back({row.text(0), row.text(1), row.i64(2)});
    return counts;
  });
}

audit::AuditEntry import_entry(std::string_view kind, std::int64_t id) {
  return {std::nullopt,   std::nullopt,       std::string("stats.import.").append(kind),
          "stats_import", std::to_string(id), "success"};
}

Result<std::int64_t> begin_import(Session& s, std::string_view kind, const std::string& file_name,
                                  std::size_t rows, std::int64_t now) {
  auto inserted = s.query(sql::insert_import,
                          {std::string(kind), file_name, now, static_cast<std::int64_t>(rows)});
  if (!inserted) return error_of(inserted);
  const auto id = inserted->front().i64(0);
  if (auto audited = audit::append(s, import_entry(kind, id), now); !audited) {
    return error_of(audited);
  }
  return id;
}

}  // namespace

Result<void> refresh_case_facts(Session& s, std::int64_t case_id) {
  auto rows = s.query(std::string(sql::case_source).append("WHERE c.id = $1"), {case_id});
  if (!rows) return error_of(rows);
  if (rows->empty()) return fail(Errc::not_found, "no such case");
  auto facts = facts_from(rows->front());
  if (!facts) return error_of(facts);
  return write_facts(s, *facts);
}

Result<std::vector<domain::stats::FactGroup>> StatsRepository::table_groups(
    Dimension rows, Dimension cols, const FactFilter& filter) {
  const auto row_column = column_of(rows);
  const auto col_column = column_of(cols);
  const auto statement = std::string("SELECT ")
                             .append(row_column)
                             .append(", ")
                             .append(col_column)
                             .append(", count(*) FROM stats_case_facts f WHERE")
                             .append(sql::period)
                             .append("GROUP BY ")
                             .append(row_column)
                             .append(", ")
                             .append(col_column);
  return db_.read([&](Session& s) -> Result<std::vector<domain::stats::FactGroup>> {
    auto found = s.query(statement, period_params(filter));
    if (!found) return error_of(found);
    Categories row_categories(rows);
    Categories col_categories(cols);
    std::vector<domain::stats::FactGroup> groups;
    groups.reserve(found->size());
    for (const auto& row : *found) {
      groups.push_back(
          {row_categories.of(row.value(0)), col_categories.of(row.value(1)), row.i64(2)});
    }
    return groups;
  });
}

Result<std::int64_t> StatsRepository::rebuild_facts(
    const std::function<void(std::int64_t, std::int64_t)>& progress) {
  auto total = db_.read([&](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(sql::count_cases);
    if (!rows) return error_of(rows);
    return rows->front().i64(0);
  });
  if (!total) return error_of(total);
  std::int64_t done = 0;
  std::int64_t after_id = 0;
  const auto batch_sql =
      std::string(sql::case_source).append("WHERE c.id > $1 ORDER BY c.id LIMIT $2");
  for (;;) {
    auto batch = db_.read([&](Session& s) -> Result<std::vector<CaseFacts>> {
      auto rows = s.query(batch_sql, {after_id, std::int64_t{kRebuildBatch}});
      if (!rows) return error_of(rows);
      std::vector<CaseFacts> facts;
      facts.reserve(rows->size());
      for (const auto& row : *rows) {
        auto one = facts_from(row);
        if (!one) return error_of(one);
        facts.push_back(std::move(*one));
      }
      return facts;
    });
    if (!batch) return error_of(batch);
    if (batch->empty()) break;
    auto written = db_.write([&](Session& s) -> Result<void> {
      for (const auto& facts : *batch) {
        if (auto one = write_facts(s, facts); !one) return one;
      }
      return {};
    });
    if (!written) return error_of(written);
    after_id = batch->back().case_id;
    done += static_cast<std::int64_t>(batch->size());
    if (progress) progress(done, std::max(done, *total));
  }
  return done;
}

Result<std::vector<ValueCount>> StatsRepository::day_counts(std::string_view column,
                                                            const FactFilter& filter) {
  std::string_view checked;
  for (const std::string_view known : {"rg_days", "cg_days", "reflection_days"}) {
    if (column == known) checked = known;
  }
  if (checked.empty()) return fail(Errc::internal, "not a column of days");
  const auto statement = std::string("SELECT f.")
                             .append(checked)
                             .append(", count(*) FROM stats_case_facts f WHERE f.")
                             .append(checked)
                             .append(" IS NOT NULL AND")
                             .append(sql::period)
                             .append("GROUP BY 1 ORDER BY 1");
  return db_.read([&](Session& s) -> Result<std::vector<ValueCount>> {
    auto rows = s.query(statement, period_params(filter));
    if (!rows) return error_of(rows);
    std::vector<ValueCount> counts;
    counts.reserve(rows->size());
    for (const auto& row : *rows) counts.push_back({row.i64(0), row.i64(1)});
    return counts;
  });
}

Result<std::vector<DatedCount>> StatsRepository::reasonable_grounds_dates(
    const FactFilter& filter) {
  return dated_counts(db_, sql::reasonable_grounds_dates, filter);
}

Result<std::vector<DatedCount>> StatsRepository::pending(std::string_view stage,
                                                         const FactFilter& filter) {
  return dated_counts(
      db_, stage == "conclusive" ? sql::pending_conclusive : sql::pending_reasonable_grounds,
      filter);
}

Result<OutcomeTotals> StatsRepository::outcome_totals(const FactFilter& filter) {
  return db_.read([&](Session& s) -> Result<OutcomeTotals> {
    auto rows =
        s.query(std::string(sql::outcome_totals).append(sql::period), period_params(filter));
    if (!rows) return error_of(rows);
    const auto& r = rows->front();
    return OutcomeTotals{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5),
                         r.i64(6), r.i64(7), r.i64(8), r.i64(9), r.i64(10)};
  });
}

Result<std::vector<ServiceCount>> StatsRepository::services(const FactFilter& filter) {
  return db_.read([&](Session& s) -> Result<std::vector<ServiceCount>> {
    auto rows = s.query(std::string(sql::services).append(sql::period).append(sql::services_group),
                        period_params(filter));
    if (!rows) return error_of(rows);
    std::vector<ServiceCount> counts;
    for (const auto& row : *rows) {
      counts.push_back({row.text(0), row.text(1), row.text(2), row.i64(3)});
    }
    return counts;
  });
}

Result<void> StatsRepository::scan_microdata(
    domain::stats::Microdata& into,
    const std::function<void(std::int64_t, std::int64_t)>& progress) {
  auto total = db_.read([&](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(std::string("SELECT count(*)").append(sql::microdata_where));
    if (!rows) return error_of(rows);
    return rows->front().i64(0);
  });
  if (!total) return error_of(total);
  std::int64_t after_id = 0;
  std::int64_t read = 0;
  for (;;) {
    auto batch = db_.read([&](Session& s) -> Result<std::int64_t> {
      auto rows = s.query(sql::microdata_page, {after_id, std::int64_t{kScanBatch}});
      if (!rows) return error_of(rows);
      for (const auto& row : *rows) {
        into.add(static_cast<int>(row.i64(1)), row.text(2), row.text(3), row.text(4), row.text(5),
                 row.text(6), static_cast<std::uint64_t>(row.i64(7)));
        after_id = row.i64(0);
      }
      return static_cast<std::int64_t>(rows->size());
    });
    if (!batch) return error_of(batch);
    if (*batch == 0) break;
    read += *batch;
    if (progress) progress(read, std::max(read, *total));
  }
  return {};
}

Result<std::vector<CaseFacts>> StatsRepository::facts_page(std::int64_t after_id, int limit) {
  return db_.read([&](Session& s) -> Result<std::vector<CaseFacts>> {
    auto rows = s.query(sql::facts_page, {after_id, std::int64_t{limit}});
    if (!rows) return error_of(rows);
    std::vector<CaseFacts> facts;
    facts.reserve(rows->size());
    for (const auto& row : *rows) facts.push_back(stored_facts(row));
    return facts;
  });
}

Result<StoredImport> StatsRepository::store_unodc(const std::vector<domain::stats::UnodcRow>& rows,
                                                  const std::string& file_name, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<StoredImport> {
    auto id = begin_import(s, "unodc", file_name, rows.size(), now);
    if (!id) return error_of(id);
    for (const auto& r : rows) {
      auto stored = s.execute(sql::upsert_unodc,
                              {r.iso3, r.country, r.region, r.subregion, r.indicator, r.dimension,
                               r.category, r.sex, r.age, std::int64_t{r.year}, r.unit, r.value_text,
                               r.value ? Value(*r.value) : Value(Null{}), r.source, *id});
      if (!stored) return error_of(stored);
    }
    return StoredImport{*id, rows.size()};
  });
}

Result<StoredImport> StatsRepository::store_nrm_table(
    const std::vector<domain::stats::NrmTableRow>& rows, const std::string& file_name,
    std::int64_t now) {
  return db_.write([&](Session& s) -> Result<StoredImport> {
    auto id = begin_import(s, "nrm_table", file_name, rows.size(), now);
    if (!id) return error_of(id);
    for (const auto& r : rows) {
      auto stored =
          s.execute(sql::insert_nrm_row,
                    {*id, static_cast<std::int64_t>(r.row), r.first_responder_type,
                     r.first_responder, r.exploitation_type, r.age_at_exploitation, r.gender,
                     r.nationality, r.people_text, r.people ? Value(*r.people) : Value(Null{})});
      if (!stored) return error_of(stored);
    }
    return StoredImport{*id, rows.size()};
  });
}

Result<std::vector<domain::stats::UnodcRow>> StatsRepository::find_unodc(const UnodcQuery& q) {
  return db_.read([&](Session& s) -> Result<std::vector<domain::stats::UnodcRow>> {
    auto rows =
        s.query(sql::find_unodc, {q.iso3, q.indicator, q.dimension, q.category, q.sex, q.age,
                                  std::int64_t{q.year.value_or(0)}, std::int64_t{q.limit}});
    if (!rows) return error_of(rows);
    std::vector<domain::stats::UnodcRow> found;
    found.reserve(rows->size());
    for (const auto& row : *rows) {
      domain::stats::UnodcRow r;
      r.iso3 = row.text(0);
      r.country = row.text(1);
      r.region = row.text(2);
      r.subregion = row.text(3);
      r.indicator = row.text(4);
      r.dimension = row.text(5);
      r.category = row.text(6);
      r.sex = row.text(7);
      r.age = row.text(8);
      r.year = static_cast<int>(row.i64(9));
      r.unit = row.text(10);
      r.value_text = row.text(11);
      if (!row.is_null(12)) r.value = row.f64(12);
      r.source = row.text(13);
      found.push_back(std::move(r));
    }
    return found;
  });
}

}  // namespace lifeline::storage
