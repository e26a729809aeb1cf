#include "storage/repositories/hotline_repository.hpp"

#include <array>

#include <fmt/format.h>

#include "audit/audit_trail.hpp"
#include "storage/repositories/repository_support.hpp"

namespace lifeline::storage {
namespace {

using domain::hotline::Account;
using domain::hotline::Contact;
using domain::hotline::ContactSummary;
using domain::nrm::CaseActor;

constexpr std::string_view kContactTable = "hotline_contacts";
constexpr std::string_view kMessageTable = "hotline_messages";
constexpr std::string_view kTipTable = "hotline_tips";
constexpr std::string_view kAttachmentTable = "hotline_attachments";

namespace sql {
// A code drawn twice inserts nothing and returns no row: the caller draws another.
constexpr std::string_view insert_web_contact =
    "INSERT INTO hotline_contacts (kind, channel, language, caller_type, code, passphrase_hash, "
    "received_at, people_count, children_involved, exploitation_types, awaiting_reply, "
    "updated_at) VALUES ($1, 'web', $2, 'anonymous', $3, $4, $5, $6, $7, $8, 1, $5) "
    "ON CONFLICT (code) DO NOTHING RETURNING id";
constexpr std::string_view insert_logged_contact =
    "INSERT INTO hotline_contacts (kind, channel, language, caller_type, received_at, logged_by, "
    "people_count, children_involved, exploitation_types, indicators, region, urgent, status, "
    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $5) "
    "RETURNING id";
constexpr std::string_view seal_contact =
    "UPDATE hotline_contacts SET what = $2, where_text = $3, when_text = $4, contact = $5, "
    "notes = $6 WHERE id = $1";
constexpr std::string_view find_by_code =
    "SELECT id, passphrase_hash FROM hotline_contacts WHERE code = $1";
constexpr std::string_view summary_columns =
    "SELECT id, kind, channel, language, caller_type, received_at, urgent, status, outcome, "
    "awaiting_reply, children_involved, exploitation_types, region, case_id";
// $2/$3: the urgent flag and id of the last row shown; urgent 2 starts from the top.
constexpr std::string_view queue_where =
    " FROM hotline_contacts WHERE ($1 = '' OR status = $1) AND (urgent < $2 OR (urgent = $2 "
    "AND id < $3)) ORDER BY urgent DESC, id DESC LIMIT $4";
constexpr std::string_view contact_details =
    ", people_count, indicators, what, where_text, when_text, contact, notes, code IS NOT NULL "
    "FROM hotline_contacts WHERE id = $1";
constexpr std::string_view messages =
    "SELECT id, at, author, body FROM hotline_messages WHERE contact_id = $1 ORDER BY id";
constexpr std::string_view links =
    "SELECT linked_id FROM hotline_links WHERE contact_id = $1 UNION "
    "SELECT contact_id FROM hotline_links WHERE linked_id = $1 ORDER BY 1";
constexpr std::string_view insert_message =
    "INSERT INTO hotline_messages (contact_id, at, author, user_id) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
constexpr std::string_view seal_message = "UPDATE hotline_messages SET body = $2 WHERE id = $1";
constexpr std::string_view reporter_wrote =
    "UPDATE hotline_contacts SET awaiting_reply = 1, updated_at = $2 WHERE id = $1";
constexpr std::string_view operator_wrote =
    "UPDATE hotline_contacts SET awaiting_reply = 0, updated_at = $2, status = CASE WHEN status "
    "= 'new' THEN 'open' ELSE status END WHERE id = $1";
constexpr std::string_view opened =
    "UPDATE hotline_contacts SET status = 'open' WHERE id = $1 AND status = 'new'";
constexpr std::string_view triage_columns =
    "SELECT urgent, status, outcome, region, caller_type, indicators FROM hotline_contacts "
    "WHERE id = $1";
constexpr std::string_view update_triage =
    "UPDATE hotline_contacts SET urgent = $2, status = $3, outcome = $4, region = $5, "
    "caller_type = $6, indicators = $7, updated_at = $8 WHERE id = $1";
constexpr std::string_view seal_notes = "UPDATE hotline_contacts SET notes = $2 WHERE id = $1";
constexpr std::string_view exists = "SELECT count(*) FROM hotline_contacts WHERE id IN ($1, $2)";
constexpr std::string_view insert_link =
    "INSERT INTO hotline_links (contact_id, linked_id, linked_by, linked_at) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (contact_id, linked_id) DO NOTHING";
constexpr std::string_view record_referral =
    "UPDATE hotline_contacts SET case_id = $2, outcome = 'referred_to_nrm', updated_at = $3, "
    "status = CASE WHEN status = 'new' THEN 'open' ELSE status END "
    "WHERE id = $1 AND case_id IS NULL";
constexpr std::string_view organisation_type = "SELECT type FROM organisations WHERE id = $1";
constexpr std::string_view insert_tip =
    "INSERT INTO hotline_tips (contact_id, organisation_id, fields, forwarded_by, forwarded_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view seal_tip = "UPDATE hotline_tips SET content = $2 WHERE id = $1";
constexpr std::string_view tip_outcome =
    "UPDATE hotline_contacts SET outcome = CASE WHEN outcome = '' THEN 'forwarded_to_police' "
    "ELSE outcome END, updated_at = $2 WHERE id = $1";
constexpr std::string_view tips_for =
    "SELECT id, contact_id, forwarded_at, fields, content FROM hotline_tips "
    "WHERE organisation_id = $1 ORDER BY id DESC LIMIT 200";
constexpr std::string_view contact_exists = "SELECT count(*) FROM hotline_contacts WHERE id = $1";
constexpr std::string_view insert_attachment =
    "INSERT INTO hotline_attachments (contact_id, content_type, size, added_at) "
    "VALUES ($1, $2, $3, $4) RETURNING id";
constexpr std::string_view seal_attachment =
    "UPDATE hotline_attachments SET content = $2 WHERE id = $1";
constexpr std::string_view attachments =
    "SELECT id, content_type, size, added_at FROM hotline_attachments WHERE contact_id = $1 "
    "ORDER BY id";
constexpr std::string_view attachment =
    "SELECT id, content_type, size, added_at, content FROM hotline_attachments "
    "WHERE contact_id = $1 AND id = $2";
constexpr std::string_view total =
    "SELECT count(*) FROM hotline_contacts WHERE received_at >= $1 AND received_at < $2";
}  // namespace sql

// The columns the statistics break down by; names from this list only, never from input.
constexpr std::array<std::string_view, 6> kBreakdownColumns = {"channel", "language", "caller_type",
                                                               "outcome", "region",   "kind"};

audit::AuditEntry entry(const CaseActor& actor, std::string action, std::int64_t contact_id) {
  return {actor.user_id, actor.organisation_id, std::move(action), "hotline_contact",
          std::to_string(contact_id)};
}

Value optional_integer(const std::optional<std::int64_t>& value) {
  if (value) return *value;
  return Null{};
}

tl::unexpected<Error> no_contact() {
  return fail(Errc::not_found, "no such hotline contact");
}

ContactSummary summary_of(const Row& row) {
  ContactSummary summary;
  summary.id = row.i64(0);
  summary.kind = row.text(1);
  summary.channel = row.text(2);
  summary.language = row.text(3);
  summary.caller_type = row.text(4);
  summary.received_at = row.i64(5);
  summary.urgent = row.i64(6) != 0;
  summary.status = row.text(7);
  summary.outcome = row.text(8);
  summary.awaiting_reply = row.i64(9) != 0;
  summary.children_involved = row.text(10);
  summary.exploitation_types = list_from_json(row.text(11));
  summary.region = row.text(12);
  summary.case_id = row.opt_i64(13);
  return summary;
}

}  // namespace

// Empty text is stored as NULL: nothing to seal.
Result<void> HotlineRepository::seal_account(Session& s, std::int64_t id, const Account& account,
                                             const std::string& notes) {
  std::array<std::pair<std::string_view, const std::string*>, 5> columns = {{
      {"what", &account.what},
      {"where_text", &account.where},
      {"when_text", &account.when},
      {"contact", &account.contact},
      {"notes", &notes},
  }};
  Params params{id};
  for (const auto& [column, text] : columns) {
    if (text->empty()) {
      params.emplace_back(Null{});
      continue;
    }
    auto sealed = cipher_.encrypt(*text, {kContactTable, column, id});
    if (!sealed) return error_of(sealed);
    params.emplace_back(Bytes(sealed->begin(), sealed->end()));
  }
  auto stored = s.execute(sql::seal_contact, params);
  if (!stored) return error_of(stored);
  return {};
}

Result<std::int64_t> HotlineRepository::insert_message(Session& s, std::int64_t contact_id,
                                                       std::int64_t now, std::string_view author,
                                                       std::optional<std::int64_t> user_id,
                                                       const std::string& body) {
  auto rows = s.query(sql::insert_message,
                      {contact_id, now, std::string(author), optional_integer(user_id)});
  if (!rows) return error_of(rows);
  const auto id = rows->front().i64(0);
  auto sealed = cipher_.encrypt(body, {kMessageTable, "body", id});
  if (!sealed) return error_of(sealed);
  auto stored = s.execute(sql::seal_message, {id, Bytes(sealed->begin(), sealed->end())});
  if (!stored) return error_of(stored);
  return id;
}

Result<std::string> HotlineRepository::open_text(const Row& row, std::size_t column,
                                                 std::string_view table, std::string_view name,
                                                 std::int64_t id) const {
  if (row.is_null(column)) return std::string();
  return cipher_.decrypt(row.bytes(column), {table, name, id});
}

Result<std::int64_t> HotlineRepository::create_web_contact(const Account& account,
                                                           const std::string& code,
                                                           const std::string& passphrase_hash,
                                                           std::int64_t now) {
  return db_.write([&](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(sql::insert_web_contact,
                        {account.kind, account.language, code, passphrase_hash, now,
                         optional_integer(account.people_count), account.children_involved,
                         json_list(account.exploitation_types)});
    if (!rows) return error_of(rows);
    if (rows->empty()) return fail(Errc::conflict, "follow-up code taken");
    const auto id = rows->front().i64(0);
    if (auto sealed = seal_account(s, id, account, ""); !sealed) return error_of(sealed);
    const audit::AuditEntry created{std::nullopt, std::nullopt, "hotline.report.create",
                                    "hotline_contact", std::to_string(id)};
    if (auto audited = audit::append(s, created, now); !audited) return error_of(audited);
    return id;
  });
}

Result<std::optional<domain::hotline::FollowUpCredential>> HotlineRepository::find_by_code(
    const std::string& code) {
  return db_.read([&](Session& s) -> Result<std::optional<domain::hotline::FollowUpCredential>> {
    auto rows = s.query(sql::find_by_code, {code});
    if (!rows) return error_of(rows);
    if (rows->empty() || rows->front().is_null(1)) return std::nullopt;
    return domain::hotline::FollowUpCredential{rows->front().i64(0), rows->front().text(1)};
  });
}

Result<Contact> HotlineRepository::read_contact(Session& s, std::int64_t id) {
  auto rows = s.query(std::string(sql::summary_columns) + std::string(sql::contact_details), {id});
  if (!rows) return error_of(rows);
  if (rows->empty()) return no_contact();
  const auto& row = rows->front();
  Contact contact;
  contact.summary = summary_of(row);
  contact.account.kind = contact.summary.kind;
  contact.account.language = contact.summary.language;
  contact.account.children_involved = contact.summary.children_involved;
  contact.account.exploitation_types = contact.summary.exploitation_types;
  contact.account.people_count = row.opt_i64(14);
  contact.indicators = list_from_json(row.text(15));
  std::array<std::pair<std::string_view, std::string*>, 5> texts = {{
      {"what", &contact.account.what},
      {"where_text", &contact.account.where},
      {"when_text", &contact.account.when},
      {"contact", &contact.account.contact},
      {"notes", &contact.notes},
  }};
  std::size_t column = 16;
  for (const auto& [name, text] : texts) {
    auto opened = open_text(row, column++, kContactTable, name, id);
    if (!opened) return error_of(opened);
    *text = std::move(*opened);
  }
  contact.has_follow_up_code = row.i64(column) != 0;

  auto messages = s.query(sql::messages, {id});
  if (!messages) return error_of(messages);
  for (const auto& message_row : *messages) {
    domain::hotline::Message message{message_row.i64(0), message_row.i64(1), message_row.text(2),
                                     ""};
    auto body = open_text(message_row, 3, kMessageTable, "body", message.id);
    if (!body) return error_of(body);
    message.body = std::move(*body);
    contact.messages.push_back(std::move(message));
  }
  auto linked = s.query(sql::links, {id});
  if (!linked) return error_of(linked);
  for (const auto& link_row : *linked) contact.linked.push_back(link_row.i64(0));
  auto attached = s.query(sql::attachments, {id});
  if (!attached) return error_of(attached);
  for (const auto& attachment : *attached) {
    contact.attachments.push_back(
        {attachment.i64(0), attachment.text(1), attachment.i64(2), attachment.i64(3)});
  }
  return contact;
}

Result<Contact> HotlineRepository::thread(std::int64_t contact_id) {
  return db_.read([&](Session& s) { return read_contact(s, contact_id); });
}

Result<void> HotlineRepository::add_reporter_message(std::int64_t contact_id,
                                                     const std::string& body, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto updated = s.execute(sql::reporter_wrote, {contact_id, now});
    if (!updated) return error_of(updated);
    if (*updated == 0) return no_contact();
    auto id = insert_message(s, contact_id, now, "reporter", std::nullopt, body);
    if (!id) return error_of(id);
    return {};
  });
}

Result<domain::hotline::AttachmentInfo> HotlineRepository::add_attachment(
    std::int64_t contact_id, const std::string& content_type, const std::string& bytes,
    std::int64_t now) {
  return db_.write([&](Session& s) -> Result<domain::hotline::AttachmentInfo> {
    auto found = s.query(sql::contact_exists, {contact_id});
    if (!found) return error_of(found);
    if (found->front().i64(0) == 0) return no_contact();
    const auto size = static_cast<std::int64_t>(bytes.size());
    auto rows = s.query(sql::insert_attachment, {contact_id, content_type, size, now});
    if (!rows) return error_of(rows);
    const auto id = rows->front().i64(0);
    auto sealed = cipher_.encrypt(bytes, {kAttachmentTable, "content", id});
    if (!sealed) return error_of(sealed);
    if (auto stored = s.execute(sql::seal_attachment, {id, Bytes(sealed->begin(), sealed->end())});
        !stored) {
      return error_of(stored);
    }
    if (auto updated = s.execute(sql::reporter_wrote, {contact_id, now}); !updated) {
      return error_of(updated);
    }
    return domain::hotline::AttachmentInfo{id, content_type, size, now};
  });
}

Result<domain::hotline::StoredAttachment> HotlineRepository::open_attachment(
    std::int64_t contact_id, std::int64_t attachment_id, const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<domain::hotline::StoredAttachment> {
    auto rows = s.query(sql::attachment, {contact_id, attachment_id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return fail(Errc::not_found, "no such attachment");
    const auto& row = rows->front();
    domain::hotline::StoredAttachment stored{{row.i64(0), row.text(1), row.i64(2), row.i64(3)}, ""};
    auto bytes = open_text(row, 4, kAttachmentTable, "content", stored.info.id);
    if (!bytes) return error_of(bytes);
    stored.bytes = std::move(*bytes);
    if (auto audited = audit::append(s, entry(actor, "hotline.attachment.read", contact_id), now);
        !audited) {
      return error_of(audited);
    }
    return stored;
  });
}

Result<std::int64_t> HotlineRepository::log_contact(const domain::hotline::LoggedContact& contact,
                                                    const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<std::int64_t> {
    const auto& account = contact.account;
    auto rows =
        s.query(sql::insert_logged_contact,
                {account.kind, contact.channel, account.language, contact.caller_type, now,
                 actor.user_id, optional_integer(account.people_count), account.children_involved,
                 json_list(account.exploitation_types), json_list(contact.indicators),
                 contact.region, std::int64_t{contact.urgent ? 1 : 0}});
    if (!rows) return error_of(rows);
    const auto id = rows->front().i64(0);
    if (auto sealed = seal_account(s, id, account, contact.notes); !sealed) return error_of(sealed);
    if (auto audited = audit::append(s, entry(actor, "hotline.contact.log", id), now); !audited) {
      return error_of(audited);
    }
    return id;
  });
}

Result<std::vector<ContactSummary>> HotlineRepository::queue(
    const std::optional<std::string>& status, domain::hotline::QueuePosition after, int limit) {
  const std::int64_t urgent = after.id == 0 ? 2 : (after.urgent ? 1 : 0);
  return db_.read([&](Session& s) -> Result<std::vector<ContactSummary>> {
    auto rows = s.query(std::string(sql::summary_columns) + std::string(sql::queue_where),
                        {status.value_or(""), urgent, after.id, std::int64_t{limit}});
    if (!rows) return error_of(rows);
    std::vector<ContactSummary> items;
    items.reserve(rows->size());
    for (const auto& row : *rows) items.push_back(summary_of(row));
    return items;
  });
}

Result<Contact> HotlineRepository::open_contact(std::int64_t id, const CaseActor& actor,
                                                std::int64_t now) {
  return db_.write([&](Session& s) -> Result<Contact> {
    auto contact = read_contact(s, id);
    if (!contact) return contact;
    if (auto marked = s.execute(sql::opened, {id}); !marked) return error_of(marked);
    if (contact->summary.status == "new") contact->summary.status = "open";
    if (auto audited = audit::append(s, entry(actor, "hotline.contact.read", id), now); !audited) {
      return error_of(audited);
    }
    return contact;
  });
}

Result<void> HotlineRepository::add_operator_message(std::int64_t id, const std::string& body,
                                                     const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto updated = s.execute(sql::operator_wrote, {id, now});
    if (!updated) return error_of(updated);
    if (*updated == 0) return no_contact();
    auto message = insert_message(s, id, now, "operator", actor.user_id, body);
    if (!message) return error_of(message);
    return audit::append(s, entry(actor, "hotline.contact.reply", id), now);
  });
}

Result<void> HotlineRepository::triage(std::int64_t id, const domain::hotline::Triage& triage,
                                       const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto rows = s.query(sql::triage_columns, {id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return no_contact();
    const auto& row = rows->front();
    const std::int64_t urgent = triage.urgent ? (*triage.urgent ? 1 : 0) : row.i64(0);
    auto updated = s.execute(
        sql::update_triage,
        {id, urgent, triage.status.value_or(row.text(1)), triage.outcome.value_or(row.text(2)),
         triage.region.value_or(row.text(3)), triage.caller_type.value_or(row.text(4)),
         triage.indicators ? json_list(*triage.indicators) : row.text(5), now});
    if (!updated) return error_of(updated);
    if (triage.notes) {
      Value notes = Null{};
      if (!triage.notes->empty()) {
        auto sealed = cipher_.encrypt(*triage.notes, {kContactTable, "notes", id});
        if (!sealed) return error_of(sealed);
        notes = Bytes(sealed->begin(), sealed->end());
      }
      if (auto stored = s.execute(sql::seal_notes, {id, notes}); !stored) return error_of(stored);
    }
    return audit::append(s, entry(actor, "hotline.contact.triage", id), now);
  });
}

Result<void> HotlineRepository::link(std::int64_t id, std::int64_t other, const CaseActor& actor,
                                     std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto found = s.query(sql::exists, {id, other});
    if (!found) return error_of(found);
    if (found->front().i64(0) != 2) return no_contact();
    // One row per pair, the lower id first, whichever side the operator linked from.
    auto linked =
        s.execute(sql::insert_link, {std::min(id, other), std::max(id, other), actor.user_id, now});
    if (!linked) return error_of(linked);
    return audit::append(s, entry(actor, "hotline.contact.link", id), now);
  });
}

Result<void> HotlineRepository::record_referral(std::int64_t id, std::int64_t case_id,
                                                const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    auto updated = s.execute(sql::record_referral, {id, case_id, now});
    if (!updated) return error_of(updated);
    if (*updated == 0) {
      return fail(Errc::conflict, "this contact was already referred to the NRM",
                  "already-referred");
    }
    return audit::append(s, entry(actor, "hotline.contact.refer", id), now);
  });
}

Result<std::int64_t> HotlineRepository::forward_tip(std::int64_t id,
                                                    std::int64_t police_organisation_id,
                                                    const std::vector<std::string>& fields,
                                                    const std::string& content,
                                                    const CaseActor& actor, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<std::int64_t> {
    auto type = s.query(sql::organisation_type, {police_organisation_id});
    if (!type) return error_of(type);
    if (type->empty() || type->front().text(0) != domain::hotline::kPoliceOrganisation) {
      return fail_fields("the tip cannot be forwarded",
                         {{"organisation_id", "must name a police organisation"}});
    }
    auto updated = s.execute(sql::tip_outcome, {id, now});
    if (!updated) return error_of(updated);
    if (*updated == 0) return no_contact();
    auto rows = s.query(sql::insert_tip,
                        {id, police_organisation_id, json_list(fields), actor.user_id, now});
    if (!rows) return error_of(rows);
    const auto tip_id = rows->front().i64(0);
    auto sealed = cipher_.encrypt(content, {kTipTable, "content", tip_id});
    if (!sealed) return error_of(sealed);
    if (auto stored = s.execute(sql::seal_tip, {tip_id, Bytes(sealed->begin(), sealed->end())});
        !stored) {
      return error_of(stored);
    }
    if (auto audited = audit::append(s, entry(actor, "hotline.tip.forward", id), now); !audited) {
      return error_of(audited);
    }
    return tip_id;
  });
}

Result<std::vector<domain::hotline::Tip>> HotlineRepository::tips_for(const CaseActor& reader,
                                                                      std::int64_t now) {
  return db_.write([&](Session& s) -> Result<std::vector<domain::hotline::Tip>> {
    auto rows = s.query(sql::tips_for, {reader.organisation_id});
    if (!rows) return error_of(rows);
    std::vector<domain::hotline::Tip> tips;
    for (const auto& row : *rows) {
      domain::hotline::Tip tip{row.i64(0), row.i64(1), row.i64(2), list_from_json(row.text(3)), ""};
      auto content = open_text(row, 4, kTipTable, "content", tip.id);
      if (!content) return error_of(content);
      tip.content = std::move(*content);
      tips.push_back(std::move(tip));
    }
    const audit::AuditEntry read{reader.user_id, reader.organisation_id, "hotline.tip.read",
                                 "organisation", std::to_string(reader.organisation_id)};
    if (auto audited = audit::append(s, read, now); !audited) return error_of(audited);
    return tips;
  });
}

Result<domain::hotline::Statistics> HotlineRepository::statistics(std::int64_t from,
                                                                  std::int64_t to) {
  return db_.read([&](Session& s) -> Result<domain::hotline::Statistics> {
    domain::hotline::Statistics statistics;
    auto total = s.query(sql::total, {from, to});
    if (!total) return error_of(total);
    statistics.total = total->front().i64(0);
    std::array<domain::hotline::Breakdown*, 6> breakdowns = {
        &statistics.by_channel, &statistics.by_language, &statistics.by_caller_type,
        &statistics.by_outcome, &statistics.by_region,   &statistics.by_kind};
    for (std::size_t i = 0; i < kBreakdownColumns.size(); ++i) {
      auto rows = s.query(fmt::format("SELECT {0}, count(*) FROM hotline_contacts WHERE "
                                      "received_at >= $1 AND received_at < $2 GROUP BY {0} "
                                      "ORDER BY {0}",
                                      kBreakdownColumns[i]),
                          {from, to});
      if (!rows) return error_of(rows);
      for (const auto& row : *rows) breakdowns[i]->counts.emplace_back(row.text(0), row.i64(1));
    }
    return statistics;
  });
}

}  // namespace lifeline::storage
