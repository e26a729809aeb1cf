// The national action plan and the questionnaire rounds on the shared database.
#pragma once

#include "domain/monitoring/monitoring_store.hpp"
#include "storage/database.hpp"

namespace lifeline::storage {

class MonitoringRepository final : public domain::monitoring::MonitoringStore {
 public:
  explicit MonitoringRepository(Database& db) : db_(db) {}

  Result<std::vector<domain::monitoring::ProvisionRef>> national_commitments() override;
  Result<std::vector<domain::monitoring::ProvisionRef>> provisions(
      const std::vector<std::string>& ids) override;

  Result<std::vector<domain::monitoring::Plan>> plans() override;
  Result<std::optional<domain::monitoring::PlanRecords>> plan(std::int64_t id) override;
  Result<domain::monitoring::Plan> add_plan(const domain::monitoring::Plan& plan,
                                            const domain::Actor& actor, UnixSeconds now) override;
  Result<domain::monitoring::Plan> start_next_plan(
      std::int64_t previous, const domain::monitoring::Plan& next,
      const std::vector<std::int64_t>& measures_to_carry, const domain::Actor& actor,
      UnixSeconds now) override;
  Result<domain::monitoring::Measure> add_measure(const domain::monitoring::Measure& measure,
                                                  const domain::Actor& actor,
                                                  UnixSeconds now) override;
  Result<domain::monitoring::Measure> update_measure(const domain::monitoring::Measure& measure,
                                                     const domain::Actor& actor,
                                                     UnixSeconds now) override;
  Result<domain::monitoring::Indicator> add_indicator(
      std::int64_t plan_id, const domain::monitoring::Indicator& indicator,
      const domain::Actor& actor, UnixSeconds now) override;
  Result<domain::monitoring::ProgressReport> add_report(
      std::int64_t plan_id, const domain::monitoring::ProgressReport& report,
      const domain::Actor& actor, UnixSeconds now) override;

  Result<std::int64_t> ensure_respondents(
      const std::vector<domain::monitoring::Respondent>& respondents) override;
  Result<std::vector<domain::monitoring::RespondentRecord>> respondents() override;
  Result<domain::monitoring::RespondentRecord> save_respondent(
      const domain::monitoring::RespondentRecord& record, const domain::Actor& actor,
      UnixSeconds now) override;

  Result<std::vector<domain::monitoring::Round>> rounds() override;
  Result<std::optional<domain::monitoring::Round>> round(std::int64_t id) override;
  Result<domain::monitoring::Round> add_round(
      const domain::monitoring::Round& round,
      const std::vector<domain::monitoring::ItemDefinition>& items, const domain::Actor& actor,
      UnixSeconds now) override;
  Result<std::vector<domain::monitoring::StoredItem>> items(std::int64_t round_id) override;
  Result<domain::monitoring::StoredItem> add_item(std::int64_t round_id,
                                                  const domain::monitoring::ItemDefinition& item,
                                                  const domain::Actor& actor,
                                                  UnixSeconds now) override;
  Result<domain::monitoring::StoredItem> change_item(std::int64_t round_id, std::int64_t item_id,
                                                     const domain::monitoring::ItemDefinition& item,
                                                     const domain::Actor& actor,
                                                     UnixSeconds now) override;
  Result<void> remove_item(std::int64_t round_id, std::int64_t item_id, const domain::Actor& actor,
                           UnixSeconds now) override;
  Result<domain::monitoring::Round> change_status(std::int64_t round_id, std::string_view to,
                                                  const domain::Actor& actor,
                                                  UnixSeconds now) override;
  Result<std::vector<domain::monitoring::RoundRespondent>> round_respondents(
      std::int64_t round_id) override;
  Result<std::vector<domain::monitoring::StoredAnswer>> answers(std::int64_t round_id,
                                                                const std::string& code) override;
  Result<std::vector<domain::monitoring::StoredAnswer>> save_answers(
      std::int64_t round_id, const std::string& code,
      const std::vector<domain::monitoring::AnswerInput>& answers, const domain::Actor& actor,
      UnixSeconds now) override;
  Result<domain::monitoring::RoundRespondent> submit(std::int64_t round_id, const std::string& code,
                                                     const domain::Actor& actor,
                                                     UnixSeconds now) override;
  Result<std::vector<domain::monitoring::AnswerChange>> answer_history(
      std::int64_t round_id, const std::string& code) override;

 private:
  Database& db_;
};

}  // namespace lifeline::storage
