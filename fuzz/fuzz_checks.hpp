// The checks every fuzz target makes of what a parser returned: a broken promise aborts, so
// libFuzzer keeps the input that broke it.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace lifeline::fuzz {

inline void check(bool holds) {
  if (!holds) std::abort();
}

// Messages that reach users say what is wrong in plain ASCII, never quoting the input.
inline bool is_printable_ascii(std::string_view text) {
  return std::ranges::all_of(text, [](char c) { return c >= ' ' && c <= '~'; });
}

}  // namespace lifeline::fuzz
