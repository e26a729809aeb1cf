// The hotline's rules (Action Plan IV.4.11): what an anonymous report or advice request may
// hold, what an operator records of a call, chat or email, the follow-up code and passphrase
// a reporter gets, and the disclosure control of the hotline's statistics. Pure code.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::hotline {

inline constexpr std::string_view kOperatorRole = "hotline_operator";

// The deployment's hotline: what the public pages show, the instruction shown on urgent
// contacts, and the limits against floods and guessing (all counted in memory only).
struct HotlinePolicy {
  std::string phones;  // as shown, e.g. "0 800 100 200; +373 22 000 000"
  std::string hours = "Monday to Friday, 9:00-18:00";
  std::string urgent_instruction =
      "Urgent danger: call the police emergency line (112) now, then record the call.";
  std::string quick_exit_url = "https://www.google.com/";
  int submissions_per_address = 20;  // reports and messages per address per hour
  int guesses_per_code = 5;          // wrong passphrases per code per 15 minutes
  int guesses_per_address = 30;      // wrong codes or passphrases per address per 15 minutes
  int statistics_threshold = 5;      // smallest count shown unsuppressed
  // Public submissions handled at once; more are answered 503 at once (the page keeps the
  // text and sends it again), so a flood cannot take every server thread from the operators.
  int concurrent_submissions = 2;
  // Leading zero bits of SHA-256 the public report form must find before sending (about
  // 2^18 hashes, a second or so on a cheap phone); 0 turns the proof of work off.
  int pow_difficulty = 18;
};
inline constexpr std::string_view kPoliceOrganisation = "police";

using Words = std::span<const std::string_view>;
bool is_one_of(Words words, std::string_view id);

// A report of a suspected case, or a request for advice before a job or a journey abroad.
Words kinds();
// How the contact came: the public web form, or logged by an operator.
Words channels();
inline constexpr std::string_view kWebChannel = "web";
Words caller_types();
inline constexpr std::string_view kAnonymousCaller = "anonymous";
Words children_involved_answers();
// new: nobody has opened it; open: being handled; closed: nothing more to do.
Words statuses();
Words outcomes();
// The fields of a contact an operator may pick to forward to the police as a tip.
Words tip_fields();

// Size caps of the public form, in characters.
inline constexpr std::size_t kMaxNarrative = 5000;
inline constexpr std::size_t kMaxShortText = 500;
inline constexpr std::size_t kMaxMessage = 5000;
inline constexpr std::int64_t kMaxPeople = 10000;

// What a reporter (or an operator, for a logged contact) told the hotline. Free text and
// contact details are sealed when stored.
struct Account {
  std::string kind = "report";
  std::string language;  // ISO 639-1, may be empty
  std::string what;      // what was seen, or the question asked
  std::string where;
  std::string when;
  std::optional<std::int64_t> people_count;
  std::string children_involved = "unknown";
  std::vector<std::string> exploitation_types;  // the NRM vocabulary
  std::string contact;                          // only when the reporter chose to give it
};

// Checks a report or advice request as it came from the public form; every broken rule is a
// field error. A filled-in `honeypot` (a field people never see) is refused.
Result<Account> validate_public_report(Account account, const std::string& honeypot);

// A call, chat or email an operator logs.
struct LoggedContact {
  Account account;
  std::string channel;
  std::string caller_type;
  std::vector<std::string> indicators;  // the NRM checklist of indicators
  std::string region;
  std::string notes;
  bool urgent = false;
};
Result<LoggedContact> validate_logged_contact(LoggedContact contact,
                                              const nrm::Checklist& indicators);

// An operator's triage of a contact: each field given changes it, the rest stays.
struct Triage {
  std::optional<bool> urgent;
  std::optional<std::string> status;
  std::optional<std::string> outcome;
  std::optional<std::string> region;
  std::optional<std::string> caller_type;
  std::optional<std::vector<std::string>> indicators;
  std::optional<std::string> notes;
};
Result<Triage> validate_triage(Triage triage, const nrm::Checklist& indicators);

// The follow-up code: 12 symbols of an alphabet without look-alikes (no 0/O, 1/I/L), shown
// in groups of four ("K7QM-2XWD-9RTH"). About 59 bits.
inline constexpr std::string_view kCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr std::size_t kCodeSymbols = 12;
std::string new_follow_up_code();
// The code as typed (any case, with or without dashes and spaces) in its stored form, or
// nullopt when it cannot be a code.
std::optional<std::string> normalise_code(std::string_view typed);
// The passphrase: five groups of four lower-case letters and digits without look-alikes
// ("m4kq-7bzt-..."), about 103 bits. Kept only as a password hash.
std::string new_passphrase();

// A count as published: cells of 1 to threshold-1 are suppressed.
struct Disclosed {
  std::int64_t count = 0;
  bool suppressed = false;
};
// Suppresses the small cells of a one-way table, and when that hides exactly one cell also
// the smallest other non-zero cell, so the total does not give the hidden one away.
std::vector<Disclosed> disclose(const std::vector<std::int64_t>& counts, std::int64_t threshold);

}  // namespace lifeline::domain::hotline
