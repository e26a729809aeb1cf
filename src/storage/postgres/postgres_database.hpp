// The server backend: a pool of libpq connections to one PostgreSQL database.
#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace lifeline::storage::postgres {

// `options.url` is a libpq connection URI. One connection is opened now so that a wrong URL
// or an unreachable server is reported at start-up (Errc::unavailable); more open on demand.
Result<std::unique_ptr<Database>> open_database(const DatabaseOptions& options);

// Checks that `url` parses as a libpq connection string, without echoing it.
Result<void> check_url(const std::string& url);

}  // namespace lifeline::storage::postgres
