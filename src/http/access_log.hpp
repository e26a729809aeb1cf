// The access log: one info line per request with method, route pattern, status and time.
// Never the raw path, query, body or cookies: they can identify a victim.
#pragma once

#include "http/pipeline.hpp"

namespace lifeline::http {

class AccessLog final : public RequestObserver {
 public:
  void observe(std::string_view method, std::string_view route_pattern, int status,
               double seconds) override;
};

}  // namespace lifeline::http
