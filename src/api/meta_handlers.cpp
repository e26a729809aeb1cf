// GET /api/v1/meta/vocabularies: the identifiers forms offer.
#include <algorithm>

#include "api/common.hpp"
#include "api/services.hpp"
#include "domain/accounts/vocabulary.hpp"
#include "domain/nrm/services.hpp"
#include "domain/nrm/vocabulary.hpp"

namespace lifeline::api {
namespace {

nlohmann::json list_json(std::span<const std::string_view> ids) {
  auto list = nlohmann::json::array();
  for (auto id : ids) list.push_back(std::string(id));
  return list;
}

// Each term with its English label; the UI translates by id and falls back to the label.
nlohmann::json terms_json(domain::nrm::Vocabulary vocabulary) {
  auto list = nlohmann::json::array();
  for (const auto& term : vocabulary) {
    list.push_back({{"id", std::string(term.id)}, {"label", std::string(term.label)}});
  }
  return list;
}

// Each field a service may share, whether it is an identity field, and the services that need
// it (so that consent covers sharing it with them).
nlohmann::json shareable_fields_json() {
  namespace nrm = domain::nrm;
  auto list = nlohmann::json::array();
  for (const auto& field : nrm::shareable_fields()) {
    auto needed_by = nlohmann::json::array();
    for (const auto& type : nrm::service_types()) {
      const auto necessary = nrm::necessary_fields(type.id);
      if (std::ranges::find(necessary, field.id) != necessary.end()) {
        needed_by.push_back(std::string(type.id));
      }
    }
    list.push_back({{"id", std::string(field.id)},
                    {"identity", field.identity},
                    {"needed_by", std::move(needed_by)}});
  }
  return list;
}

// The deployment's indicators with their labels by language ("en" and its translations), which
// the UI prefers to its own: a deployment may word an indicator its own way.
nlohmann::json checklist_json(const domain::nrm::Checklist& checklist) {
  auto list = nlohmann::json::array();
  for (const auto& item : checklist.items()) {
    nlohmann::json labels(item.translations);
    labels["en"] = item.label;
    list.push_back({{"id", item.id}, {"label", item.label}, {"labels", std::move(labels)}});
  }
  return list;
}

nlohmann::json nrm_vocabularies_json(const domain::nrm::Checklist& indicators) {
  namespace nrm = domain::nrm;
  return {{"exploitation_types", terms_json(nrm::exploitation_types())},
          {"means_of_control", terms_json(nrm::means_of_control())},
          {"indicators", checklist_json(indicators)},
          {"immediate_needs", terms_json(nrm::immediate_needs())},
          {"genders", terms_json(nrm::genders())},
          {"age_bands", terms_json(nrm::age_bands())},
          {"decision_kinds", terms_json(nrm::decision_kinds())},
          {"decision_outcomes", terms_json(nrm::decision_outcomes())},
          {"review_requesters", terms_json(nrm::review_requesters())},
          {"closure_reasons", terms_json(nrm::closure_reasons())},
          {"service_types", terms_json(nrm::service_types())},
          {"shareable_fields", shareable_fields_json()},
          {"legal_step_kinds", terms_json(nrm::legal_step_kinds())},
          {"legal_step_outcomes", terms_json(nrm::legal_step_outcomes())},
          {"return_risks", terms_json(nrm::return_risks())},
          {"child_situations", terms_json(nrm::child_situations())},
          {"trafficking_statuses", terms_json(nrm::trafficking_statuses())},
          {"case_statuses", terms_json(nrm::case_statuses())}};
}

}  // namespace

void add_meta_routes(http::Router& router, Services& services) {
  router.add({http::Method::get, "/api/v1/meta/vocabularies", http::AccessRule::signed_in(),
              [&services](http::Context&) {
                return http::json_response(
                    200, {{"organisation_types", list_json(domain::organisation_types())},
                          {"roles", list_json(domain::roles())},
                          {"nrm", nrm_vocabularies_json(services.indicators)}});
              },
              "Organisation types, roles and the NRM vocabularies"});
}

}  // namespace lifeline::api
