#include "storage/repositories/case_repository.hpp"

#include <string_view>

#include <nlohmann/json.hpp>

#include "audit/audit_trail.hpp"
#include "storage/repositories/case_state_codec.hpp"
#include "storage/repositories/repository_support.hpp"

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

tl::unexpected<Error> stale_version() {
  return fail(Errc::precondition_failed,
              "the case changed since you read it; reload it and apply your change again",
              "stale-version");
}

namespace sql {
constexpr std::string_view insert_case =
    "INSERT INTO nrm_cases (kind, referring_organisation_id, referred_by, referred_at, "
    "referred_on, is_child, sex, citizenship, age_band, country_of_exploitation, "
    "exploitation_types, indicators, needs, consent_explained_by, consent_language, status, "
    "version, updated_at, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
    "$14, $15, 'open', 1, $4, '') RETURNING id";
// The state names the case's own referral date and organisation, known once the row exists.
constexpr std::string_view set_initial_state = "UPDATE nrm_cases SET state = $2 WHERE id = $1";
constexpr std::string_view insert_identity =
    "INSERT INTO nrm_identities (id, given_name, family_name, date_of_birth, person_index) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view case_columns =
    "id, kind, referring_organisation_id, referred_by, referred_at, referred_on, is_child, sex, "
    "citizenship, age_band, country_of_exploitation, exploitation_types, indicators, needs, "
    "consent_explained_by, consent_language, status, version, state, case_worker_id, "
    "decision_maker_id";
// Zero stands for "any" in the scope parameters ($2 referrer, $3 staff user, $4 guardian).
constexpr std::string_view list_cases_where =
    " FROM nrm_cases WHERE id > $1 AND ($2 = 0 OR referring_organisation_id = $2) "
    "AND ($3 = 0 OR case_worker_id IS NULL OR case_worker_id = $3 OR decision_maker_id = $3) "
    "AND ($4 = 0 OR guardian_id = $4) ORDER BY id LIMIT $5";
constexpr std::string_view assigned_open_where =
    " FROM nrm_cases WHERE (case_worker_id = $1 OR decision_maker_id = $1) AND status = 'open' "
    "ORDER BY id";
constexpr std::string_view update_case =
    "UPDATE nrm_cases SET state = $3, status = $4, case_worker_id = $5, decision_maker_id = $6, "
    "guardian_id = $7, version = version + 1, updated_at = $8 WHERE id = $1 AND version = $2";
constexpr std::string_view insert_event =
    "INSERT INTO nrm_case_events (case_id, at, user_id, organisation_id, kind, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view seal_event_note = "UPDATE nrm_case_events SET note = $2 WHERE id = $1";
constexpr std::string_view timeline =
    "SELECT id, at, user_id, organisation_id, kind, detail, note FROM nrm_case_events "
    "WHERE case_id = $1 ORDER BY id";
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

Value optional_value(const std::optional<std::int64_t>& id) {
  return id ? Value(*id) : Value(Null{});
}

audit::AuditEntry entry(const CaseActor& actor, std::string action, std::int64_t case_id,
                        std::string outcome = "success") {
  return {actor.user_id, actor.organisation_id,   std::move(action),
          "case",        std::to_string(case_id), std::move(outcome)};
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
  auto rows = s.query(
      sql::insert_case,
      {std::string(to_string(referral.kind)), referring_organisation_id, actor.user_id, now,
       domain::nrm::format_iso_date(referred_on), std::int64_t{referral.is_child ? 1 : 0},
       referral.sex, referral.citizenship, referral.age_band, referral.country_of_exploitation,
       json_list(referral.exploitation_types), json_list(referral.indicators),
       json_list(referral.needs), referral.consent.explained_by, referral.consent.language});
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
  auto updated = s.execute(sql::update_case,
                           {id, std::int64_t{1}, encode_case_state(*closed), std::string("closed"),
                            Value(Null{}), Value(Null{}), Value(Null{}), now});
  if (!updated) return error_of(updated);
  const nlohmann::json detail = {{"reason", closure.reason},
                                 {"closed_on", domain::nrm::format_iso_date(closure.closed_on)}};
  if (auto event = append_event(s, id, actor, now, {"closure", detail.dump(), ""}); !event) {
    return error_of(event);
  }
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
  return std::optional<StoredCase>(std::move(*stored));
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

Result<std::vector<StoredCase>> CaseRepository::assigned_open_cases(std::int64_t user_id) {
  return db_.read([&](Session& s) -> Result<std::vector<StoredCase>> {
    auto rows = s.query(select_cases(sql::assigned_open_where), {user_id});
    if (!rows) return error_of(rows);
    return cases_from(*rows);
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
                                     optional_value(guardian), now});
    if (!updated) return error_of(updated);
    if (*updated == 0) return stale_version();  // changed since it was read (PostgreSQL)
    if (auto event = append_event(s, id, actor, now, change->event); !event) {
      return error_of(event);
    }
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

Result<std::vector<TimelineEntry>> CaseRepository::timeline(std::int64_t id) {
  return db_.read([&](Session& s) -> Result<std::vector<TimelineEntry>> {
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
  });
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

Result<std::int64_t> CaseRepository::possible_duplicates(std::int64_t id) {
  return db_.read([&](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(sql::duplicates, {id});
    if (!rows) return error_of(rows);
    return rows->front().i64(0);
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

}  // namespace lifeline::storage
