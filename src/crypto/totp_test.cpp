#include "crypto/totp.hpp"

#include <set>

#include <gtest/gtest.h>

#include "crypto/detail/hotp.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::string_view rfc_secret = "12345678901234567890";

// RFC 6238 Appendix B, the SHA-1 rows: time and 8-digit TOTP.
constexpr std::pair<std::int64_t, std::string_view> rfc6238_sha1[] = {
    {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
    {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
};

TEST(Totp, Rfc6238EightDigitVectors) {
  for (const auto& [time, expected] : rfc6238_sha1) {
    SCOPED_TRACE(time);
    EXPECT_EQ(detail::totp_code(as_bytes(rfc_secret), time, 8), expected);
  }
}

TEST(Totp, SixDigitCodesAreTheLastSixDigits) {
  for (const auto& [time, expected] : rfc6238_sha1) {
    SCOPED_TRACE(time);
    EXPECT_EQ(totp_code(as_bytes(rfc_secret), time), expected.substr(2));
  }
}

// RFC 4226 Appendix D: HOTP values for counters 0-9.
TEST(Hotp, Rfc4226Vectors) {
  constexpr std::string_view expected[] = {"755224", "287082", "359152", "969429", "338314",
                                           "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(detail::hotp(as_bytes(rfc_secret), counter, 6), expected[counter]);
  }
}

TEST(Totp, StepIsFloorOfThirtySeconds) {
  EXPECT_EQ(detail::totp_step(0), 0);
  EXPECT_EQ(detail::totp_step(29), 0);
  EXPECT_EQ(detail::totp_step(30), 1);
  EXPECT_EQ(detail::totp_step(-1), -1);
}

class TotpVerify : public ::testing::Test {
 protected:
  std::string secret = base32_encode(as_bytes(rfc_secret));
  std::int64_t now = 1111111111;  // step 37037037
  std::string code_at(std::int64_t time) { return totp_code(as_bytes(rfc_secret), time); }
};

TEST_F(TotpVerify, AcceptsTheCurrentCodeAndReportsItsStep) {
  EXPECT_EQ(totp_verify(secret, code_at(now), now), now / 30);
  EXPECT_EQ(totp_verify(secret, "050 471", now), now / 30);  // typed with a space
}

TEST_F(TotpVerify, AcceptsNeighbouringStepsWithinTheWindow) {
  EXPECT_EQ(totp_verify(secret, code_at(now - 30), now), now / 30 - 1);
  EXPECT_EQ(totp_verify(secret, code_at(now + 30), now), now / 30 + 1);
  EXPECT_EQ(totp_verify(secret, code_at(now - 60), now), std::nullopt);
  EXPECT_EQ(totp_verify(secret, code_at(now - 60), now, 2), now / 30 - 2);
  EXPECT_EQ(totp_verify(secret, code_at(now - 30), now, 0), std::nullopt);
}

TEST_F(TotpVerify, RejectsWrongOrMalformedCodesAndSecrets) {
  const std::string code = code_at(now);
  std::string wrong = code;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  EXPECT_EQ(totp_verify(secret, wrong, now), std::nullopt);
  EXPECT_EQ(totp_verify(secret, "", now), std::nullopt);
  EXPECT_EQ(totp_verify(secret, code + "0", now), std::nullopt);
  EXPECT_EQ(totp_verify(secret, "05047a", now), std::nullopt);
  EXPECT_EQ(totp_verify("not base32!", code, now), std::nullopt);
  EXPECT_EQ(totp_verify("", code, now), std::nullopt);
}

TEST(TotpSecret, IsTwentyRandomBytesInUnpaddedBase32) {
  const std::string secret = new_totp_secret();
  EXPECT_EQ(secret.size(), 32U);
  const auto decoded = base32_decode(secret);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 20U);
  EXPECT_NE(new_totp_secret(), secret);
}

TEST(OtpauthUri, PercentEncodesLabelAndIssuer) {
  EXPECT_EQ(otpauth_uri("Lifeline Moldova", "ana.popescu@example.org", "jbsw y3dp ehpk 3pxp"),
            "otpauth://totp/Lifeline%20Moldova:ana.popescu%40example.org?secret=JBSWY3DPEHPK3PXP"
            "&issuer=Lifeline%20Moldova&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(otpauth_uri("A:B&C", "x", "JBSW"),
            "otpauth://totp/A%3AB%26C:x?secret=JBSW&issuer=A%3AB%26C&algorithm=SHA1&digits=6"
            "&period=30");
}

TEST(RecoveryCodes, AreFormattedUniqueAndUnambiguous) {
  const auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10U);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  for (const std::string& code : codes) {
    SCOPED_TRACE(code);
    ASSERT_EQ(code.size(), 14U);
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    const std::string plain = normalise_recovery_code(code);
    EXPECT_EQ(plain.size(), 12U);
    EXPECT_EQ(plain.find_first_not_of("23456789abcdefghjkmnpqrstuvwxyz"), std::string::npos);
  }
  EXPECT_TRUE(new_recovery_codes(0).empty());
}

TEST(RecoveryCodes, NormaliseAsTyped) {
  EXPECT_EQ(normalise_recovery_code(" AB2C-de3f -GH4J\n"), "ab2cde3fgh4j");
}

}  // namespace
}  // namespace lifeline::crypto
