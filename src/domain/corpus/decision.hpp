// Parser of one OSCE Ministerial Council decision as the OSCE prints it (and as the Compendium's
// annex reproduces it): front matter with symbol, date and place, "DECISION No. N/YY", the title,
// the preamble, numbered operative paragraphs and the interpretative statements attached to it.
// It reads the shipped decisions and a new decision a user imports from a text file.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// One document "MC<N>/<YY>" (kind commitment, symbol "MC.DEC/<N>/<YY>", issued by the
// Ministerial Council) with its provisions "MC<N>/<YY>.<n>" in paragraph order. Page numbers,
// running headers, registration codes and footnotes are dropped; wrapped lines are joined.
// Level comes from whom a paragraph addresses; pillar and keywords are left empty (the
// Compendium places the shipped decisions, another component classifies imported ones).
// Fails with Errc::malformed, saying why, when the text is not a single decision: no header,
// a number that is not N/YY, no title, no numbered paragraph, a paragraph numbered twice or
// missing. Lines it recognises but cannot place are returned as unplaced.
Result<ParseResult> parse_decision(std::string_view text);

// The same for a decision cut out of a longer text whose line `first_line` (1-based) is the
// decision's first line, so that unplaced lines carry numbers of that longer text.
Result<ParseResult> parse_decision(std::string_view text, int first_line);

// Where each decision printed in `lines` begins (0-based line indexes, ascending): at its front
// matter (symbol, "Organization for Security...", place, meeting) when it has one, else at its
// "DECISION No." line. Everything from one start to the next belongs to one decision,
// interpretative statements included.
std::vector<std::size_t> decision_start_lines(std::span<const std::string_view> lines);

}  // namespace lifeline::domain::corpus
