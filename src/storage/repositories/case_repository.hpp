// NRM cases on the shared database, identity sealed with the field cipher.
#pragma once

#include "core/clock.hpp"
#include "crypto/blind_index.hpp"
#include "crypto/field_cipher.hpp"
#include "domain/nrm/case_store.hpp"
#include "storage/database.hpp"

namespace lifeline::storage {

class CaseRepository final : public domain::nrm::CaseStore {
 public:
  CaseRepository(Database& db, crypto::FieldCipher cipher, crypto::BlindIndex blind_index)
      : db_(db), cipher_(std::move(cipher)), blind_index_(std::move(blind_index)) {}

  Result<std::int64_t> create_referral(const domain::nrm::Referral& referral,
                                       const domain::nrm::CaseActor& actor, std::int64_t now,
                                       const std::string& referred_on) override;
  Result<std::vector<std::int64_t>> import_cases(
      const std::vector<domain::nrm::ImportedCase>& cases, std::int64_t referring_organisation_id,
      const domain::nrm::CaseActor& actor, std::int64_t now,
      const std::function<void(std::size_t stored)>& progress) override;
  Result<std::optional<domain::nrm::StoredCase>> find_case(std::int64_t id) override;
  Result<std::vector<domain::nrm::StoredCase>> list_cases(
      std::int64_t after_id, int limit, const domain::nrm::CaseScope& scope) override;
  Result<std::vector<domain::nrm::StoredCase>> assigned_open_cases(std::int64_t user_id) override;
  Result<domain::nrm::StoredCase> change_case(std::int64_t id,
                                              std::optional<std::int64_t> expected_version,
                                              const domain::nrm::CaseActor& actor, std::int64_t now,
                                              std::string_view action,
                                              const domain::nrm::CaseChangeRule& rule) override;
  Result<std::optional<domain::nrm::ProvidedService>> find_service(
      std::int64_t service_id) override;
  Result<std::vector<domain::nrm::ProvidedService>> provider_services(std::int64_t organisation_id,
                                                                      std::int64_t after_id,
                                                                      int limit) override;
  Result<std::optional<domain::nrm::CaseActor>> case_party(std::int64_t user_id) override;
  Result<void> record_refusal(std::int64_t id, const domain::nrm::CaseActor& actor,
                              std::int64_t now, std::string_view action) override;
  Result<domain::nrm::CaseDetails> case_details(std::int64_t id) override;
  Result<std::optional<domain::nrm::Identity>> reveal_identity(std::int64_t id,
                                                               const domain::nrm::CaseActor& actor,
                                                               std::int64_t now) override;
  Result<std::string> organisation_type(std::int64_t organisation_id) override;
  Result<domain::nrm::Directory> directory() override;
  Result<void> set_shelter_places(std::int64_t organisation_id, std::int64_t places,
                                  const domain::nrm::CaseActor& actor, std::int64_t now) override;
  Result<std::vector<domain::nrm::ShelterPlaces>> shelters() override;
  Result<domain::nrm::ShelterPlaces> shelter(std::int64_t organisation_id) override;
  Result<std::int64_t> create_task(const domain::nrm::CaseTask& task,
                                   const domain::nrm::CaseActor& actor, std::int64_t now) override;
  Result<void> complete_task(std::int64_t case_id, std::int64_t task_id,
                             const domain::nrm::CaseActor& actor, std::int64_t now) override;
  Result<std::vector<domain::nrm::CaseTask>> open_tasks(std::int64_t owner_id) override;
  Result<std::vector<std::int64_t>> cases_due_for_erasure(const std::string& closed_before,
                                                          std::int64_t after_id,
                                                          int limit) override;
  Result<bool> erase_identity(std::int64_t id, const std::string& closed_before,
                              std::int64_t now) override;

 private:
  Result<std::int64_t> insert_referral(Session& s, const domain::nrm::Referral& referral,
                                       domain::nrm::Date referred_on,
                                       std::int64_t referring_organisation_id,
                                       const domain::nrm::CaseActor& actor, std::int64_t now,
                                       const std::string& event_detail);
  Result<void> close_imported(Session& s, std::int64_t id,
                              const domain::nrm::ImportedCase& imported,
                              std::int64_t referring_organisation_id,
                              const domain::nrm::CaseActor& actor, std::int64_t now);
  Result<void> store_identity(Session& s, std::int64_t id, const domain::nrm::Referral& referral);
  Result<void> append_event(Session& s, std::int64_t case_id, const domain::nrm::CaseActor& actor,
                            std::int64_t now, const domain::nrm::CaseEvent& event);
  Result<std::optional<domain::nrm::StoredCase>> find_case_in(Session& s, std::int64_t id);
  Result<std::vector<domain::nrm::TimelineEntry>> timeline_in(Session& s, std::int64_t id);
  Result<std::vector<domain::nrm::CaseTask>> tasks_in(Session& s, std::string_view where,
                                                      const Params& params);
  Result<std::int64_t> write_service(Session& s, std::int64_t case_id, std::int64_t now,
                                     const domain::nrm::ServiceChange& change);

  Database& db_;
  crypto::FieldCipher cipher_;
  crypto::BlindIndex blind_index_;
};

}  // namespace lifeline::storage
