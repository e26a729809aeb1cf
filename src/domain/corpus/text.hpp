// Small text tools shared by the corpus parsers: the source texts are PDF and web extractions
// with wrapped lines, hyphenation, Markdown emphasis, page numbers and bare URL lines.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline::domain::corpus {

std::string_view trim(std::string_view text);

// Lines without their line ends ("\n" or "\r\n"); an empty text gives no lines.
std::vector<std::string_view> split_lines(std::string_view text);

// Runs of spaces, tabs and no-break spaces become one space; the result is trimmed.
std::string collapse_whitespace(std::string_view text);

// Removes Markdown emphasis and escapes the web extraction added: "**", "*x*", "\*".
std::string strip_markdown(std::string_view text);

// A line that is only a URL (the PDF extraction repeats link targets as lines of their own).
bool is_url_line(std::string_view line);

// A line that is only a page number (or a footnote number), e.g. "12" or "- 12 -".
bool is_page_number_line(std::string_view line);

// Joins wrapped lines into one paragraph: one space between lines, and a word broken at a line
// end by a hyphen ("informa-" + "tion") is mended, while compounds the OSCE texts hyphenate
// ("co-operation", "anti-trafficking", "follow-up") keep their hyphen.
std::string join_wrapped(std::span<const std::string_view> lines);
std::string join_wrapped(std::span<const std::string> lines);

// A hand-curated fix for what no parsing rule can recover, applied to a source text before
// it is parsed. `find` must occur exactly once in the file, so a fix cannot silently stop
// applying when the text changes.
struct Correction {
  std::string file;  // file name under data/corpus, e.g. "addendum-2013.txt"
  std::string find;
  std::string replace;
  std::string why;  // required: the reason no rule can do it
};

// Reads data/corpus/corrections.toml: an array of tables [[correction]] with keys file, find,
// replace and why.
Result<std::vector<Correction>> parse_corrections(std::string_view toml);

// `text` with every correction for `file` applied in order; fails naming the first correction
// whose `find` does not occur exactly once.
Result<std::string> apply_corrections(std::string_view file, std::string text,
                                      std::span<const Correction> corrections);

// Added for the Action Plan, Addendum and report parsers.

// The roman numeral a chapter or part heading starts with ("IV. Prevention of ..." -> "IV"), or
// an empty view when the line starts with none.
std::string_view chapter_numeral(std::string_view line);

// The paragraph number a line starts with, as the OSCE texts print it: "3." gives 3, "1.12 Taking"
// gives 1 and 12 with the rest "Taking". The number must be followed by a space or end the line,
// so "1991, the Final Act" has none. `major` is 0 when there is no number, `minor` 0 when the
// number has no second part.
struct ParagraphNumber {
  int major = 0;
  int minor = 0;
  std::string_view rest;
};
ParagraphNumber paragraph_number(std::string_view line);

// A line printed in capitals, as PDF titles and part headings are: it has letters, none of them
// lower case ("IV. NEXT STEPS: CHALLENGES AND RECOMMENDATIONS", "CO-OPERATION IN EUROPE").
bool is_upper_case_line(std::string_view line);

// Whether prose stops in the middle of a sentence: it ends on a letter or digit, or on a hyphen
// after one ("Expert Co-"), not on punctuation. Such a sentence continues after a blank line, a
// page break or a footnote.
bool ends_mid_sentence(std::string_view text);

// `text` without the quotation marks (“ ”) that enclose it as a whole, and without an opening mark
// at its start or a closing mark at its end that has no partner in `text`: what is left of a
// quotation that spans several paragraphs once each paragraph stands alone. Inner quotations stay.
std::string strip_enclosing_quotes(std::string_view text);

// Splits wrapped prose into paragraphs, each joined with join_wrapped. A paragraph ends at a
// blank line unless it stops mid-sentence (a page break fell there). Where the extraction kept no
// blank line between paragraphs, a paragraph also ends at a line that ends a sentence or clause
// while leaving room for the next line's first word: justified text fills every line of a
// paragraph but its last.
std::vector<std::string> join_paragraphs(std::span<const std::string_view> lines);

// Added for the Compendium and decision parsers.

// Whether `text` is valid UTF-8 without control characters other than tab, line ends and form
// feed: what a user may import as a text file, as opposed to binary data.
bool is_plain_text(std::string_view text);

}  // namespace lifeline::domain::corpus
