// Lifeline's own request and response types. The Beast server converts to and from them, so
// handlers, the router and the fuzz targets never include Beast.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lifeline::http {

enum class Method { get, head, post, put, patch, delete_, options, other };

std::string_view to_string(Method method);
Method parse_method(std::string_view name);
// POST, PUT, PATCH and DELETE change state and need a CSRF token.
bool changes_state(Method method);

// Header names compare case-insensitively; a small vector is faster than a map here.
class Headers {
 public:
  std::optional<std::string_view> get(std::string_view name) const;
  void set(std::string_view name, std::string value);  // replaces
  void add(std::string_view name, std::string value);  // appends (Set-Cookie)
  const std::vector<std::pair<std::string, std::string>>& all() const { return fields_; }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
  Method method = Method::get;
  std::string target;  // as received: path plus optional ?query
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string, without '?'
  Headers headers;
  std::string body;
  std::string remote_address;  // for in-memory throttling only; never stored or logged
  bool secure = false;         // arrived over TLS

  std::optional<std::string> query_param(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
};

// Splits a request target into a percent-decoded path and the raw query.
// Returns nullopt for targets that are not origin-form or decode to invalid paths.
struct Target {
  std::string path;
  std::string query;
};
std::optional<Target> split_target(std::string_view target);
std::string percent_decode(std::string_view text, bool plus_as_space);

}  // namespace lifeline::http
