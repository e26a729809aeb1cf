// Time as seconds since the Unix epoch, UTC. One source of "now" so tests can move time.
#pragma once

#include <cstdint>
#include <string>

namespace lifeline {

using UnixSeconds = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds now() const override;
};

// ISO 8601 in UTC, e.g. "2026-11-22T21:05:00Z".
std::string format_iso8601(UnixSeconds t);

}  // namespace lifeline
