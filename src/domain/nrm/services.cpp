#include "domain/nrm/services.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "domain/nrm/case_store.hpp"
#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::nrm {
namespace {

constexpr std::array kShareableFields = {
    ShareableField{"given_name", true},      ShareableField{"family_name", true},
    ShareableField{"date_of_birth", true},   ShareableField{"sex", false},
    ShareableField{"age_band", false},       ShareableField{"citizenship", false},
    ShareableField{"language", false},       ShareableField{"is_child", false},
    ShareableField{"needs", false},          ShareableField{"exploitation_types", false},
    ShareableField{"reflection_end", false},
};

// The minimum each service needs to be delivered. A shelter must know whom it houses and until
// when; an interpreter needs the language; the rest works with the person's profile and needs.
struct NecessaryFields {
  std::string_view service_type;
  std::array<std::string_view, 6> fields;
};

constexpr std::array kNecessary = {
    NecessaryFields{"shelter",
                    {"given_name", "family_name", "sex", "age_band", "needs", "reflection_end"}},
    NecessaryFields{"medical", {"given_name", "family_name", "date_of_birth", "sex", "needs"}},
    NecessaryFields{"psychological", {"given_name", "sex", "age_band", "language", "needs"}},
    NecessaryFields{"legal_counselling",
                    {"given_name", "family_name", "citizenship", "language", "exploitation_types",
                     "reflection_end"}},
    NecessaryFields{"interpretation", {"language"}},
    NecessaryFields{"education_training", {"given_name", "family_name", "age_band", "language"}},
    NecessaryFields{"employment", {"given_name", "family_name", "age_band", "citizenship"}},
    NecessaryFields{"financial_support",
                    {"given_name", "family_name", "date_of_birth", "reflection_end"}},
    NecessaryFields{"family_tracing",
                    {"given_name", "family_name", "date_of_birth", "citizenship"}},
    NecessaryFields{"safety_measures", {"given_name", "family_name", "needs"}},
};

tl::unexpected<Error> wrong_state(std::string message) {
  return fail(Errc::conflict, std::move(message), "service-state");
}

void check_fields(const ServiceReferral& referral, const SharingBasis& basis,
                  std::vector<FieldError>& errors) {
  std::set<std::string_view> seen;
  for (const auto& id : referral.shared_fields) {
    const auto* field = find_shareable_field(id);
    if (field == nullptr) {
      errors.push_back({"shared_fields", "names a field that cannot be shared"});
    } else if (!seen.insert(field->id).second) {
      errors.push_back({"shared_fields", "names a field twice"});
    } else if (field->identity && !basis.has_identity) {
      errors.push_back({"shared_fields", "names an identity field of an anonymous notification"});
    }
  }
}

}  // namespace

std::span<const ShareableField> shareable_fields() {
  return kShareableFields;
}

const ShareableField* find_shareable_field(std::string_view id) {
  const auto it = std::ranges::find(kShareableFields, id, &ShareableField::id);
  return it == kShareableFields.end() ? nullptr : &*it;
}

std::vector<std::string_view> necessary_fields(std::string_view service_type) {
  const auto it = std::ranges::find(kNecessary, service_type, &NecessaryFields::service_type);
  if (it == kNecessary.end()) return {};
  std::vector<std::string_view> fields;
  for (auto field : it->fields) {
    if (!field.empty()) fields.push_back(field);
  }
  return fields;
}

std::string_view to_string(ServiceStatus status) {
  switch (status) {
    case ServiceStatus::referred:
      return "referred";
    case ServiceStatus::accepted:
      return "accepted";
    case ServiceStatus::declined:
      return "declined";
    case ServiceStatus::delivered:
      return "delivered";
    case ServiceStatus::withdrawn:
      break;
  }
  return "withdrawn";
}

Result<ServiceStatus> parse_service_status(std::string_view id) {
  for (auto status : {ServiceStatus::referred, ServiceStatus::accepted, ServiceStatus::declined,
                      ServiceStatus::delivered, ServiceStatus::withdrawn}) {
    if (to_string(status) == id) return status;
  }
  return fail(Errc::invalid_argument, "unknown service status");
}

bool is_open(ServiceStatus status) {
  return status == ServiceStatus::referred || status == ServiceStatus::accepted;
}

bool covered_by_consent(const SharingBasis& basis, std::string_view type,
                        const std::vector<std::string>& fields) {
  if (!basis.adult_consent) return false;
  const auto necessary = necessary_fields(type);
  return std::ranges::all_of(fields, [&](const std::string& field) {
    return std::ranges::find(necessary, field) != necessary.end();
  });
}

Result<ServiceRecord> check_service_referral(const ServiceReferral& referral,
                                             const SharingBasis& basis, Date today) {
  std::vector<FieldError> errors;
  if (!is_service_type(referral.type)) errors.push_back({"type", "is not a known service"});
  if (referral.provider_organisation_type.empty()) {
    errors.push_back({"provider_org", "is not an organisation"});
  } else if (referral.provider_organisation_type == kCompetentAuthority) {
    errors.push_back({"provider_org", "is the competent authority, not a service provider"});
  }
  check_fields(referral, basis, errors);
  if (!errors.empty()) return fail_fields("the service referral breaks these rules", errors);
  const bool has_ground = referral.lawful_ground.find_first_not_of(" \t\r\n") != std::string::npos;
  if (!covered_by_consent(basis, referral.type, referral.shared_fields)) {
    if (!has_ground || !basis.decision_maker) {
      return fail(Errc::forbidden,
                  "sharing these fields goes beyond what consent covers: a decision maker must "
                  "record a lawful ground",
                  "sharing-needs-lawful-ground");
    }
  }
  return ServiceRecord{0,
                       referral.type,
                       referral.provider_organisation_id,
                       referral.shared_fields,
                       has_ground,
                       ServiceStatus::referred,
                       today};
}

std::vector<Deadline> service_deadlines(const std::vector<ServiceRecord>& services,
                                        const CasePolicy& policy, Date today) {
  std::vector<Deadline> list;
  for (const auto& service : services) {
    if (service.status != ServiceStatus::referred) continue;
    const Date due =
        add_working_days(service.referred_on, policy.service_answer_working_days, policy.calendar);
    list.push_back({deadline::service_answer, due, deadline_status(due, today, false, policy)});
  }
  return list;
}

Result<ServiceRecord> answer_service(const ServiceRecord& service, bool accept) {
  if (service.status != ServiceStatus::referred) {
    return wrong_state("the service was already answered or withdrawn");
  }
  ServiceRecord next = service;
  next.status = accept ? ServiceStatus::accepted : ServiceStatus::declined;
  return next;
}

Result<ServiceRecord> record_delivery(const ServiceRecord& service) {
  if (service.status != ServiceStatus::accepted) {
    return wrong_state("only an accepted service can be delivered");
  }
  ServiceRecord next = service;
  next.status = ServiceStatus::delivered;
  return next;
}

Result<ServiceRecord> withdraw_service(const ServiceRecord& service) {
  if (!is_open(service.status)) return wrong_state("the service is no longer open");
  ServiceRecord next = service;
  next.status = ServiceStatus::withdrawn;
  return next;
}

}  // namespace lifeline::domain::nrm
