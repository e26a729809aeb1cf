// A small list of the passwords attackers try first, compiled into the program.
#pragma once

#include <span>
#include <string_view>

namespace lifeline::crypto::detail {

// Lowercase entries: the most used passwords of public breach lists, longer variants that
// pass a 12-character minimum, and keyboard patterns of the Latin and Cyrillic layouts.
std::span<const std::string_view> common_passwords();

// Whether `lowercase_password` is on the list (the caller lowercases it first).
bool is_common_password(std::string_view lowercase_password);

}  // namespace lifeline::crypto::detail
