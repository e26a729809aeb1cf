// One entry of the audit trail: who did what to which record, and how it ended.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lifeline::audit {

struct AuditEntry {
  std::optional<std::int64_t> actor_id;      // user; empty for the system or an anonymous caller
  std::optional<std::int64_t> actor_org_id;  // the actor's organisation
  std::string action;                        // e.g. "user.create", "person.identity.read"
  std::string object_type;                   // e.g. "user"
  std::string object_id;                     // an id, never a name or other personal data
  std::string outcome = "success";           // "success" or "denied" or "failure"
};

}  // namespace lifeline::audit
