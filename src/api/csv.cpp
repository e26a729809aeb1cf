#include "api/csv.hpp"

namespace lifeline::api {

std::string csv_line(std::span<const std::string> fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line.push_back(',');
    line.push_back('"');
    const auto& field = fields[i];
    if (!field.empty() &&
        std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
      line.push_back('\'');
    }
    for (char c : field) {
      if (c == '"') line.push_back('"');
      line.push_back(c);
    }
    line.push_back('"');
  }
  line += "\r\n";
  return line;
}

http::Response csv_response(std::string_view file_name, const std::vector<std::string>& header,
                            const std::vector<std::vector<std::string>>& rows) {
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type", "text/csv; charset=utf-8");
  response.headers.set("Content-Disposition",
                       "attachment; filename=\"" + std::string(file_name) + "\"");
  response.body = csv_line(header);
  for (const auto& row : rows) response.body += csv_line(row);
  return response;
}

std::string csv_list(const std::vector<std::string>& values) {
  std::string joined;
  for (const auto& value : values) {
    if (!joined.empty()) joined += "; ";
    joined += value;
  }
  return joined;
}

}  // namespace lifeline::api
