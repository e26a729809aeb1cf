#include "search/detail/schema.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>

namespace lifeline::search::detail {

namespace {

constexpr std::size_t kMaxFacetNameBytes = 32;

// Bytes a UTF-8 sequence starting with `lead` has, or 0 when `lead` cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Whether the continuation byte right after `lead` is allowed: this excludes overlong forms,
// UTF-16 surrogates and code points above U+10FFFF.
bool second_byte_fits(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0:
      return second >= 0xA0;
    case 0xED:
      return second <= 0x9F;
    case 0xF0:
      return second >= 0x90;
    case 0xF4:
      return second <= 0x8F;
    default:
      return true;
  }
}

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Reads the varint length at `pos` and moves `pos` past it; nothing when the input ends inside
// it or it is too long to be a length.
std::optional<std::size_t> read_length(std::string_view encoded, std::size_t& pos) {
  std::size_t length = 0;
  for (int shift = 0; pos < encoded.size() && shift < 63; shift += 7) {
    const auto byte = static_cast<unsigned char>(encoded[pos++]);
    length |= static_cast<std::size_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return length;
  }
  return std::nullopt;
}

}  // namespace

std::string facet_prefix(std::string_view name) {
  std::string prefix = "X";
  std::transform(name.begin(), name.end(), std::back_inserter(prefix), [](char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
  });
  prefix += ':';
  return prefix;
}

std::string facet_term(std::string_view name, std::string_view value) {
  return facet_prefix(name) + fold_case(value);
}

std::string id_lookup_term(std::string_view id) {
  return std::string(kIdLookupPrefix) + fold_case(id);
}

std::string fold_case(std::string_view text) {
  return Xapian::Unicode::tolower(std::string(text));
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = sequence_length(lead);
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return false;
    }
    if (length > 1 && !second_byte_fits(lead, static_cast<unsigned char>(text[i + 1]))) {
      return false;
    }
    i += length;
  }
  return true;
}

bool is_valid_facet_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxFacetNameBytes) return false;
  if (name == "id" || name == "title") return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<Xapian::Stem> stemmer_for(std::string_view language) {
  // Snowball's own names; the codes are what SearchDocument and SearchQuery accept.
  static constexpr std::array<std::pair<std::string_view, const char*>, 4> kStemmers{{
      {"en", "english"},
      {"ru", "russian"},
      {"fr", "french"},
      {"de", "german"},
  }};
  for (const auto& [code, snowball_name] : kStemmers) {
    if (code == language) return Xapian::Stem(snowball_name);
  }
  return std::nullopt;
}

void append_field(std::string& out, std::string_view field) {
  // Length as a little-endian base-128 varint, then the bytes.
  std::size_t length = field.size();
  while (length >= 0x80) {
    out += static_cast<char>((length & 0x7F) | 0x80);
    length >>= 7;
  }
  out += static_cast<char>(length);
  out += field;
}

std::vector<std::string_view> decode_fields(std::string_view encoded) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (pos < encoded.size()) {
    const auto length = read_length(encoded, pos);
    if (!length || *length > encoded.size() - pos) break;
    fields.push_back(encoded.substr(pos, *length));
    pos += *length;
  }
  return fields;
}

}  // namespace lifeline::search::detail
