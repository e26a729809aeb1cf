#include "api/corpus_json.hpp"

#include <set>

#include "api/csv.hpp"

namespace lifeline::api {
namespace {

using domain::corpus::Provision;

std::vector<std::string> all_keywords(const Provision& provision) {
  std::set<std::string> names(provision.keywords.begin(), provision.keywords.end());
  names.insert(provision.inferred_keywords.begin(), provision.inferred_keywords.end());
  return {names.begin(), names.end()};
}

std::string text_with_items(const Provision& provision) {
  std::string text = provision.text;
  for (const auto& item : provision.items) text += "\n- " + item;
  return text;
}

}  // namespace

nlohmann::json document_json(const domain::corpus::DocumentSummary& summary) {
  const auto& d = summary.document;
  auto statements = nlohmann::json::array();
  for (const auto& s : d.statements)
    statements.push_back({{"made_by", s.made_by}, {"text", s.text}});
  return {{"id", d.id},
          {"kind", d.kind},
          {"title", d.title},
          {"symbol", d.symbol},
          {"issued_by", d.issued_by},
          {"adopted", d.adopted},
          {"preamble", d.preamble},
          {"statements", std::move(statements)},
          {"origin", summary.origin},
          {"provision_count", summary.provision_count}};
}

nlohmann::json provision_json(const Provision& p) {
  return {{"id", p.id},
          {"document", p.document},
          {"chapter", p.chapter},
          {"heading_path", p.heading_path},
          {"number", p.number},
          {"text", p.text},
          {"items", p.items},
          {"pillar", p.pillar},
          {"level", p.level},
          {"actors", p.actors},
          {"keywords", all_keywords(p)},
          {"compendium_keywords", p.keywords},
          {"inferred_keywords", p.inferred_keywords}};
}

nlohmann::json resource_json(const domain::corpus::Resource& r) {
  return {{"id", r.id},   {"publisher", r.publisher}, {"title", r.title}, {"year", r.year},
          {"url", r.url}, {"languages", r.languages}};
}

nlohmann::json resource_summary_json(const domain::corpus::ResourceSummary& summary) {
  auto json = resource_json(summary.resource);
  json["keywords"] = summary.keywords;
  json["provisions"] = summary.provisions;
  return json;
}

nlohmann::json provision_detail_json(const domain::corpus::ProvisionDetail& detail) {
  auto json = provision_json(detail.provision);
  auto resources = nlohmann::json::array();
  for (const auto& cited : detail.resources) {
    auto entry = resource_json(cited.resource);
    entry["keyword"] = cited.keyword;
    entry["pages"] = cited.pages;
    resources.push_back(std::move(entry));
  }
  std::set<std::string> out;
  std::set<std::string> in;
  auto references = nlohmann::json::array();
  auto referenced_by = nlohmann::json::array();
  for (const auto& link : detail.links_out) {
    if (!link.to_provision.empty()) out.insert(link.to_provision);
    references.push_back(
        {{"provision",
          link.to_provision.empty() ? nlohmann::json(nullptr) : nlohmann::json(link.to_provision)},
         {"document", link.to_document},
         {"quote", link.quote}});
  }
  for (const auto& link : detail.links_in) {
    in.insert(link.from);
    referenced_by.push_back({{"provision", link.from}, {"quote", link.quote}});
  }
  json["resources"] = std::move(resources);
  json["links_out"] = std::vector<std::string>(out.begin(), out.end());
  json["links_in"] = std::vector<std::string>(in.begin(), in.end());
  json["references"] = std::move(references);
  json["referenced_by"] = std::move(referenced_by);
  return json;
}

std::vector<std::string> provision_csv_header() {
  return {"id",     "document", "chapter",  "number", "heading",
          "pillar", "level",    "keywords", "actors", "text"};
}

std::vector<std::string> provision_csv_row(const Provision& p) {
  return {p.id,
          p.document,
          p.chapter,
          p.number,
          p.heading_path.empty() ? std::string() : p.heading_path.back(),
          p.pillar,
          p.level,
          csv_list(all_keywords(p)),
          csv_list(p.actors),
          text_with_items(p)};
}

std::vector<std::string> resource_csv_header() {
  return {"id", "publisher", "title", "year", "url", "languages", "keywords", "provisions"};
}

std::vector<std::string> resource_csv_row(const domain::corpus::ResourceSummary& s) {
  const auto& r = s.resource;
  return {r.id,
          r.publisher,
          r.title,
          r.year,
          r.url,
          csv_list(r.languages),
          csv_list(s.keywords),
          csv_list(s.provisions)};
}

}  // namespace lifeline::api
