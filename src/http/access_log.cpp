#include "http/access_log.hpp"

#include <spdlog/spdlog.h>

namespace lifeline::http {

void AccessLog::observe(std::string_view method, std::string_view route_pattern, int status,
                        double seconds) {
  spdlog::info("{} {} {} {:.1f}ms", method, route_pattern, status, seconds * 1000.0);
}

}  // namespace lifeline::http
