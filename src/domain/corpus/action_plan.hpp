// The parser of the OSCE Action Plan to Combat Trafficking in Human Beings (PC.DEC/557, 2003) as
// shipped in data/corpus/action-plan-2003.txt, a web extraction with Markdown headings and lists.
//
// It builds the document "AP" and its provisions, and one `source` document for each earlier OSCE
// document that the annex "The OSCE commitments related to:" quotes.
//
// Action Plan provisions are "AP.<chapter>.<n>" or "AP.<chapter>.<n>.<m>", numbered as the text
// numbers them (AP.I.1, AP.III.3.2, AP.VI.4). Chapter II prints no numbers: its paragraphs are
// AP.II.1 (the definition, with the quotation its colon introduces) and AP.II.2. A numbered line
// whose paragraphs are sub-numbered ("1. Criminalization" over 1.1, 1.2, ...) is a heading, not a
// provision. The footnote of heading V.3, which the extraction prints inside 3.1, is left out.
//
// Source documents have short upper-case ids (PORTO2002, BUCHAREST2001-POA for the Bucharest Plan
// of Action, BUCHAREST2001 for Ministerial Council Decision No. 6, VIENNA2000, ISTANBUL1999,
// HELSINKI1992, MOSCOW1991, HELSINKI1975). Each paragraph the annex quotes from one of them is a
// provision "<id>.<n>", counted per source across the whole annex; a "..." line marks text left
// out between two quoted paragraphs, and paragraphs that continue a list ending in a colon ("with
// the following aims in view:" / "to encourage ...;") are that passage's items. A passage keeps
// its inner quotation marks but not those the annex puts around a quotation spanning several
// paragraphs.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// `text` is the shipped text with its corrections applied. Fails only when the text is not the
// Action Plan at all; lines it cannot place are returned as unplaced.
Result<ParseResult> parse_action_plan(std::string_view text);

// The level (level::*) that a heading such as "Recommended action at the national level" or
// "Action for OSCE Institutions and Bodies" gives the paragraphs under it, or an empty view when
// `heading` is not one of them. The Addendum uses the same headings.
std::string_view level_of_heading(std::string_view heading);

// The pillar (pillar::*) a heading names by its subject, as the Action Plan's chapters do:
// "Investigation, law enforcement and prosecution" gives prosecution, "Prevention of THB"
// prevention, "Protection and assistance" protection; an empty view for any other heading.
std::string_view pillar_of_heading(std::string_view heading);

}  // namespace lifeline::domain::corpus
