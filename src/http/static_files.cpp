#include "http/static_files.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/problem.hpp"

namespace lifeline::http {

namespace {

namespace fs = std::filesystem;

// The UI is a few megabytes; anything far larger under the web root is not part of it.
constexpr std::uintmax_t kMaxFileBytes = 16 * 1024 * 1024;
constexpr std::size_t kMaxCachedFiles = 4096;

struct File {
  std::string body;
  std::string_view content_type;
  std::string_view cache_control;
  std::string etag;
};

std::string_view extension_of(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  const std::string_view file = slash == std::string_view::npos ? name : name.substr(slash + 1);
  const std::size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return file.substr(dot + 1);
}

bool is_within(const fs::path& root, const fs::path& path) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

// Rejects what split_target already rejects, plus hidden files: this handler does not rely on
// the caller for its own safety.
bool is_safe_relative_path(std::string_view relative) {
  if (relative.find('\\') != std::string_view::npos) return false;
  if (relative.find('\0') != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= relative.size()) {
    std::size_t end = relative.find('/', start);
    if (end == std::string_view::npos) end = relative.size();
    const std::string_view segment = relative.substr(start, end - start);
    if (segment.empty() || segment.front() == '.') return false;
    start = end + 1;
  }
  return true;
}

std::string etag_for(std::string_view content) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a: a fingerprint, not a security measure
  for (char c : content) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return fmt::format("\"{:016x}\"", hash);
}

std::optional<std::string> read_file(const fs::path& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error || size > kMaxFileBytes) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  if (!in && !in.eof()) return std::nullopt;
  return std::move(content).str();
}

class StaticFiles {
 public:
  explicit StaticFiles(const fs::path& root) : root_(canonical_root(root)) {}

  Response serve(const Context& context) {
    std::string_view relative = context.params.get("*").value_or(std::string_view{});
    if (relative == "api" || relative.starts_with("api/")) return not_found();
    if (relative.empty()) relative = "index.html";
    if (!is_safe_relative_path(relative)) return not_found();
    if (auto file = load(relative)) return respond(*file, context.request);
    // The UI's own routes (/cases/12) have no extension; the UI resolves them in the browser.
    if (extension_of(relative).empty()) {
      if (auto index = load("index.html")) return respond(*index, context.request);
    }
    return not_found();
  }

 private:
  static fs::path canonical_root(const fs::path& root) {
    std::error_code error;
    fs::path canonical = fs::canonical(root, error);
    if (error) {
      spdlog::warn("web root {} is not readable: {}", root.string(), error.message());
      return root.lexically_normal();
    }
    return canonical;
  }

  static Response not_found() {
    return problem_from(Error{Errc::not_found, "no file at this path", {}, {}});
  }

  static Response respond(const File& file, const Request& request) {
    Response response;
    response.headers.set("Cache-Control", std::string(file.cache_control));
    response.headers.set("ETag", file.etag);
    if (request.headers.get("If-None-Match") == std::optional<std::string_view>(file.etag)) {
      response.status = 304;
      return response;
    }
    response.headers.set("Content-Type", std::string(file.content_type));
    response.body = file.body;
    return response;
  }

  std::shared_ptr<const File> load(std::string_view relative) {
    const std::string key(relative);
    {
      std::lock_guard lock(mutex_);
      if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    }
    auto file = read_under_root(key);
    if (file) {
      std::lock_guard lock(mutex_);
      // Only files that exist are cached, so random paths cannot grow the cache.
      if (cache_.size() < kMaxCachedFiles) cache_.emplace(key, file);
    }
    return file;
  }

  std::shared_ptr<const File> read_under_root(const std::string& relative) const {
    std::error_code error;
    const fs::path resolved = fs::canonical(root_ / relative, error);
    if (error || !is_within(root_, resolved) || !fs::is_regular_file(resolved, error)) {
      return nullptr;
    }
    auto content = read_file(resolved);
    if (!content) return nullptr;
    auto file = std::make_shared<File>();
    file->etag = etag_for(*content);
    file->body = std::move(*content);
    file->content_type = content_type_for(relative);
    file->cache_control =
        is_hashed_asset(relative) ? "public, max-age=31536000, immutable" : "no-cache";
    return file;
  }

  const fs::path root_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const File>> cache_;
};

}  // namespace

bool is_hashed_asset(std::string_view relative_path) {
  if (!relative_path.starts_with("assets/")) return false;
  const std::string_view file = relative_path.substr(relative_path.rfind('/') + 1);
  const std::size_t dot = file.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view stem = file.substr(0, dot);
  const std::size_t dash = stem.rfind('-');
  if (dash == std::string_view::npos) return false;
  const std::string_view hash = stem.substr(dash + 1);
  return hash.size() >= 8 && std::all_of(hash.begin(), hash.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  c == '_';
         });
}

std::string_view content_type_for(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kTypes{{
      {"html", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"json", "application/json; charset=utf-8"},
      {"webmanifest", "application/manifest+json"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"txt", "text/plain; charset=utf-8"},
      {"map", "application/json; charset=utf-8"},
  }};
  std::string extension(extension_of(file_name));
  std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  for (const auto& [known, type] : kTypes) {
    if (known == extension) return type;
  }
  return "application/octet-stream";
}

Handler static_files(const fs::path& root) {
  auto files = std::make_shared<StaticFiles>(root);
  return [files](Context& context) { return files->serve(context); };
}

}  // namespace lifeline::http
