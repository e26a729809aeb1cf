#include "domain/hotline/hotline.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <sodium.h>

namespace lifeline::domain::hotline {
namespace {

constexpr std::array<std::string_view, 2> kKinds = {"report", "advice"};
constexpr std::array<std::string_view, 4> kChannels = {"web", "phone", "chat", "email"};
constexpr std::array<std::string_view, 5> kCallerTypes = {"potential_victim", "family_member",
                                                          "witness", "professional", "anonymous"};
constexpr std::array<std::string_view, 3> kChildrenAnswers = {"yes", "no", "unknown"};
constexpr std::array<std::string_view, 3> kStatuses = {"new", "open", "closed"};
constexpr std::array<std::string_view, 6> kOutcomes = {
    "advice_given",         "referred_to_nrm", "forwarded_to_police",
    "referred_to_services", "no_action",       "no_answer"};
constexpr std::array<std::string_view, 10> kTipFields = {"kind",
                                                         "received_at",
                                                         "what",
                                                         "where",
                                                         "when",
                                                         "people_count",
                                                         "children_involved",
                                                         "exploitation_types",
                                                         "indicators",
                                                         "region"};

constexpr std::string_view kPassphraseAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";
constexpr std::size_t kPassphraseGroups = 5;
constexpr std::size_t kGroupLength = 4;
constexpr std::size_t kMaxRegion = 64;

std::string random_symbols(std::string_view alphabet, std::size_t count) {
  std::string symbols;
  symbols.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    symbols += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  }
  return symbols;
}

std::string grouped(std::string_view symbols) {
  std::string text;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (i > 0 && i % kGroupLength == 0) text += '-';
    text += symbols[i];
  }
  return text;
}

bool is_language(std::string_view code) {
  return code.empty() || (code.size() == 2 &&
                          std::ranges::all_of(code, [](char c) { return c >= 'a' && c <= 'z'; }));
}

bool is_blank(std::string_view text) {
  return std::ranges::all_of(text,
                             [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

void check_word(std::vector<FieldError>& errors, Words words, std::string_view value,
                std::string field) {
  if (!is_one_of(words, value)) errors.push_back({std::move(field), "is not a known value"});
}

void check_unique_terms(std::vector<FieldError>& errors, const std::vector<std::string>& ids,
                        std::string field) {
  for (const auto& id : ids) {
    if (!nrm::is_exploitation_type(id)) {
      errors.push_back({field, "is not a known value"});
      break;
    }
  }
  auto sorted = ids;
  std::ranges::sort(sorted);
  if (std::ranges::adjacent_find(sorted) != sorted.end()) {
    errors.push_back({std::move(field), "names a value twice"});
  }
}

void check_account(const Account& account, std::vector<FieldError>& errors) {
  check_word(errors, kinds(), account.kind, "kind");
  if (is_blank(account.what)) errors.push_back({"what", "is required"});
  if (!is_language(account.language)) {
    errors.push_back({"language", "must be a two-letter ISO 639-1 code"});
  }
  if (account.people_count && (*account.people_count < 0 || *account.people_count > kMaxPeople)) {
    errors.push_back({"people_count", "must be from 0 to 10000"});
  }
  check_word(errors, children_involved_answers(), account.children_involved, "children_involved");
  check_unique_terms(errors, account.exploitation_types, "exploitation_types");
}

}  // namespace

bool is_one_of(Words words, std::string_view id) {
  return std::ranges::find(words, id) != words.end();
}

Words kinds() {
  return kKinds;
}
Words channels() {
  return kChannels;
}
Words caller_types() {
  return kCallerTypes;
}
Words children_involved_answers() {
  return kChildrenAnswers;
}
Words statuses() {
  return kStatuses;
}
Words outcomes() {
  return kOutcomes;
}
Words tip_fields() {
  return kTipFields;
}

Result<Account> validate_public_report(Account account, const std::string& honeypot) {
  std::vector<FieldError> errors;
  // The field is hidden from people; only a program filling in every field fills it.
  if (!honeypot.empty()) errors.push_back({"website", "must be left empty"});
  check_account(account, errors);
  if (!errors.empty()) return fail_fields("the report breaks these rules", std::move(errors));
  return account;
}

Result<LoggedContact> validate_logged_contact(LoggedContact contact,
                                              const nrm::Checklist& indicators) {
  std::vector<FieldError> errors;
  check_account(contact.account, errors);
  if (contact.channel == kWebChannel) {
    errors.push_back({"channel", "web contacts come from the public form, not from an operator"});
  } else {
    check_word(errors, channels(), contact.channel, "channel");
  }
  check_word(errors, caller_types(), contact.caller_type, "caller_type");
  auto indicator_errors = indicators.check(contact.indicators, "indicators");
  errors.insert(errors.end(), indicator_errors.begin(), indicator_errors.end());
  if (contact.region.size() > kMaxRegion) errors.push_back({"region", "is too long"});
  if (!errors.empty()) return fail_fields("the contact breaks these rules", std::move(errors));
  return contact;
}

Result<Triage> validate_triage(Triage triage, const nrm::Checklist& indicators) {
  std::vector<FieldError> errors;
  if (triage.status) check_word(errors, statuses(), *triage.status, "status");
  if (triage.outcome && !triage.outcome->empty()) {
    check_word(errors, outcomes(), *triage.outcome, "outcome");
  }
  if (triage.caller_type) check_word(errors, caller_types(), *triage.caller_type, "caller_type");
  if (triage.region && triage.region->size() > kMaxRegion) {
    errors.push_back({"region", "is too long"});
  }
  if (triage.indicators) {
    auto indicator_errors = indicators.check(*triage.indicators, "indicators");
    errors.insert(errors.end(), indicator_errors.begin(), indicator_errors.end());
  }
  if (!errors.empty()) return fail_fields("the triage breaks these rules", std::move(errors));
  return triage;
}

std::string new_follow_up_code() {
  return grouped(random_symbols(kCodeAlphabet, kCodeSymbols));
}

std::optional<std::string> normalise_code(std::string_view typed) {
  std::string symbols;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    const char upper = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (kCodeAlphabet.find(upper) == std::string_view::npos) return std::nullopt;
    symbols += upper;
    if (symbols.size() > kCodeSymbols) return std::nullopt;
  }
  if (symbols.size() != kCodeSymbols) return std::nullopt;
  return grouped(symbols);
}

std::string new_passphrase() {
  return grouped(random_symbols(kPassphraseAlphabet, kPassphraseGroups * kGroupLength));
}

std::vector<Disclosed> disclose(const std::vector<std::int64_t>& counts, std::int64_t threshold) {
  std::vector<Disclosed> cells;
  cells.reserve(counts.size());
  int hidden = 0;
  for (auto count : counts) {
    const bool small = count > 0 && count < threshold;
    cells.push_back({count, small});
    if (small) ++hidden;
  }
  if (hidden == 1) {
    Disclosed* smallest = nullptr;
    for (auto& cell : cells) {
      if (cell.suppressed || cell.count == 0) continue;
      if (smallest == nullptr || cell.count < smallest->count) smallest = &cell;
    }
    if (smallest != nullptr) smallest->suppressed = true;
  }
  return cells;
}

}  // namespace lifeline::domain::hotline
