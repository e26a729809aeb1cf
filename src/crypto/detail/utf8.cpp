#include "crypto/detail/utf8.hpp"

namespace lifeline::crypto::detail {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0U) == 0x80U;
}

// Lowercase within Latin Extended-A, where case pairs alternate and the parity of the
// uppercase member changes between runs.
char32_t latin_extended_a_to_lower(char32_t c) {
  if (c == 0x0130) return U'i';    // İ: its full lowercase is "i" + combining dot; "i" matches
  if (c == 0x0178) return 0x00FF;  // Ÿ -> ÿ lives in Latin-1
  const bool even = c % 2 == 0;
  if ((c <= 0x0137 || (c >= 0x014A && c <= 0x0177)) && even) return c + 1;
  if (((c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E)) && !even) return c + 1;
  return c;
}

char32_t cyrillic_to_lower(char32_t c) {
  if (c <= 0x040F) return c + 0x50;  // Ѐ-Џ -> ѐ-џ
  if (c <= 0x042F) return c + 0x20;  // А-Я -> а-я
  if (c <= 0x045F) return c;         // already lowercase
  if (c == 0x04C0) return 0x04CF;    // Ӏ (palochka)
  const bool even = c % 2 == 0;
  if ((c <= 0x0481 || (c >= 0x048A && c <= 0x04BF) || c >= 0x04D0) && even) return c + 1;
  if (c >= 0x04C1 && c <= 0x04CE && !even) return c + 1;
  return c;
}

}  // namespace

std::optional<char32_t> next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80U) {
    ++pos;
    return lead;
  }
  // The lead byte gives the length, the first payload bits, and the smallest value that
  // needs that length (anything below is an overlong form, a classic filter bypass).
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    value = lead & 0x1FU;
    minimum = 0x80;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    value = lead & 0x0FU;
    minimum = 0x800;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    value = lead & 0x07U;
    minimum = 0x10000;
  } else {
    ++pos;
    return std::nullopt;
  }
  if (text.size() - pos < length) {
    ++pos;
    return std::nullopt;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[pos + i]);
    if (!is_continuation(byte)) {
      ++pos;
      return std::nullopt;
    }
    value = (value << 6U) | (byte & 0x3FU);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    ++pos;
    return std::nullopt;
  }
  pos += length;
  return value;
}

bool is_valid_utf8(std::string_view text) {
  return decode_utf8(text).has_value();
}

std::optional<std::vector<char32_t>> decode_utf8(std::string_view text) {
  std::vector<char32_t> code_points;
  code_points.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto code_point = next_code_point(text, pos);
    if (!code_point) return std::nullopt;
    code_points.push_back(*code_point);
  }
  return code_points;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

char32_t to_lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  if (c >= 0x00C0 && c <= 0x00DE && c != 0x00D7) return c + 0x20;  // À-Þ except ×
  if (c >= 0x0100 && c <= 0x017F) return latin_extended_a_to_lower(c);
  if (c >= 0x0218 && c <= 0x021B && c % 2 == 0) return c + 1;  // Ș Ț (Romanian)
  if (c >= 0x0400 && c <= 0x04FF) return cyrillic_to_lower(c);
  return c;
}

std::string to_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (const auto code_point = next_code_point(text, pos)) {
      append_utf8(out, to_lower(*code_point));
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

}  // namespace lifeline::crypto::detail
