#include "crypto/encoding.hpp"

#include <sodium.h>

namespace lifeline::crypto {
namespace {

constexpr std::string_view base32_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::optional<std::uint8_t> base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<std::uint8_t>(c - 'A');
  if (c >= 'a' && c <= 'z') return static_cast<std::uint8_t>(c - 'a');
  if (c >= '2' && c <= '7') return static_cast<std::uint8_t>(c - '2' + 26);
  return std::nullopt;
}

}  // namespace

std::string to_hex(std::span<const std::uint8_t> bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');  // sodium_bin2hex writes a terminating NUL
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  hex.pop_back();
  return hex;
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  if (hex.empty()) return std::vector<std::uint8_t>{};
  std::vector<std::uint8_t> bytes(hex.size() / 2);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &length, &end) !=
          0 ||
      end != hex.data() + hex.size() || length != bytes.size()) {
    return std::nullopt;
  }
  return bytes;
}

std::string to_base64url(std::span<const std::uint8_t> bytes) {
  constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_encoded_len(bytes.size(), variant), '\0');  // includes NUL
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
  text.pop_back();
  return text;
}

std::optional<std::vector<std::uint8_t>> from_base64url(std::string_view text) {
  std::vector<std::uint8_t> bytes(text.size() * 3 / 4 + 1);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                        &end, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

std::string base32_encode(std::span<const std::uint8_t> bytes, bool pad) {
  std::string text;
  text.reserve((bytes.size() + 4) / 5 * 8);
  std::uint32_t buffer = 0;  // holds fewer than 13 pending bits
  int bits = 0;
  for (const std::uint8_t byte : bytes) {
    buffer = (buffer << 8U) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += base32_alphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
    }
  }
  if (bits > 0) text += base32_alphabet[(buffer << static_cast<unsigned>(5 - bits)) & 0x1FU];
  if (pad) text.append((8 - text.size() % 8) % 8, '=');
  return text;
}

std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view text) {
  while (!text.empty() && (text.back() == '=' || text.back() == ' ')) text.remove_suffix(1);
  std::vector<std::uint8_t> bytes;
  bytes.reserve(text.size() * 5 / 8);
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t digits = 0;
  for (const char c : text) {
    if (c == ' ') continue;
    const auto value = base32_value(c);
    if (!value) return std::nullopt;
    ++digits;
    buffer = (buffer << 5U) | *value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<std::uint8_t>(buffer >> static_cast<unsigned>(bits)));
    }
  }
  // Encoders end a group of 8 digits after 2, 4, 5 or 7 digits; 1, 3 or 6 mean truncation.
  const std::size_t tail = digits % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  return bytes;
}

}  // namespace lifeline::crypto
