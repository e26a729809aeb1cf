// Validation of account input, separate from the service so it can be tested on its own.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace lifeline::domain {

// Usernames are case-insensitive: stored lower-case.
std::string canonical_username(const std::string& username);

// Each returns the rules the value breaks (empty when valid).
std::vector<FieldError> check_username(const std::string& username);
std::vector<FieldError> check_display_name(const std::string& display_name);
std::vector<FieldError> check_organisation_name(const std::string& name);
std::vector<FieldError> check_roles(const std::vector<std::string>& roles);

bool is_valid_utf8(const std::string& text);

}  // namespace lifeline::domain
