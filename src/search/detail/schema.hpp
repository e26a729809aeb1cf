// How a search record is laid out in the Xapian database: term prefixes, value slots,
// metadata keys, and the small text helpers indexing and querying share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace lifeline::search::detail {

// Term prefixes, following Xapian's conventions: one capital letter, or "X" and capitals
// ended by ':' for our own. The ':' keeps "XKEYWORD:" from being a prefix of "XKEYWORDS:".
inline constexpr std::string_view kUniqueIdPrefix = "Q";  // the id exactly: key for replace/remove
inline constexpr std::string_view kIdLookupPrefix = "XID:";  // the id case-folded, for `id:`
inline constexpr std::string_view kTitlePrefix = "S";        // title words, for `title:`

// Value slot holding every facet (name, value) pair of a document, encoded by encode_fields.
inline constexpr Xapian::valueno kFacetSlot = 0;

// Metadata entry listing every facet name indexed so far, one per line, so that the query
// parser knows which `name:` prefixes exist.
inline constexpr std::string_view kFacetNamesKey = "lifeline.facet-names";

// The facet every document has, set from SearchDocument::kind.
inline constexpr std::string_view kKindFacet = "kind";

// Term prefix of the facet `name` (a valid facet name: lower case ASCII).
std::string facet_prefix(std::string_view name);
// Boolean term of one facet value; values match whatever their case.
std::string facet_term(std::string_view name, std::string_view value);
std::string id_lookup_term(std::string_view id);

// Lower case of UTF-8 text (all scripts Xapian knows, Cyrillic included).
std::string fold_case(std::string_view text);
bool is_valid_utf8(std::string_view text);
// Whether `name` is usable as a facet and `name:` prefix: [a-z][a-z0-9_]*, at most 32 bytes,
// and not one of the fixed fields (id, title).
bool is_valid_facet_name(std::string_view name);

// The Snowball stemmer of a language code ("en", "ru", "fr", "de"), or nothing when the code
// is not one of those.
std::optional<Xapian::Stem> stemmer_for(std::string_view language);

// Length-prefixed fields in one string: for document data and the facet slot. Any bytes,
// including NUL, survive a round trip.
void append_field(std::string& out, std::string_view field);
// Splits what append_field built; stops at the first field that is cut short.
std::vector<std::string_view> decode_fields(std::string_view encoded);

}  // namespace lifeline::search::detail
