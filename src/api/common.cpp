#include "api/common.hpp"

#include <charconv>

namespace lifeline::api {
std::optional<std::int64_t> parse_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

std::string_view session_cookie_name(bool secure) {
  return secure ? "__Host-lifeline_session" : "lifeline_session";
}

domain::Actor actor_of(const http::Context& context) {
  // Routes that call this declare a signed-in rule, so the pipeline guarantees a principal.
  const auto& principal = context.principal.value();
  return {principal.user_id, principal.organisation_id};
}

std::int64_t session_id_of(const http::Context& context) {
  return parse_integer(context.principal.value().session_key).value_or(0);
}

nlohmann::json organisation_json(const domain::Organisation& organisation) {
  return {{"id", organisation.id},
          {"name", organisation.name},
          {"type", organisation.type},
          {"created_at", format_iso8601(organisation.created_at)}};
}

nlohmann::json user_json(const domain::User& user) {
  return {{"id", user.id},
          {"organisation_id", user.organisation_id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"roles", user.roles},
          {"disabled", user.disabled},
          {"totp_enabled", user.totp_enabled},
          {"must_change_password", user.must_change_password},
          {"created_at", format_iso8601(user.created_at)}};
}

Result<ListParameters> list_parameters(const http::Request& request) {
  ListParameters parameters;
  if (auto cursor = request.query_param("cursor"); cursor && !cursor->empty()) {
    auto value = parse_integer(*cursor);
    if (!value || *value < 0) return fail(Errc::malformed, "cursor is not valid");
    parameters.after_id = *value;
  }
  if (auto limit = request.query_param("limit"); limit && !limit->empty()) {
    auto value = parse_integer(*limit);
    if (!value || *value < 1 || *value > 200) {
      return fail(Errc::malformed, "limit must be a whole number from 1 to 200");
    }
    parameters.limit = static_cast<int>(*value);
  }
  return parameters;
}

Result<std::int64_t> id_parameter(const http::Context& context, std::string_view name) {
  const auto text = context.params.get(name);
  if (!text) return fail(Errc::internal, "route has no such parameter");
  auto value = parse_integer(*text);
  if (!value || *value <= 0) return fail(Errc::not_found, "no such record");
  return *value;
}

}  // namespace lifeline::api
