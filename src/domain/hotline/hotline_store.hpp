// Where hotline contacts, their follow-up threads, links and forwarded tips are kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/hotline/hotline.hpp"
#include "domain/nrm/case_store.hpp"

namespace lifeline::domain::hotline {

// A contact as the operators' queue lists it: no free text.
struct ContactSummary {
  std::int64_t id = 0;
  std::string kind;
  std::string channel;
  std::string language;
  std::string caller_type;
  std::int64_t received_at = 0;
  bool urgent = false;
  std::string status;
  std::string outcome;
  bool awaiting_reply = false;  // the reporter wrote last
  std::string children_involved;
  std::vector<std::string> exploitation_types;
  std::string region;
  std::optional<std::int64_t> case_id;  // the NRM referral it became
};

struct Message {
  std::int64_t id = 0;
  std::int64_t at = 0;
  std::string author;  // "reporter" or "operator"
  std::string body;
};

// A photograph sent with a report: what lists show of it, and its bytes when fetched.
struct AttachmentInfo {
  std::int64_t id = 0;
  std::string content_type;
  std::int64_t size = 0;
  std::int64_t added_at = 0;
};
struct StoredAttachment {
  AttachmentInfo info;
  std::string bytes;
};

// A contact opened: what was told, the operator's notes, the thread and the links.
struct Contact {
  ContactSummary summary;
  Account account;
  std::vector<std::string> indicators;
  std::string notes;
  bool has_follow_up_code = false;
  std::vector<Message> messages;
  std::vector<std::int64_t> linked;
  std::vector<AttachmentInfo> attachments;
};

// What the follow-up code opens: the contact and the hash its passphrase must match.
struct FollowUpCredential {
  std::int64_t contact_id = 0;
  std::string passphrase_hash;
};

// A tip as the police organisation reads it: only the fields the operator picked.
struct Tip {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::int64_t forwarded_at = 0;
  std::vector<std::string> fields;
  std::string content;  // JSON object of the picked fields
};

// Which contacts the queue shows, and where the page starts (after urgent/id of the last
// row shown; the queue is ordered urgent first, then newest first).
struct QueuePosition {
  bool urgent = true;
  std::int64_t id = 0;  // 0: from the top
};

// One breakdown of the statistics: value -> count, in value order.
struct Breakdown {
  std::vector<std::pair<std::string, std::int64_t>> counts;
};
struct Statistics {
  std::int64_t total = 0;
  Breakdown by_channel, by_language, by_caller_type, by_outcome, by_region, by_kind;
};

class HotlineStore {
 public:
  virtual ~HotlineStore() = default;

  // The public side. Errc::conflict when the code is taken (the caller draws another).
  virtual Result<std::int64_t> create_web_contact(const Account& account, const std::string& code,
                                                  const std::string& passphrase_hash,
                                                  std::int64_t now) = 0;
  virtual Result<std::optional<FollowUpCredential>> find_by_code(const std::string& code) = 0;
  virtual Result<Contact> thread(std::int64_t contact_id) = 0;
  virtual Result<void> add_reporter_message(std::int64_t contact_id, const std::string& body,
                                            std::int64_t now) = 0;
  // Stores a photograph already stripped of its metadata (domain/hotline/attachment.hpp).
  virtual Result<AttachmentInfo> add_attachment(std::int64_t contact_id,
                                                const std::string& content_type,
                                                const std::string& bytes, std::int64_t now) = 0;
  // One attachment of the contact, its reading audited; Errc::not_found when there is none.
  virtual Result<StoredAttachment> open_attachment(std::int64_t contact_id,
                                                   std::int64_t attachment_id,
                                                   const nrm::CaseActor& actor,
                                                   std::int64_t now) = 0;

  // The operators' side; every change and every opening of a contact is audited.
  virtual Result<std::int64_t> log_contact(const LoggedContact& contact,
                                           const nrm::CaseActor& actor, std::int64_t now) = 0;
  virtual Result<std::vector<ContactSummary>> queue(const std::optional<std::string>& status,
                                                    QueuePosition after, int limit) = 0;
  // Errc::not_found when there is no such contact.
  virtual Result<Contact> open_contact(std::int64_t id, const nrm::CaseActor& actor,
                                       std::int64_t now) = 0;
  virtual Result<void> add_operator_message(std::int64_t id, const std::string& body,
                                            const nrm::CaseActor& actor, std::int64_t now) = 0;
  virtual Result<void> triage(std::int64_t id, const Triage& triage, const nrm::CaseActor& actor,
                              std::int64_t now) = 0;
  virtual Result<void> link(std::int64_t id, std::int64_t other, const nrm::CaseActor& actor,
                            std::int64_t now) = 0;
  // Records the NRM case a contact became; Errc::conflict when it already became one.
  virtual Result<void> record_referral(std::int64_t id, std::int64_t case_id,
                                       const nrm::CaseActor& actor, std::int64_t now) = 0;
  virtual Result<std::int64_t> forward_tip(std::int64_t id, std::int64_t police_organisation_id,
                                           const std::vector<std::string>& fields,
                                           const std::string& content, const nrm::CaseActor& actor,
                                           std::int64_t now) = 0;
  // The tips forwarded to the reader's organisation, newest first; the reading is audited.
  virtual Result<std::vector<Tip>> tips_for(const nrm::CaseActor& reader, std::int64_t now) = 0;
  // Contacts received in [from, to) (Unix seconds).
  virtual Result<Statistics> statistics(std::int64_t from, std::int64_t to) = 0;
};

}  // namespace lifeline::domain::hotline
