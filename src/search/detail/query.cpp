#include "search/detail/query.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "search/detail/record.hpp"
#include "search/detail/schema.hpp"

namespace lifeline::search::detail {

namespace {

constexpr std::size_t kMaxFilterValues = 100;
constexpr std::size_t kMaxCountedFacets = 20;
// A wildcard stands for at most this many terms, the most frequent ones: "a*" must not turn
// into a query of every word starting with "a".
constexpr Xapian::termcount kMaxWildcardTerms = 100;

// What users may write: see SearchQuery::text.
constexpr unsigned kFullSyntax =
    Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
    Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_LOVEHATE |
    Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT |
    Xapian::QueryParser::FLAG_AUTO_SYNONYMS;
// Tried in turn: when the text is not valid in the full syntax ("AND" alone, "a OR", "(a"),
// its words are read as plain terms.
constexpr std::array<unsigned, 2> kSyntaxes{kFullSyntax, 0};

// A field every record has: Xapian reads a query made only of excluded words ("-children")
// as if the words were required, so such a query gets this filter first, and the exclusions
// something to exclude from.
constexpr std::string_view kEverythingField = "lifeline_everything";

class EverythingField : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& /*value*/) override {
    return Xapian::Query::MatchAll;
  }
};

// `name:value` for a field whose values are boolean terms: the value as one term, whatever
// characters it has ("MC6/17.4"), matched case-insensitively as the index stores it folded.
class ExactTermField : public Xapian::FieldProcessor {
 public:
  explicit ExactTermField(std::string prefix) : prefix_(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + fold_case(value));
  }

 private:
  std::string prefix_;
};

bool has_cyrillic(std::string_view text) {
  // U+0400..U+04FF are encoded with lead bytes 0xD0..0xD3.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0xD0 && byte <= 0xD3;
  });
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Whether a word of `text` may be excluded with '-'.
bool has_exclusion(std::string_view text) {
  for (std::size_t at = text.find('-'); at != std::string_view::npos; at = text.find('-', at + 1)) {
    if (at == 0 || std::string_view(" \t\r\n\f\v(").find(text[at - 1]) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

Result<void> check_filters(const SearchQuery& query) {
  std::size_t values = 0;
  for (const auto& [name, allowed] : query.filters) {
    if (!is_valid_facet_name(name)) {
      return fail(Errc::invalid_argument, "filter on an invalid facet name");
    }
    for (const auto& value : allowed) {
      if (!is_valid_utf8(value)) return fail(Errc::invalid_argument, "filter value is not UTF-8");
    }
    values += allowed.size();
  }
  if (values > kMaxFilterValues) {
    return fail(Errc::invalid_argument, "more than 100 filter values");
  }
  return {};
}

Result<void> check_counted_facets(const SearchQuery& query) {
  if (query.facets.size() > kMaxCountedFacets) {
    return fail(Errc::invalid_argument, "more than 20 facets to count");
  }
  for (const auto& name : query.facets) {
    if (!is_valid_facet_name(name)) {
      return fail(Errc::invalid_argument, "facet to count has an invalid name");
    }
  }
  return {};
}

}  // namespace

Result<void> check_query(const SearchQuery& query) {
  if (query.text.size() > SearchIndex::kMaxQueryBytes) {
    return fail(Errc::invalid_argument, "search query is longer than 1000 bytes");
  }
  if (!is_valid_utf8(query.text)) {
    return fail(Errc::invalid_argument, "search query is not valid UTF-8");
  }
  if (!query.language.empty() && !stemmer_for(query.language)) {
    return fail(Errc::invalid_argument, "search language must be en, ru, fr or de");
  }
  if (query.offset > SearchIndex::kMaxOffset) {
    return fail(Errc::invalid_argument, "search offset is beyond 10000");
  }
  if (auto checked = check_filters(query); !checked) return checked;
  return check_counted_facets(query);
}

Xapian::Stem query_stemmer(const SearchQuery& query) {
  if (!query.language.empty()) return *stemmer_for(query.language);
  return *stemmer_for(has_cyrillic(query.text) ? "ru" : "en");
}

QueryReader::QueryReader(const Xapian::Database& db, const Xapian::Stem& stemmer) {
  parser_.set_database(db);
  parser_.set_stemmer(stemmer);
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // All words must match, as users of search boxes expect; OR is there when wanted.
  parser_.set_default_op(Xapian::Query::OP_AND);
  parser_.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                            Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PARTIAL);
  parser_.add_prefix("title", std::string(kTitlePrefix));
  parser_.add_boolean_prefix("id", (new ExactTermField(std::string(kIdLookupPrefix)))->release());
  parser_.add_boolean_prefix(std::string(kEverythingField), (new EverythingField())->release());
  for (const auto& name : read_facet_names(db)) {
    parser_.add_boolean_prefix(name, (new ExactTermField(facet_prefix(name)))->release());
  }
}

Xapian::Query QueryReader::read(const std::string& text) {
  if (is_blank(text)) return Xapian::Query::MatchAll;
  if (has_exclusion(text)) return parse(std::string(kEverythingField) + ":all " + text, 0);
  return parse(text, 0);
}

std::string QueryReader::correct(const std::string& text) {
  if (is_blank(text)) return {};
  parse(text, Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
  return parser_.get_corrected_query_string();
}

Xapian::Query QueryReader::parse(const std::string& text, unsigned extra_flags) {
  for (const unsigned syntax : kSyntaxes) {
    try {
      return parser_.parse_query(text, syntax | extra_flags);
    } catch (const Xapian::QueryParserError&) {
      // Not valid in this syntax: try the next, plainer one.
    }
  }
  return {};
}

Xapian::Query apply_filters(const Xapian::Query& query,
                            const std::map<std::string, std::vector<std::string>>& filters) {
  std::vector<Xapian::Query> facets;
  for (const auto& [name, values] : filters) {
    if (values.empty()) continue;
    std::vector<Xapian::Query> alternatives;
    alternatives.reserve(values.size());
    for (const auto& value : values) alternatives.emplace_back(facet_term(name, value));
    facets.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
  if (facets.empty()) return query;
  return {Xapian::Query::OP_FILTER, query,
          Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end())};
}

}  // namespace lifeline::search::detail
