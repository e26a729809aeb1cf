#include "domain/hotline/proof_of_work.hpp"

#include <sodium.h>

#include <array>
#include <charconv>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "crypto/token.hpp"

namespace lifeline::domain::hotline {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kChallengeParts = 5;

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() <= kChallengeParts) {
    const auto dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || stop != end) return std::nullopt;
  return value;
}

}  // namespace

tl::unexpected<Error> pow_unreadable(std::string_view expected) {
  return tl::unexpected<Error>(Error{Errc::malformed,
                                     "the proof of work is missing or cannot be read; the page "
                                     "computes it before sending",
                                     "pow-missing",
                                     {{"pow", fmt::format("must be {}", expected)}}});
}

int leading_zero_bits(std::string_view challenge, std::string_view solution) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(challenge.data()),
                            challenge.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(solution.data()),
                            solution.size());
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  int bits = 0;
  for (const auto byte : digest) {
    if (byte == 0) {
      bits += 8;
      continue;
    }
    for (unsigned mask = 0x80U; (byte & mask) == 0; mask >>= 1U) ++bits;
    break;
  }
  return bits;
}

ProofOfWork::ProofOfWork(crypto::SecretKey key, int difficulty)
    : key_(std::move(key)), difficulty_(difficulty) {}

IssuedChallenge ProofOfWork::issue(UnixSeconds now) const {
  const auto expires_at = now + kChallengeLifetime;
  const auto body = fmt::format("{}.{}.{}.{}", kVersion, crypto::random_token(kNonceBytes),
                                expires_at, difficulty_);
  auto challenge = body;
  challenge.append(".").append(crypto::keyed_digest(key_.bytes(), body));
  return {std::move(challenge), difficulty_, expires_at};
}

Result<void> ProofOfWork::spend(std::string_view challenge, std::string_view solution,
                                UnixSeconds now) {
  const auto parts = split_dots(challenge);
  const auto malformed = [] {
    return pow_unreadable("a challenge from GET /api/v1/public/challenge");
  };
  if (parts.size() != kChallengeParts || parts[0] != kVersion) return malformed();
  const auto body = challenge.substr(0, challenge.size() - parts[4].size() - 1);
  if (!crypto::equal_constant_time(crypto::keyed_digest(key_.bytes(), body), parts[4])) {
    return malformed();
  }
  const auto expires_at = whole_number(parts[2]);
  const auto difficulty = whole_number(parts[3]);
  if (!expires_at || !difficulty) return malformed();
  if (*expires_at <= now) {
    return fail(Errc::forbidden,
                "the proof-of-work challenge has expired; fetch a new one and send again",
                "pow-expired");
  }
  if (solution.empty() || solution.size() > kMaxPowSolution ||
      leading_zero_bits(challenge, solution) < *difficulty) {
    return fail(Errc::forbidden, "the proof-of-work solution does not solve the challenge",
                "pow-unsolved");
  }
  const std::scoped_lock lock(mutex_);
  std::erase_if(spent_, [now](const auto& entry) { return entry.second <= now; });
  if (!spent_.emplace(std::string(challenge), *expires_at).second) {
    return fail(Errc::forbidden,
                "this proof-of-work challenge was already used; fetch a new one and send again",
                "pow-reused");
  }
  return {};
}

void ProofOfWork::give_back(std::string_view challenge) {
  const std::scoped_lock lock(mutex_);
  if (auto found = spent_.find(challenge); found != spent_.end()) spent_.erase(found);
}

}  // namespace lifeline::domain::hotline
