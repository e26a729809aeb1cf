// Text encodings of binary values: hex for digests, base64url for tokens that travel in
// cookies and URLs, base32 for TOTP secrets that people may type.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lifeline::crypto {

// Lowercase hexadecimal.
std::string to_hex(std::span<const std::uint8_t> bytes);
// Accepts upper- and lowercase digits; nullopt unless the whole text is hex pairs.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex);

// Base64 with the URL-safe alphabet ('-', '_') and no '=' padding.
std::string to_base64url(std::span<const std::uint8_t> bytes);
// Nullopt unless the whole text is canonical unpadded base64url.
std::optional<std::vector<std::uint8_t>> from_base64url(std::string_view text);

// RFC 4648 base32 (A-Z, 2-7), with '=' padding only when asked for: authenticator apps
// expect TOTP secrets without it.
std::string base32_encode(std::span<const std::uint8_t> bytes, bool pad = false);
// Case-insensitive; ignores spaces (people copy secrets in groups) and trailing '='.
// Nullopt for other characters or a length no encoder produces.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text);

// The bytes of a string, for passing text to the byte-oriented functions.
inline std::span<const std::uint8_t> as_bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace lifeline::crypto
