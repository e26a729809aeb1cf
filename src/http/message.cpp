#include "http/message.hpp"

#include <algorithm>
#include <array>

namespace lifeline::http {

namespace {

constexpr std::array<std::pair<std::string_view, Method>, 7> kMethodNames{{
    {"GET", Method::get},
    {"HEAD", Method::head},
    {"POST", Method::post},
    {"PUT", Method::put},
    {"PATCH", Method::patch},
    {"DELETE", Method::delete_},
    {"OPTIONS", Method::options},
}};

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The byte that "%XX" at text[at] stands for; nullopt when truncated or not hexadecimal.
std::optional<char> escaped_byte(std::string_view text, std::size_t at) {
  if (text.size() < 3 || at > text.size() - 3) return std::nullopt;
  const int high = hex_value(text[at + 1]);
  const int low = hex_value(text[at + 2]);
  if (high < 0 || low < 0) return std::nullopt;
  return static_cast<char>(high * 16 + low);
}

// Decodes %XX escapes. With `strict`, an invalid escape fails the whole decode; without, it is
// kept as it is.
std::optional<std::string> decode(std::string_view text, bool plus_as_space, bool strict) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const auto byte = escaped_byte(text, i);
      if (byte) {
        out.push_back(*byte);
        i += 2;
        continue;
      }
      if (strict) return std::nullopt;
    }
    out.push_back(c == '+' && plus_as_space ? ' ' : c);
  }
  return out;
}

std::optional<std::string> strict_percent_decode(std::string_view text, bool plus_as_space) {
  return decode(text, plus_as_space, true);
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Control characters in a path have no legitimate use and end up in logs and file names.
bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

// "." and ".." segments and backslashes are how a path escapes the directory it names.
bool has_traversal_segment(std::string_view path) {
  if (path.find('\\') != std::string_view::npos) return true;
  std::size_t start = 1;  // path starts with '/'
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment == "." || segment == "..") return true;
    start = end + 1;
  }
  return false;
}

// Finds `name` in a list of `key=value` pairs separated by `separator`.
template <class Decode>
std::optional<std::string> find_pair(std::string_view list, char separator, std::string_view name,
                                     Decode decode) {
  while (!list.empty()) {
    const std::size_t end = std::min(list.find(separator), list.size());
    const std::string_view pair = list.substr(0, end);
    list.remove_prefix(end == list.size() ? end : end + 1);
    const std::size_t equals = pair.find('=');
    const std::string_view key = pair.substr(0, equals);
    const std::string_view value =
        equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
    if (auto decoded_key = decode(key); decoded_key && *decoded_key == name) return decode(value);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Method method) {
  for (const auto& [name, value] : kMethodNames) {
    if (value == method) return name;
  }
  return "OTHER";
}

Method parse_method(std::string_view name) {
  for (const auto& [known, value] : kMethodNames) {
    if (known == name) return value;  // methods are case-sensitive (RFC 9110, 9.1)
  }
  return Method::other;
}

bool changes_state(Method method) {
  return method == Method::post || method == Method::put || method == Method::patch ||
         method == Method::delete_;
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (iequals(key, name)) return std::string_view(value);
  }
  return std::nullopt;
}

void Headers::set(std::string_view name, std::string value) {
  std::erase_if(fields_, [&](const auto& field) { return iequals(field.first, name); });
  fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::add(std::string_view name, std::string value) {
  fields_.emplace_back(std::string(name), std::move(value));
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  return find_pair(query, '&', name,
                   [](std::string_view text) { return strict_percent_decode(text, true); });
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  for (const auto& [key, value] : headers.all()) {
    if (!iequals(key, "Cookie")) continue;
    auto found = find_pair(value, ';', name, [](std::string_view text) {
      text = trim(text);
      // RFC 6265 allows a value in double quotes; the quotes are not part of it.
      if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        text = text.substr(1, text.size() - 2);
      }
      return std::optional<std::string>(std::string(text));
    });
    if (found) return found;
  }
  return std::nullopt;
}

std::optional<Target> split_target(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;  // origin-form only
  if (target.find('#') != std::string_view::npos) return std::nullopt;
  const std::size_t question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  auto path = strict_percent_decode(raw_path, false);
  if (!path || has_control_character(*path) || has_traversal_segment(*path)) return std::nullopt;
  Target result;
  result.path = std::move(*path);
  if (question != std::string_view::npos) result.query = std::string(target.substr(question + 1));
  return result;
}

std::string percent_decode(std::string_view text, bool plus_as_space) {
  return *decode(text, plus_as_space, false);  // lenient: never fails
}

}  // namespace lifeline::http
