// The OSCE texts and the curated corrections shipped in data/corpus, built into the binary so
// that Lifeline can import its compendium on first start wherever it runs.
#pragma once

#include <span>
#include <string_view>

namespace lifeline::domain::corpus {

struct ShippedText {
  std::string_view file;  // name under data/corpus, e.g. "action-plan-2003.txt"
  std::string_view text;
};

std::span<const ShippedText> shipped_texts();

// The text of one shipped file; empty if there is none of that name.
std::string_view shipped_text(std::string_view file);

}  // namespace lifeline::domain::corpus
