// What the action-plan and questionnaire handlers share: reading numbers, dates and links from
// request bodies, and who the co-ordinator is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/services.hpp"
#include "domain/monitoring/monitoring_store.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {

inline constexpr std::string_view kCoordinator = "coordinator";

// An optional number field (JSON null or absent -> empty); a wrong type is recorded as an error.
std::optional<double> optional_number(http::JsonFields& fields, std::string_view key);
// A required ISO 8601 date field, returned as written; errors recorded in `fields`.
std::optional<domain::monitoring::Date> date_field(http::JsonFields& fields, std::string_view key,
                                                   bool required);
// A list of http(s) links; errors recorded in `fields`.
std::vector<std::string> links_field(http::JsonFields& fields, std::string_view key);

nlohmann::json optional_json(const std::optional<double>& value);
nlohmann::json optional_json(const std::optional<std::int64_t>& value);

}  // namespace lifeline::api
