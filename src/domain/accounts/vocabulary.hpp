// The fixed identifiers of organisation types and roles that the API, the UI and scripts use.
#pragma once

#include <span>
#include <string_view>

namespace lifeline::domain {

std::span<const std::string_view> organisation_types();
std::span<const std::string_view> roles();
bool is_organisation_type(std::string_view id);
bool is_role(std::string_view id);

namespace role {
inline constexpr std::string_view administrator = "administrator";
inline constexpr std::string_view auditor = "auditor";
}  // namespace role

}  // namespace lifeline::domain
