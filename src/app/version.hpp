#pragma once

#include <string_view>

namespace lifeline::app {
std::string_view version();
std::string_view commit();
}  // namespace lifeline::app
