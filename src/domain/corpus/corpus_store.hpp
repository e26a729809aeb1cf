// Where the compendium is kept: the storage layer implements this on the shared database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// Where a document came from: the texts shipped with Lifeline, or `lifeline corpus import`.
namespace origin {
inline constexpr const char* shipped = "shipped";
inline constexpr const char* imported = "imported";
}  // namespace origin

struct DocumentSummary {
  Document document;  // statements and preamble included
  std::string origin;
  std::int64_t provision_count = 0;
};

// Filters of a provision listing; an empty field does not filter. `after` is the position of
// the last provision of the previous page (cursor paging in document order).
struct ProvisionFilter {
  std::string document;
  std::string chapter;
  std::string pillar;
  std::string level;
  std::string keyword;
  std::string actor;
  std::int64_t after = 0;
  int limit = 50;
};

struct ListedProvision {
  Provision provision;  // keywords and actors included
  std::int64_t position = 0;
};

struct ProvisionPage {
  std::vector<ListedProvision> provisions;
  std::optional<std::int64_t> next;  // cursor for the next page, if there is one
};

struct CitedResource {
  Resource resource;
  std::string keyword;
  std::string pages;
};

struct ProvisionDetail {
  Provision provision;
  std::vector<CitedResource> resources;
  std::vector<Link> links_out;
  std::vector<Link> links_in;
};

struct KeywordSummary {
  std::string name;
  std::int64_t provision_count = 0;  // provisions under it, from the Compendium or inferred
  std::int64_t resource_count = 0;   // distinct resources the Compendium lists under it
};

struct ResourceSummary {
  Resource resource;
  std::vector<std::string> keywords;
  std::vector<std::string> provisions;
};

class CorpusStore {
 public:
  virtual ~CorpusStore() = default;

  virtual Result<std::vector<DocumentSummary>> documents() = 0;
  virtual Result<ProvisionPage> provisions(const ProvisionFilter& filter) = 0;
  virtual Result<std::optional<ProvisionDetail>> provision(const std::string& id) = 0;
  virtual Result<std::vector<KeywordSummary>> keywords() = 0;
  // All resources, or those the Compendium lists under `keyword` when it is not empty.
  virtual Result<std::vector<ResourceSummary>> resources(const std::string& keyword) = 0;

  // Everything, for the search index and for resolving references of an imported text.
  virtual Result<Corpus> load() = 0;
  // The change counter that tells a process its search index is stale.
  virtual Result<std::int64_t> revision() = 0;
  virtual Result<std::string> shipped_version() = 0;

  // Replaces the shipped part of the compendium with `corpus` in one transaction; documents
  // added by import stay (their links to shipped provisions are kept when the target exists).
  virtual Result<void> replace_shipped(const Corpus& corpus, const std::string& version,
                                       std::int64_t now) = 0;
  // Adds a new document with its provisions and links; Errc::conflict if its id is taken.
  virtual Result<void> add_imported(const Corpus& part, std::int64_t now) = 0;
};

}  // namespace lifeline::domain::corpus
