#include "crypto/token.hpp"

#include <array>
#include <set>

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"

namespace lifeline::crypto {
namespace {

TEST(RandomToken, HasTheLengthOfItsBytesInBase64Url) {
  EXPECT_EQ(random_token().size(), 43U);  // 32 bytes, unpadded
  EXPECT_EQ(random_token(16).size(), 22U);
  EXPECT_EQ(random_token(0), "");
  const auto decoded = from_base64url(random_token());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 32U);
}

TEST(RandomToken, IsUniqueAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string token = random_token();
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789-_"),
              std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 1000U);
}

// Expected values from Python: hashlib.blake2b(data, digest_size=32).hexdigest().
TEST(TokenDigest, IsBlake2b256) {
  EXPECT_EQ(token_digest(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(token_digest("abc"),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(TokenDigest, IsStableAndDistinguishesTokens) {
  const std::string token = random_token();
  EXPECT_EQ(token_digest(token), token_digest(token));
  EXPECT_NE(token_digest(token), token_digest(random_token()));
  EXPECT_EQ(token_digest(token).size(), 64U);
}

TEST(EqualConstantTime, ComparesContentAndLength) {
  EXPECT_TRUE(equal_constant_time("", ""));
  EXPECT_TRUE(equal_constant_time("secret", "secret"));
  EXPECT_FALSE(equal_constant_time("secret", "secreT"));
  EXPECT_FALSE(equal_constant_time("secret", "secret2"));
  EXPECT_FALSE(equal_constant_time("", "x"));
  EXPECT_FALSE(equal_constant_time(std::string_view(), "x"));
}

// Python: hashlib.blake2b(b"message", digest_size=32, key=bytes(range(32))).hexdigest().
TEST(KeyedDigest, IsKeyedBlake2b256) {
  std::array<std::uint8_t, 32> key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  EXPECT_EQ(keyed_digest(key, "message"),
            "2615bcafac3ebcd31940a8f15d876916435d805823d2db78c201a8e94624a0ae");
  std::array<std::uint8_t, 32> other_key = key;
  other_key[0] ^= 1U;
  EXPECT_NE(keyed_digest(other_key, "message"), keyed_digest(key, "message"));
  EXPECT_NE(keyed_digest(key, "message"), token_digest("message"));
}

}  // namespace
}  // namespace lifeline::crypto
