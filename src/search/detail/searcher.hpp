// Running a query: ranking, the page of hits with snippets, facet counts, spelling
// suggestions.
#pragma once

#include <xapian.h>

#include "search/detail/facet_table.hpp"
#include "search/search_index.hpp"

namespace lifeline::search::detail {

// Runs a query that passed check_query on `db`, counting facets with the table `facet_tables`
// holds for it. Throws Xapian::Error when the database fails; any query text gives a result.
SearchResult run_search(const Xapian::Database& db, const SearchQuery& query,
                        FacetTableCache& facet_tables);

}  // namespace lifeline::search::detail
