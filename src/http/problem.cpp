#include "http/problem.hpp"

#include <string>

#include <nlohmann/json.hpp>

namespace lifeline::http {

namespace {

struct ErrcInfo {
  int status;
  std::string_view slug;
  std::string_view title;
};

ErrcInfo info_for(Errc code) {
  switch (code) {
    case Errc::invalid_argument:
      return {422, "validation", "The request has invalid fields"};
    case Errc::malformed:
      return {400, "malformed-request", "The request is malformed"};
    case Errc::not_found:
      return {404, "not-found", "Not found"};
    case Errc::conflict:
      return {409, "conflict", "Conflict"};
    case Errc::precondition_failed:
      return {412, "precondition-failed", "The record changed meanwhile"};
    case Errc::unauthorized:
      return {401, "unauthorized", "Sign-in required"};
    case Errc::forbidden:
      return {403, "forbidden", "Forbidden"};
    case Errc::rate_limited:
      return {429, "rate-limited", "Too many requests"};
    case Errc::too_large:
      return {413, "payload-too-large", "Payload too large"};
    case Errc::unsupported_media_type:
      return {415, "unsupported-media-type", "Unsupported media type"};
    case Errc::unavailable:
      return {503, "unavailable", "Service unavailable"};
    case Errc::internal:
      break;
  }
  return {500, "internal", "Internal error"};
}

// Seconds a client should wait before retrying, for the codes where retrying helps.
std::optional<std::string_view> retry_after(Errc code) {
  if (code == Errc::rate_limited) return "60";
  if (code == Errc::unavailable) return "5";
  return std::nullopt;
}

constexpr std::string_view kInternalDetail =
    "An unexpected error occurred. It has been logged; please try again later.";

// Strings in a problem come from our own code, but a stray invalid UTF-8 byte must not turn an
// error response into an exception.
std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string problem_type(std::string_view slug) {
  return "urn:lifeline:problem:" + std::string(slug);
}

Response problem(int status, std::string_view slug, std::string_view title, std::string_view detail,
                 const std::vector<FieldError>& fields) {
  nlohmann::json body = {
      {"type", problem_type(slug)},
      {"title", title},
      {"status", status},
      {"detail", detail},
  };
  if (!fields.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const FieldError& field : fields) {
      errors.push_back({{"field", field.field}, {"message", field.message}});
    }
  }
  Response response;
  response.status = status;
  response.headers.set("Content-Type", "application/problem+json");
  response.body = dump(body);
  return response;
}

int status_for(Errc code) {
  return info_for(code).status;
}

Response problem_from(const Error& error) {
  const ErrcInfo info = info_for(error.code);
  const std::string_view slug = error.type.empty() ? info.slug : std::string_view(error.type);
  std::string_view detail = error.message.empty() ? info.title : std::string_view(error.message);
  const bool internal = error.code == Errc::internal;
  if (internal) detail = kInternalDetail;
  static const std::vector<FieldError> kNoFields;
  Response response =
      problem(info.status, slug, info.title, detail, internal ? kNoFields : error.fields);
  if (auto seconds = retry_after(error.code))
    response.headers.set("Retry-After", std::string(*seconds));
  return response;
}

Response json_response(int status, const nlohmann::json& body) {
  Response response;
  response.status = status;
  response.headers.set("Content-Type", "application/json; charset=utf-8");
  response.body = dump(body);
  return response;
}

Response no_content() {
  Response response;
  response.status = 204;
  return response;
}

}  // namespace lifeline::http
