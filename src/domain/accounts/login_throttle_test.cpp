#include "domain/accounts/login_throttle.hpp"

#include <gtest/gtest.h>

namespace lifeline::domain {
namespace {

TEST(AddressThrottle, BlocksAfterTheLimitAndForgetsAfterTheWindow) {
  AddressThrottle throttle(3, 60);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(throttle.allows("192.0.2.1", 100));
    throttle.record_failure("192.0.2.1", 100);
  }
  EXPECT_FALSE(throttle.allows("192.0.2.1", 120));
  EXPECT_TRUE(throttle.allows("192.0.2.2", 120));
  EXPECT_TRUE(throttle.allows("192.0.2.1", 161));
}

TEST(AccountRetryDelay, FreeAttemptsThenDoublingToTheCap) {
  EXPECT_EQ(account_retry_delay(0, 5, 900), 0);
  EXPECT_EQ(account_retry_delay(4, 5, 900), 0);
  EXPECT_EQ(account_retry_delay(5, 5, 900), 15);
  EXPECT_EQ(account_retry_delay(6, 5, 900), 30);
  EXPECT_EQ(account_retry_delay(50, 5, 900), 900);
}

}  // namespace
}  // namespace lifeline::domain
