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

}  // namespace lifeline::domain::corpus
