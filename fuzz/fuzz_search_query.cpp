// Random query text against a small search index: every input must give a result or an
// invalid_argument error, and snippets must stay HTML-safe (no markup but <mark>).
// Input: the whole input is the query text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "search/search_index.hpp"

namespace {

using namespace lifeline::search;

void check(bool condition) {
  if (!condition) std::abort();
}

const SearchIndex& index() {
  static const std::unique_ptr<SearchIndex> instance = [] {
    auto created = SearchIndex::temporary();
    check(created.has_value());
    const std::vector<SearchDocument> docs{
        {"AP.V.3.1",
         "provision",
         "National Referral Mechanisms",
         "Establishing National Referral Mechanisms to protect the victims of trafficking.",
         {{"pillar", {"protection"}}, {"keyword", {"identification", "victim support"}}}},
        {"MC6/17.4",
         "provision",
         "Child victims",
         "The best interests of the child in all actions concerning child victims.",
         {{"document", {"MC6/17"}}, {"keyword", {"children"}}, {"actor", {"ODIHR"}}}},
        {"resource:markup",
         "resource",
         "<b>Markup</b> & more",
         "A text with <script>alert('x')</script> & \"quotes\" in it.",
         {{"keyword", {"technology"}}}},
        {"resource:ru",
         "resource",
         "Защита детей",
         "Руководство по защите детей, пострадавших от торговли людьми.",
         {{"keyword", {"children"}}},
         "ru"},
    };
    check((*created)->replace(docs).has_value());
    return std::move(*created);
  }();
  return *instance;
}

// Snippets escape the text: the only markup left is the highlighting.
bool is_html_safe(std::string snippet) {
  for (const std::string_view tag : {"<mark>", "</mark>"}) {
    for (auto at = snippet.find(tag); at != std::string::npos; at = snippet.find(tag)) {
      snippet.erase(at, tag.size());
    }
  }
  return snippet.find('<') == std::string::npos && snippet.find('>') == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  SearchQuery query;
  query.text.assign(reinterpret_cast<const char*>(data), size);
  query.facets = {"keyword", "kind"};
  const auto result = index().search(query);
  if (!result) {
    check(result.error().code == lifeline::Errc::invalid_argument);
    return 0;
  }
  check(result->hits.size() <= query.limit);
  for (const auto& hit : result->hits) check(is_html_safe(hit.snippet));
  return 0;
}
