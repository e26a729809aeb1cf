// Shared by the parsers' tests: a shipped text with its curated corrections, parsed, and the
// lookup of a provision by id.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "domain/corpus/model.hpp"
#include "domain/corpus/shipped_texts.hpp"
#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus::test_support {

using Parser = Result<ParseResult> (*)(std::string_view);

inline ParseResult parse_shipped(std::string_view file, Parser parse) {
  auto corrections = parse_corrections(shipped_text("corrections.toml")).value();
  auto text = apply_corrections(file, std::string(shipped_text(file)), corrections).value();
  return parse(text).value();
}

// The provision with `id`; fails the test (and returns an empty one) when there is none.
inline const Provision& provision_of(const ParseResult& result, std::string_view id) {
  static const Provision missing;
  const auto& provisions = result.corpus.provisions;
  auto found = std::ranges::find(provisions, id, &Provision::id);
  if (found == provisions.end()) {
    ADD_FAILURE() << "no provision " << id;
    return missing;
  }
  return *found;
}

}  // namespace lifeline::domain::corpus::test_support
