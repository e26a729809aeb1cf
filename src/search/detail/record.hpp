// SearchDocument <-> Xapian::Document: the terms, values and data one record is indexed as.
#pragma once

#include <set>
#include <span>
#include <string>
#include <string_view>

#include <xapian.h>

#include "core/error.hpp"
#include "search/search_index.hpp"

namespace lifeline::search::detail {

// Checks the rules search_index.hpp states for a SearchDocument; the message names the rule
// and the document.
Result<void> check_document(const SearchDocument& doc);

// The Xapian document of a checked SearchDocument. `terms` must have its database set: the
// words of title and text are added to the database's spelling data.
Xapian::Document build_record(const SearchDocument& doc, Xapian::TermGenerator& terms);

// A TermGenerator that adds spelling data to `db`.
Xapian::TermGenerator make_term_generator(Xapian::WritableDatabase& db);

// Whether `id` can be a record's id (1 to 200 bytes of UTF-8).
bool is_indexable_id(std::string_view id);

// The term that identifies a record: replace and remove find the record by it.
std::string unique_term(std::string_view id);

// What build_record stored for showing a hit; views into the document's data.
struct StoredRecord {
  std::string_view id;
  std::string_view kind;
  std::string_view title;
  std::string_view text;
};
StoredRecord read_record(std::string_view data);

// Makes each English plural the Snowball stemmer leaves alone ("children", "women") and its
// singular find each other in queries (as synonyms, which the query parser expands).
void add_irregular_plurals(Xapian::WritableDatabase& db);

// The facet names the index knows (for `name:` prefixes), and how to add to them.
std::set<std::string> read_facet_names(const Xapian::Database& db);
void add_facet_names(Xapian::WritableDatabase& db, std::span<const SearchDocument> docs);

}  // namespace lifeline::search::detail
