// Runs pg_dump for Database::backup_to.
#pragma once

#include <filesystem>
#include <string>

#include "core/error.hpp"

namespace lifeline::storage::postgres {

// Writes a custom-format dump of the database named by `conninfo` to `destination`, which must
// not exist yet. The connection settings reach pg_dump as PG* environment variables, so the
// password never appears in a process listing.
Result<void> run_pg_dump(const std::string& conninfo, const std::filesystem::path& destination);

}  // namespace lifeline::storage::postgres
