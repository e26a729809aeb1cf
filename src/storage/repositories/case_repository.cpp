#include "storage/repositories/case_repository.hpp"

#include <string_view>

#include <nlohmann/json.hpp>

#include "audit/audit_trail.hpp"
#include "storage/repositories/case_state_codec.hpp"
#include "storage/repositories/repository_support.hpp"
#include "storage/repositories/stats_repository.hpp"

namespace lifeline::storage {
namespace {

using domain::nrm::CaseActor;
using domain::nrm::CaseEvent;
using domain::nrm::CaseScope;
using domain::nrm::Identity;
using domain::nrm::ImportedCase;
using domain::nrm::Referral;
using domain::nrm::ReferralKind;
using domain::nrm::StoredCase;
using domain::nrm::TimelineEntry;

constexpr std::string_view kIdentityTable = "nrm_identities";
constexpr std::string_view kEventTable = "nrm_case_events";
constexpr std::string_view kServiceTable = "nrm_services";
constexpr std::string_view kTaskTable = "nrm_tasks";

tl::unexpected<Error> stale_version() {
  return fail(Errc::precondition_failed,
              "the case changed since you read it; reload it and apply your change again",
              "stale-version");
}

namespace sql {
constexpr std::string_view insert_case =
    "INSERT INTO nrm_cases (kind, referring_organisation_id, referred_by, referred_at, "
    "referred_on, is_child, sex, citizenship, age_band, country_of_exploitation, "
    "exploitation_types, indicators, needs, consent_explained_by, consent_language, "
    "child_situation, status, version, updated_at, state) VALUES ($1, $2, $3, $4, $5, $6, $7, "
    "$8, $9, $10, $11, $12, $13, $14, $15, $16, 'open', 1, $4, '') RETURNING id";
// The state names the case's own referral date and organisation, known once the row exists.
constexpr std::string_view set_initial_state = "UPDATE nrm_cases SET state = $2 WHERE id = $1";
constexpr std::string_view insert_identity =
    "INSERT INTO nrm_identities (id, given_name, family_name, date_of_birth, person_index) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view case_columns =
    "id, kind, referring_organisation_id, referred_by, referred_at, referred_on, is_child, sex, "
    "citizenship, age_band, country_of_exploitation, exploitation_types, indicators, needs, "
    "consent_explained_by, consent_language, status, version, state, case_worker_id, "
    "decision_maker_id, erased_at, child_situation";
// Zero stands for "any" in the scope parameters ($2 referrer, $3 staff user, $4 guardian).
constexpr std::string_view list_cases_where =
    " FROM nrm_cases WHERE id > $1 AND ($2 = 0 OR referring_organisation_id = $2) "
    "AND ($3 = 0 OR case_worker_id IS NULL OR case_worker_id = $3 OR decision_maker_id = $3) "
    "AND ($4 = 0 OR guardian_id = $4) ORDER BY id LIMIT $5";
// Two indexed lookups rather than an OR: given the OR, SQLite's planner walks the status index
// through every open case (50 ms at 20,000 cases, growing with the register).
constexpr std::string_view assigned_open_where =
    " FROM nrm_cases WHERE id IN (SELECT id FROM nrm_cases WHERE case_worker_id = $1 "
    "UNION ALL SELECT id FROM nrm_cases WHERE decision_maker_id = $1) AND status = 'open'";
constexpr std::string_view update_case =
    "UPDATE nrm_cases SET state = $3, status = $4, case_worker_id = $5, decision_maker_id = $6, "
    "guardian_id = $7, version = version + 1, updated_at = $8, closed_on = $9 "
    "WHERE id = $1 AND version = $2";
constexpr std::string_view insert_event =
    "INSERT INTO nrm_case_events (case_id, at, user_id, organisation_id, kind, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view seal_event_note = "UPDATE nrm_case_events SET note = $2 WHERE id = $1";
constexpr std::string_view timeline =
    "SELECT id, at, user_id, organisation_id, kind, detail, note FROM nrm_case_events "
    "WHERE case_id = $1 ORDER BY id";
constexpr std::string_view service_columns =
    "id, type, provider_organisation_id, shared_fields, lawful_ground IS NOT NULL, status, "
    "case_id, referred_at FROM nrm_services ";
constexpr std::string_view insert_service =
    "INSERT INTO nrm_services (case_id, type, provider_organisation_id, shared_fields, status, "
    "referred_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
constexpr std::string_view seal_lawful_ground =
    "UPDATE nrm_services SET lawful_ground = $2 WHERE id = $1";
constexpr std::string_view update_service =
    "UPDATE nrm_services SET status = $3, updated_at = $4 WHERE id = $1 AND case_id = $2";
// Directory rows come ordered by user, one per role.
constexpr std::string_view directory_people =
    "SELECT u.id, u.display_name, u.organisation_id, r.role FROM users u "
    "JOIN organisations o ON o.id = u.organisation_id JOIN user_roles r ON r.user_id = u.id "
    "WHERE u.disabled = 0 AND (r.role = 'guardian' OR (o.type = 'competent_authority' AND "
    "r.role IN ('case_worker', 'decision_maker'))) ORDER BY u.id, r.role";
constexpr std::string_view directory_organisations =
    "SELECT id, name, type FROM organisations ORDER BY name, id";
constexpr std::string_view due_for_erasure =
    "SELECT id FROM nrm_cases WHERE status = 'closed' AND erased_at IS NULL AND closed_on < $1 "
    "AND id > $2 ORDER BY id LIMIT $3";
// Claims the case for erasure only if it is still due: a case reopened meanwhile is kept.
constexpr std::string_view mark_erased =
    "UPDATE nrm_cases SET erased_at = $3, consent_explained_by = '', updated_at = $3, "
    "version = version + 1 WHERE id = $1 AND status = 'closed' AND erased_at IS NULL "
    "AND closed_on < $2";
constexpr std::string_view erase_identity = "DELETE FROM nrm_identities WHERE id = $1";
constexpr std::string_view erase_notes =
    "UPDATE nrm_case_events SET note = NULL WHERE case_id = $1 AND note IS NOT NULL";
constexpr std::string_view erase_task_titles =
    "UPDATE nrm_tasks SET title = NULL WHERE case_id = $1 AND title IS NOT NULL";
constexpr std::string_view erase_grounds =
    "UPDATE nrm_services SET lawful_ground = NULL WHERE case_id = $1 AND lawful_ground IS NOT "
    "NULL";
constexpr std::string_view insert_task =
    "INSERT INTO nrm_tasks (case_id, owner_id, due_on, created_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view seal_task_title = "UPDATE nrm_tasks SET title = $2 WHERE id = $1";
constexpr std::string_view complete_task =
    "UPDATE nrm_tasks SET done_at = $3 WHERE id = $1 AND case_id = $2 AND done_at IS NULL";
constexpr std::string_view task_columns =
    "SELECT t.id, t.case_id, t.owner_id, t.due_on, t.title, t.created_by, t.done_at IS NOT NULL "
    "FROM nrm_tasks t ";
constexpr std::string_view set_shelter_places =
    "INSERT INTO nrm_shelter_places (organisation_id, places, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (organisation_id) DO UPDATE SET places = excluded.places, "
    "updated_at = excluded.updated_at";
// Locks the shelter's row (PostgreSQL; SQLite writes one at a time anyway), so that places are
// counted by one acceptance after another. No row: the shelter declared no places.
constexpr std::string_view lock_shelter_places =
    "UPDATE nrm_shelter_places SET places = places WHERE organisation_id = $1";
// Zero for $1 lists every shelter; an id reads that organisation's, declared or not.
constexpr std::string_view shelters =
    "SELECT o.id, o.name, coalesce(p.places, 0), (SELECT count(*) FROM nrm_services s "
    "JOIN nrm_cases c ON c.id = s.case_id WHERE s.provider_organisation_id = o.id "
    "AND s.type = 'shelter' AND s.status = 'accepted' AND c.status = 'open') "
    "FROM organisations o LEFT JOIN nrm_shelter_places p ON p.organisation_id = o.id "
    "WHERE ($1 = 0 AND p.organisation_id IS NOT NULL) OR o.id = $1 ORDER BY o.name, o.id";
constexpr std::string_view case_party =
    "SELECT u.organisation_id, o.type, r.role FROM users u "
    "JOIN organisations o ON o.id = u.organisation_id "
    "LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id = $1 AND u.disabled = 0";
constexpr std::string_view find_identity =
    "SELECT given_name, family_name, date_of_birth FROM nrm_identities WHERE id = $1";
constexpr std::string_view duplicates =
    "SELECT count(*) FROM nrm_identities other JOIN nrm_identities this "
    "ON this.person_index = other.person_index WHERE this.id = $1 AND other.id <> $1 "
    "AND this.person_index <> ''";
constexpr std::string_view organisation_type = "SELECT type FROM organisations WHERE id = $1";
}  // namespace sql

std::string select_cases(std::string_view where) {
  return std::string("SELECT ").append(sql::case_columns).append(where);
}

std::optional<std::int64_t> optional_id(const Row& row, std::size_t column) {
  return row.is_null(column) ? std::nullopt : std::optional(row.i64(column));
}

Result<StoredCase> case_from(const Row& row) {
  StoredCase stored;
  stored.id = row.i64(0);
  auto& r = stored.referral;
  r.kind = row.text(1) == to_string(ReferralKind::identified)
               ? ReferralKind::identified
               : ReferralKind::anonymous_notification;
  stored.referring_organisation_id = row.i64(2);
  stored.referred_by = row.i64(3);
  stored.referred_at = row.i64(4);
  stored.referred_on = row.text(5);
  r.is_child = row.i64(6) != 0;
  r.sex = row.text(7);
  r.citizenship = row.text(8);
  r.age_band = row.text(9);
  r.country_of_exploitation = row.text(10);
  r.exploitation_types = list_from_json(row.text(11));
  r.indicators = list_from_json(row.text(12));
  r.needs = list_from_json(row.text(13));
  r.consent.explained_by = row.text(14);
  r.consent.language = row.text(15);
  r.consent.given = !r.consent.explained_by.empty();
  stored.status = row.text(16);
  stored.version = row.i64(17);
  auto state = decode_case_state(row.text(18));
  if (!state) return error_of(state);
  stored.state = std::move(*state);
  stored.assignment = {optional_id(row, 19), optional_id(row, 20)};
  stored.identity_erased = !row.is_null(21);
  r.child_situation = row.text(22);
  return stored;
}

Result<std::vector<StoredCase>> cases_from(const Rows& rows) {
  std::vector<StoredCase> cases;
  cases.reserve(rows.size());
  for (const auto& row : rows) {
    auto stored = case_from(row);
    if (!stored) return error_of(stored);
    cases.push_back(std::move(*stored));
  }
  return cases;
}

void upsert_service(std::vector<domain::nrm::ServiceRecord>& services,
                    const domain::nrm::ServiceRecord& record) {
  for (auto& service : services) {
    if (service.id == record.id) {
      service = record;
      return;
    }
  }
  services.push_back(record);
}

std::string select_services(std::string_view where) {
  return std::string("SELECT ").append(sql::service_columns).append(where);
}

Result<domain::nrm::ProvidedService> service_from(const Row& row) {
  auto status = domain::nrm::parse_service_status(row.text(5));
  if (!status) return fail(Errc::internal, "a stored service status is unreadable");
  return domain::nrm::ProvidedService{
      row.i64(6),
      {row.i64(0), row.text(1), row.i64(2), list_from_json(row.text(3)), row.i64(4) != 0, *status}};
}

Result<std::vector<domain::nrm::ProvidedService>> services_from(const Rows& rows) {
  std::vector<domain::nrm::ProvidedService> services;
  services.reserve(rows.size());
  for (const auto& row : rows) {
    auto service = service_from(row);
    if (!service) return error_of(service);
    services.push_back(std::move(*service));
  }
  return services;
}

// The event of a new service names it, which only the database can say.
std::string with_service_id(const std::string& detail, std::int64_t service_id) {
  auto object = nlohmann::json::parse(detail, nullptr, false);
  if (!object.is_object()) object = nlohmann::json::object();
  object["service_id"] = service_id;
  return object.dump();
}

Value closed_on_value(const domain::nrm::CaseState& state) {
  const auto closed = domain::nrm::closed_on(state);
  return closed ? Value(domain::nrm::format_iso_date(*closed)) : Value(Null{});
}

Value optional_value(const std::optional<std::int64_t>& id) {
  return id ? Value(*id) : Value(Null{});
}

audit::AuditEntry entry(const CaseActor& actor, std::string action, std::int64_t case_id,
                        std::string outcome = "success") {
  return {actor.user_id, actor.organisation_id,   std::move(action),
          "case",        std::to_string(case_id), std::move(outcome)};
}

domain::nrm::ShelterPlaces shelter_of(const Row& row) {
  return {row.i64(0), row.text(1), row.i64(2), row.i64(3)};
}

bool accepts_shelter(const std::vector<domain::nrm::ServiceRecord>& before,
                     const domain::nrm::ServiceRecord& after) {
  using domain::nrm::ServiceStatus;
  if (after.type != "shelter" || after.status != ServiceStatus::accepted) return false;
  const auto it = std::ranges::find(before, after.id, &domain::nrm::ServiceRecord::id);
  return it == before.end() || it->status != ServiceStatus::accepted;
}

// A shelter that declared its places accepts no one once they are taken. Counted inside the
// change's transaction with the shelter's row locked, so two acceptances at the same moment
// cannot both take the last place.
Result<void> take_shelter_place(Session& s, std::int64_t organisation_id) {
  auto locked = s.execute(sql::lock_shelter_places, {organisation_id});
  if (!locked) return error_of(locked);
  if (*locked == 0) return {};
  auto rows = s.query(sql::shelters, {organisation_id});
  if (!rows) return error_of(rows);
  if (rows->empty()) return {};
  const auto shelter = shelter_of(rows->front());
  if (shelter.places > 0 && shelter.occupied >= shelter.places) {
    return fail(Errc::conflict, "every place of this shelter is taken", "shelter-full");
  }
  return {};
}

}  // namespace

Result<std::int64_t> CaseRepository::create_referral(const Referral& referral,
                                                     const CaseActor& actor, std::int64_t now,
                                                     const std::string& referred_on) {
  auto referred_date = domain::nrm::parse_iso_date(referred_on);
  if (!referred_date) return error_of(referred_date);
  return db_.write([&](Session& s) -> Result<std::int64_t> {
    auto id = insert_referral(s, referral, *referred_date, actor.organisation_id, actor, now, "{}");
    if (!id) return error_of(id);
    if (auto audited = audit::append(s, entry(actor, "referral.create", *id), now); !audited) {
      return error_of(audited);
    }
    return *id;
  });
}

Result<std::vector<std::int64_t>> CaseRepository::import_cases(
    const std::vector<ImportedCase>& cases, std::int64_t referring_organisation_id,
    const CaseActor& actor, std::int64_t now, const std::function<void(std::size_t)>& progress) {
  return db_.write([&](Session& s) -> Result<std::vector<std::int64_t>> {
    std::vector<std::int64_t> ids;
    ids.reserve(cases.size());
    for (const auto& imported : cases) {
      auto id = insert_referral(s, imported.referral, imported.referred_on,
                                referring_organisation_id, actor, now, R"({"imported":true})");
      if (!id) return error_of(id);
      if (auto audited = audit::append(s, entry(actor, "referral.import", *id), now); !audited) {
        return error_of(audited);
      }
      if (imported.closure) {
        if (auto closed = close_imported(s, *id, imported, referring_organisation_id, actor, now);
            !closed) {
          return error_of(closed);
        }
      }
      ids.push_back(*id);
      if (progress) progress(ids.size());
    }
    return ids;
  });
}

// The case row, its initial state, the sealed identity and the referral event; the caller
// audits it. The case is referred by `actor` for `referring_organisation_id`.
Result<std::int64_t> CaseRepository::insert_referral(Session& s, const Referral& referral,
                                                     domain::nrm::Date referred_on,
                                                     std::int64_t referring_organisation_id,
                                                     const CaseActor& actor, std::int64_t now,
                                                     const std::string& event_detail) {
  auto rows =
      s.query(sql::insert_case,
              {std::string(to_string(referral.kind)), referring_organisation_id, actor.user_id, now,
               domain::nrm::format_iso_date(referred_on), std::int64_t{referral.is_child ? 1 : 0},
               referral.sex, referral.citizenship, referral.age_band,
               referral.country_of_exploitation, json_list(referral.exploitation_types),
               json_list(referral.indicators), json_list(referral.needs),
               referral.consent.explained_by, referral.consent.language, referral.child_situation});
  if (!rows) return error_of(rows);
  const auto id = rows->front().i64(0);
  const auto state = domain::nrm::open_case(referred_on, referring_organisation_id,
                                            referral.is_child, referral.kind);
  if (auto set = s.execute(sql::set_initial_state, {id, encode_case_state(state)}); !set) {
    return error_of(set);
  }
  if (referral.kind == ReferralKind::identified) {
    if (auto stored = store_identity(s, id, referral); !stored) return error_of(stored);
  }
  const CaseEvent referred{"referral", event_detail, ""};
  if (auto event = append_event(s, id, actor, now, referred); !event) return error_of(event);
  if (auto facts = refresh_case_facts(s, id); !facts) return error_of(facts);
  return id;
}

// Closes a case just imported as POST /api/v1/cases/{id}/closure would: the same rule, state
// change, timeline event and audit entry.
Result<void> CaseRepository::close_imported(Session& s, std::int64_t id,
                                            const ImportedCase& imported,
                                            std::int64_t referring_organisation_id,
                                            const CaseActor& actor, std::int64_t now) {
  const auto& closure = *imported.closure;
  const auto opened = domain::nrm::open_case(imported.referred_on, referring_organisation_id,
                                             imported.referral.is_child, imported.referral.kind);
  auto closed = domain::nrm::close_case(opened, closure.reason, closure.closed_on);
  if (!closed) return error_of(closed);
  auto updated = s.execute(sql::update_case, {id, std::int64_t{1}, encode_case_state(*closed),
                                              std::string("closed"), Value(Null{}), Value(Null{}),
                                              Value(Null{}), now, closed_on_value(*closed)});
  if (!updated) return error_of(updated);
  const nlohmann::json detail = {{"reason", closure.reason},
                                 {"closed_on", domain::nrm::format_iso_date(closure.closed_on)}};
  if (auto event = append_event(s, id, actor, now, {"closure", detail.dump(), ""}); !event) {
    return error_of(event);
  }
  if (auto facts = refresh_case_facts(s, id); !facts) return error_of(facts);
  return audit::append(s, entry(actor, "case.close", id), now);
}

Result<void> CaseRepository::store_identity(Session& s, std::int64_t id, const Referral& referral) {
  auto seal = [&](std::string_view column, const std::string& value) {
    return cipher_.encrypt(value, {kIdentityTable, column, id});
  };
  auto given = seal("given_name", referral.given_name);
  auto family = seal("family_name", referral.family_name);
  auto birth = seal("date_of_birth", referral.date_of_birth);
  if (!given) return error_of(given);
  if (!family) return error_of(family);
  if (!birth) return error_of(birth);
  const auto index =
      blind_index_.person(referral.given_name + " " + referral.family_name, referral.date_of_birth);
  auto stored = s.execute(sql::insert_identity, {id, Bytes(given->begin(), given->end()),
                                                 Bytes(family->begin(), family->end()),
                                                 Bytes(birth->begin(), birth->end()), index});
  if (!stored) return error_of(stored);
  return {};
}

// The note is sealed with the event's own id as associated data, so it is written once the
// row has its id.
Result<void> CaseRepository::append_event(Session& s, std::int64_t case_id, const CaseActor& actor,
                                          std::int64_t now, const CaseEvent& event) {
  auto rows = s.query(sql::insert_event, {case_id, now, actor.user_id, actor.organisation_id,
                                          event.kind, event.detail});
  if (!rows) return error_of(rows);
  if (event.note.empty()) return {};
  const auto event_id = rows->front().i64(0);
  auto sealed = cipher_.encrypt(event.note, {kEventTable, "note", event_id});
  if (!sealed) return error_of(sealed);
  auto stored = s.execute(sql::seal_event_note, {event_id, Bytes(sealed->begin(), sealed->end())});
  if (!stored) return error_of(stored);
  return {};
}

Result<std::optional<StoredCase>> CaseRepository::find_case(std::int64_t id) {
  return db_.read(
      [&](Session& s) -> Result<std::optional<StoredCase>> { return find_case_in(s, id); });
}

Result<std::optional<StoredCase>> CaseRepository::find_case_in(Session& s, std::int64_t id) {
  auto rows = s.query(select_cases(" FROM nrm_cases WHERE id = $1"), {id});
  if (!rows) return error_of(rows);
  if (rows->empty()) return std::optional<StoredCase>{};
  auto stored = case_from(rows->front());
  if (!stored) return error_of(stored);
  auto services = s.query(select_services("WHERE case_id = $1 ORDER BY id"), {id});
  if (!services) return error_of(services);
  auto records = services_from(*services);
  if (!records) return error_of(records);
  for (auto& service : *records) stored->services.push_back(std::move(service.record));
  return std::optional<StoredCase>(std::move(*stored));
}

// Stores a new service (its lawful ground sealed with the service's id) or a service's new
// status; returns the service's id.
Result<std::int64_t> CaseRepository::write_service(Session& s, std::int64_t case_id,
                                                   std::int64_t now,
                                                   const domain::nrm::ServiceChange& change) {
  const auto& record = change.record;
  const std::string status(domain::nrm::to_string(record.status));
  if (record.id != 0) {
    auto updated = s.execute(sql::update_service, {record.id, case_id, status, now});
    if (!updated) return error_of(updated);
    if (*updated == 0) return fail(Errc::not_found, "no such service");
    return record.id;
  }
  auto rows = s.query(sql::insert_service, {case_id, record.type, record.provider_organisation_id,
                                            json_list(record.shared_fields), status, now});
  if (!rows) return error_of(rows);
  const auto service_id = rows->front().i64(0);
  if (!change.lawful_ground.empty()) {
    auto sealed =
        cipher_.encrypt(change.lawful_ground, {kServiceTable, "lawful_ground", service_id});
    if (!sealed) return error_of(sealed);
    auto stored =
        s.execute(sql::seal_lawful_ground, {service_id, Bytes(sealed->begin(), sealed->end())});
    if (!stored) return error_of(stored);
  }
  return service_id;
}

Result<std::optional<domain::nrm::ProvidedService>> CaseRepository::find_service(
    std::int64_t service_id) {
  return db_.read([&](Session& s) -> Result<std::optional<domain::nrm::ProvidedService>> {
    auto rows = s.query(select_services("WHERE id = $1"), {service_id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<domain::nrm::ProvidedService>{};
    auto service = service_from(rows->front());
    if (!service) return error_of(service);
    return std::optional(std::move(*service));
  });
}

Result<std::vector<domain::nrm::ProvidedService>> CaseRepository::provider_services(
    std::int64_t organisation_id, std::int64_t after_id, int limit) {
  return db_.read([&](Session& s) -> Result<std::vector<domain::nrm::ProvidedService>> {
    auto rows = s.query(
        select_services("WHERE provider_organisation_id = $1 AND id > $2 ORDER BY id LIMIT $3"),
        {organisation_id, after_id, std::int64_t{limit}});
    if (!rows) return error_of(rows);
    return services_from(*rows);
  });
}

Result<std::vector<StoredCase>> CaseRepository::list_cases(std::int64_t after_id, int limit,
                                                           const CaseScope& scope) {
  return db_.read([&](Session& s) -> Result<std::vector<StoredCase>> {
    auto rows = s.query(
        select_cases(sql::list_cases_where),
        {after_id, scope.referring_organisation_id.value_or(0), scope.staff_user_id.value_or(0),
         scope.guardian_id.value_or(0), std::int64_t{limit}});
    if (!rows) return error_of(rows);
    return cases_from(*rows);
  });
}

// With their services, whose answers are deadlines too: one query for all of them.
Result<std::vector<StoredCase>> CaseRepository::assigned_open_cases(std::int64_t user_id) {
  return db_.read([&](Session& s) -> Result<std::vector<StoredCase>> {
    auto rows = s.query(select_cases(std::string(sql::assigned_open_where).append(" ORDER BY id")),
                        {user_id});
    if (!rows) return error_of(rows);
    auto cases = cases_from(*rows);
    if (!cases) return error_of(cases);
    auto service_rows = s.query(select_services(std::string("WHERE case_id IN (SELECT id")
                                                    .append(sql::assigned_open_where)
                                                    .append(") ORDER BY id")),
                                {user_id});
    if (!service_rows) return error_of(service_rows);
    auto services = services_from(*service_rows);
    if (!services) return error_of(services);
    for (auto& service : *services) {
      const auto it = std::ranges::find(*cases, service.case_id, &StoredCase::id);
      if (it != cases->end()) it->services.push_back(std::move(service.record));
    }
    return cases;
  });
}

Result<StoredCase> CaseRepository::change_case(std::int64_t id,
                                               std::optional<std::int64_t> expected_version,
                                               const CaseActor& actor, std::int64_t now,
                                               std::string_view action,
                                               const domain::nrm::CaseChangeRule& rule) {
  auto changed = db_.write([&](Session& s) -> Result<StoredCase> {
    auto found = find_case_in(s, id);
    if (!found) return error_of(found);
    if (!*found) return fail(Errc::not_found, "no such case");
    auto& stored = **found;
    if (expected_version && *expected_version != stored.version) {
      return stale_version();
    }
    auto change = rule(stored);
    if (!change) return error_of(change);
    const auto& next = change->state;
    const auto guardian = next.guardian ? std::optional(next.guardian->user_id) : std::nullopt;
    const std::string status(next.status() == domain::nrm::CaseStatus::open ? "open" : "closed");
    auto updated =
        s.execute(sql::update_case, {id, stored.version, encode_case_state(next), status,
                                     optional_value(change->assignment.case_worker_id),
                                     optional_value(change->assignment.decision_maker_id),
                                     optional_value(guardian), now, closed_on_value(next)});
    if (!updated) return error_of(updated);
    if (*updated == 0) return stale_version();  // changed since it was read (PostgreSQL)
    if (change->service) {
      const auto& record = change->service->record;
      if (accepts_shelter(stored.services, record)) {
        auto room = take_shelter_place(s, record.provider_organisation_id);
        if (!room) return error_of(room);
      }
      const bool is_new = change->service->record.id == 0;
      auto service_id = write_service(s, id, now, *change->service);
      if (!service_id) return error_of(service_id);
      change->service->record.id = *service_id;
      if (is_new) change->event.detail = with_service_id(change->event.detail, *service_id);
      upsert_service(stored.services, change->service->record);
    }
    if (auto event = append_event(s, id, actor, now, change->event); !event) {
      return error_of(event);
    }
    if (auto facts = refresh_case_facts(s, id); !facts) return error_of(facts);
    if (auto audited = audit::append(s, entry(actor, std::string(action), id), now); !audited) {
      return error_of(audited);
    }
    stored.state = next;
    stored.assignment = change->assignment;
    stored.status = status;
    stored.version += 1;
    return std::move(stored);
  });
  if (!changed && changed.error().code != Errc::not_found &&
      changed.error().code != Errc::unavailable && changed.error().code != Errc::internal) {
    // Best effort: the refusal itself is what the caller must hear about.
    (void)record_refusal(id, actor, now, action);
  }
  return changed;
}

Result<std::vector<TimelineEntry>> CaseRepository::timeline_in(Session& s, std::int64_t id) {
  auto rows = s.query(sql::timeline, {id});
  if (!rows) return error_of(rows);
  std::vector<TimelineEntry> entries;
  entries.reserve(rows->size());
  for (const auto& row : *rows) {
    TimelineEntry item{row.i64(0), row.i64(1), row.i64(2), row.i64(3),
                       CaseEvent{row.text(4), row.text(5), ""}};
    if (!row.is_null(6)) {
      auto note = cipher_.decrypt(row.bytes(6), {kEventTable, "note", item.id});
      if (!note) return error_of(note);
      item.event.note = std::move(*note);
    }
    entries.push_back(std::move(item));
  }
  return entries;
}

Result<std::optional<CaseActor>> CaseRepository::case_party(std::int64_t user_id) {
  return db_.read([&](Session& s) -> Result<std::optional<CaseActor>> {
    auto rows = s.query(sql::case_party, {user_id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<CaseActor>{};
    CaseActor party{user_id, rows->front().i64(0), rows->front().text(1), {}};
    for (const auto& row : *rows) {
      if (!row.is_null(2)) party.roles.push_back(row.text(2));
    }
    return std::optional<CaseActor>(std::move(party));
  });
}

Result<void> CaseRepository::record_refusal(std::int64_t id, const CaseActor& actor,
                                            std::int64_t now, std::string_view action) {
  return db_.write([&](Session& s) -> Result<void> {
    return audit::append(s, entry(actor, std::string(action), id, "denied"), now);
  });
}

// One read transaction for the whole page: the case page is the most frequent request, and
// each transaction costs a round trip to the pool (and on PostgreSQL to the server).
Result<domain::nrm::CaseDetails> CaseRepository::case_details(std::int64_t id) {
  return db_.read([&](Session& s) -> Result<domain::nrm::CaseDetails> {
    auto duplicates = s.query(sql::duplicates, {id});
    if (!duplicates) return error_of(duplicates);
    auto timeline = timeline_in(s, id);
    if (!timeline) return error_of(timeline);
    auto tasks = tasks_in(s, "WHERE t.case_id = $1 ORDER BY t.id", {id});
    if (!tasks) return error_of(tasks);
    return domain::nrm::CaseDetails{duplicates->front().i64(0), std::move(*timeline),
                                    std::move(*tasks)};
  });
}

Result<std::optional<Identity>> CaseRepository::reveal_identity(std::int64_t id,
                                                                const CaseActor& actor,
                                                                std::int64_t now) {
  return db_.write([&](Session& s) -> Result<std::optional<Identity>> {
    auto rows = s.query(sql::find_identity, {id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<Identity>{};
    const auto& row = rows->front();
    auto open = [&](std::size_t column, std::string_view name) {
      return cipher_.decrypt(row.bytes(column), {kIdentityTable, name, id});
    };
    auto given = open(0, "given_name");
    auto family = open(1, "family_name");
    auto birth = open(2, "date_of_birth");
    if (!given) return error_of(given);
    if (!family) return error_of(family);
    if (!birth) return error_of(birth);
    if (auto audited = audit::append(s, entry(actor, "case.identity.show", id), now); !audited) {
      return error_of(audited);
    }
    return std::optional<Identity>(Identity{*given, *family, *birth});
  });
}

Result<std::string> CaseRepository::organisation_type(std::int64_t organisation_id) {
  return db_.read([&](Session& s) -> Result<std::string> {
    auto rows = s.query(sql::organisation_type, {organisation_id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::string();
    return rows->front().text(0);
  });
}

Result<domain::nrm::Directory> CaseRepository::directory() {
  return db_.read([&](Session& s) -> Result<domain::nrm::Directory> {
    auto people = s.query(sql::directory_people);
    if (!people) return error_of(people);
    auto organisations = s.query(sql::directory_organisations);
    if (!organisations) return error_of(organisations);
    domain::nrm::Directory directory;
    for (const auto& row : *people) {
      if (directory.people.empty() || directory.people.back().user_id != row.i64(0)) {
        directory.people.push_back({row.i64(0), row.text(1), row.i64(2), {}});
      }
      directory.people.back().roles.push_back(row.text(3));
    }
    for (const auto& row : *organisations) {
      directory.organisations.push_back({row.i64(0), row.text(1), row.text(2)});
    }
    return directory;
  });
}

Result<std::vector<std::int64_t>> CaseRepository::cases_due_for_erasure(
    const std::string& closed_before, std::int64_t after_id, int limit) {
  return db_.read([&](Session& s) -> Result<std::vector<std::int64_t>> {
    auto rows = s.query(sql::due_for_erasure, {closed_before, after_id, std::int64_t{limit}});
    if (!rows) return error_of(rows);
    std::vector<std::int64_t> ids;
    ids.reserve(rows->size());
    for (const auto& row : *rows) ids.push_back(row.i64(0));
    return ids;
  });
}

Result<bool> CaseRepository::erase_identity(std::int64_t id, const std::string& closed_before,
                                            std::int64_t now) {
  return db_.write([&](Session& s) -> Result<bool> {
    auto claimed = s.execute(sql::mark_erased, {id, closed_before, now});
    if (!claimed) return error_of(claimed);
    if (*claimed == 0) return false;
    for (auto statement :
         {sql::erase_identity, sql::erase_notes, sql::erase_grounds, sql::erase_task_titles}) {
      if (auto erased = s.execute(statement, {id}); !erased) return error_of(erased);
    }
    const audit::AuditEntry erased{std::nullopt, std::nullopt,       "case.retention.erase",
                                   "case",       std::to_string(id), "success"};
    if (auto audited = audit::append(s, erased, now); !audited) return error_of(audited);
    return true;
  });
}

Result<std::int64_t> CaseRepository::create_task(const domain::nrm::CaseTask& task,
                                                 const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<std::int64_t> {
    const auto due = domain::nrm::format_iso_date(task.due_on);
    auto rows = s.query(sql::insert_task, {task.case_id, task.owner_id, due, actor.user_id, now});
    if (!rows) return error_of(rows);
    const auto id = rows->front().i64(0);
    auto sealed = cipher_.encrypt(task.title, {kTaskTable, "title", id});
    if (!sealed) return error_of(sealed);
    if (auto stored = s.execute(sql::seal_task_title, {id, Bytes(sealed->begin(), sealed->end())});
        !stored) {
      return error_of(stored);
    }
    const nlohmann::json detail = {{"task_id", id}, {"owner_id", task.owner_id}, {"due_on", due}};
    if (auto event = append_event(s, task.case_id, actor, now, {"task", detail.dump(), ""});
        !event) {
      return error_of(event);
    }
    if (auto audited = audit::append(s, entry(actor, "case.task.create", task.case_id), now);
        !audited) {
      return error_of(audited);
    }
    return id;
  });
}

Result<void> CaseRepository::complete_task(std::int64_t case_id, std::int64_t task_id,
                                           const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto done = s.execute(sql::complete_task, {task_id, case_id, now});
    if (!done) return error_of(done);
    if (*done == 0) return fail(Errc::not_found, "no such open task on this case");
    const nlohmann::json detail = {{"task_id", task_id}};
    if (auto event = append_event(s, case_id, actor, now, {"task_done", detail.dump(), ""});
        !event) {
      return error_of(event);
    }
    return audit::append(s, entry(actor, "case.task.complete", case_id), now);
  });
}

Result<std::vector<domain::nrm::CaseTask>> CaseRepository::tasks_in(Session& s,
                                                                    std::string_view where,
                                                                    const Params& params) {
  auto rows = s.query(std::string(sql::task_columns).append(where), params);
  if (!rows) return error_of(rows);
  std::vector<domain::nrm::CaseTask> tasks;
  for (const auto& row : *rows) {
    domain::nrm::CaseTask task{row.i64(0), row.i64(1), row.i64(2),     {},
                               "",         row.i64(5), row.i64(6) != 0};
    auto due = domain::nrm::parse_iso_date(row.text(3));
    if (!due) return error_of(due);
    task.due_on = *due;
    if (!row.is_null(4)) {
      auto title = cipher_.decrypt(row.bytes(4), {kTaskTable, "title", task.id});
      if (!title) return error_of(title);
      task.title = std::move(*title);
    }
    tasks.push_back(std::move(task));
  }
  return tasks;
}

Result<std::vector<domain::nrm::CaseTask>> CaseRepository::open_tasks(std::int64_t owner_id) {
  return db_.read([&](Session& s) {
    return tasks_in(s,
                    "JOIN nrm_cases c ON c.id = t.case_id WHERE t.owner_id = $1 AND "
                    "t.done_at IS NULL AND c.status = 'open' ORDER BY t.due_on, t.id",
                    {owner_id});
  });
}

Result<void> CaseRepository::set_shelter_places(std::int64_t organisation_id, std::int64_t places,
                                                const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto set = s.execute(sql::set_shelter_places, {organisation_id, places, now});
    if (!set) return error_of(set);
    const audit::AuditEntry entry{
        actor.user_id,  actor.organisation_id,           "shelter.places.set",
        "organisation", std::to_string(organisation_id), "success"};
    return audit::append(s, entry, now);
  });
}

Result<std::vector<domain::nrm::ShelterPlaces>> CaseRepository::shelters() {
  return db_.read([&](Session& s) -> Result<std::vector<domain::nrm::ShelterPlaces>> {
    auto rows = s.query(sql::shelters, {std::int64_t{0}});
    if (!rows) return error_of(rows);
    std::vector<domain::nrm::ShelterPlaces> list;
    for (const auto& row : *rows) list.push_back(shelter_of(row));
    return list;
  });
}

Result<domain::nrm::ShelterPlaces> CaseRepository::shelter(std::int64_t organisation_id) {
  return db_.read([&](Session& s) -> Result<domain::nrm::ShelterPlaces> {
    auto rows = s.query(sql::shelters, {organisation_id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return fail(Errc::not_found, "no such organisation");
    return shelter_of(rows->front());
  });
}

}  // namespace lifeline::storage
