#include "storage/repositories/corpus_repository.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "storage/repositories/repository_support.hpp"

namespace lifeline::storage {
namespace {

using domain::corpus::Citation;
using domain::corpus::CitedResource;
using domain::corpus::Corpus;
using domain::corpus::Document;
using domain::corpus::DocumentSummary;
using domain::corpus::InterpretativeStatement;
using domain::corpus::KeywordSummary;
using domain::corpus::Link;
using domain::corpus::ListedProvision;
using domain::corpus::Provision;
using domain::corpus::ProvisionDetail;
using domain::corpus::ProvisionFilter;
using domain::corpus::ProvisionPage;
using domain::corpus::Resource;
using domain::corpus::ResourceSummary;

// Provisions are numbered in document order with room for this many per document.
constexpr std::int64_t kPositionsPerDocument = 100000;

// Every statement the compendium runs, in one place.
namespace sql {
constexpr std::string_view list_documents =
    "SELECT d.id, d.kind, d.title, d.symbol, d.issued_by, d.adopted, d.preamble, d.statements, "
    "d.sequence, d.origin, (SELECT count(*) FROM corpus_provisions p WHERE p.document_id = d.id) "
    "FROM corpus_documents d ORDER BY d.sequence";
constexpr std::string_view provision_columns =
    "SELECT p.id, p.document_id, p.chapter, p.heading_path, p.number, p.text, p.items, p.pillar, "
    "p.level, p.position FROM corpus_provisions p ";
constexpr std::string_view filtered_provisions =
    "WHERE ($1 = '' OR p.document_id = $1) AND ($2 = '' OR p.chapter = $2) "
    "AND ($3 = '' OR p.pillar = $3) AND ($4 = '' OR p.level = $4) "
    "AND ($5 = '' OR EXISTS (SELECT 1 FROM corpus_provision_keywords k "
    "WHERE k.provision_id = p.id AND k.keyword = $5)) "
    "AND ($6 = '' OR EXISTS (SELECT 1 FROM corpus_provision_actors a "
    "WHERE a.provision_id = p.id AND a.actor = $6)) "
    "AND p.position > $7 ORDER BY p.position LIMIT $8";
constexpr std::string_view one_provision = "WHERE p.id = $1";
constexpr std::string_view all_provisions = "ORDER BY p.position";
constexpr std::string_view keywords_between =
    "SELECT p.position, k.keyword, k.source FROM corpus_provision_keywords k "
    "JOIN corpus_provisions p ON p.id = k.provision_id "
    "WHERE p.position >= $1 AND p.position <= $2 ORDER BY k.keyword";
constexpr std::string_view actors_between =
    "SELECT p.position, a.actor FROM corpus_provision_actors a "
    "JOIN corpus_provisions p ON p.id = a.provision_id "
    "WHERE p.position >= $1 AND p.position <= $2 ORDER BY a.actor";
constexpr std::string_view citations_of_provision =
    "SELECT r.id, r.publisher, r.title, r.year, r.url, r.languages, c.keyword, c.pages "
    "FROM corpus_citations c JOIN corpus_resources r ON r.id = c.resource_id "
    "WHERE c.provision_id = $1 ORDER BY c.keyword, r.year DESC, r.title";
constexpr std::string_view links_from =
    "SELECT from_provision, to_provision, to_document, quote FROM corpus_links "
    "WHERE from_provision = $1 ORDER BY to_document, to_provision";
constexpr std::string_view links_to =
    "SELECT from_provision, to_provision, to_document, quote FROM corpus_links "
    "WHERE to_provision = $1 ORDER BY from_provision";
constexpr std::string_view all_links =
    "SELECT from_provision, to_provision, to_document, quote FROM corpus_links "
    "ORDER BY from_provision, to_document, to_provision";
constexpr std::string_view list_keywords =
    "SELECT k.name, "
    "(SELECT count(*) FROM corpus_provision_keywords pk WHERE pk.keyword = k.name), "
    "(SELECT count(DISTINCT c.resource_id) FROM corpus_citations c WHERE c.keyword = k.name) "
    "FROM corpus_keywords k ORDER BY k.name";
constexpr std::string_view list_resources =
    "SELECT r.id, r.publisher, r.title, r.year, r.url, r.languages FROM corpus_resources r "
    "WHERE $1 = '' OR EXISTS (SELECT 1 FROM corpus_citations c "
    "WHERE c.resource_id = r.id AND c.keyword = $1) ORDER BY r.year DESC, r.title, r.id";
constexpr std::string_view all_citations =
    "SELECT resource_id, keyword, provision_id, pages FROM corpus_citations "
    "ORDER BY resource_id, keyword, provision_id";
constexpr std::string_view revision = "SELECT revision, shipped_version FROM corpus_state";
constexpr std::string_view bump_revision =
    "UPDATE corpus_state SET revision = revision + 1, shipped_version = "
    "CASE WHEN $1 = '' THEN shipped_version ELSE $1 END";
constexpr std::string_view last_sequence =
    "SELECT coalesce(max(sequence), 0) FROM corpus_documents";
constexpr std::string_view document_exists = "SELECT 1 FROM corpus_documents WHERE id = $1";
constexpr std::string_view insert_document =
    "INSERT INTO corpus_documents (id, kind, title, symbol, issued_by, adopted, preamble, "
    "statements, sequence, origin, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
    "$11)";
constexpr std::string_view insert_provision =
    "INSERT INTO corpus_provisions (id, document_id, position, chapter, heading_path, number, "
    "text, items, pillar, level) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view insert_actor =
    "INSERT INTO corpus_provision_actors (provision_id, actor) VALUES ($1, $2) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view insert_keyword =
    "INSERT INTO corpus_keywords (name) VALUES ($1) ON CONFLICT DO NOTHING";
constexpr std::string_view insert_provision_keyword =
    "INSERT INTO corpus_provision_keywords (provision_id, keyword, source) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING";
constexpr std::string_view insert_link =
    "INSERT INTO corpus_links (from_provision, to_provision, to_document, quote) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
constexpr std::string_view insert_resource =
    "INSERT INTO corpus_resources (id, publisher, title, year, url, languages) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view insert_citation =
    "INSERT INTO corpus_citations (resource_id, keyword, provision_id, pages) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
// Removing the shipped part, children first. Links from imported provisions stay.
constexpr std::array<std::string_view, 10> delete_shipped = {
    "DELETE FROM corpus_citations",
    "DELETE FROM corpus_resources",
    "DELETE FROM corpus_links WHERE from_provision IN (SELECT p.id FROM corpus_provisions p "
    "JOIN corpus_documents d ON d.id = p.document_id WHERE d.origin = 'shipped')",
    "DELETE FROM corpus_provision_keywords WHERE provision_id IN (SELECT p.id FROM "
    "corpus_provisions p JOIN corpus_documents d ON d.id = p.document_id "
    "WHERE d.origin = 'shipped')",
    "DELETE FROM corpus_provision_actors WHERE provision_id IN (SELECT p.id FROM "
    "corpus_provisions p JOIN corpus_documents d ON d.id = p.document_id "
    "WHERE d.origin = 'shipped')",
    "DELETE FROM corpus_provisions WHERE document_id IN (SELECT id FROM corpus_documents "
    "WHERE origin = 'shipped')",
    "DELETE FROM corpus_documents WHERE origin = 'shipped'",
    "DELETE FROM corpus_keywords WHERE name NOT IN (SELECT keyword FROM "
    "corpus_provision_keywords)",
    // Imported documents move out of the way of the shipped ones and are renumbered after
    // them once those are in (renumber_imported).
    "UPDATE corpus_documents SET sequence = sequence + 1000000",
    "UPDATE corpus_provisions SET position = position + 100000000000",
};
}  // namespace sql

std::string statements_json(const std::vector<InterpretativeStatement>& statements) {
  auto list = nlohmann::json::array();
  for (const auto& statement : statements) {
    list.push_back({{"made_by", statement.made_by}, {"text", statement.text}});
  }
  return list.dump();
}

std::vector<InterpretativeStatement> statements_from_json(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  std::vector<InterpretativeStatement> statements;
  if (!parsed.is_array()) return statements;
  for (const auto& item : parsed) {
    statements.push_back({item.value("made_by", ""), item.value("text", "")});
  }
  return statements;
}

// Columns in the order of sql::provision_columns.
ListedProvision provision_from(const Row& row) {
  ListedProvision listed;
  auto& p = listed.provision;
  p.id = row.text(0);
  p.document = row.text(1);
  p.chapter = row.text(2);
  p.heading_path = list_from_json(row.text(3));
  p.number = row.text(4);
  p.text = row.text(5);
  p.items = list_from_json(row.text(6));
  p.pillar = row.text(7);
  p.level = row.text(8);
  listed.position = row.i64(9);
  p.sequence = static_cast<int>(listed.position % kPositionsPerDocument);
  return listed;
}

Resource resource_from(const Row& row) {
  return Resource{row.text(0), row.text(1), row.text(2),
                  row.text(3), row.text(4), list_from_json(row.text(5))};
}

Link link_from(const Row& row) {
  return Link{row.text(0), row.text(1), row.text(2), row.text(3)};
}

// Fills keywords and actors of the provisions whose positions lie in [first, last].
Result<void> attach_keywords_and_actors(Session& s, std::vector<ListedProvision>& listed) {
  if (listed.empty()) return {};
  std::map<std::int64_t, Provision*> by_position;
  for (auto& entry : listed) by_position[entry.position] = &entry.provision;
  const Params range = {by_position.begin()->first, by_position.rbegin()->first};
  auto keywords = s.query(sql::keywords_between, range);
  if (!keywords) return error_of(keywords);
  for (const auto& row : *keywords) {
    auto found = by_position.find(row.i64(0));
    if (found == by_position.end()) continue;
    auto& list =
        row.text(2) == "inferred" ? found->second->inferred_keywords : found->second->keywords;
    list.push_back(row.text(1));
  }
  auto actors = s.query(sql::actors_between, range);
  if (!actors) return error_of(actors);
  for (const auto& row : *actors) {
    auto found = by_position.find(row.i64(0));
    if (found != by_position.end()) found->second->actors.push_back(row.text(1));
  }
  return {};
}

Result<std::vector<ListedProvision>> query_provisions(Session& s, std::string_view where,
                                                      const Params& params) {
  auto rows = s.query(std::string(sql::provision_columns) + std::string(where), params);
  if (!rows) return error_of(rows);
  std::vector<ListedProvision> listed;
  listed.reserve(rows->size());
  for (const auto& row : *rows) listed.push_back(provision_from(row));
  if (auto attached = attach_keywords_and_actors(s, listed); !attached) {
    return tl::unexpected(attached.error());
  }
  return listed;
}

Result<std::vector<Link>> query_links(Session& s, std::string_view statement,
                                      const Params& params) {
  auto rows = s.query(statement, params);
  if (!rows) return error_of(rows);
  std::vector<Link> links;
  for (const auto& row : *rows) links.push_back(link_from(row));
  return links;
}

Result<void> run(Session& s, std::string_view statement, const Params& params) {
  auto done = s.execute(statement, params);
  if (!done) return error_of(done);
  return {};
}

Result<void> insert_document(Session& s, const Document& d, std::int64_t sequence,
                             const char* origin, std::int64_t now) {
  return run(s, sql::insert_document,
             {d.id, d.kind, d.title, d.symbol, d.issued_by, d.adopted, d.preamble,
              statements_json(d.statements), sequence, std::string(origin), now});
}

Result<void> insert_provision_rows(Session& s, const Provision& p, std::int64_t position) {
  if (auto r = run(s, sql::insert_provision,
                   {p.id, p.document, position, p.chapter, json_list(p.heading_path), p.number,
                    p.text, json_list(p.items), p.pillar, p.level});
      !r) {
    return r;
  }
  for (const auto& actor : p.actors) {
    if (auto r = run(s, sql::insert_actor, {p.id, actor}); !r) return r;
  }
  auto add_keywords = [&](const std::vector<std::string>& names,
                          const std::string& source) -> Result<void> {
    for (const auto& name : names) {
      if (auto r = run(s, sql::insert_keyword, {name}); !r) return r;
      if (auto r = run(s, sql::insert_provision_keyword, {p.id, name, source}); !r) return r;
    }
    return {};
  };
  if (auto r = add_keywords(p.keywords, "compendium"); !r) return r;
  return add_keywords(p.inferred_keywords, "inferred");
}

// Inserts documents (numbered on from `first_sequence`), provisions and links of `corpus`.
Result<void> insert_documents_and_provisions(Session& s, const Corpus& corpus,
                                             std::int64_t first_sequence, const char* origin,
                                             std::int64_t now) {
  std::map<std::string, std::int64_t> sequence_of;
  std::int64_t next = first_sequence;
  for (const auto& document : corpus.documents) {
    sequence_of[document.id] = next;
    if (auto r = insert_document(s, document, next++, origin, now); !r) return r;
  }
  for (const auto& provision : corpus.provisions) {
    auto document = sequence_of.find(provision.document);
    if (document == sequence_of.end()) {
      return fail(Errc::invalid_argument,
                  "provision " + provision.id + " belongs to no document of this import");
    }
    auto position = document->second * kPositionsPerDocument + provision.sequence;
    if (auto r = insert_provision_rows(s, provision, position); !r) return r;
  }
  for (const auto& link : corpus.links) {
    if (auto r =
            run(s, sql::insert_link, {link.from, link.to_provision, link.to_document, link.quote});
        !r) {
      return r;
    }
  }
  return {};
}

Result<void> insert_literature(Session& s, const Corpus& corpus) {
  for (const auto& keyword : corpus.keywords) {
    if (auto r = run(s, sql::insert_keyword, {keyword.name}); !r) return r;
  }
  for (const auto& resource : corpus.resources) {
    if (auto r = run(s, sql::insert_resource,
                     {resource.id, resource.publisher, resource.title, resource.year, resource.url,
                      json_list(resource.languages)});
        !r) {
      return r;
    }
  }
  for (const auto& citation : corpus.citations) {
    if (auto r = run(s, sql::insert_citation,
                     {citation.resource, citation.keyword, citation.provision, citation.pages});
        !r) {
      return r;
    }
  }
  return {};
}

Result<void> renumber_imported(Session& s, std::int64_t first_sequence) {
  auto rows =
      s.query("SELECT id FROM corpus_documents WHERE origin = 'imported' ORDER BY sequence");
  if (!rows) return error_of(rows);
  std::int64_t next = first_sequence;
  for (const auto& row : *rows) {
    const auto sequence = next++;
    if (auto r = run(s, "UPDATE corpus_documents SET sequence = $2 WHERE id = $1",
                     {row.text(0), sequence});
        !r) {
      return r;
    }
    if (auto r = run(s,
                     "UPDATE corpus_provisions SET position = $2 * " +
                         std::to_string(kPositionsPerDocument) + " + position % " +
                         std::to_string(kPositionsPerDocument) + " WHERE document_id = $1",
                     {row.text(0), sequence});
        !r) {
      return r;
    }
  }
  return {};
}

}  // namespace

Result<std::vector<DocumentSummary>> CorpusRepository::documents() {
  return db_.read([](Session& s) -> Result<std::vector<DocumentSummary>> {
    auto rows = s.query(sql::list_documents);
    if (!rows) return error_of(rows);
    std::vector<DocumentSummary> documents;
    for (const auto& row : *rows) {
      DocumentSummary summary;
      auto& d = summary.document;
      d.id = row.text(0);
      d.kind = row.text(1);
      d.title = row.text(2);
      d.symbol = row.text(3);
      d.issued_by = row.text(4);
      d.adopted = row.text(5);
      d.preamble = row.text(6);
      d.statements = statements_from_json(row.text(7));
      d.sequence = static_cast<int>(row.i64(8));
      summary.origin = row.text(9);
      summary.provision_count = row.i64(10);
      documents.push_back(std::move(summary));
    }
    return documents;
  });
}

Result<ProvisionPage> CorpusRepository::provisions(const ProvisionFilter& filter) {
  return db_.read([&](Session& s) -> Result<ProvisionPage> {
    const std::int64_t fetch = filter.limit + 1;  // one more tells whether a next page exists
    auto listed = query_provisions(s, sql::filtered_provisions,
                                   {filter.document, filter.chapter, filter.pillar, filter.level,
                                    filter.keyword, filter.actor, filter.after, fetch});
    if (!listed) return error_of(listed);
    ProvisionPage page;
    if (static_cast<std::int64_t>(listed->size()) == fetch) {
      listed->pop_back();
      page.next = listed->back().position;
    }
    page.provisions = std::move(*listed);
    return page;
  });
}

Result<std::optional<ProvisionDetail>> CorpusRepository::provision(const std::string& id) {
  return db_.read([&](Session& s) -> Result<std::optional<ProvisionDetail>> {
    auto listed = query_provisions(s, sql::one_provision, {id});
    if (!listed) return error_of(listed);
    if (listed->empty()) return std::optional<ProvisionDetail>{};
    ProvisionDetail detail;
    detail.provision = std::move(listed->front().provision);
    auto cited = s.query(sql::citations_of_provision, {id});
    if (!cited) return error_of(cited);
    for (const auto& row : *cited) {
      detail.resources.push_back(CitedResource{resource_from(row), row.text(6), row.text(7)});
    }
    auto out = query_links(s, sql::links_from, {id});
    if (!out) return error_of(out);
    auto in = query_links(s, sql::links_to, {id});
    if (!in) return error_of(in);
    detail.links_out = std::move(*out);
    detail.links_in = std::move(*in);
    return std::optional<ProvisionDetail>(std::move(detail));
  });
}

Result<std::vector<KeywordSummary>> CorpusRepository::keywords() {
  return db_.read([](Session& s) -> Result<std::vector<KeywordSummary>> {
    auto rows = s.query(sql::list_keywords);
    if (!rows) return error_of(rows);
    std::vector<KeywordSummary> keywords;
    for (const auto& row : *rows) {
      keywords.push_back(KeywordSummary{row.text(0), row.i64(1), row.i64(2)});
    }
    return keywords;
  });
}

Result<std::vector<ResourceSummary>> CorpusRepository::resources(const std::string& keyword) {
  return db_.read([&](Session& s) -> Result<std::vector<ResourceSummary>> {
    auto rows = s.query(sql::list_resources, {keyword});
    if (!rows) return error_of(rows);
    auto citations = s.query(sql::all_citations);
    if (!citations) return error_of(citations);
    std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> cited;
    for (const auto& row : *citations) {
      auto& [keywords, provisions] = cited[row.text(0)];
      keywords.insert(row.text(1));
      provisions.insert(row.text(2));
    }
    std::vector<ResourceSummary> resources;
    for (const auto& row : *rows) {
      ResourceSummary summary{resource_from(row), {}, {}};
      const auto& [keywords, provisions] = cited[summary.resource.id];
      summary.keywords.assign(keywords.begin(), keywords.end());
      summary.provisions.assign(provisions.begin(), provisions.end());
      resources.push_back(std::move(summary));
    }
    return resources;
  });
}

Result<Corpus> CorpusRepository::load() {
  auto documents = this->documents();
  if (!documents) return error_of(documents);
  return db_.read([&](Session& s) -> Result<Corpus> {
    Corpus corpus;
    for (auto& summary : *documents) corpus.documents.push_back(std::move(summary.document));
    auto listed = query_provisions(s, sql::all_provisions, {});
    if (!listed) return error_of(listed);
    for (auto& entry : *listed) corpus.provisions.push_back(std::move(entry.provision));
    auto links = query_links(s, sql::all_links, {});
    if (!links) return error_of(links);
    corpus.links = std::move(*links);
    auto keywords = s.query("SELECT name FROM corpus_keywords ORDER BY name");
    if (!keywords) return error_of(keywords);
    for (const auto& row : *keywords) corpus.keywords.push_back({row.text(0)});
    auto resources = s.query(
        "SELECT id, publisher, title, year, url, languages FROM corpus_resources ORDER BY id");
    if (!resources) return error_of(resources);
    for (const auto& row : *resources) corpus.resources.push_back(resource_from(row));
    auto citations = s.query(sql::all_citations);
    if (!citations) return error_of(citations);
    for (const auto& row : *citations) {
      corpus.citations.push_back(Citation{row.text(0), row.text(1), row.text(2), row.text(3)});
    }
    return corpus;
  });
}

Result<std::int64_t> CorpusRepository::revision() {
  return db_.read([](Session& s) -> Result<std::int64_t> {
    auto rows = s.query(sql::revision);
    if (!rows) return error_of(rows);
    return rows->empty() ? 0 : rows->front().i64(0);
  });
}

Result<std::string> CorpusRepository::shipped_version() {
  return db_.read([](Session& s) -> Result<std::string> {
    auto rows = s.query(sql::revision);
    if (!rows) return error_of(rows);
    return rows->empty() ? std::string() : rows->front().text(1);
  });
}

Result<void> CorpusRepository::replace_shipped(const Corpus& corpus, const std::string& version,
                                               std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    for (auto statement : sql::delete_shipped) {
      if (auto r = run(s, statement, {}); !r) return r;
    }
    if (auto r =
            insert_documents_and_provisions(s, corpus, 1, domain::corpus::origin::shipped, now);
        !r) {
      return r;
    }
    if (auto r = insert_literature(s, corpus); !r) return r;
    const auto after_shipped = static_cast<std::int64_t>(corpus.documents.size()) + 1;
    if (auto r = renumber_imported(s, after_shipped); !r) return r;
    return run(s, sql::bump_revision, {version});
  });
}

Result<void> CorpusRepository::add_imported(const Corpus& part, std::int64_t now) {
  return db_.write([&](Session& s) -> Result<void> {
    for (const auto& document : part.documents) {
      auto exists = s.query(sql::document_exists, {document.id});
      if (!exists) return error_of(exists);
      if (!exists->empty()) {
        return fail(Errc::conflict, "the compendium already has a document " + document.id);
      }
    }
    auto last = s.query(sql::last_sequence);
    if (!last) return error_of(last);
    const auto first = last->front().i64(0) + 1;
    if (auto r =
            insert_documents_and_provisions(s, part, first, domain::corpus::origin::imported, now);
        !r) {
      return r;
    }
    return run(s, sql::bump_revision, {std::string()});
  });
}

}  // namespace lifeline::storage
