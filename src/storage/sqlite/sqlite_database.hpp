// The embedded backend: one SQLite file in WAL mode, one writer connection, a pool of readers.
#pragma once

#include <filesystem>
#include <memory>

#include "storage/database.hpp"

namespace lifeline::storage::sqlite {

// `file` may be relative (to the working directory); missing parent directories are created,
// and a new database file is readable by its owner only.
Result<std::unique_ptr<Database>> open_database(const std::filesystem::path& file,
                                                const DatabaseOptions& options);

}  // namespace lifeline::storage::sqlite
