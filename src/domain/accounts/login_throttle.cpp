#include "domain/accounts/login_throttle.hpp"

#include <algorithm>

namespace lifeline::domain {
namespace {
constexpr std::size_t kPruneAbove = 10000;  // bounds memory under a flood of addresses
}

bool AddressThrottle::allows(std::string_view address, UnixSeconds now) {
  std::lock_guard lock(mutex_);
  const auto found = windows_.find(std::string(address));
  if (found == windows_.end()) return true;
  if (now - found->second.started >= window_) {
    windows_.erase(found);
    return true;
  }
  return found->second.failures < max_failures_;
}

void AddressThrottle::record_failure(std::string_view address, UnixSeconds now) {
  std::lock_guard lock(mutex_);
  if (windows_.size() > kPruneAbove) forget_expired(now);
  auto& window = windows_[std::string(address)];
  if (window.failures == 0 || now - window.started >= window_) window = {0, now};
  ++window.failures;
}

void AddressThrottle::forget_expired(UnixSeconds now) {
  std::erase_if(windows_, [&](const auto& entry) { return now - entry.second.started >= window_; });
}

UnixSeconds account_retry_delay(std::int64_t failures, int free_attempts, UnixSeconds cap) {
  if (failures < free_attempts) return 0;
  const auto doublings = std::min<std::int64_t>(failures - free_attempts, 20);
  return std::min<UnixSeconds>(cap, UnixSeconds{15} << doublings);
}

}  // namespace lifeline::domain
