#include "core/clock.hpp"

#include <chrono>
#include <ctime>

namespace lifeline {

UnixSeconds SystemClock::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string format_iso8601(UnixSeconds t) {
  const std::time_t time = t;
  std::tm utc{};
  gmtime_r(&time, &utc);
  char buffer[32];
  const auto length = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer, length);
}

}  // namespace lifeline
