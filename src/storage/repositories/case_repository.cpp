#include "storage/repositories/case_repository.hpp"

#include <string_view>

#include "audit/audit_trail.hpp"
#include "storage/repositories/repository_support.hpp"

namespace lifeline::storage {
namespace {

using domain::nrm::CaseActor;
using domain::nrm::Identity;
using domain::nrm::Referral;
using domain::nrm::ReferralKind;
using domain::nrm::StoredCase;

constexpr std::string_view kIdentityTable = "nrm_identities";

namespace sql {
constexpr std::string_view insert_case =
    "INSERT INTO nrm_cases (kind, referring_organisation_id, referred_by, referred_at, "
    "referred_on, is_child, sex, citizenship, age_band, country_of_exploitation, "
    "exploitation_types, indicators, needs, consent_explained_by, consent_language, status, "
    "version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "$15, 'open', 1, $4) RETURNING id";
constexpr std::string_view insert_identity =
    "INSERT INTO nrm_identities (id, given_name, family_name, date_of_birth, person_index) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view find_case =
    "SELECT id, kind, referring_organisation_id, referred_by, referred_at, referred_on, "
    "is_child, sex, citizenship, age_band, country_of_exploitation, exploitation_types, "
    "indicators, needs, consent_explained_by, consent_language, status, version "
    "FROM nrm_cases WHERE id = $1";
constexpr std::string_view list_cases =
    "SELECT id, kind, referring_organisation_id, referred_by, referred_at, referred_on, "
    "is_child, sex, citizenship, age_band, country_of_exploitation, exploitation_types, "
    "indicators, needs, consent_explained_by, consent_language, status, version "
    "FROM nrm_cases WHERE id > $1 AND ($2 = 0 OR referring_organisation_id = $2) "
    "ORDER BY id LIMIT $3";
constexpr std::string_view find_identity =
    "SELECT given_name, family_name, date_of_birth FROM nrm_identities WHERE id = $1";
constexpr std::string_view duplicates =
    "SELECT count(*) FROM nrm_identities other JOIN nrm_identities this "
    "ON this.person_index = other.person_index WHERE this.id = $1 AND other.id <> $1 "
    "AND this.person_index <> ''";
constexpr std::string_view organisation_type = "SELECT type FROM organisations WHERE id = $1";
}  // namespace sql

StoredCase case_from(const Row& row) {
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
  return stored;
}

audit::AuditEntry entry(const CaseActor& actor, std::string action, std::int64_t case_id) {
  return {actor.user_id, actor.organisation_id,   std::move(action),
          "case",        std::to_string(case_id), "success"};
}

}  // namespace

Result<std::int64_t> CaseRepository::create_referral(const Referral& referral,
                                                     const CaseActor& actor, std::int64_t now,
                                                     const std::string& referred_on) {
  return db_.write([&](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(
        sql::insert_case,
        {std::string(to_string(referral.kind)), actor.organisation_id, actor.user_id, now,
         referred_on, std::int64_t{referral.is_child ? 1 : 0}, referral.sex, referral.citizenship,
         referral.age_band, referral.country_of_exploitation,
         json_list(referral.exploitation_types), json_list(referral.indicators),
         json_list(referral.needs), referral.consent.explained_by, referral.consent.language});
    if (!rows) return error_of(rows);
    const auto id = rows->front().i64(0);
    if (referral.kind == ReferralKind::identified) {
      auto seal = [&](std::string_view column, const std::string& value) {
        return cipher_.encrypt(value, {kIdentityTable, column, id});
      };
      auto given = seal("given_name", referral.given_name);
      auto family = seal("family_name", referral.family_name);
      auto birth = seal("date_of_birth", referral.date_of_birth);
      if (!given) return error_of(given);
      if (!family) return error_of(family);
      if (!birth) return error_of(birth);
      const auto index = blind_index_.person(referral.given_name + " " + referral.family_name,
                                             referral.date_of_birth);
      auto stored = s.execute(sql::insert_identity, {id, Bytes(given->begin(), given->end()),
                                                     Bytes(family->begin(), family->end()),
                                                     Bytes(birth->begin(), birth->end()), index});
      if (!stored) return error_of(stored);
    }
    if (auto audited = audit::append(s, entry(actor, "referral.create", id), now); !audited) {
      return error_of(audited);
    }
    return id;
  });
}

Result<std::optional<StoredCase>> CaseRepository::find_case(std::int64_t id) {
  return db_.read([&](Session& s) -> Result<std::optional<StoredCase>> {
    auto rows = s.query(sql::find_case, {id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<StoredCase>{};
    return std::optional<StoredCase>(case_from(rows->front()));
  });
}

Result<std::vector<StoredCase>> CaseRepository::list_cases(
    std::int64_t after_id, int limit, std::optional<std::int64_t> referring_organisation_id) {
  return db_.read([&](Session& s) -> Result<std::vector<StoredCase>> {
    auto rows = s.query(sql::list_cases,
                        {after_id, referring_organisation_id.value_or(0), std::int64_t{limit}});
    if (!rows) return error_of(rows);
    std::vector<StoredCase> cases;
    cases.reserve(rows->size());
    for (const auto& row : *rows) cases.push_back(case_from(row));
    return cases;
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
