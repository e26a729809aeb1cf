// Serves the browser UI's build output (index.html, assets/...) for the route `GET /*`.
#pragma once

#include <filesystem>

#include "http/router.hpp"

namespace lifeline::http {

// A handler for `GET /*` with AccessRule::anyone(). Serves regular files under `root` only:
// the resolved path (after symlinks) must stay under root, hidden files are never served.
// Paths without an extension get index.html (the UI routes them itself); paths under /api/
// and missing files with an extension get a 404 problem. Files are cached in memory: the UI
// build does not change while the server runs.
Handler static_files(const std::filesystem::path& root);

// True for Vite's content-hashed output names, "assets/<name>-<hash of 8+ chars>.<ext>", which
// can be cached for a year because a new build gives them new names.
bool is_hashed_asset(std::string_view relative_path);

// Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view file_name);

}  // namespace lifeline::http
