#include "storage/repositories/repository_support.hpp"

#include <nlohmann/json.hpp>

namespace lifeline::storage {

std::string json_list(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump();
}

std::vector<std::string> list_from_json(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> values;
  if (!parsed.is_array()) return values;
  for (const auto& value : parsed) {
    if (value.is_string()) values.push_back(value.get<std::string>());
  }
  return values;
}

}  // namespace lifeline::storage
