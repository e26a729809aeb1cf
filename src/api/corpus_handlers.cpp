// GET /api/v1/corpus/...: the commitments compendium. Public documents, readable by anyone.
#include <algorithm>

#include "api/common.hpp"
#include "api/corpus_json.hpp"
#include "api/csv.hpp"
#include "api/services.hpp"
#include "domain/corpus/corpus_store.hpp"
#include "search/corpus_search.hpp"

namespace lifeline::api {
namespace {

using domain::corpus::ProvisionFilter;

// An export never runs unbounded: the whole compendium is far below this.
constexpr int kMaxExportRows = 20000;

bool wants_csv(const http::Request& request) {
  return request.query_param("format") == "csv";
}

Result<void> check_format(const http::Request& request) {
  auto format = request.query_param("format");
  if (format && *format != "csv" && *format != "json") {
    return fail(Errc::malformed, "format must be json or csv");
  }
  return {};
}

// A filter value: at most 100 characters of text.
Result<std::string> filter_value(const http::Request& request, std::string_view name) {
  auto value = request.query_param(name).value_or("");
  if (value.size() > 100) return fail(Errc::malformed, std::string(name) + " is too long");
  return value;
}

Result<ProvisionFilter> provision_filter(const http::Request& request) {
  ProvisionFilter filter;
  const std::pair<std::string_view, std::string*> fields[] = {
      {"document", &filter.document}, {"chapter", &filter.chapter}, {"pillar", &filter.pillar},
      {"level", &filter.level},       {"keyword", &filter.keyword}, {"actor", &filter.actor}};
  for (const auto& [name, target] : fields) {
    auto value = filter_value(request, name);
    if (!value) return tl::unexpected(value.error());
    *target = std::move(*value);
  }
  auto paging = list_parameters(request);
  if (!paging) return tl::unexpected(paging.error());
  filter.after = paging->after_id;
  filter.limit = paging->limit > 0 ? paging->limit : 50;
  return filter;
}

http::Response documents(Services& services, http::Context& context) {
  if (auto format = check_format(context.request); !format)
    return http::problem_from(format.error());
  auto documents = services.corpus.documents();
  if (!documents) return http::problem_from(documents.error());
  if (wants_csv(context.request)) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& d : *documents) {
      rows.push_back({d.document.id, d.document.kind, d.document.title, d.document.symbol,
                      d.document.issued_by, d.document.adopted, std::to_string(d.provision_count)});
    }
    return csv_response("documents.csv",
                        {"id", "kind", "title", "symbol", "issued_by", "adopted", "provisions"},
                        rows);
  }
  auto items = nlohmann::json::array();
  for (const auto& d : *documents) items.push_back(document_json(d));
  return http::json_response(200, {{"items", std::move(items)}});
}

http::Response provisions_csv(Services& services, ProvisionFilter filter) {
  std::vector<std::vector<std::string>> rows;
  filter.limit = 200;
  while (static_cast<int>(rows.size()) < kMaxExportRows) {
    auto page = services.corpus.provisions(filter);
    if (!page) return http::problem_from(page.error());
    for (const auto& listed : page->provisions) rows.push_back(provision_csv_row(listed.provision));
    if (!page->next) break;
    filter.after = *page->next;
  }
  return csv_response("provisions.csv", provision_csv_header(), rows);
}

http::Response provisions(Services& services, http::Context& context) {
  if (auto format = check_format(context.request); !format)
    return http::problem_from(format.error());
  auto filter = provision_filter(context.request);
  if (!filter) return http::problem_from(filter.error());
  if (wants_csv(context.request)) return provisions_csv(services, *filter);
  auto page = services.corpus.provisions(*filter);
  if (!page) return http::problem_from(page.error());
  auto items = nlohmann::json::array();
  for (const auto& listed : page->provisions) items.push_back(provision_json(listed.provision));
  nlohmann::json next = nullptr;
  if (page->next) next = std::to_string(*page->next);
  return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

http::Response provision(Services& services, http::Context& context) {
  // The id is the rest of the path, so that ids with "/" work whether or not it is encoded.
  auto id = std::string(context.params.get("*").value_or(""));
  if (id.empty() || id.size() > 100)
    return http::problem(404, "not-found", "Not found", "no such provision");
  auto detail = services.corpus.provision(id);
  if (!detail) return http::problem_from(detail.error());
  if (!detail->has_value()) {
    return http::problem(404, "not-found", "Not found", "the compendium has no provision " + id);
  }
  return http::json_response(200, provision_detail_json(**detail));
}

http::Response keywords(Services& services, http::Context& context) {
  if (auto format = check_format(context.request); !format)
    return http::problem_from(format.error());
  auto keywords = services.corpus.keywords();
  if (!keywords) return http::problem_from(keywords.error());
  if (wants_csv(context.request)) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : *keywords) {
      rows.push_back({k.name, std::to_string(k.provision_count), std::to_string(k.resource_count)});
    }
    return csv_response("keywords.csv", {"keyword", "provisions", "resources"}, rows);
  }
  auto items = nlohmann::json::array();
  for (const auto& k : *keywords) {
    items.push_back({{"name", k.name},
                     {"provision_count", k.provision_count},
                     {"resource_count", k.resource_count}});
  }
  return http::json_response(200, {{"items", std::move(items)}});
}

http::Response resources(Services& services, http::Context& context) {
  if (auto format = check_format(context.request); !format)
    return http::problem_from(format.error());
  auto keyword = filter_value(context.request, "keyword");
  if (!keyword) return http::problem_from(keyword.error());
  auto resources = services.corpus.resources(*keyword);
  if (!resources) return http::problem_from(resources.error());
  if (wants_csv(context.request)) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : *resources) rows.push_back(resource_csv_row(r));
    return csv_response("resources.csv", resource_csv_header(), rows);
  }
  auto items = nlohmann::json::array();
  for (const auto& r : *resources) items.push_back(resource_summary_json(r));
  return http::json_response(200, {{"items", std::move(items)}});
}

Result<std::size_t> size_parameter(const http::Request& request, std::string_view name,
                                   std::size_t fallback, std::size_t maximum) {
  auto text = request.query_param(name);
  if (!text || text->empty()) return fallback;
  std::size_t value = 0;
  for (char c : *text) {
    if (c < '0' || c > '9' || value > maximum) {
      return fail(Errc::malformed,
                  std::string(name) + " must be a whole number up to " + std::to_string(maximum));
    }
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  if (value > maximum) {
    return fail(Errc::malformed,
                std::string(name) + " must be a whole number up to " + std::to_string(maximum));
  }
  return value;
}

Result<search::SearchQuery> search_query(const http::Request& request) {
  search::SearchQuery query;
  query.text = request.query_param("q").value_or("");
  for (const char* facet : search::kCorpusFacets) {
    auto value = filter_value(request, facet);
    if (!value) return tl::unexpected(value.error());
    if (!value->empty()) query.filters[facet] = {*value};
    query.facets.emplace_back(facet);
  }
  auto offset = size_parameter(request, "offset", 0, search::SearchIndex::kMaxOffset);
  if (!offset) return tl::unexpected(offset.error());
  auto limit = size_parameter(request, "limit", 20, search::SearchIndex::kMaxLimit);
  if (!limit) return tl::unexpected(limit.error());
  query.offset = *offset;
  query.limit = *limit;
  return query;
}

nlohmann::json search_json(const search::SearchResult& result) {
  auto hits = nlohmann::json::array();
  for (const auto& hit : result.hits) {
    hits.push_back({{"id", hit.id},
                    {"kind", hit.kind},
                    {"title", hit.title},
                    {"score", hit.score},
                    {"snippet", hit.snippet}});
  }
  auto facets = nlohmann::json::object();
  for (const auto& [name, counts] : result.facets) {
    auto values = nlohmann::json::array();
    for (const auto& count : counts)
      values.push_back({{"value", count.value}, {"count", count.count}});
    facets[name] = std::move(values);
  }
  return {{"total", result.total},
          {"exact", result.exact},
          {"hits", std::move(hits)},
          {"facets", std::move(facets)},
          {"did_you_mean", result.did_you_mean}};
}

// A query the index refuses (too long, nothing to search for) came in the URL: that is a
// malformed request (400), not a rule broken by a submitted record (422).
Error as_bad_query(Error error) {
  if (error.code == Errc::invalid_argument) error.code = Errc::malformed;
  return error;
}

http::Response search_csv(Services& services, search::SearchQuery query) {
  std::vector<std::vector<std::string>> rows;
  query.limit = search::SearchIndex::kMaxLimit;
  query.facets.clear();
  for (query.offset = 0; query.offset < search::SearchIndex::kMaxOffset;
       query.offset += query.limit) {
    auto result = services.corpus_search.search(query);
    if (!result) return http::problem_from(as_bad_query(result.error()));
    for (const auto& hit : result->hits) {
      rows.push_back({hit.id, hit.kind, hit.title, std::to_string(hit.score)});
    }
    if (result->hits.size() < query.limit) break;
  }
  return csv_response("search.csv", {"id", "kind", "title", "score"}, rows);
}

http::Response search(Services& services, http::Context& context) {
  if (auto format = check_format(context.request); !format)
    return http::problem_from(format.error());
  auto query = search_query(context.request);
  if (!query) return http::problem_from(query.error());
  if (wants_csv(context.request)) return search_csv(services, *query);
  auto result = services.corpus_search.search(*query);
  if (!result) return http::problem_from(as_bad_query(result.error()));
  return http::json_response(200, search_json(*result));
}

}  // namespace

void add_corpus_routes(http::Router& router, Services& services) {
  const auto anyone = http::AccessRule::anyone();
  router.add({http::Method::get, "/api/v1/corpus/documents", anyone,
              [&](http::Context& c) { return documents(services, c); },
              "List the compendium's documents"});
  router.add({http::Method::get, "/api/v1/corpus/provisions", anyone,
              [&](http::Context& c) { return provisions(services, c); },
              "List provisions, filtered, in document order"});
  router.add({http::Method::get, "/api/v1/corpus/provisions/*", anyone,
              [&](http::Context& c) { return provision(services, c); },
              "One provision with its keywords, literature and links"});
  router.add({http::Method::get, "/api/v1/corpus/keywords", anyone,
              [&](http::Context& c) { return keywords(services, c); }, "List keywords"});
  router.add({http::Method::get, "/api/v1/corpus/resources", anyone,
              [&](http::Context& c) { return resources(services, c); },
              "List literature, optionally under one keyword"});
  router.add({http::Method::get, "/api/v1/corpus/search", anyone,
              [&](http::Context& c) { return search(services, c); },
              "Search provisions and literature"});
}

}  // namespace lifeline::api
