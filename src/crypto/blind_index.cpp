#include "crypto/blind_index.hpp"

#include <array>

#include "crypto/detail/utf8.hpp"
#include "crypto/detail/wipe.hpp"
#include "crypto/token.hpp"

namespace lifeline::crypto {
namespace {

// U+00C0-U+017F without diacritics, lowercase; "" for the two symbols × and ÷.
// clang-format off
constexpr std::array<std::string_view, 0x180 - 0xC0> latin_folds = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00C0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",   // U+00F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",   // U+0100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",   // U+0110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",   // U+0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l", // U+0130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "ng", "ng", "o", "o", "o", "o", // U+0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", // U+0150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",   // U+0160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",   // U+0170
};
// clang-format on

// What a code point contributes to the normalised form.
enum class Role { letter, space, dropped };

bool in(char32_t c, char32_t first, char32_t last) {
  return c >= first && c <= last;
}

Role role_of(char32_t c) {
  if (c < 0x80) {
    const bool alphanumeric = in(c, U'a', U'z') || in(c, U'A', U'Z') || in(c, U'0', U'9');
    return alphanumeric ? Role::letter : Role::space;  // punctuation, whitespace, controls
  }
  if (c == 0x00AD || in(c, 0x200B, 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0xFFFD) {
    return Role::dropped;  // soft hyphen, zero-width characters, replacement character
  }
  if (in(c, 0x0300, 0x036F) || in(c, 0x0483, 0x0489)) return Role::dropped;     // combining marks
  if (in(c, 0x0080, 0x00BF) || c == 0x00D7 || c == 0x00F7) return Role::space;  // symbols, NBSP
  if (in(c, 0x02B9, 0x02BC) || c == 0x02C8 || c == 0x1680 || in(c, 0x2000, 0x206F) || c == 0x3000) {
    return Role::space;  // modifier apostrophes, general punctuation and spaces
  }
  return Role::letter;
}

// Appends the folded form of a letter.
void append_letter(std::string& out, char32_t c) {
  c = detail::to_lower(c);
  if (in(c, 0x00C0, 0x017F)) {
    out.append(latin_folds[c - 0xC0]);
    return;
  }
  switch (c) {
    case 0x0219:  // ș
      out += 's';
      return;
    case 0x021B:  // ț
      out += 't';
      return;
    case 0x0450:                         // ѐ
    case 0x0451:                         // ё
      detail::append_utf8(out, 0x0435);  // е
      return;
    case 0x045D:                         // ѝ
      detail::append_utf8(out, 0x0438);  // и
      return;
    default:
      detail::append_utf8(out, c);
  }
}

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string normalise_for_matching(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space_pending = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto code_point = detail::next_code_point(text, pos);
    if (!code_point) continue;  // an invalid byte: dropped
    switch (role_of(*code_point)) {
      case Role::dropped:
        break;
      case Role::space:
        space_pending = true;
        break;
      case Role::letter:
        // One space between words; none before the first.
        if (space_pending && !out.empty()) out += ' ';
        space_pending = false;
        append_letter(out, *code_point);
        break;
    }
  }
  return out;
}

BlindIndex::BlindIndex(std::span<const std::uint8_t, SecretKey::size> key)
    : key_(SecretKey::copy_of(key)) {}

std::string BlindIndex::of(std::string_view normalised) const {
  return keyed_digest(key_.bytes(), normalised);
}

std::string BlindIndex::person(std::string_view full_name,
                               std::string_view date_of_birth_iso) const {
  std::string name = normalise_for_matching(full_name);
  const detail::WipeOnExit wipe_name(name);
  if (name.empty()) return {};
  const std::string_view date = trim_spaces(date_of_birth_iso);
  std::string text;
  text.reserve(name.size() + 1 + date.size());  // no reallocation leaves copies behind
  const detail::WipeOnExit wipe_text(text);
  text.append(name).append("|").append(date);
  return of(text);
}

}  // namespace lifeline::crypto
