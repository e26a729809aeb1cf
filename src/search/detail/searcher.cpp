#include "search/detail/searcher.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "core/markup.hpp"
#include "search/detail/facet_counter.hpp"
#include "search/detail/query.hpp"
#include "search/detail/record.hpp"

namespace lifeline::search::detail {

namespace {

// Bytes of text a snippet aims at: two lines of a result list.
constexpr std::size_t kSnippetBytes = 200;

// How many matches the matcher must look at. With facets: all of them up to
// kFacetScanLimit, as the counts must cover every match, not only the page; beyond, the
// matcher's own cost of visiting every match grows too large (bench/search), so the counts
// seen are extrapolated. Without facets: Xapian's default (the page), and `total` is its estimate.
Xapian::doccount matches_to_check(const Xapian::Database& db, const SearchQuery& query) {
  if (query.facets.empty()) return 0;
  return static_cast<Xapian::doccount>(
      std::min<std::size_t>(db.get_doccount(), SearchIndex::kFacetScanLimit));
}

// The start of `text`, HTML-escaped, cut at a space: what a hit shows when the query has no
// words to mark (browsing by facets), or none of them is in the text.
std::string leading_text(const std::string& text) {
  std::string_view shown(text);
  bool cut = false;
  if (shown.size() > kSnippetBytes) {
    auto space = shown.rfind(' ', kSnippetBytes);
    shown = shown.substr(0, space == std::string_view::npos ? 0 : space);
    cut = true;
  }
  auto escaped = escape_markup(shown);
  if (cut) escaped += "…";
  return escaped;
}

std::vector<Hit> make_hits(const Xapian::MSet& mset, const SearchQuery& query,
                           const Xapian::Stem& stemmer) {
  std::vector<Hit> hits;
  hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const std::string data = it.get_document().get_data();
    const StoredRecord record = read_record(data);
    Hit hit{std::string(record.id),
            std::string(record.kind),
            std::string(record.title),
            it.get_weight(),
            {}};
    if (query.snippets) {
      // snippet() escapes the text for HTML and marks what the query matched.
      std::string text(record.text);
      hit.snippet =
          mset.snippet(text, kSnippetBytes, stemmer,
                       Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_EMPTY_WITHOUT_MATCH,
                       "<mark>", "</mark>", "…");
      if (hit.snippet.empty()) hit.snippet = leading_text(text);
    }
    hits.push_back(std::move(hit));
  }
  return hits;
}

// Matches of `query`, counted exactly up to kFewResults and estimated beyond.
std::size_t count_matches(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, 0, SearchIndex::kFewResults).get_matches_estimated();
}

// The corrected text when the query found few records and the correction finds more.
std::string suggestion(const Xapian::Database& db, const SearchQuery& query, QueryReader& reader,
                       std::size_t total) {
  if (total >= SearchIndex::kFewResults) return {};
  std::string corrected = reader.correct(query.text);
  if (corrected.empty() || corrected == query.text) return {};
  const auto corrected_total =
      count_matches(db, apply_filters(reader.read(corrected), query.filters));
  return corrected_total > total ? corrected : std::string();
}

// Ranks the matches of `words` and the query's filters, showing them to `facets` if any.
Xapian::MSet match(const Xapian::Database& db, const SearchQuery& query, const Xapian::Query& words,
                   FacetCounter* facets) {
  Xapian::Enquire enquire(db);
  enquire.set_query(apply_filters(words, query.filters));
  if (words.get_type() == Xapian::Query::LEAF_MATCH_ALL) {
    // Browsing: nothing to rank, records come in index order.
    enquire.set_weighting_scheme(Xapian::BoolWeight());
  }
  if (facets != nullptr) enquire.add_matchspy(facets);
  return enquire.get_mset(
      static_cast<Xapian::doccount>(query.offset),
      static_cast<Xapian::doccount>(std::min(query.limit, SearchIndex::kMaxLimit)),
      matches_to_check(db, query));
}

// Sets the facet counts, extrapolated when the counter saw only part of the matches, and
// whether the result is exact.
void add_counts(SearchResult& result, const Xapian::MSet& mset, const FacetCounter* facets) {
  const std::size_t seen = facets != nullptr ? facets->documents_seen() : 0;
  const bool counted_all = facets == nullptr || seen >= result.total;
  result.exact = counted_all && mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (facets == nullptr) return;
  const double scale = counted_all || seen == 0
                           ? 1.0
                           : static_cast<double>(result.total) / static_cast<double>(seen);
  result.facets = facets->counts(scale);
}

}  // namespace

SearchResult run_search(const Xapian::Database& db, const SearchQuery& query,
                        FacetTableCache& facet_tables) {
  const Xapian::Stem stemmer = query_stemmer(query);
  QueryReader reader(db, stemmer);
  const Xapian::Query words = reader.read(query.text);
  std::optional<FacetCounter> facets;
  if (!query.facets.empty()) facets.emplace(facet_tables.get(db), query.facets);
  FacetCounter* counter = facets ? &*facets : nullptr;
  const Xapian::MSet mset = match(db, query, words, counter);

  SearchResult result;
  result.total = mset.get_matches_estimated();
  result.hits = make_hits(mset, query, stemmer);
  add_counts(result, mset, counter);
  result.did_you_mean = suggestion(db, query, reader, result.total);
  return result;
}

}  // namespace lifeline::search::detail
