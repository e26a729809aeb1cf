// Just enough UTF-8 for password rules and name matching: strict decoding, encoding, and
// lowercase for the scripts Lifeline's users write names in (Latin and Cyrillic).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lifeline::crypto::detail {

// Decodes the code point starting at `pos` and advances `pos` past it. Returns nullopt for
// an invalid sequence (stray continuation byte, truncation, overlong form, surrogate, or
// beyond U+10FFFF) and then advances `pos` by one byte, so a caller can skip bad bytes.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& pos);

bool is_valid_utf8(std::string_view text);

// The code points of valid UTF-8 text, or nullopt if any byte sequence is invalid.
std::optional<std::vector<char32_t>> decode_utf8(std::string_view text);

void append_utf8(std::string& out, char32_t code_point);

// Simple (one-to-one) lowercase mapping for ASCII, Latin-1 Supplement, Latin Extended-A,
// the Romanian comma letters and Cyrillic (U+0400-U+04FF); other code points are unchanged.
char32_t to_lower(char32_t code_point);

// to_lower applied to every code point; invalid sequences are copied through unchanged so
// two different invalid inputs never become equal.
std::string to_lower(std::string_view text);

}  // namespace lifeline::crypto::detail
