#include "http/json_body.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace lifeline::http {

namespace {

using nlohmann::json;

// Deeper nesting has no use in our API and only costs memory.
constexpr int kMaxDepth = 32;
// Unknown keys are echoed back as field names; a client could send one of any size.
constexpr std::size_t kMaxEchoedKeyBytes = 64;

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Code points in valid UTF-8: every byte that is not a continuation byte starts one.
std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// A prefix of at most `limit` bytes that does not cut a UTF-8 sequence.
// At most `limit` bytes of `text`, the ellipsis included, cut between UTF-8 characters.
std::string utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  constexpr std::string_view kEllipsis = "...";
  std::size_t end = limit - kEllipsis.size();
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)).append(kEllipsis);
}

// What the parse callback saw that nlohmann::json itself accepts but we do not.
struct StructureCheck {
  bool too_deep = false;
  bool duplicate_key = false;
  std::vector<std::set<std::string, std::less<>>> open_objects;

  bool on_event(int depth, json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
        open_objects.emplace_back();
        [[fallthrough]];
      case json::parse_event_t::array_start:
        if (depth > kMaxDepth) too_deep = true;
        break;
      case json::parse_event_t::key:
        // Duplicate keys are read differently by different parsers: refuse the ambiguity.
        if (!open_objects.empty() &&
            !open_objects.back().insert(parsed.get<std::string>()).second) {
          duplicate_key = true;
        }
        break;
      case json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      default:
        break;
    }
    return true;
  }
};

std::string describe_parse_error(const json::parse_error& error) {
  const std::string_view what = error.what();
  const bool bad_utf8 = what.find("UTF-8") != std::string_view::npos;
  return fmt::format("request body is not valid {} (at byte {})", bad_utf8 ? "UTF-8" : "JSON",
                     error.byte);
}

}  // namespace

bool is_json_media_type(std::string_view content_type) {
  const std::string_view media_type = trim(content_type.substr(0, content_type.find(';')));
  constexpr std::string_view kJson = "application/json";
  return media_type.size() == kJson.size() &&
         std::equal(media_type.begin(), media_type.end(), kJson.begin(),
                    [](char a, char b) { return ascii_lower(a) == b; });
}

Result<json> parse_json_body(const Request& request) {
  const auto content_type = request.headers.get("Content-Type");
  if (!content_type || !is_json_media_type(*content_type)) {
    return fail(Errc::unsupported_media_type, "the request body must be application/json");
  }
  if (trim(request.body).empty()) return fail(Errc::malformed, "request body is empty");

  StructureCheck check;
  json parsed;
  try {
    parsed = json::parse(
        request.body,
        [&check](int depth, json::parse_event_t event, json& value) {
          return check.on_event(depth, event, value);
        },
        /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const json::parse_error& error) {
    return fail(Errc::malformed, describe_parse_error(error));
  } catch (const json::out_of_range&) {
    // A number beyond what a double holds (1e999): valid JSON, but no field can take it.
    return fail(Errc::malformed, "request body holds a number too large to read");
  }
  if (check.too_deep) {
    return fail(Errc::malformed,
                fmt::format("request body nests deeper than {} levels", kMaxDepth));
  }
  if (check.duplicate_key) return fail(Errc::malformed, "request body repeats a key in an object");
  if (!parsed.is_object()) {
    return fail(Errc::invalid_argument, "request body must be a JSON object", "validation");
  }
  return parsed;
}

JsonFields::JsonFields(const json& object) : object_(object) {}

const json* JsonFields::find(std::string_view key, bool required) {
  known_.emplace(key);
  const json* value = nullptr;
  if (object_.is_object()) {
    const auto it = object_.find(key);
    if (it != object_.end() && !it->is_null()) value = &*it;
  }
  if (!value && required) reject(key, "is required");
  return value;
}

void JsonFields::reject(std::string_view key, std::string message) {
  errors_.push_back({std::string(key), std::move(message)});
}

std::optional<std::string> JsonFields::text(std::string_view key, bool required,
                                            std::size_t max_length) {
  const json* value = find(key, required);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    reject(key, "must be text");
    return std::nullopt;
  }
  const auto& text = value->get_ref<const std::string&>();
  if (required && trim(text).empty()) {
    reject(key, "must not be empty");
    return std::nullopt;
  }
  if (count_code_points(text) > max_length) {
    reject(key, fmt::format("must be at most {} characters", max_length));
    return std::nullopt;
  }
  return text;
}

std::optional<std::int64_t> JsonFields::integer(std::string_view key, bool required) {
  const json* value = find(key, required);
  if (!value) return std::nullopt;
  if (value->is_number_integer() && !value->is_number_unsigned()) {
    return value->get<std::int64_t>();
  }
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() <=
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return static_cast<std::int64_t>(value->get<std::uint64_t>());
  }
  reject(key, "must be an integer");
  return std::nullopt;
}

std::optional<bool> JsonFields::boolean(std::string_view key, bool required) {
  const json* value = find(key, required);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    reject(key, "must be true or false");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<std::vector<std::string>> JsonFields::text_list(std::string_view key, bool required,
                                                              std::size_t max_items,
                                                              std::size_t max_item_length) {
  const json* value = find(key, required);
  if (!value) return std::nullopt;
  const bool all_text =
      value->is_array() &&
      std::all_of(value->begin(), value->end(), [](const json& item) { return item.is_string(); });
  if (!all_text) {
    reject(key, "must be a list of text");
    return std::nullopt;
  }
  if (value->size() > max_items) {
    reject(key, fmt::format("must have at most {} items", max_items));
    return std::nullopt;
  }
  std::vector<std::string> items;
  items.reserve(value->size());
  for (const json& item : *value) {
    const auto& text = item.get_ref<const std::string&>();
    if (count_code_points(text) > max_item_length) {
      reject(key, fmt::format("items must be at most {} characters", max_item_length));
      return std::nullopt;
    }
    items.push_back(text);
  }
  return items;
}

const json* JsonFields::raw(std::string_view key, bool required) {
  return find(key, required);
}

void JsonFields::add_error(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

Result<void> JsonFields::finish() {
  std::vector<FieldError> errors = errors_;
  if (!object_.is_object()) {
    errors.push_back({"", "must be a JSON object"});
  } else {
    for (const auto& [key, value] : object_.items()) {
      if (!known_.contains(key))
        errors.push_back({utf8_prefix(key, kMaxEchoedKeyBytes), "unknown field"});
    }
  }
  if (errors.empty()) return {};
  return fail_fields("the request has invalid fields", std::move(errors));
}

}  // namespace lifeline::http
