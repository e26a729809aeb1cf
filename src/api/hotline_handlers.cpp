// The hotline (Action Plan IV.4.11). The public side, open to anyone without an account:
// GET /api/v1/public/hotline, POST /api/v1/public/reports and the follow-up thread under
// /api/v1/public/reports/{code}. Nothing about the caller is kept: the network address is only
// counted in memory against floods and guessing, and forgotten. The operators' side lives
// under /api/v1/hotline/.
#include <algorithm>
#include <atomic>
#include <memory>

#include <fmt/format.h>

#include "api/case_json.hpp"
#include "api/common.hpp"
#include "api/hotline_input.hpp"
#include "crypto/encoding.hpp"
#include "crypto/password.hpp"
#include "crypto/secret_key.hpp"
#include "domain/accounts/login_throttle.hpp"
#include "domain/hotline/attachment.hpp"
#include "domain/hotline/hotline_store.hpp"
#include "domain/hotline/proof_of_work.hpp"
#include "domain/nrm/referral.hpp"
#include "domain/nrm/working_days.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

namespace hotline = domain::hotline;
using nlohmann::json;

constexpr std::size_t kMaxPublicBody = 32 * 1024;
// A photograph of kMaxAttachmentBytes in base64, with room for the JSON around it.
constexpr std::size_t kMaxAttachmentBody = domain::hotline::kMaxAttachmentBytes / 3 * 4 + 1024;
constexpr std::size_t kMaxPassphrase = 100;
constexpr int kCodeDraws = 3;
constexpr UnixSeconds kSubmissionWindow = 3600;
constexpr UnixSeconds kGuessWindow = 900;
constexpr std::string_view kPassphraseHeader = "X-Passphrase";
// The passphrase is random (about 103 bits), not chosen by a person: the costly Argon2id
// parameters that slow down guessing of human passwords add nothing here, and on the public
// form they would hand anyone a lever to exhaust the server's CPU and memory. Argon2id at its
// least memory still keeps the stored value a one-way password hash.
constexpr crypto::PasswordHashCost kPassphraseCost{1, 8U << 20U};

// What the public routes count in memory: submissions and wrong guesses per address, wrong
// guesses per code. Lost on restart, by design.
struct PublicGuards {
  explicit PublicGuards(const hotline::HotlinePolicy& policy)
      : proof_of_work(crypto::SecretKey::random(), policy.pow_difficulty),
        submissions(policy.submissions_per_address, kSubmissionWindow),
        address_guesses(policy.guesses_per_address, kGuessWindow),
        code_guesses(policy.guesses_per_code, kGuessWindow),
        max_in_flight(policy.concurrent_submissions) {}
  // The key of its challenges lives only in this process's memory: a restart, or another
  // process behind the same load balancer, asks the page for a new challenge.
  hotline::ProofOfWork proof_of_work;
  domain::AddressThrottle submissions;
  domain::AddressThrottle address_guesses;
  domain::AddressThrottle code_guesses;
  std::atomic<int> in_flight{0};
  int max_in_flight;
  // Checked against when a code is unknown, so that an unknown code and a wrong passphrase
  // take the same time.
  std::string decoy_hash;
};

// One public submission being handled; `admitted` is false when too many already are.
class Admission {
 public:
  explicit Admission(PublicGuards& guards) : guards_(guards) {
    admitted_ = guards_.in_flight.fetch_add(1) < guards_.max_in_flight;
  }
  ~Admission() { guards_.in_flight.fetch_sub(1); }
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;
  bool admitted() const { return admitted_; }

 private:
  PublicGuards& guards_;
  bool admitted_ = false;
};

http::Response busy() {
  return http::problem_from(Error{Errc::unavailable,
                                  "the hotline is receiving many reports just now; nothing was "
                                  "stored: send it again in a few seconds",
                                  "busy",
                                  {}});
}

http::Response too_many(std::string_view detail) {
  return http::problem_from(Error{Errc::rate_limited, std::string(detail), {}, {}});
}

// The same answer for an unknown code and a wrong passphrase.
http::Response no_such_report() {
  return http::problem(404, "not-found", "Not found",
                       "no report matches this follow-up code and passphrase");
}

std::optional<http::Response> oversized(const http::Request& request,
                                        std::size_t limit = kMaxPublicBody) {
  if (request.body.size() <= limit) return std::nullopt;
  return http::problem(413, "payload-too-large", "Payload too large",
                       limit == kMaxPublicBody ? "a report may hold at most 32 KiB of text"
                                               : "an attachment may be at most 512 KiB");
}

// Counts a submission from the caller's address; a response when there were too many.
std::optional<http::Response> over_submission_limit(Services& services, PublicGuards& guards,
                                                    const http::Request& request) {
  const auto now = services.clock.now();
  if (!guards.submissions.allows(request.remote_address, now)) {
    return too_many("too many reports from this network in the last hour; try again later");
  }
  guards.submissions.record_failure(request.remote_address, now);
  return std::nullopt;
}

// Draws codes until one is free; a clash among 31^12 codes is rare, three in a row is a fault.
Result<std::string> store_report(Services& services, const hotline::Account& account,
                                 const std::string& passphrase) {
  auto hash = crypto::hash_password(passphrase, kPassphraseCost);
  if (!hash) return tl::unexpected(hash.error());
  for (int draw = 0; draw < kCodeDraws; ++draw) {
    auto code = hotline::new_follow_up_code();
    auto stored = services.hotline.create_web_contact(account, code, *hash, services.clock.now());
    if (stored) return code;
    if (stored.error().code != Errc::conflict) return tl::unexpected(stored.error());
  }
  return fail(Errc::internal, "no free follow-up code after several draws");
}

http::Response issue_challenge(Services& services, PublicGuards& guards) {
  const auto issued = guards.proof_of_work.issue(services.clock.now());
  auto response = http::json_response(200, {{"challenge", issued.challenge},
                                            {"difficulty", issued.difficulty},
                                            {"expires_at", issued.expires_at},
                                            {"required", guards.proof_of_work.required()}});
  response.headers.set("Cache-Control", "no-store");
  return response;
}

// Spends the report's proof of work; nothing else is looked at before it is paid.
Result<void> spend_proof_of_work(Services& services, PublicGuards& guards, const PowAnswer& pow) {
  if (!guards.proof_of_work.required() && pow.challenge.empty()) return {};
  if (pow.challenge.empty()) {
    return hotline::pow_unreadable(
        "{\"challenge\", \"solution\"}: a challenge from GET /api/v1/public/challenge, solved");
  }
  return guards.proof_of_work.spend(pow.challenge, pow.solution, services.clock.now());
}

http::Response submit_report(Services& services, PublicGuards& guards, http::Context& context) {
  const Admission admission(guards);
  if (!admission.admitted()) return busy();
  if (auto refused = over_submission_limit(services, guards, context.request)) return *refused;
  if (auto refused = oversized(context.request)) return *refused;
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  auto report = public_report_input(*body);
  if (!report) return http::problem_from(report.error());
  if (auto paid = spend_proof_of_work(services, guards, report->pow); !paid) {
    return http::problem_from(paid.error());
  }
  const auto passphrase = hotline::new_passphrase();
  auto code = store_report(services, report->account, passphrase);
  if (!code) {
    // Not stored (the database may be briefly unavailable): the page may send it again.
    if (!report->pow.challenge.empty()) guards.proof_of_work.give_back(report->pow.challenge);
    return http::problem_from(code.error());
  }
  return http::json_response(201, {{"code", *code}, {"passphrase", passphrase}});
}

// The contact a follow-up code and passphrase open, or the response refusing them. Every
// refusal counts against the caller's address and against the code.
Result<std::int64_t> follow_up_contact(Services& services, PublicGuards& guards,
                                       const http::Context& context) {
  const auto now = services.clock.now();
  const auto& address = context.request.remote_address;
  const auto typed = context.params.get("code").value_or("");
  const auto code = hotline::normalise_code(typed).value_or(std::string(typed.substr(0, 32)));
  if (!guards.address_guesses.allows(address, now) || !guards.code_guesses.allows(code, now)) {
    return fail(Errc::rate_limited, "too many wrong follow-up codes or passphrases; wait a while");
  }
  const auto passphrase = context.request.headers.get(kPassphraseHeader).value_or("");
  auto credential = services.hotline.find_by_code(code);
  if (!credential) return tl::unexpected(credential.error());
  const bool plausible = !passphrase.empty() && passphrase.size() <= kMaxPassphrase;
  const auto& hash = *credential ? (*credential)->passphrase_hash : guards.decoy_hash;
  const bool matches = plausible && crypto::verify_password(hash, passphrase);
  if (*credential && matches) return (*credential)->contact_id;
  guards.address_guesses.record_failure(address, now);
  guards.code_guesses.record_failure(code, now);
  return fail(Errc::not_found, "no report matches");
}

http::Response follow_up_refusal(const Error& error) {
  if (error.code == Errc::not_found) return no_such_report();
  return http::problem_from(error);
}

json attachments_json(const std::vector<hotline::AttachmentInfo>& attachments) {
  auto items = json::array();
  for (const auto& attachment : attachments) {
    items.push_back({{"id", attachment.id},
                     {"content_type", attachment.content_type},
                     {"size", attachment.size},
                     {"added_at", attachment.added_at}});
  }
  return items;
}

json public_thread_json(const hotline::Contact& contact, std::string_view code) {
  auto messages = json::array();
  for (const auto& message : contact.messages) {
    messages.push_back({{"author", message.author}, {"at", message.at}, {"body", message.body}});
  }
  return {{"code", code},
          {"kind", contact.summary.kind},
          {"status", contact.summary.status},
          {"received_at", contact.summary.received_at},
          {"what", contact.account.what},
          {"attachments", attachments_json(contact.attachments)},
          {"messages", std::move(messages)}};
}

http::Response read_thread(Services& services, PublicGuards& guards, http::Context& context) {
  auto id = follow_up_contact(services, guards, context);
  if (!id) return follow_up_refusal(id.error());
  auto contact = services.hotline.thread(*id);
  if (!contact) return http::problem_from(contact.error());
  const auto code = hotline::normalise_code(context.params.get("code").value_or(""));
  return http::json_response(200, public_thread_json(*contact, code.value_or("")));
}

http::Response add_reporter_message(Services& services, PublicGuards& guards,
                                    http::Context& context) {
  const Admission admission(guards);
  if (!admission.admitted()) return busy();
  if (auto refused = over_submission_limit(services, guards, context.request)) return *refused;
  if (auto refused = oversized(context.request)) return *refused;
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  auto text = public_message_input(*body);
  if (!text) return http::problem_from(text.error());
  auto id = follow_up_contact(services, guards, context);
  if (!id) return follow_up_refusal(id.error());
  const auto now = services.clock.now();
  if (auto added = services.hotline.add_reporter_message(*id, *text, now); !added) {
    return http::problem_from(added.error());
  }
  return http::json_response(201, {{"at", now}});
}

// The photograph in base64 (standard or URL-safe alphabet, padded or not).
Result<std::string> attachment_bytes(const json& body) {
  http::JsonFields fields(body);
  auto data = fields.text("data", true, kMaxAttachmentBody);
  const auto honeypot = fields.text("website", false, hotline::kMaxShortText).value_or("");
  if (!honeypot.empty()) fields.add_error("website", "must be left empty");
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  std::string text = *data;
  std::ranges::replace(text, '+', '-');
  std::ranges::replace(text, '/', '_');
  while (!text.empty() && text.back() == '=') text.pop_back();
  auto bytes = crypto::from_base64url(text);
  if (!bytes) {
    return fail_fields("the attachment cannot be read", {{"data", "must be base64"}});
  }
  return std::string(bytes->begin(), bytes->end());
}

http::Response add_attachment(Services& services, PublicGuards& guards, http::Context& context) {
  const Admission admission(guards);
  if (!admission.admitted()) return busy();
  if (auto refused = over_submission_limit(services, guards, context.request)) return *refused;
  if (auto refused = oversized(context.request, kMaxAttachmentBody)) return *refused;
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  auto bytes = attachment_bytes(*body);
  if (!bytes) return http::problem_from(bytes.error());
  auto clean = hotline::clean_attachment(*bytes);
  if (!clean) return http::problem_from(clean.error());
  auto id = follow_up_contact(services, guards, context);
  if (!id) return follow_up_refusal(id.error());
  auto stored =
      services.hotline.add_attachment(*id, clean->content_type, clean->bytes, services.clock.now());
  if (!stored) return http::problem_from(stored.error());
  return http::json_response(
      201, {{"id", stored->id}, {"content_type", stored->content_type}, {"size", stored->size}});
}

json exploitation_types_json() {
  auto items = json::array();
  for (const auto& term : domain::nrm::exploitation_types()) {
    items.push_back({{"id", term.id}, {"label", term.label}});
  }
  return items;
}

json words_json(hotline::Words words) {
  auto items = json::array();
  for (auto word : words) items.push_back(word);
  return items;
}

// The phone numbers are configured as one text, separated by semicolons.
json phones_json(const std::string& phones) {
  auto items = json::array();
  std::size_t start = 0;
  while (start <= phones.size()) {
    auto end = phones.find(';', start);
    if (end == std::string::npos) end = phones.size();
    auto phone = phones.substr(start, end - start);
    const auto first = phone.find_first_not_of(' ');
    if (first != std::string::npos) {
      items.push_back(phone.substr(first, phone.find_last_not_of(' ') - first + 1));
    }
    start = end + 1;
  }
  return items;
}

http::Response public_hotline(Services& services) {
  const auto& policy = services.hotline_policy;
  return http::json_response(
      200, {{"phones", phones_json(policy.phones)},
            {"hours", policy.hours},
            {"quick_exit_url", policy.quick_exit_url},
            {"kinds", words_json(hotline::kinds())},
            {"children_involved", words_json(hotline::children_involved_answers())},
            {"exploitation_types", exploitation_types_json()}});
}

// ---- The operators' side ----

json summary_json(const hotline::ContactSummary& summary) {
  json case_id = nullptr;
  if (summary.case_id) case_id = *summary.case_id;
  return {{"id", summary.id},
          {"kind", summary.kind},
          {"channel", summary.channel},
          {"language", summary.language},
          {"caller_type", summary.caller_type},
          {"received_at", summary.received_at},
          {"urgent", summary.urgent},
          {"status", summary.status},
          {"outcome", summary.outcome},
          {"awaiting_reply", summary.awaiting_reply},
          {"children_involved", summary.children_involved},
          {"exploitation_types", summary.exploitation_types},
          {"region", summary.region},
          {"case_id", std::move(case_id)}};
}

json contact_json(const hotline::Contact& contact, const hotline::HotlinePolicy& policy) {
  auto item = summary_json(contact.summary);
  json people = nullptr;
  if (contact.account.people_count) people = *contact.account.people_count;
  item["people_count"] = std::move(people);
  item["what"] = contact.account.what;
  item["where"] = contact.account.where;
  item["when"] = contact.account.when;
  item["contact"] = contact.account.contact;
  item["notes"] = contact.notes;
  item["indicators"] = contact.indicators;
  item["has_follow_up_code"] = contact.has_follow_up_code;
  item["linked"] = contact.linked;
  item["attachments"] = attachments_json(contact.attachments);
  if (contact.summary.urgent) item["urgent_instruction"] = policy.urgent_instruction;
  auto messages = json::array();
  for (const auto& message : contact.messages) {
    messages.push_back({{"id", message.id},
                        {"author", message.author},
                        {"at", message.at},
                        {"body", message.body}});
  }
  item["messages"] = std::move(messages);
  return item;
}

// The queue's cursor is "<urgent 0|1>.<id>" of the last row shown.
Result<hotline::QueuePosition> queue_position(const http::Request& request) {
  hotline::QueuePosition position;
  const auto cursor = request.query_param("cursor");
  if (!cursor || cursor->empty()) return position;
  const auto dot = cursor->find('.');
  const auto urgent = parse_integer(std::string_view(*cursor).substr(0, dot));
  const auto id = dot == std::string::npos
                      ? std::nullopt
                      : parse_integer(std::string_view(*cursor).substr(dot + 1));
  if (!urgent || !id || *urgent < 0 || *urgent > 1 || *id <= 0) {
    return fail(Errc::malformed, "cursor must be a value returned as next_cursor",
                "malformed-request");
  }
  return hotline::QueuePosition{*urgent == 1, *id};
}

Result<int> queue_limit(const http::Request& request) {
  const auto text = request.query_param("limit");
  if (!text) return 50;
  const auto limit = parse_integer(*text);
  if (!limit || *limit < 1 || *limit > 200) {
    return fail(Errc::malformed, "limit must be a whole number from 1 to 200", "malformed-request");
  }
  return static_cast<int>(*limit);
}

http::Response list_contacts(Services& services, http::Context& context) {
  auto position = queue_position(context.request);
  if (!position) return http::problem_from(position.error());
  auto limit = queue_limit(context.request);
  if (!limit) return http::problem_from(limit.error());
  auto status = context.request.query_param("status");
  if (status == "all") status.reset();
  if (status && !hotline::is_one_of(hotline::statuses(), *status)) {
    return http::problem(400, "malformed-request", "Bad request",
                         "status must be new, open, closed or all");
  }
  auto rows = services.hotline.queue(status, *position, *limit + 1);
  if (!rows) return http::problem_from(rows.error());
  json next = nullptr;
  if (static_cast<int>(rows->size()) > *limit) {
    rows->pop_back();
    next = std::to_string(rows->back().urgent ? 1 : 0) + "." + std::to_string(rows->back().id);
  }
  auto items = json::array();
  for (const auto& row : *rows) items.push_back(summary_json(row));
  return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

Result<hotline::LoggedContact> logged_contact_input(const json& body,
                                                    const domain::nrm::Checklist& indicators) {
  http::JsonFields fields(body);
  hotline::LoggedContact contact;
  contact.account = account_input(fields);
  contact.channel = fields.text("channel", true, 16).value_or("");
  contact.caller_type = fields.text("caller_type", true, 32).value_or("");
  contact.indicators =
      fields.text_list("indicators", false, 100, 64).value_or(std::vector<std::string>{});
  contact.region = fields.text("region", false, 64).value_or("");
  contact.notes = fields.text("notes", false, hotline::kMaxNarrative).value_or("");
  contact.urgent = fields.boolean("urgent", false).value_or(false);
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  return hotline::validate_logged_contact(std::move(contact), indicators);
}

http::Response log_contact(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  auto contact = logged_contact_input(*body, services.indicators);
  if (!contact) return http::problem_from(contact.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto id = services.hotline.log_contact(*contact, *actor, services.clock.now());
  if (!id) return http::problem_from(id.error());
  return http::json_response(201, {{"id", *id}});
}

http::Response get_contact(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto contact = services.hotline.open_contact(*id, *actor, services.clock.now());
  if (!contact) return http::problem_from(contact.error());
  return http::json_response(200, contact_json(*contact, services.hotline_policy));
}

// The photograph or PDF as stored, for download only: never shown inline by the browser.
http::Response get_attachment(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto attachment_id = id_parameter(context, "attachment_id");
  if (!attachment_id) return http::problem_from(attachment_id.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto stored = services.hotline.open_attachment(*id, *attachment_id, *actor, services.clock.now());
  if (!stored) return http::problem_from(stored.error());
  http::Response response;
  response.headers.set("Content-Type", stored->info.content_type);
  const auto& type = stored->info.content_type;
  const auto* extension = type == "image/png" ? "png" : type == "application/pdf" ? "pdf" : "jpg";
  response.headers.set(
      "Content-Disposition",
      fmt::format("attachment; filename=\"contact-{}-{}.{}\"", *id, *attachment_id, extension));
  response.body = std::move(stored->bytes);
  return response;
}

http::Response reply(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto text = fields.text("body", true, hotline::kMaxMessage);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  const auto now = services.clock.now();
  if (auto added = services.hotline.add_operator_message(*id, *text, *actor, now); !added) {
    return http::problem_from(added.error());
  }
  return http::json_response(201, {{"at", now}});
}

Result<hotline::Triage> triage_input(const json& body, const domain::nrm::Checklist& indicators) {
  http::JsonFields fields(body);
  hotline::Triage triage;
  triage.urgent = fields.boolean("urgent", false);
  triage.status = fields.text("status", false, 16);
  // An empty outcome clears it; JSON null is absent.
  if (const auto* outcome = fields.raw("outcome", false); outcome && outcome->is_string()) {
    triage.outcome = outcome->get<std::string>();
    if (triage.outcome->size() > 64) fields.add_error("outcome", "is too long");
  } else if (outcome != nullptr) {
    fields.add_error("outcome", "must be a string");
  }
  triage.region = fields.text("region", false, 64);
  triage.caller_type = fields.text("caller_type", false, 32);
  triage.indicators = fields.text_list("indicators", false, 100, 64);
  if (const auto* notes = fields.raw("notes", false); notes && notes->is_string()) {
    triage.notes = notes->get<std::string>();
    if (triage.notes->size() > hotline::kMaxNarrative) fields.add_error("notes", "is too long");
  } else if (notes != nullptr) {
    fields.add_error("notes", "must be a string");
  }
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  return hotline::validate_triage(std::move(triage), indicators);
}

http::Response triage(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  auto input = triage_input(*body, services.indicators);
  if (!input) return http::problem_from(input.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  if (auto changed = services.hotline.triage(*id, *input, *actor, services.clock.now()); !changed) {
    return http::problem_from(changed.error());
  }
  return http::no_content();
}

http::Response link(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto other = fields.integer("contact_id", true);
  if (other && *other == *id) fields.add_error("contact_id", "must name another contact");
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  if (auto linked = services.hotline.link(*id, *other, *actor, services.clock.now()); !linked) {
    return http::problem_from(linked.error());
  }
  return http::no_content();
}

// What the operator adds to the contact for the referral: consent, and with it the identity
// the person gave; everything else comes from the contact as recorded.
Result<domain::nrm::ReferralInput> referral_input(const json& body,
                                                  const hotline::Contact& contact) {
  http::JsonFields fields(body);
  domain::nrm::ReferralInput input;
  auto object = [&](std::string_view key, const auto& read) {
    const auto* value = fields.raw(key, false);
    if (value == nullptr) return;
    if (!value->is_object()) {
      fields.add_error(std::string(key), "must be an object");
      return;
    }
    http::JsonFields inner(*value);
    read(inner);
    if (auto finished = inner.finish(); !finished) {
      for (const auto& error : finished.error().fields) {
        fields.add_error(std::string(key) + "." + error.field, error.message);
      }
    }
  };
  object("consent", [&](http::JsonFields& consent) {
    input.consent.given = consent.boolean("given", true).value_or(false);
    input.consent.explained_by = consent.text("explained_by", false, 200).value_or("");
    input.consent.language = consent.text("language", false, 64).value_or("");
  });
  object("person", [&](http::JsonFields& person) {
    input.person.given_name = person.text("given_name", false, 200);
    input.person.family_name = person.text("family_name", false, 200);
    input.person.date_of_birth = person.text("date_of_birth", false, 10);
    input.person.sex = person.text("sex", false, 64);
    input.person.citizenship = person.text("citizenship", false, 2);
  });
  input.is_child =
      fields.boolean("is_child", false).value_or(contact.account.children_involved == "yes");
  input.country_of_exploitation = fields.text("country_of_exploitation", false, 2).value_or("");
  input.needs = fields.text_list("needs", false, 100, 64).value_or(std::vector<std::string>{});
  input.exploitation_types = contact.account.exploitation_types;
  input.indicators = contact.indicators;
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  return input;
}

// One action: the contact becomes an NRM referral through the same path as POST
// /api/v1/referrals, referred by the hotline; without consent, an anonymous notification.
http::Response refer(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  auto contact = services.hotline.thread(*id);
  if (!contact) return http::problem_from(contact.error());
  if (contact->summary.case_id) {
    return http::problem(409, "already-referred", "Conflict",
                         "this contact was already referred to the NRM");
  }
  auto input = referral_input(*body, *contact);
  if (!input) return http::problem_from(input.error());
  const auto referred_on = today(services);
  auto referral = domain::nrm::validate_referral(*input, services.indicators, referred_on);
  if (!referral) return http::problem_from(referral.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  const auto now = services.clock.now();
  auto case_id = services.cases.create_referral(*referral, *actor, now,
                                                domain::nrm::format_iso_date(referred_on));
  if (!case_id) return http::problem_from(case_id.error());
  if (auto recorded = services.hotline.record_referral(*id, *case_id, *actor, now); !recorded) {
    return http::problem_from(recorded.error());
  }
  return http::json_response(
      201, {{"case_id", *case_id}, {"kind", domain::nrm::to_string(referral->kind)}});
}

// The picked fields of the contact, as the police will read them.
json tip_content(const hotline::Contact& contact, const std::vector<std::string>& fields) {
  json content = json::object();
  const auto& account = contact.account;
  for (const auto& field : fields) {
    if (field == "kind") content[field] = account.kind;
    if (field == "received_at") content[field] = contact.summary.received_at;
    if (field == "what") content[field] = account.what;
    if (field == "where") content[field] = account.where;
    if (field == "when") content[field] = account.when;
    if (field == "people_count") {
      content[field] = account.people_count ? json(*account.people_count) : json(nullptr);
    }
    if (field == "children_involved") content[field] = account.children_involved;
    if (field == "exploitation_types") content[field] = account.exploitation_types;
    if (field == "indicators") content[field] = contact.indicators;
    if (field == "region") content[field] = contact.summary.region;
  }
  return content;
}

http::Response forward_tip(Services& services, http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return http::problem_from(id.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto organisation = fields.integer("organisation_id", true);
  auto picked = fields.text_list("fields", true, hotline::tip_fields().size(), 64);
  if (picked) {
    if (picked->empty()) fields.add_error("fields", "must name at least one field");
    for (const auto& field : *picked) {
      if (!hotline::is_one_of(hotline::tip_fields(), field)) {
        fields.add_error("fields", "names a field that cannot be forwarded");
        break;
      }
    }
  }
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto contact = services.hotline.thread(*id);
  if (!contact) return http::problem_from(contact.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto tip = services.hotline.forward_tip(*id, *organisation, *picked,
                                          tip_content(*contact, *picked).dump(), *actor,
                                          services.clock.now());
  if (!tip) return http::problem_from(tip.error());
  return http::json_response(201, {{"tip_id", *tip}});
}

http::Response list_tips(Services& services, http::Context& context) {
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto tips = services.hotline.tips_for(*actor, services.clock.now());
  if (!tips) return http::problem_from(tips.error());
  auto items = json::array();
  for (const auto& tip : *tips) {
    items.push_back({{"id", tip.id},
                     {"contact_id", tip.contact_id},
                     {"forwarded_at", tip.forwarded_at},
                     {"fields", tip.fields},
                     {"content", json::parse(tip.content, nullptr, false)}});
  }
  return http::json_response(200, {{"items", std::move(items)}});
}

http::Response settings(Services& services) {
  auto directory = services.cases.directory();
  if (!directory) return http::problem_from(directory.error());
  auto police = json::array();
  for (const auto& organisation : directory->organisations) {
    if (organisation.type == hotline::kPoliceOrganisation) {
      police.push_back({{"id", organisation.id}, {"name", organisation.name}});
    }
  }
  return http::json_response(200,
                             {{"urgent_instruction", services.hotline_policy.urgent_instruction},
                              {"police_organisations", std::move(police)},
                              {"channels", words_json(hotline::channels())},
                              {"caller_types", words_json(hotline::caller_types())},
                              {"statuses", words_json(hotline::statuses())},
                              {"outcomes", words_json(hotline::outcomes())},
                              {"tip_fields", words_json(hotline::tip_fields())}});
}

// A date bound of the statistics as Unix seconds at the start of that day (UTC).
Result<std::int64_t> day_start(const http::Request& request, std::string_view name,
                               std::int64_t fallback) {
  const auto text = request.query_param(name);
  if (!text) return fallback;
  auto date = domain::nrm::parse_iso_date(*text);
  if (!date) {
    return fail(Errc::malformed, fmt::format("{} must be a date, YYYY-MM-DD", name),
                "malformed-request");
  }
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::sys_days(*date).time_since_epoch())
      .count();
}

json breakdown_json(const hotline::Breakdown& breakdown, std::string_view empty_name,
                    std::int64_t threshold) {
  std::vector<std::int64_t> counts;
  counts.reserve(breakdown.counts.size());
  for (const auto& [value, count] : breakdown.counts) counts.push_back(count);
  const auto cells = hotline::disclose(counts, threshold);
  auto rows = json::array();
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto& category = breakdown.counts[i].first;
    rows.push_back({{"category", category.empty() ? std::string(empty_name) : category},
                    {"value", cells[i].suppressed ? json(nullptr) : json(cells[i].count)},
                    {"suppressed", cells[i].suppressed}});
  }
  return rows;
}

http::Response statistics(Services& services, http::Context& context) {
  constexpr std::int64_t kEndOfTime = std::int64_t{1} << 62;
  auto from = day_start(context.request, "from", 0);
  if (!from) return http::problem_from(from.error());
  auto to = day_start(context.request, "to", kEndOfTime - 86400);
  if (!to) return http::problem_from(to.error());
  // "to" names the last day counted.
  auto figures = services.hotline.statistics(*from, *to + 86400);
  if (!figures) return http::problem_from(figures.error());
  const std::int64_t threshold = services.hotline_policy.statistics_threshold;
  const bool small_total = figures->total > 0 && figures->total < threshold;
  return http::json_response(
      200, {{"threshold", threshold},
            {"total",
             {{"value", small_total ? json(nullptr) : json(figures->total)},
              {"suppressed", small_total}}},
            {"by_kind", breakdown_json(figures->by_kind, "unknown", threshold)},
            {"by_channel", breakdown_json(figures->by_channel, "unknown", threshold)},
            {"by_language", breakdown_json(figures->by_language, "unknown", threshold)},
            {"by_caller_type", breakdown_json(figures->by_caller_type, "unknown", threshold)},
            {"by_outcome", breakdown_json(figures->by_outcome, "none", threshold)},
            {"by_region", breakdown_json(figures->by_region, "unknown", threshold)}});
}

}  // namespace

void add_hotline_routes(http::Router& router, Services& services) {
  auto guards = std::make_shared<PublicGuards>(services.hotline_policy);
  guards->decoy_hash =
      crypto::hash_password(hotline::new_passphrase(), kPassphraseCost).value_or("");
  router.add({http::Method::get, "/api/v1/public/hotline", http::AccessRule::anyone(),
              [&](http::Context&) { return public_hotline(services); },
              "The hotline's phone numbers and hours, and what the public forms offer"});
  router.add({http::Method::post, "/api/v1/public/reports", http::AccessRule::anyone(),
              [&, guards](http::Context& c) { return submit_report(services, *guards, c); },
              "Report a suspected case or ask for advice, anonymously"});
  router.add({http::Method::get, "/api/v1/public/reports/{code}", http::AccessRule::anyone(),
              [&, guards](http::Context& c) { return read_thread(services, *guards, c); },
              "The follow-up thread of a report (X-Passphrase header)"});
  router.add({http::Method::post, "/api/v1/public/reports/{code}/messages",
              http::AccessRule::anyone(),
              [&, guards](http::Context& c) { return add_reporter_message(services, *guards, c); },
              "Add to a report's follow-up thread (X-Passphrase header)"});

  router.add({http::Method::post, "/api/v1/public/reports/{code}/attachments",
              http::AccessRule::anyone(),
              [&, guards](http::Context& c) { return add_attachment(services, *guards, c); },
              "Add a photograph or PDF to a report, its metadata removed (X-Passphrase header)"});

  const auto operators = [] {
    return http::AccessRule::roles_any({std::string(hotline::kOperatorRole)});
  };
  router.add({http::Method::get, "/api/v1/hotline/settings", operators(),
              [&](http::Context&) { return settings(services); },
              "The urgent instruction, the police organisations and the vocabularies"});
  router.add({http::Method::get, "/api/v1/hotline/contacts", operators(),
              [&](http::Context& c) { return list_contacts(services, c); },
              "The hotline's queue, urgent first, then newest"});
  router.add({http::Method::post, "/api/v1/hotline/contacts", operators(),
              [&](http::Context& c) { return log_contact(services, c); },
              "Log a call, chat or email"});
  router.add({http::Method::get, "/api/v1/hotline/contacts/{id}", operators(),
              [&](http::Context& c) { return get_contact(services, c); },
              "A contact with its thread (audited)"});
  router.add({http::Method::get, "/api/v1/hotline/contacts/{id}/attachments/{attachment_id}",
              operators(), [&](http::Context& c) { return get_attachment(services, c); },
              "A photograph or PDF sent with a report (audited)"});
  router.add({http::Method::post, "/api/v1/hotline/contacts/{id}/messages", operators(),
              [&](http::Context& c) { return reply(services, c); },
              "Reply to the reporter through the follow-up thread"});
  router.add({http::Method::post, "/api/v1/hotline/contacts/{id}/triage", operators(),
              [&](http::Context& c) { return triage(services, c); },
              "Flag urgent danger, set status, outcome, region, indicators, notes"});
  router.add({http::Method::post, "/api/v1/hotline/contacts/{id}/links", operators(),
              [&](http::Context& c) { return link(services, c); },
              "Link a contact to another about the same situation"});
  router.add({http::Method::post, "/api/v1/hotline/contacts/{id}/referral", operators(),
              [&](http::Context& c) { return refer(services, c); },
              "Turn a contact into an NRM referral"});
  router.add({http::Method::post, "/api/v1/hotline/contacts/{id}/tips", operators(),
              [&](http::Context& c) { return forward_tip(services, c); },
              "Forward picked fields of a contact to a police organisation"});
  router.add({http::Method::get, "/api/v1/hotline/statistics",
              http::AccessRule::roles_any({std::string(hotline::kOperatorRole), "analyst"}),
              [&](http::Context& c) { return statistics(services, c); },
              "Contacts by channel, language, caller type, outcome and region"});
  router.add({http::Method::get, "/api/v1/hotline/tips",
              http::AccessRule::roles_any({"first_responder"}),
              [&](http::Context& c) { return list_tips(services, c); },
              "Tips the hotline forwarded to my organisation (audited)"});
  router.add({http::Method::get, "/api/v1/public/challenge", http::AccessRule::anyone(),
              [&, guards](http::Context&) { return issue_challenge(services, *guards); },
              "A proof-of-work challenge for the public report and advice forms"});
}

}  // namespace lifeline::api
