// The service provider's side of the assistance plan: the services referred to its
// organisation, the fields of the case shared with it for each (only while the service is open,
// identity fields audited), its answer and its record of delivery.
#include <algorithm>

#include "api/case_json.hpp"
#include "api/common.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

using domain::nrm::CaseActor;
using domain::nrm::ProvidedService;
using domain::nrm::ServiceRecord;
using domain::nrm::StoredCase;
using nlohmann::json;

json service_json(const ProvidedService& service) {
  const auto& record = service.record;
  return {{"service_id", record.id},
          {"case_id", service.case_id},
          {"type", record.type},
          {"status", domain::nrm::to_string(record.status)},
          {"shared_fields", record.shared_fields}};
}

http::Response list_services(Services& services, http::Context& context) {
  auto paging = list_parameters(context.request);
  if (!paging) return http::problem_from(paging.error());
  const int limit = paging->limit > 0 ? paging->limit : 50;
  auto found = services.cases.provider_services(context.principal->organisation_id,
                                                paging->after_id, limit + 1);
  if (!found) return http::problem_from(found.error());
  return http::json_response(
      200, fetched_page_json(
               *found, limit, [](const ProvidedService& s) { return s.record.id; }, service_json));
}

// The provider's own service, or a 404 that does not tell whether it exists.
Result<ProvidedService> own_service(Services& services, const http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return tl::unexpected(id.error());
  auto found = services.cases.find_service(*id);
  if (!found) return tl::unexpected(found.error());
  if (!*found || (*found)->record.provider_organisation_id != context.principal->organisation_id) {
    return fail(Errc::not_found, "no such service");
  }
  return std::move(**found);
}

// The value of one shareable field of the case.
json shared_value(std::string_view field, const StoredCase& stored,
                  const domain::nrm::Identity& identity) {
  const auto& r = stored.referral;
  if (field == "given_name") return identity.given_name;
  if (field == "family_name") return identity.family_name;
  if (field == "date_of_birth") return identity.date_of_birth;
  if (field == "sex") return r.sex;
  if (field == "age_band") return r.age_band;
  if (field == "citizenship") return r.citizenship;
  if (field == "language") return r.consent.language;
  if (field == "is_child") return stored.state.is_child();
  if (field == "needs") return r.needs;
  if (field == "exploitation_types") return r.exploitation_types;
  if (field == "reflection_end" && stored.state.reflection) {
    return domain::nrm::format_iso_date(stored.state.reflection->end());
  }
  return nullptr;
}

bool shares_identity(const domain::nrm::ServiceRecord& record) {
  return std::ranges::any_of(record.shared_fields, [](const std::string& id) {
    const auto* field = domain::nrm::find_shareable_field(id);
    return field != nullptr && field->identity;
  });
}

// Exactly the shared fields, and only while the service is open. Opening identity fields goes
// through the audited path, as for the competent authority.
http::Response get_service(Services& services, http::Context& context) {
  auto service = own_service(services, context);
  if (!service) return http::problem_from(service.error());
  auto body = service_json(*service);
  if (!domain::nrm::is_open(service->record.status)) {
    body["shared"] = nullptr;
    return http::json_response(200, body);
  }
  auto stored = services.cases.find_case(service->case_id);
  if (!stored) return http::problem_from(stored.error());
  if (!*stored)
    return http::problem_from(Error{Errc::internal, "a service without its case", {}, {}});
  domain::nrm::Identity identity;
  if (shares_identity(service->record)) {
    auto actor = case_actor(services, context);
    if (!actor) return http::problem_from(actor.error());
    auto opened = services.cases.reveal_identity(service->case_id, *actor, services.clock.now());
    if (!opened) return http::problem_from(opened.error());
    if (*opened) identity = **opened;
  }
  json shared = json::object();
  for (const auto& field : service->record.shared_fields) {
    shared[field] = shared_value(field, **stored, identity);
  }
  body["shared"] = std::move(shared);
  return http::json_response(200, body);
}

// A change the provider makes to its own service, through the case's change path (timeline,
// audit trail, refusals recorded).
template <class Read>
http::Response provider_change(Services& services, http::Context& context, std::string_view action,
                               std::string_view event_kind, Read read) {
  auto service = own_service(services, context);
  if (!service) return http::problem_from(service.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  ServiceTransition transition = read(fields, service->record);
  const auto note = fields.text("note", false, domain::nrm::kMaxReasonsBytes).value_or("");
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  const auto service_id = service->record.id;
  auto changed = services.cases.change_case(
      service->case_id, std::nullopt, *actor, services.clock.now(), action,
      [&](const StoredCase& stored) {
        return service_status_change(stored, service_id, actor->organisation_id, note, event_kind,
                                     transition);
      });
  if (!changed) return http::problem_from(changed.error());
  const auto& records = changed->services;
  const auto it = std::ranges::find(records, service_id, &domain::nrm::ServiceRecord::id);
  return http::json_response(200, service_json({changed->id, *it}));
}

// Accepting a shelter service takes one of the shelter's places; the store refuses it when
// every place is taken (409 shelter-full), audited like any other refusal.
http::Response answer(Services& services, http::Context& context) {
  return provider_change(services, context, "service.answer", "service_answer",
                         [](http::JsonFields& fields, const ServiceRecord&) -> ServiceTransition {
                           const bool accept = fields.boolean("accept", true).value_or(false);
                           return [accept](const ServiceRecord& record) {
                             return domain::nrm::answer_service(record, accept);
                           };
                         });
}

http::Response delivery(Services& services, http::Context& context) {
  return provider_change(services, context, "service.deliver", "service_delivery",
                         [](http::JsonFields&, const ServiceRecord&) -> ServiceTransition {
                           return domain::nrm::record_delivery;
                         });
}

json shelter_json(const domain::nrm::ShelterPlaces& shelter) {
  return {{"organisation_id", shelter.organisation_id},
          {"name", shelter.name},
          {"places", shelter.places},
          {"occupied", shelter.occupied},
          {"free", std::max<std::int64_t>(shelter.places - shelter.occupied, 0)}};
}

http::Response list_shelters(Services& services, http::Context&) {
  auto shelters = services.cases.shelters();
  if (!shelters) return http::problem_from(shelters.error());
  auto items = json::array();
  for (const auto& shelter : *shelters) items.push_back(shelter_json(shelter));
  return http::json_response(200, {{"items", std::move(items)}});
}

// A provider declares the places of its own organisation.
http::Response set_places(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  const auto places = fields.integer("places", true).value_or(0);
  if (places < 0 || places > 100000) fields.add_error("places", "must be from 0 to 100000");
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto actor = case_actor(services, context);
  if (!actor) return http::problem_from(actor.error());
  const auto organisation_id = actor->organisation_id;
  if (auto set =
          services.cases.set_shelter_places(organisation_id, places, *actor, services.clock.now());
      !set) {
    return http::problem_from(set.error());
  }
  auto shelter = services.cases.shelter(organisation_id);
  if (!shelter) return http::problem_from(shelter.error());
  return http::json_response(200, shelter_json(*shelter));
}

}  // namespace

void add_service_routes(http::Router& router, Services& services) {
  const auto provider =
      http::AccessRule::roles_any({std::string(domain::nrm::nrm_role::service_provider)});
  router.add({http::Method::get, "/api/v1/services", provider,
              [&](http::Context& c) { return list_services(services, c); },
              "The services referred to my organisation"});
  router.add({http::Method::get, "/api/v1/services/{id}", provider,
              [&](http::Context& c) { return get_service(services, c); },
              "A service and the case fields shared for it, while it is open"});
  router.add({http::Method::post, "/api/v1/services/{id}/answer", provider,
              [&](http::Context& c) { return answer(services, c); },
              "Accept or decline a service referred to my organisation"});
  router.add({http::Method::get, "/api/v1/shelters",
              http::AccessRule::roles_any({std::string(domain::nrm::nrm_role::case_worker),
                                           std::string(domain::nrm::nrm_role::decision_maker),
                                           std::string(domain::nrm::nrm_role::service_provider)}),
              [&](http::Context& c) { return list_shelters(services, c); },
              "Shelters with their places, taken and free"});
  router.add({http::Method::put, "/api/v1/me/shelter", provider,
              [&](http::Context& c) { return set_places(services, c); },
              "Declare the places of my organisation's shelter"});
  router.add({http::Method::post, "/api/v1/services/{id}/delivery", provider,
              [&](http::Context& c) { return delivery(services, c); },
              "Record that an accepted service was delivered"});
}

}  // namespace lifeline::api
