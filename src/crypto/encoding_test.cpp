#include "crypto/encoding.hpp"

#include <gtest/gtest.h>

namespace lifeline::crypto {
namespace {

std::vector<std::uint8_t> bytes_of(std::string_view text) {
  const auto bytes = as_bytes(text);
  return {bytes.begin(), bytes.end()};
}

TEST(Hex, RoundTripsAndRejectsNonHex) {
  const std::vector<std::uint8_t> bytes = {0x00, 0x01, 0xAB, 0xFF};
  EXPECT_EQ(to_hex(bytes), "0001abff");
  EXPECT_EQ(from_hex("0001abff"), bytes);
  EXPECT_EQ(from_hex("0001ABFF"), bytes);
  EXPECT_EQ(from_hex(""), std::vector<std::uint8_t>{});
  EXPECT_EQ(from_hex("abc"), std::nullopt);
  EXPECT_EQ(from_hex("zz"), std::nullopt);
  EXPECT_EQ(from_hex("00 1"), std::nullopt);
}

TEST(Base64Url, RoundTripsWithoutPadding) {
  const std::vector<std::uint8_t> bytes = {0xFB, 0xFF, 0xBF};  // uses '-' and '_'
  EXPECT_EQ(to_base64url(bytes), "-_-_");
  EXPECT_EQ(from_base64url("-_-_"), bytes);
  EXPECT_EQ(to_base64url(bytes_of("f")), "Zg");
  EXPECT_EQ(from_base64url("Zg"), bytes_of("f"));
  EXPECT_EQ(from_base64url("Zg=="), std::nullopt);  // padding is not part of this encoding
  EXPECT_EQ(from_base64url("+/+/"), std::nullopt);  // the standard alphabet is not either
  EXPECT_EQ(from_base64url("Z"), std::nullopt);
}

// RFC 4648 section 10.
TEST(Base32, Rfc4648TestVectors) {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""},
      {"f", "MY======"},
      {"fo", "MZXQ===="},
      {"foo", "MZXW6==="},
      {"foob", "MZXW6YQ="},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI======"},
  };
  for (const auto& [plain, encoded] : vectors) {
    SCOPED_TRACE(std::string(plain));
    EXPECT_EQ(base32_encode(as_bytes(plain), true), encoded);
    EXPECT_EQ(base32_decode(encoded), bytes_of(plain));
    std::string unpadded(encoded.substr(0, encoded.find('=')));
    EXPECT_EQ(base32_encode(as_bytes(plain)), unpadded);
    EXPECT_EQ(base32_decode(unpadded), bytes_of(plain));
  }
}

TEST(Base32, DecodesAsPeopleTypeIt) {
  EXPECT_EQ(base32_decode("mzxw 6ytb oi"), bytes_of("foobar"));
  EXPECT_EQ(base32_decode("MZXW6YTB1"), std::nullopt);  // '1' is not base32
  EXPECT_EQ(base32_decode("MZX"), std::nullopt);        // no encoder ends a group here
  EXPECT_EQ(base32_decode("MZ=XW6YTB"), std::nullopt);  // padding only at the end
}

}  // namespace
}  // namespace lifeline::crypto
