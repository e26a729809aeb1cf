// Parser of the OSR/CTHB's 2019 "Compendium of relevant reference materials and resources" on
// Ministerial Council Decisions 6/17, 7/17 and 6/18 (data/corpus/compendium-2019.txt, a PDF
// extraction). The Compendium places each operative paragraph of the three decisions in a
// section of the 4P framework and lists OSCE literature for it under thematic keywords; its
// annex reprints the decisions.
//
// How the scrambled layout is read: each Compendium page holds one provision, ending with its
// marker "(MC Decision 6/17, para 4)", and a "Resources by keyword" column of "On <keyword>:"
// blocks. The extraction keeps a page's lines together but not in order: part of the column
// may come after the provision text, headings come before the page they open, link targets are
// repeated as bare URL lines. So the text from one "Resources by keyword" to the next is one
// page and belongs to the provision whose marker it holds. When the provision text of the next
// page was extracted at the end of a page (two markers on one page, none on the next), the
// second marker owns the next page.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// The three decisions of the annex (parsed with parse_decision, so provision texts are the
// official texts) with each provision's pillar (from the Compendium section it is placed in) and
// keywords, the keywords, the resources deduplicated across all pages, and one citation per
// resource, keyword and provision with the pages cited there. `text` is the Compendium with the
// corrections for "compendium-2019.txt" applied. Fails when the text has no "Resources by
// keyword" page or no decision in its annex; what it cannot tie to a provision comes back as
// unplaced lines.
Result<ParseResult> parse_compendium(std::string_view text);

// The Compendium shipped in data/corpus, with the shipped corrections applied, parsed.
Result<ParseResult> parse_shipped_compendium();

}  // namespace lifeline::domain::corpus
