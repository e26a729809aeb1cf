#include "crypto/init.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace {

// Every test in crypto_test may assume the library is initialised, as the program does.
class CryptoEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { lifeline::crypto::initialise(); }
};

// Registered before main runs, as gtest_main provides main; a failure there ends the program,
// which is what a test binary should do.
// NOLINTNEXTLINE(cert-err58-cpp,bugprone-unhandled-exception-at-new)
[[maybe_unused]] const auto* const environment =
    ::testing::AddGlobalTestEnvironment(new CryptoEnvironment);

TEST(Initialise, CanBeCalledAgainFromManyThreads) {
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int i = 0; i < 8; ++i) threads.emplace_back([] { lifeline::crypto::initialise(); });
  for (auto& thread : threads) thread.join();
  EXPECT_NO_THROW(lifeline::crypto::initialise());
}

}  // namespace
