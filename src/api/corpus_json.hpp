// JSON and CSV renderings of the compendium, shared by the listing and search handlers.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/corpus/corpus_store.hpp"

namespace lifeline::api {

nlohmann::json document_json(const domain::corpus::DocumentSummary& summary);
// `keywords` lists the Compendium's and the inferred keywords together; the two lists are also
// given apart.
nlohmann::json provision_json(const domain::corpus::Provision& provision);
// As provision_json, plus `resources`, `links_out` and `links_in` (provision ids), and
// `references` / `referenced_by` with the quoted words and document-level references.
nlohmann::json provision_detail_json(const domain::corpus::ProvisionDetail& detail);
nlohmann::json resource_json(const domain::corpus::Resource& resource);
nlohmann::json resource_summary_json(const domain::corpus::ResourceSummary& summary);

std::vector<std::string> provision_csv_header();
std::vector<std::string> provision_csv_row(const domain::corpus::Provision& provision);
std::vector<std::string> resource_csv_header();
std::vector<std::string> resource_csv_row(const domain::corpus::ResourceSummary& summary);

}  // namespace lifeline::api
