// Full-text search over the commitments compendium (provisions and literature resources),
// backed by Xapian. The index is derived data: the database is the source of truth, the index
// is filled from it and rebuilt from it when lost. Nothing here knows the corpus model; callers
// turn their records into SearchDocuments.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace lifeline::search {

namespace detail {
class Store;
class FacetTableCache;
}  // namespace detail

// One searchable record.
struct SearchDocument {
  std::string id{};     // unique, at most 200 bytes: "AP.V.3.1", "MC6/17.4", "resource:osce-405095"
  std::string kind{};   // "provision", "resource": also the facet "kind"
  std::string title{};  // weighs more than the text; searchable alone with `title:`
  std::string text{};   // body; snippets are cut from it
  // Facet name -> values (several for multi-valued facets such as keyword or actor). Names are
  // [a-z][a-z0-9_]* (not "id", "title" or "kind"); each becomes a `name:value` query prefix,
  // a filter and a count. Values match case-insensitively; counts show them as given here.
  std::map<std::string, std::vector<std::string>> facets{};
  std::string language = "en";  // Snowball stemmer of title and text: "en", "ru", "fr", "de"
};

// A query as a user types it, with filters and the facets to count.
//
// `text` syntax (Xapian's QueryParser): words are ANDed and stemmed (and the irregular plurals
// children, women, men, people also find their singular); "exact phrase"; prefix* (expanded to
// the 100 most frequent words it begins); AND, OR, NOT, parentheses; +required and -excluded
// words ("-word" or "NOT word" alone: everything else); title:word; id:AP.V.3.1 (exact id,
// "/" and "." included, any case); and name:value for every indexed facet, e.g.
// keyword:children, document:MC6/17, pillar:protection (several values of one facet are ORed).
// Text that is not valid in this syntax ("AND" alone, an unbalanced quote or parenthesis) is
// read as plain words. Empty text matches every record, so filters and facet counts alone
// browse the index.
struct SearchQuery {
  std::string text{};  // at most kMaxQueryBytes bytes of UTF-8
  // Facet -> allowed values: a record passes when it has one of the values of every facet.
  std::map<std::string, std::vector<std::string>> filters{};
  std::vector<std::string> facets{};  // facets to count over the matches
  // Stemmer for the query: "en", "ru", "fr", "de"; empty picks "ru" when the text has Cyrillic
  // letters and "en" otherwise.
  std::string language{};
  std::size_t offset = 0;  // offset + limit at most kMaxOffset
  std::size_t limit = 20;  // capped at kMaxLimit
  bool snippets = true;    // false when only ids and scores are needed (faster)
};

struct Hit {
  std::string id{};
  std::string kind{};
  std::string title{};  // plain text as indexed: escape it before putting it into HTML
  double score = 0;     // BM25 weight; 0 when the query has no words
  // HTML-safe extract of the text around the matches: text escaped, matches in <mark></mark>,
  // "…" where the text was cut.
  std::string snippet{};
};

struct FacetCount {
  std::string value{};
  std::size_t count = 0;
};

struct SearchResult {
  std::size_t total = 0;    // matching records: exact when `exact`, else Xapian's estimate
  std::vector<Hit> hits{};  // best first; in index order when the query has no words
  // For each requested facet, its values among the matches, most frequent first.
  std::map<std::string, std::vector<FacetCount>> facets{};
  // True when `total` and the facet counts are exact. Otherwise `total` is Xapian's estimate
  // and, when more than kFacetScanLimit records match, the facet counts are those of the
  // first kFacetScanLimit matches in index order scaled up to `total`: estimates, good for
  // "about" figures and for ordering, biased when index order correlates with a facet.
  bool exact = true;
  // The query with misspelt words corrected, when the query found few records (fewer than
  // kFewResults) and the correction finds more; empty otherwise.
  std::string did_you_mean{};
};

// A Xapian index in a directory of its own. Thread-safe: searches run concurrently, each on
// its own database handle; replace, remove and rebuild are serialised and never make a search
// see half of a change. No method throws; failures come back as Errors:
// invalid_argument for input that breaks a rule, unavailable when another process holds the
// index's write lock, internal when Xapian or the file system fails.
class SearchIndex {
 public:
  static constexpr std::size_t kMaxQueryBytes = 1000;
  static constexpr std::size_t kMaxLimit = 100;
  static constexpr std::size_t kMaxOffset = 10'000;
  static constexpr std::size_t kFacetScanLimit = 5000;
  static constexpr std::size_t kFewResults = 3;

  using Progress = std::function<void(std::size_t done, std::size_t total)>;

  // A fresh, empty index in a private temporary directory, deleted when the index is
  // destroyed: for tests and small data. (Xapian's in-memory backend has no spelling data and
  // no transactions, so the same on-disk format serves here.)
  static Result<std::unique_ptr<SearchIndex>> temporary();
  // The index kept under `dir` (created when missing); it survives restarts.
  static Result<std::unique_ptr<SearchIndex>> on_disk(const std::filesystem::path& dir);

  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Adds the documents, or replaces those whose id is already indexed, in one commit: a
  // search sees all of them or none. Meant for the few records one change touches; use
  // rebuild for a whole corpus.
  Result<void> replace(std::span<const SearchDocument> docs);
  // Deletes the documents with these ids, in one commit; unknown ids are ignored.
  Result<void> remove(std::span<const std::string> ids);
  // Replaces the whole index with `docs`. Builds a new database beside the live one and
  // switches to it when complete: searches meanwhile see the old index, and a failed rebuild
  // leaves it as it was. `progress` (may be empty) is called every kProgressStep documents
  // and once at the end with done == total.
  static constexpr std::size_t kProgressStep = 1000;
  Result<void> rebuild(std::span<const SearchDocument> docs, const Progress& progress = {});

  Result<SearchResult> search(const SearchQuery& query) const;
  // Number of indexed documents.
  std::size_t size() const;

 private:
  explicit SearchIndex(std::unique_ptr<detail::Store> store);

  std::unique_ptr<detail::Store> store_;
  std::unique_ptr<detail::FacetTableCache> facet_tables_;
  std::mutex write_mutex_;  // one writer at a time: Xapian allows a single writable handle
};

}  // namespace lifeline::search
