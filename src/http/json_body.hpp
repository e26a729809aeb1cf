// Reading JSON request bodies: the body parser every handler uses, and a strict field reader
// that reports every broken rule at once and rejects fields it was not asked about.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "http/message.hpp"

namespace lifeline::http {

// True for "application/json" with or without parameters ("; charset=utf-8"), any case.
bool is_json_media_type(std::string_view content_type);

// The body as a JSON object. Errors: unsupported_media_type (Content-Type is not JSON),
// malformed (empty, not JSON, not UTF-8, duplicate keys, nested too deeply; the message gives
// the byte position, never content), invalid_argument (the top level is not an object).
Result<nlohmann::json> parse_json_body(const Request& request);

// Reads the fields of one JSON object. Each getter records the field as known and, when the
// value is missing or wrong, a FieldError naming the field (never its value); finish() reports
// them all together with one "unknown field" error per field nobody asked for.
// Keeps a reference: `object` must outlive the reader.
class JsonFields {
 public:
  explicit JsonFields(const nlohmann::json& object);

  // A string of at most `max_length` characters (code points). A required string must not be
  // empty or only whitespace.
  std::optional<std::string> text(std::string_view key, bool required, std::size_t max_length);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<std::vector<std::string>> text_list(std::string_view key, bool required,
                                                    std::size_t max_items,
                                                    std::size_t max_item_length = 1000);
  // Marks a field as known without reading it, for values a handler reads on its own.
  const nlohmann::json* raw(std::string_view key, bool required);
  // Adds a rule of the handler's own (e.g. "end must not be before start").
  void add_error(std::string field, std::string message);

  // invalid_argument, type "validation", with every FieldError; or success.
  Result<void> finish();

 private:
  const nlohmann::json* find(std::string_view key, bool required);
  void reject(std::string_view key, std::string message);

  const nlohmann::json& object_;
  std::set<std::string, std::less<>> known_;
  std::vector<FieldError> errors_;
};

}  // namespace lifeline::http
