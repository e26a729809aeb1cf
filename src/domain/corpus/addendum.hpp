// The parser of the Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings: One
// Decade Later (PC.DEC/1107, 2013) as shipped in data/corpus/addendum-2013.txt, a PDF extraction.
//
// It builds the document "ADD", with its preamble and the interpretative statements attached to
// the decision, and its provisions:
//   ADD.I.1, ADD.I.2          chapter I, the purpose of the Addendum;
//   ADD.<ch>.<n>.<m>          recommended action at the national level in chapters II-IV, under
//                             headings such as "1. Criminalizing and prosecuting all forms of THB";
//   ADD.V.<n>                 chapter V's national paragraphs, which have no sub-numbers;
//   ADD.<ch>.O<n>             action for OSCE institutions and bodies (number "O<n>", level osce).
// A paragraph about the Partners for Co-operation has level `partners`.
//
// The extraction prints heading numbers on lines of their own away from their titles, so a
// heading takes its number from the paragraphs under it; page and footnote numbers on lines of
// their own, running headers and footnote texts that interrupt a sentence are left out.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "domain/corpus/model.hpp"

namespace lifeline::domain::corpus {

// `text` is the shipped text with its corrections applied. Fails only when the text is not the
// Addendum at all; lines it cannot place are returned as unplaced.
Result<ParseResult> parse_addendum(std::string_view text);

}  // namespace lifeline::domain::corpus
