// Builds the compendium from the texts shipped in data/corpus, and prepares a new Ministerial
// Council decision given as a text file for `lifeline corpus import`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// Identifies what build_shipped_corpus would produce: a digest of the shipped texts and
// corrections with `build_id` (the program's version), so that an upgrade re-imports them.
std::string shipped_corpus_version(std::string_view build_id);

struct ShippedCorpus {
  Corpus corpus;
  // Lines of the shipped texts no parser could place, named "file:line" (expected empty; the
  // tests keep it so).
  std::vector<std::string> unplaced;
};

// Applies the curated corrections, parses every shipped text, merges the results in document
// order (AP, ADD, the MC decisions, the 2006 report, then the sources the Action Plan quotes)
// and derives actors, keywords and links. Fails when a correction no longer applies or two
// records share an id.
Result<ShippedCorpus> build_shipped_corpus();

// Parses `text` as one new decision and links it to the `stored` compendium. Rejects
// (Errc::invalid_argument, one field per line) a text with any line the parser could not
// place, and (Errc::conflict) a decision the compendium already has.
Result<Corpus> prepare_decision_import(std::string_view text, const Corpus& stored);

}  // namespace lifeline::domain::corpus
