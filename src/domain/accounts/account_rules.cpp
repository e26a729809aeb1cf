#include "domain/accounts/account_rules.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "domain/accounts/vocabulary.hpp"

namespace lifeline::domain {
namespace {

bool is_username_char(char c) {
  return std::islower(static_cast<unsigned char>(c)) ||
         std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

bool has_control_characters(const std::string& text) {
  return std::ranges::any_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

std::vector<FieldError> check_text(const std::string& field, const std::string& text,
                                   std::size_t max_bytes) {
  if (text.empty() || text.find_first_not_of(' ') == std::string::npos) {
    return {{field, "must not be empty"}};
  }
  if (text.size() > max_bytes) return {{field, "is too long"}};
  if (!is_valid_utf8(text) || has_control_characters(text)) {
    return {{field, "contains invalid characters"}};
  }
  return {};
}

}  // namespace

std::string canonical_username(const std::string& username) {
  std::string lower = username;
  std::ranges::transform(lower, lower.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::vector<FieldError> check_username(const std::string& username) {
  const auto name = canonical_username(username);
  if (name.size() < 3 || name.size() > 64) return {{"username", "must be 3 to 64 characters long"}};
  if (!std::ranges::all_of(name, is_username_char)) {
    return {{"username", "may contain only letters a-z, digits, '.', '_' and '-'"}};
  }
  return {};
}

std::vector<FieldError> check_display_name(const std::string& display_name) {
  return check_text("display_name", display_name, 200);
}

std::vector<FieldError> check_organisation_name(const std::string& name) {
  return check_text("name", name, 200);
}

std::vector<FieldError> check_roles(const std::vector<std::string>& roles) {
  if (roles.empty()) return {{"roles", "at least one role is required"}};
  if (std::set<std::string>(roles.begin(), roles.end()).size() != roles.size()) {
    return {{"roles", "lists a role twice"}};
  }
  for (const auto& role : roles) {
    if (!is_role(role)) return {{"roles", "contains an unknown role"}};
  }
  return {};
}

bool is_valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = 0;
    char32_t min = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if ((lead >> 5) == 0x6) {
      length = 2;
      min = 0x80;
    } else if ((lead >> 4) == 0xE) {
      length = 3;
      min = 0x800;
    } else if ((lead >> 3) == 0x1E) {
      length = 4;
      min = 0x10000;
    } else
      return false;
    if (i + length > text.size()) return false;
    char32_t code = lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return false;
      code = (code << 6) | (next & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

}  // namespace lifeline::domain
