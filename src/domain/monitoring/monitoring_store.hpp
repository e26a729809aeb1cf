// Where the action plan and the questionnaire rounds are kept: the storage layer implements
// this on the shared database. Every change is written with its audit entry in one
// transaction; state rules that races could break (a round's status, a submitted answer's
// version) are checked inside that transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "domain/accounts/account_service.hpp"
#include "domain/monitoring/action_plan.hpp"
#include "domain/monitoring/questionnaire.hpp"
#include "domain/monitoring/respondents.hpp"

namespace lifeline::domain::monitoring {

// ---- the national action plan ----

struct Plan {
  std::int64_t id = 0;
  std::string title;
  std::string period_start;  // ISO 8601 dates
  std::string period_end;
  std::optional<std::int64_t> previous_plan_id;
  std::optional<UnixSeconds> superseded_at;  // set when a new period started from it
  UnixSeconds created_at = 0;
};

struct Measure {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::string title;
  std::string description;
  std::vector<std::string> bodies;    // responsible bodies
  std::vector<std::string> partners;  // partner organisations
  std::optional<double> budget;
  std::string currency;  // ISO 4217, empty without a budget
  std::string start_on;
  std::string due_on;
  std::vector<std::string> provisions;  // compendium provision ids
  std::optional<std::int64_t> carried_from_id;
};

struct Indicator {
  std::int64_t id = 0;
  std::int64_t measure_id = 0;
  std::string name;
  std::string unit;
  std::optional<double> baseline;
  std::optional<double> target;
  std::string target_text;  // a target that is not a number
  Frequency frequency = Frequency::yearly;
  std::optional<std::int64_t> carried_from_id;
};

struct ProgressReport {
  std::int64_t id = 0;
  std::int64_t indicator_id = 0;
  std::string due_on;  // the scheduled report it is for
  ProgressStatus status = ProgressStatus::not_started;
  std::optional<double> value;
  std::string note;
  std::vector<std::string> evidence;  // links
  std::int64_t reported_by = 0;
  UnixSeconds reported_at = 0;
};

// A plan with everything under it, reports oldest first.
struct PlanRecords {
  Plan plan;
  std::vector<Measure> measures;
  std::vector<Indicator> indicators;
  std::vector<ProgressReport> reports;
};

// ---- questionnaire rounds ----

namespace round_status {
inline constexpr std::string_view draft = "draft";
inline constexpr std::string_view open = "open";
inline constexpr std::string_view closed = "closed";
}  // namespace round_status

struct Round {
  std::int64_t id = 0;
  std::string title;
  std::string status;  // round_status
  bool include_partners = false;
  UnixSeconds created_at = 0;
  std::optional<UnixSeconds> opened_at;
  std::optional<UnixSeconds> closed_at;
};

// One version of an item.
struct StoredItem {
  std::int64_t id = 0;
  std::int64_t round_id = 0;
  std::int64_t version = 1;
  std::int64_t position = 0;
  ItemDefinition definition;
  bool retired = false;
};

struct RespondentRecord {
  Respondent respondent;
  std::optional<std::int64_t> organisation_id;
};

struct RoundRespondent {
  Respondent respondent;
  std::optional<UnixSeconds> submitted_at;
};

struct StoredAnswer {
  std::int64_t id = 0;
  std::string respondent;  // code
  std::int64_t item_id = 0;
  AnswerValue value;
  std::int64_t version = 1;
  UnixSeconds updated_at = 0;
};

// A value to save; `version` must name the stored answer's version when it replaces an answer
// its State has submitted.
struct AnswerInput {
  std::int64_t item_id = 0;
  AnswerValue value;
  std::optional<std::int64_t> version;
};

struct AnswerChange {
  std::int64_t answer_id = 0;
  std::int64_t item_id = 0;
  std::int64_t version = 0;  // the version this value had
  AnswerValue value;
  std::int64_t changed_by = 0;
  UnixSeconds changed_at = 0;
};

// A compendium provision as a plan or a round sees it.
struct ProvisionRef {
  std::string id;
  std::string number;
  std::string text;
  std::string pillar;
  std::string level;
  std::vector<std::string> keywords;
};

class MonitoringStore {
 public:
  virtual ~MonitoringStore() = default;

  // Provisions of commitment documents asking for national action, in document order, with
  // their keywords (the Compendium's and inferred ones).
  virtual Result<std::vector<ProvisionRef>> national_commitments() = 0;
  // The provisions named, in document order; unknown ids are left out.
  virtual Result<std::vector<ProvisionRef>> provisions(const std::vector<std::string>& ids) = 0;

  virtual Result<std::vector<Plan>> plans() = 0;
  virtual Result<std::optional<PlanRecords>> plan(std::int64_t id) = 0;
  virtual Result<Plan> add_plan(const Plan& plan, const Actor& actor, UnixSeconds now) = 0;
  // Starts a plan from `previous`: every measure whose status is not final is carried over with
  // its provisions and indicators (carried_from_id set); `previous` is marked superseded and
  // changes no more. Errc::conflict when it already was.
  virtual Result<Plan> start_next_plan(std::int64_t previous, const Plan& next,
                                       const std::vector<std::int64_t>& measures_to_carry,
                                       const Actor& actor, UnixSeconds now) = 0;
  // Changes to a superseded plan are refused with Errc::conflict "plan-superseded".
  virtual Result<Measure> add_measure(const Measure& measure, const Actor& actor,
                                      UnixSeconds now) = 0;
  virtual Result<Measure> update_measure(const Measure& measure, const Actor& actor,
                                         UnixSeconds now) = 0;
  virtual Result<Indicator> add_indicator(std::int64_t plan_id, const Indicator& indicator,
                                          const Actor& actor, UnixSeconds now) = 0;
  virtual Result<ProgressReport> add_report(std::int64_t plan_id, const ProgressReport& report,
                                            const Actor& actor, UnixSeconds now) = 0;

  // Adds the respondents that are not there yet; existing ones are left as they are.
  virtual Result<std::int64_t> ensure_respondents(const std::vector<Respondent>& respondents) = 0;
  virtual Result<std::vector<RespondentRecord>> respondents() = 0;
  // Adds a Partner for Co-operation, or links a respondent to the organisation whose
  // co-ordinators answer for it.
  virtual Result<RespondentRecord> save_respondent(const RespondentRecord& record,
                                                   const Actor& actor, UnixSeconds now) = 0;

  virtual Result<std::vector<Round>> rounds() = 0;
  virtual Result<std::optional<Round>> round(std::int64_t id) = 0;
  virtual Result<Round> add_round(const Round& round, const std::vector<ItemDefinition>& items,
                                  const Actor& actor, UnixSeconds now) = 0;
  // Every version of every item, current ones first by position, retired ones after.
  virtual Result<std::vector<StoredItem>> items(std::int64_t round_id) = 0;
  // Draft rounds only.
  virtual Result<StoredItem> add_item(std::int64_t round_id, const ItemDefinition& item,
                                      const Actor& actor, UnixSeconds now) = 0;
  // In a draft round the item changes in place; in an open round the change is a new version
  // and the old one is retired (its answers stay with it); a closed round refuses.
  virtual Result<StoredItem> change_item(std::int64_t round_id, std::int64_t item_id,
                                         const ItemDefinition& item, const Actor& actor,
                                         UnixSeconds now) = 0;
  virtual Result<void> remove_item(std::int64_t round_id, std::int64_t item_id, const Actor& actor,
                                   UnixSeconds now) = 0;
  // draft -> open (the respondents are fixed then) -> closed.
  virtual Result<Round> change_status(std::int64_t round_id, std::string_view to,
                                      const Actor& actor, UnixSeconds now) = 0;
  virtual Result<std::vector<RoundRespondent>> round_respondents(std::int64_t round_id) = 0;
  // Answers of the round, of one respondent when `code` is not empty.
  virtual Result<std::vector<StoredAnswer>> answers(std::int64_t round_id,
                                                    const std::string& code) = 0;
  // Saves answers of one respondent in an open round: to current item versions only
  // ("item-version-gone"), never replacing a submitted answer without its version
  // ("answer-changed"); each replaced submitted value goes to the history.
  virtual Result<std::vector<StoredAnswer>> save_answers(std::int64_t round_id,
                                                         const std::string& code,
                                                         const std::vector<AnswerInput>& answers,
                                                         const Actor& actor, UnixSeconds now) = 0;
  // Once only ("already-submitted"); the round must be open.
  virtual Result<RoundRespondent> submit(std::int64_t round_id, const std::string& code,
                                         const Actor& actor, UnixSeconds now) = 0;
  virtual Result<std::vector<AnswerChange>> answer_history(std::int64_t round_id,
                                                           const std::string& code) = 0;
};

}  // namespace lifeline::domain::monitoring
