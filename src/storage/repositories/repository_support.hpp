// Small pieces the repositories share.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace lifeline::storage {

// The error of a failed result, to return from a function of another result type.
template <class T>
tl::unexpected<Error> error_of(const Result<T>& r) {
  return tl::unexpected(r.error());
}

// Lists that are only ever read whole are stored as JSON arrays of strings in a TEXT column.
std::string json_list(const std::vector<std::string>& values);
// The strings of a JSON array column; anything else reads as an empty list.
std::vector<std::string> list_from_json(const std::string& text);

}  // namespace lifeline::storage
