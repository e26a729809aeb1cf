#include "domain/hotline/proof_of_work.hpp"

#include <sodium.h>

#include <string>

#include <gtest/gtest.h>

namespace lifeline::domain::hotline {
namespace {

constexpr UnixSeconds kNow = 1'800'000'000;

// Counts up from 0 until the solution has enough zero bits, as the public page does.
std::string solve(std::string_view challenge, int difficulty) {
  for (long candidate = 0;; ++candidate) {
    auto solution = std::to_string(candidate);
    if (leading_zero_bits(challenge, solution) >= difficulty) return solution;
  }
}

class ProofOfWorkTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
};

TEST_F(ProofOfWorkTest, CountsLeadingZeroBitsOfTheSha256Digest) {
  // SHA-256("abc") = ba7816bf...: the first byte 0xba has no leading zero bit.
  EXPECT_EQ(leading_zero_bits("ab", "c"), 0);
  // SHA-256("") = e3b0c442...
  EXPECT_EQ(leading_zero_bits("", ""), 0);
  const auto solution = solve("x", 12);
  EXPECT_GE(leading_zero_bits("x", solution), 12);
}

TEST_F(ProofOfWorkTest, ASolvedChallengeIsAcceptedOnce) {
  ProofOfWork pow(crypto::SecretKey::random(), 8);
  const auto issued = pow.issue(kNow);
  EXPECT_EQ(issued.difficulty, 8);
  EXPECT_EQ(issued.expires_at, kNow + kChallengeLifetime);
  const auto solution = solve(issued.challenge, 8);
  EXPECT_TRUE(pow.spend(issued.challenge, solution, kNow + 1));
  auto again = pow.spend(issued.challenge, solution, kNow + 2);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::forbidden);
  EXPECT_EQ(again.error().type, "pow-reused");
}

TEST_F(ProofOfWorkTest, AGivenBackChallengeCanBeSentAgain) {
  ProofOfWork pow(crypto::SecretKey::random(), 4);
  const auto issued = pow.issue(kNow);
  const auto solution = solve(issued.challenge, 4);
  ASSERT_TRUE(pow.spend(issued.challenge, solution, kNow));
  pow.give_back(issued.challenge);
  EXPECT_TRUE(pow.spend(issued.challenge, solution, kNow));
}

TEST_F(ProofOfWorkTest, RefusesUnsolvedExpiredAndForgedChallenges) {
  ProofOfWork pow(crypto::SecretKey::random(), 16);
  const auto issued = pow.issue(kNow);
  // A solution for a 16-bit challenge found at random is unlikely: look for one that fails.
  std::string wrong = "0";
  for (int i = 0; leading_zero_bits(issued.challenge, wrong) >= 16; ++i) wrong = std::to_string(i);
  auto unsolved = pow.spend(issued.challenge, wrong, kNow);
  ASSERT_FALSE(unsolved);
  EXPECT_EQ(unsolved.error().type, "pow-unsolved");

  auto expired = pow.spend(issued.challenge, "1", issued.expires_at);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().type, "pow-expired");

  // Lowering the difficulty written in the challenge breaks its MAC.
  auto forged = issued.challenge;
  forged.replace(forged.find(".16."), 4, ".1.");
  auto refused = pow.spend(forged, "1", kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, Errc::malformed);

  ProofOfWork other(crypto::SecretKey::random(), 16);
  EXPECT_EQ(other.spend(issued.challenge, solve(issued.challenge, 16), kNow).error().code,
            Errc::malformed);
  EXPECT_EQ(pow.spend("not a challenge", "1", kNow).error().code, Errc::malformed);
  EXPECT_EQ(pow.spend("", "", kNow).error().code, Errc::malformed);
}

TEST_F(ProofOfWorkTest, ASolutionMayNotBeLong) {
  ProofOfWork pow(crypto::SecretKey::random(), 0);
  const auto issued = pow.issue(kNow);
  EXPECT_FALSE(pow.required());
  EXPECT_FALSE(pow.spend(issued.challenge, std::string(kMaxPowSolution + 1, '0'), kNow));
  EXPECT_TRUE(pow.spend(issued.challenge, std::string(kMaxPowSolution, '0'), kNow));
}

}  // namespace
}  // namespace lifeline::domain::hotline
