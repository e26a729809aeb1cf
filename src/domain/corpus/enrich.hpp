// What Lifeline derives from a provision's words once the parsers have placed it: the actors it
// names, its references to other provisions and documents, and the Compendium's thematic
// keywords its text touches.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// Actor ids named in `text` ("ODIHR", "OSR/CTHB", "Field operations", "UNICEF", ...), sorted.
std::vector<std::string> actors_named(std::string_view text);

// Every actor id actors_named can return, for the UI's filters.
std::vector<std::string> known_actors();

// Keyword names whose rules match `text`, sorted. Rules exist for the Compendium's keywords.
std::vector<std::string> keywords_found(std::string_view text);

// References made by `provision` to provisions or documents that exist in `provisions` and
// `documents`; a provision never links to itself or to its own document.
std::vector<Link> references_in(const Provision& provision, const std::set<std::string>& provisions,
                                const std::set<std::string>& documents);

// Fills actors, inferred_keywords and links of every provision of `corpus` (keeping what the
// parsers set), adding a Keyword record for each inferred keyword. `known` holds provisions and
// documents outside `corpus` that references may point to (e.g. the stored compendium when a
// new decision is imported).
void enrich(Corpus& corpus, const Corpus& known = {});

}  // namespace lifeline::domain::corpus
