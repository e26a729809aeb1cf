// Proof of work on the public forms, in place of a third-party CAPTCHA: before a report is
// stored, the reporter's browser finds a solution such that SHA-256(challenge || solution)
// starts with `difficulty` zero bits. A challenge is stateless (a random nonce, its expiry and
// difficulty, MACed with a key held in memory), so issuing one stores nothing; a spent one is
// remembered in memory until it expires, so it buys exactly one submission.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "crypto/secret_key.hpp"

namespace lifeline::domain::hotline {

using UnixSeconds = std::int64_t;

inline constexpr int kMaxPowDifficulty = 32;
inline constexpr std::size_t kMaxPowSolution = 64;
inline constexpr UnixSeconds kChallengeLifetime = 1800;

struct IssuedChallenge {
  std::string challenge;  // "v1.<nonce>.<expires_at>.<difficulty>.<mac>"
  int difficulty = 0;
  UnixSeconds expires_at = 0;
};

// The 400 answer when "pow" is missing or is not what this server issued.
tl::unexpected<Error> pow_unreadable(std::string_view expected);

// How many zero bits the SHA-256 digest of challenge || solution starts with.
int leading_zero_bits(std::string_view challenge, std::string_view solution);

class ProofOfWork {
 public:
  // `difficulty` 0 turns the check off: challenges are still issued, none is required.
  ProofOfWork(crypto::SecretKey key, int difficulty);

  bool required() const { return difficulty_ > 0; }
  IssuedChallenge issue(UnixSeconds now) const;

  // Checks the solution and marks the challenge spent. Errors: malformed (not a challenge
  // this server could have issued), forbidden (expired, already used, or not solved).
  Result<void> spend(std::string_view challenge, std::string_view solution, UnixSeconds now);
  // Gives back a spent challenge whose submission could not be stored, so the reporter's
  // page may send it again with the same solution.
  void give_back(std::string_view challenge);

 private:
  crypto::SecretKey key_;
  int difficulty_;
  std::mutex mutex_;
  std::map<std::string, UnixSeconds, std::less<>> spent_;  // challenge -> its expiry
};

}  // namespace lifeline::domain::hotline
