// Errors as values: every fallible call in domain, storage and crypto code returns Result<T>.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <tl/expected.hpp>

namespace lifeline {

// What went wrong, in terms a caller can act on. The HTTP boundary maps each to a status.
enum class Errc {
  invalid_argument,        // input breaks a rule (422)
  malformed,               // input cannot be parsed at all (400)
  not_found,               // (404)
  conflict,                // unique key taken, or the record's state forbids the change (409)
  precondition_failed,     // If-Match names a version that is no longer current (412)
  unauthorized,            // no valid credentials (401)
  forbidden,               // authenticated but not allowed (403)
  rate_limited,            // too many attempts (429)
  too_large,               // (413)
  unsupported_media_type,  // (415)
  unavailable,             // database locked or unreachable: retry later (503)
  internal,                // broken invariant (500)
};

// A rule that one input field broke; shown to the user next to that field.
struct FieldError {
  std::string field;
  std::string message;
};

// `message` is shown to users and written to logs: it never contains personal data.
struct Error {
  Errc code = Errc::internal;
  std::string message;
  std::string type;  // stable problem slug, e.g. "totp-required"; empty means derived from code
  std::vector<FieldError> fields;
};

template <class T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(Errc code, std::string message, std::string type = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(type), {}});
}

inline tl::unexpected<Error> fail_fields(std::string message, std::vector<FieldError> fields) {
  return tl::unexpected<Error>(
      Error{Errc::invalid_argument, std::move(message), "validation", std::move(fields)});
}

}  // namespace lifeline
