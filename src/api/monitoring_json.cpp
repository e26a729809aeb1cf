#include "api/monitoring_json.hpp"

#include <algorithm>
#include <cmath>

namespace lifeline::api {

std::optional<double> optional_number(http::JsonFields& fields, std::string_view key) {
  const auto* value = fields.raw(key, false);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_number() || !std::isfinite(value->get<double>())) {
    fields.add_error(std::string(key), "must be a number");
    return std::nullopt;
  }
  return value->get<double>();
}

std::optional<domain::monitoring::Date> date_field(http::JsonFields& fields, std::string_view key,
                                                   bool required) {
  auto text = fields.text(key, required, 10);
  if (!text) return std::nullopt;
  auto date = domain::nrm::parse_iso_date(*text);
  if (!date) {
    fields.add_error(std::string(key), "must be a date written YYYY-MM-DD");
    return std::nullopt;
  }
  return *date;
}

std::vector<std::string> links_field(http::JsonFields& fields, std::string_view key) {
  auto links = fields.text_list(key, false, domain::monitoring::kMaxLinks, 2000)
                   .value_or(std::vector<std::string>{});
  const bool all_links = std::ranges::all_of(links, [](const std::string& link) {
    return (link.starts_with("https://") || link.starts_with("http://")) &&
           link.find_first_of(" <>\"") == std::string::npos;
  });
  if (!all_links) fields.add_error(std::string(key), "must be http(s) links");
  return links;
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json optional_json(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace lifeline::api
