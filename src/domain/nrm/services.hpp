// The assistance plan of a case: services referred to provider organisations, which accept or
// decline them and record their delivery (Action Plan V.4-V.7), and the data minimisation that
// goes with them: a provider sees only the fields shared with it for its service, and only
// while the service is open.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/nrm/case_rules.hpp"

namespace lifeline::domain::nrm {

// A field of a case that may be shared with a provider. Identity fields are sealed and their
// every showing is audited.
struct ShareableField {
  std::string_view id;
  bool identity = false;
};
std::span<const ShareableField> shareable_fields();
const ShareableField* find_shareable_field(std::string_view id);

// The fields a service of `type` needs, which an adult's consent to be referred covers.
std::vector<std::string_view> necessary_fields(std::string_view service_type);

enum class ServiceStatus { referred, accepted, declined, delivered, withdrawn };
std::string_view to_string(ServiceStatus status);
Result<ServiceStatus> parse_service_status(std::string_view id);
// A provider sees the shared fields while the service is referred or accepted.
bool is_open(ServiceStatus status);

struct ServiceRecord {
  std::int64_t id = 0;  // 0 until stored
  std::string type;     // service_types()
  std::int64_t provider_organisation_id = 0;
  std::vector<std::string> shared_fields;
  bool lawful_ground_recorded = false;  // the ground itself is free text, kept sealed apart
  ServiceStatus status = ServiceStatus::referred;
  Date referred_on{};
  bool operator==(const ServiceRecord&) const = default;
};

namespace deadline {
inline constexpr std::string_view service_answer = "service-answer";
}

// A provider answers a service referral within `policy.service_answer_working_days`; one
// deadline per service still waiting for its answer.
std::vector<Deadline> service_deadlines(const std::vector<ServiceRecord>& services,
                                        const CasePolicy& policy, Date today);

// What the competent authority asks for when referring a service.
struct ServiceReferral {
  std::string type;
  std::int64_t provider_organisation_id = 0;
  std::string provider_organisation_type;  // "" when no such organisation
  std::vector<std::string> shared_fields;
  std::string lawful_ground;  // required when the sharing goes beyond what consent covers
};

// What the case says about consent and identity.
struct SharingBasis {
  bool adult_consent = false;   // an adult referred with informed consent
  bool has_identity = false;    // false for an anonymous notification
  bool decision_maker = false;  // the referring user may record a lawful ground
};

// Whether sharing `fields` for `type` is covered by the adult's consent: every field is one the
// service needs.
bool covered_by_consent(const SharingBasis& basis, std::string_view type,
                        const std::vector<std::string>& fields);

// Checks a service referral: a known service type; a provider organisation that exists and is not
// the competent authority; known, distinct fields; identity fields only when identity was
// recorded; and sharing beyond consent only with a lawful ground recorded by a decision maker
// (403 "sharing-needs-lawful-ground" otherwise). Field errors are reported together.
Result<ServiceRecord> check_service_referral(const ServiceReferral& referral,
                                             const SharingBasis& basis, Date today);

// The provider's answer: accept or decline a service referred to it.
Result<ServiceRecord> answer_service(const ServiceRecord& service, bool accept);
// The provider records that it delivered an accepted service.
Result<ServiceRecord> record_delivery(const ServiceRecord& service);
// The competent authority withdraws a service that is still open; sharing ends with it.
Result<ServiceRecord> withdraw_service(const ServiceRecord& service);

}  // namespace lifeline::domain::nrm
