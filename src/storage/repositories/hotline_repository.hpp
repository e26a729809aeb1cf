// Hotline contacts on the shared database; free text and contact details sealed with the
// field cipher.
#pragma once

#include "crypto/field_cipher.hpp"
#include "domain/hotline/hotline_store.hpp"
#include "storage/database.hpp"

namespace lifeline::storage {

class HotlineRepository final : public domain::hotline::HotlineStore {
 public:
  HotlineRepository(Database& db, crypto::FieldCipher cipher)
      : db_(db), cipher_(std::move(cipher)) {}

  Result<std::int64_t> create_web_contact(const domain::hotline::Account& account,
                                          const std::string& code,
                                          const std::string& passphrase_hash,
                                          std::int64_t now) override;
  Result<std::optional<domain::hotline::FollowUpCredential>> find_by_code(
      const std::string& code) override;
  Result<domain::hotline::Contact> thread(std::int64_t contact_id) override;
  Result<void> add_reporter_message(std::int64_t contact_id, const std::string& body,
                                    std::int64_t now) override;
  Result<domain::hotline::AttachmentInfo> add_attachment(std::int64_t contact_id,
                                                         const std::string& content_type,
                                                         const std::string& bytes,
                                                         std::int64_t now) override;
  Result<domain::hotline::StoredAttachment> open_attachment(std::int64_t contact_id,
                                                            std::int64_t attachment_id,
                                                            const domain::nrm::CaseActor& actor,
                                                            std::int64_t now) override;
  Result<std::int64_t> log_contact(const domain::hotline::LoggedContact& contact,
                                   const domain::nrm::CaseActor& actor, std::int64_t now) override;
  Result<std::vector<domain::hotline::ContactSummary>> queue(
      const std::optional<std::string>& status, domain::hotline::QueuePosition after,
      int limit) override;
  Result<domain::hotline::Contact> open_contact(std::int64_t id,
                                                const domain::nrm::CaseActor& actor,
                                                std::int64_t now) override;
  Result<void> add_operator_message(std::int64_t id, const std::string& body,
                                    const domain::nrm::CaseActor& actor, std::int64_t now) override;
  Result<void> triage(std::int64_t id, const domain::hotline::Triage& triage,
                      const domain::nrm::CaseActor& actor, std::int64_t now) override;
  Result<void> link(std::int64_t id, std::int64_t other, const domain::nrm::CaseActor& actor,
                    std::int64_t now) override;
  Result<void> record_referral(std::int64_t id, std::int64_t case_id,
                               const domain::nrm::CaseActor& actor, std::int64_t now) override;
  Result<std::int64_t> forward_tip(std::int64_t id, std::int64_t police_organisation_id,
                                   const std::vector<std::string>& fields,
                                   const std::string& content, const domain::nrm::CaseActor& actor,
                                   std::int64_t now) override;
  Result<std::vector<domain::hotline::Tip>> tips_for(const domain::nrm::CaseActor& reader,
                                                     std::int64_t now) override;
  Result<domain::hotline::Statistics> statistics(std::int64_t from, std::int64_t to) override;

 private:
  Result<void> seal_account(Session& s, std::int64_t id, const domain::hotline::Account& account,
                            const std::string& notes);
  Result<std::int64_t> insert_message(Session& s, std::int64_t contact_id, std::int64_t now,
                                      std::string_view author, std::optional<std::int64_t> user_id,
                                      const std::string& body);
  Result<domain::hotline::Contact> read_contact(Session& s, std::int64_t id);
  Result<std::string> open_text(const Row& row, std::size_t column, std::string_view table,
                                std::string_view name, std::int64_t id) const;

  Database& db_;
  crypto::FieldCipher cipher_;
};

}  // namespace lifeline::storage
