// Slows down password guessing from one network address. Kept in memory only and forgotten
// after the window: Lifeline stores no addresses.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace lifeline::domain {

class AddressThrottle {
 public:
  AddressThrottle(int max_failures, UnixSeconds window)
      : max_failures_(max_failures), window_(window) {}

  bool allows(std::string_view address, UnixSeconds now);
  void record_failure(std::string_view address, UnixSeconds now);

 private:
  struct Window {
    int failures = 0;
    UnixSeconds started = 0;
  };
  void forget_expired(UnixSeconds now);

  int max_failures_;
  UnixSeconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

// How long an account must wait after `failures` consecutive failed sign-ins: nothing for the
// first few, then doubling up to a cap, so an attacker gets few guesses and the owner is not
// locked out for long.
UnixSeconds account_retry_delay(std::int64_t failures, int free_attempts, UnixSeconds cap);

}  // namespace lifeline::domain
