// Error responses as RFC 9457 problem details (application/problem+json) with a stable type,
// and the other small response builders every handler uses.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/error.hpp"
#include "http/message.hpp"

namespace lifeline::http {

// The problem type URI for a slug: "urn:lifeline:problem:<slug>".
std::string problem_type(std::string_view slug);

// {"type", "title", "status", "detail", "errors": [{"field", "message"}]}; "errors" only when
// `fields` is not empty.
Response problem(int status, std::string_view slug, std::string_view title, std::string_view detail,
                 const std::vector<FieldError>& fields = {});

// Maps an Error to its status and slug (Error::type overrides the slug). An internal error
// never shows its message: the detail is generic, the message belongs in the log.
Response problem_from(const Error& error);

// HTTP status for an error code (invalid_argument -> 422, malformed -> 400, ...).
int status_for(Errc code);

Response json_response(int status, const nlohmann::json& body);
Response no_content();

}  // namespace lifeline::http
