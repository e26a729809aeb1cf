// Implemented by the source file that the build generates from sql/migrations (see
// embed_migrations.cmake).
#pragma once

#include <vector>

#include "storage/database.hpp"

namespace lifeline::storage::detail {

std::vector<Migration> load_embedded_migrations(Dialect dialect);

}  // namespace lifeline::storage::detail
