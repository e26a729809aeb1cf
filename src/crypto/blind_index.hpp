// Blind indexes: keyed hashes of normalised names and dates of birth, so duplicate referrals
// of the same person are found without storing or comparing plaintext.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crypto/secret_key.hpp"

namespace lifeline::crypto {

// The form of a name that spelling variants share, so they hash alike:
//  - invalid UTF-8 bytes are dropped;
//  - uppercase becomes lowercase in ASCII, Latin-1, Latin Extended-A and Cyrillic;
//  - Latin letters lose their diacritics (é->e, ł->l, ø->o, ş/ș->s) and ligatures are
//    spelled out (ß->ss, æ->ae, œ->oe); combining marks are dropped, so decomposed
//    input matches precomposed input;
//  - ё->е, ѐ->е, ѝ->и (marks often left out when Russian, Bulgarian and Macedonian are written);
//  - punctuation (hyphens, dots, apostrophes, quotes ...) becomes a space;
//  - whitespace runs become one space and the ends are trimmed.
// It does not transliterate: "Olga" and "Ольга" stay different.
std::string normalise_for_matching(std::string_view text);

// Movable, not copyable; holds its own copy of the key.
class BlindIndex {
 public:
  explicit BlindIndex(std::span<const std::uint8_t, SecretKey::size> key);

  // Lowercase hex of keyed BLAKE2b-256 of already normalised text.
  std::string of(std::string_view normalised) const;

  // The index for duplicate detection: of(normalise_for_matching(full_name) + "|" +
  // date_of_birth_iso). The date is used as given apart from surrounding spaces (pass
  // YYYY-MM-DD, or "" when unknown). Empty if the name has no letters or digits, so
  // records without a usable name never match each other.
  std::string person(std::string_view full_name, std::string_view date_of_birth_iso) const;

 private:
  SecretKey key_;
};

}  // namespace lifeline::crypto
