// SearchQuery -> Xapian::Query: the checks, the query language, the filters.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/error.hpp"
#include "search/search_index.hpp"

namespace lifeline::search::detail {

// Checks the limits search_index.hpp states for a SearchQuery (size, UTF-8, facet names,
// offset), before any work is done.
Result<void> check_query(const SearchQuery& query);

// The stemmer of a checked query: its language, or the one its text looks like.
Xapian::Stem query_stemmer(const SearchQuery& query);

// Reads user query text against one database (its facet names, wildcard expansions and
// spelling data). Never throws for any text: syntax it cannot read is read as plain words.
class QueryReader {
 public:
  QueryReader(const Xapian::Database& db, const Xapian::Stem& stemmer);

  // The query of `text`: every record when the text is blank, no record when it has no
  // searchable word (only operators or punctuation).
  Xapian::Query read(const std::string& text);
  // `text` with misspelt words replaced by the most frequent similar word of the spelling
  // data; empty when no word needed correcting. Costs a spelling lookup per word, so it is
  // asked only when a query found little.
  std::string correct(const std::string& text);

 private:
  // Parses `text` in the first syntax it is valid in, with `extra_flags` added.
  Xapian::Query parse(const std::string& text, unsigned extra_flags);

  Xapian::QueryParser parser_;
};

// `query` restricted to records with, for every facet, one of its values (a facet with no
// values does not restrict).
Xapian::Query apply_filters(const Xapian::Query& query,
                            const std::map<std::string, std::vector<std::string>>& filters);

}  // namespace lifeline::search::detail
