#include "search/detail/record.hpp"

#include <array>
#include <sstream>
#include <utility>
#include <vector>

#include "search/detail/schema.hpp"

namespace lifeline::search::detail {

namespace {

constexpr std::size_t kMaxIdBytes = 200;
// Xapian's glass backend refuses longer terms.
constexpr std::size_t kMaxTermBytes = 245;
// Title words count this many times a text word, so a record about a subject outranks one
// that mentions it.
constexpr Xapian::termcount kTitleWeight = 3;
// Positions left between title and text, so a phrase cannot span the two.
constexpr Xapian::termpos kFieldGap = 100;

Result<void> check_facet(const SearchDocument& doc, const std::string& name,
                         const std::vector<std::string>& values) {
  if (!is_valid_facet_name(name) || name == kKindFacet) {
    return fail(Errc::invalid_argument, "search document " + doc.id + ": facet name '" + name +
                                            "' is not [a-z][a-z0-9_]* or is reserved");
  }
  for (const auto& value : values) {
    if (value.empty() || !is_valid_utf8(value) || facet_term(name, value).size() > kMaxTermBytes) {
      return fail(Errc::invalid_argument, "search document " + doc.id + ": a value of facet '" +
                                              name + "' is empty, too long or not UTF-8");
    }
  }
  return {};
}

Result<void> check_fields(const SearchDocument& doc) {
  if (!is_indexable_id(doc.id)) {
    return fail(Errc::invalid_argument, "search document id must be 1 to 200 bytes of UTF-8");
  }
  if (doc.kind.empty() || !is_valid_utf8(doc.kind) ||
      facet_term(kKindFacet, doc.kind).size() > kMaxTermBytes) {
    return fail(Errc::invalid_argument, "search document " + doc.id + ": kind is empty or invalid");
  }
  if (!is_valid_utf8(doc.title) || !is_valid_utf8(doc.text)) {
    return fail(Errc::invalid_argument, "search document " + doc.id + ": text is not UTF-8");
  }
  if (!stemmer_for(doc.language.empty() ? "en" : doc.language)) {
    return fail(Errc::invalid_argument,
                "search document " + doc.id + ": language must be en, ru, fr or de");
  }
  return {};
}

void add_text(const SearchDocument& doc, Xapian::TermGenerator& terms) {
  terms.set_stemmer(*stemmer_for(doc.language.empty() ? "en" : doc.language));
  terms.index_text(doc.title, kTitleWeight);
  terms.index_text_without_positions(doc.title, 1, std::string(kTitlePrefix));
  terms.increase_termpos(kFieldGap);
  terms.index_text(doc.text);
}

// Boolean terms for filtering and `name:value`, and every pair in one value slot for counting.
void add_facets(const SearchDocument& doc, Xapian::Document& record) {
  std::string slot;
  const auto add = [&](std::string_view name, const std::string& value) {
    record.add_boolean_term(facet_term(name, value));
    append_field(slot, name);
    append_field(slot, value);
  };
  add(kKindFacet, doc.kind);
  for (const auto& [name, values] : doc.facets) {
    for (const auto& value : values) add(name, value);
  }
  record.add_value(kFacetSlot, slot);
}

std::string record_data(const SearchDocument& doc) {
  std::string data;
  for (const std::string* field : {&doc.id, &doc.kind, &doc.title, &doc.text}) {
    append_field(data, *field);
  }
  return data;
}

}  // namespace

Result<void> check_document(const SearchDocument& doc) {
  if (auto checked = check_fields(doc); !checked) return checked;
  for (const auto& [name, values] : doc.facets) {
    if (auto checked = check_facet(doc, name, values); !checked) return checked;
  }
  return {};
}

Xapian::TermGenerator make_term_generator(Xapian::WritableDatabase& db) {
  Xapian::TermGenerator terms;
  terms.set_database(db);
  terms.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  return terms;
}

Xapian::Document build_record(const SearchDocument& doc, Xapian::TermGenerator& terms) {
  Xapian::Document record;
  terms.set_document(record);
  add_text(doc, terms);
  record.add_boolean_term(unique_term(doc.id));
  record.add_boolean_term(id_lookup_term(doc.id));
  add_facets(doc, record);
  record.set_data(record_data(doc));
  return record;
}

bool is_indexable_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdBytes && is_valid_utf8(id);
}

std::string unique_term(std::string_view id) {
  std::string term(kUniqueIdPrefix);
  term += id;
  return term;
}

StoredRecord read_record(std::string_view data) {
  const auto fields = decode_fields(data);
  StoredRecord record;
  std::string_view* targets[] = {&record.id, &record.kind, &record.title, &record.text};
  for (std::size_t i = 0; i < fields.size() && i < std::size(targets); ++i) {
    *targets[i] = fields[i];
  }
  return record;
}

void add_irregular_plurals(Xapian::WritableDatabase& db) {
  static constexpr std::array<std::pair<const char*, const char*>, 4> kPlurals{{
      {"children", "child"},
      {"women", "woman"},
      {"men", "man"},
      {"people", "person"},
  }};
  // Keys are the query parser's stemmed terms: "Z" and the English stem.
  const Xapian::Stem english("english");
  const auto stemmed_term = [&](const char* word) {
    std::string term("Z");
    term += english(word);
    return term;
  };
  for (const auto& [plural, singular] : kPlurals) {
    const std::string plural_term = stemmed_term(plural);
    const std::string singular_term = stemmed_term(singular);
    db.add_synonym(plural_term, singular_term);
    db.add_synonym(singular_term, plural_term);
  }
}

std::set<std::string> read_facet_names(const Xapian::Database& db) {
  std::set<std::string> names;
  std::istringstream lines(db.get_metadata(std::string(kFacetNamesKey)));
  for (std::string name; std::getline(lines, name);) {
    if (is_valid_facet_name(name)) names.insert(name);
  }
  names.insert(std::string(kKindFacet));
  return names;
}

void add_facet_names(Xapian::WritableDatabase& db, std::span<const SearchDocument> docs) {
  std::set<std::string> names = read_facet_names(db);
  const std::size_t known = names.size();
  for (const auto& doc : docs) {
    for (const auto& entry : doc.facets) names.insert(entry.first);
  }
  if (names.size() == known) return;
  std::string joined;
  for (const auto& name : names) joined += name + '\n';
  db.set_metadata(std::string(kFacetNamesKey), joined);
}

}  // namespace lifeline::search::detail
