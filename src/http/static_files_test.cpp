#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

#include "http/pipeline.hpp"

namespace lifeline::http {
namespace {

namespace fs = std::filesystem;

class NoOneAuthenticator final : public Authenticator {
 public:
  Result<std::optional<Principal>> authenticate(const Request&) override { return std::nullopt; }
};

void write_file(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A web root under a fresh temporary directory, next to a file that must never be served.
class StaticFilesTest : public ::testing::Test {
 protected:
  StaticFilesTest() {
    base_ =
        fs::temp_directory_path() / ("lifeline-static-" + std::to_string(std::random_device{}()));
    root_ = base_ / "web";
    write_file(root_ / "index.html", "<!doctype html><title>Lifeline</title>");
    write_file(root_ / "assets" / "index-Bx7k2Qa9.js", "console.log(1)");
    write_file(root_ / "assets" / "logo.svg", "<svg/>");
    write_file(root_ / "robots.txt", "User-agent: *");
    write_file(root_ / ".env", "SECRET=1");
    write_file(base_ / "secret.txt", "victim list");
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    fs::create_directory_symlink(base_, root_ / "up");
    router_.add(Route{Method::get, "/*", AccessRule::anyone(), static_files(root_), ""});
  }
  ~StaticFilesTest() override { fs::remove_all(base_); }

  Response get(std::string target, std::string if_none_match = {}) {
    Request request;
    request.target = std::move(target);
    if (!if_none_match.empty()) request.headers.set("If-None-Match", std::move(if_none_match));
    return dispatch(router_, authenticator_, request, {});
  }

  // Calls the handler directly with a rest-of-path the router would never produce.
  Response serve_raw(std::string rest) {
    Request request;
    PathParams params;
    params.values.emplace_back("*", std::move(rest));
    Context context{request, std::move(params), std::nullopt, "/*"};
    return static_files(root_)(context);
  }

  fs::path base_;
  fs::path root_;
  Router router_;
  NoOneAuthenticator authenticator_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirContentType) {
  const Response index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>Lifeline</title>");
  EXPECT_EQ(index.headers.get("Content-Type"), "text/html; charset=utf-8");

  const Response svg = get("/assets/logo.svg");
  EXPECT_EQ(svg.status, 200);
  EXPECT_EQ(svg.headers.get("Content-Type"), "image/svg+xml");
  EXPECT_EQ(get("/robots.txt").headers.get("Content-Type"), "text/plain; charset=utf-8");
}

TEST_F(StaticFilesTest, CachesHashedAssetsForAYear) {
  const Response hashed = get("/assets/index-Bx7k2Qa9.js");
  EXPECT_EQ(hashed.status, 200);
  EXPECT_EQ(hashed.headers.get("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(hashed.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/assets/logo.svg").headers.get("Cache-Control"), "no-cache");
  EXPECT_EQ(get("/").headers.get("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, RevalidatesWithETag) {
  const Response first = get("/robots.txt");
  const auto etag = first.headers.get("ETag");
  ASSERT_TRUE(etag);
  const Response again = get("/robots.txt", std::string(*etag));
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST_F(StaticFilesTest, FallsBackToIndexForUiRoutes) {
  const Response route = get("/cases/12/events");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<!doctype html><title>Lifeline</title>");
}

TEST_F(StaticFilesTest, Answers404ForMissingFilesAndApiPaths) {
  EXPECT_EQ(get("/assets/missing-12345678.js").status, 404);
  EXPECT_EQ(get("/favicon.ico").status, 404);
  EXPECT_EQ(get("/api/v1/unknown").status, 404);
  EXPECT_EQ(get("/api").status, 404);
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  EXPECT_EQ(get("/%2e%2e/secret.txt").status, 400);  // split_target refuses it outright
  EXPECT_EQ(get("/%252e%252e/secret.txt").status, 404);
  EXPECT_EQ(get("/leak.txt").status, 404);       // symlink pointing outside the root
  EXPECT_EQ(get("/up/secret.txt").status, 404);  // directory symlink pointing outside
  EXPECT_EQ(serve_raw("../secret.txt").status, 404);
  EXPECT_EQ(serve_raw("assets/../../secret.txt").status, 404);
  EXPECT_EQ(serve_raw("/etc/passwd").status, 404);
  EXPECT_EQ(serve_raw("..\\secret.txt").status, 404);
  for (const char* target : {"/leak.txt", "/up/secret.txt", "/%252e%252e/secret.txt"}) {
    EXPECT_EQ(get(target).body.find("victim"), std::string::npos) << target;
  }
}

TEST_F(StaticFilesTest, HidesDotFiles) {
  EXPECT_EQ(get("/.env").status, 404);
  EXPECT_EQ(get("/.env").body.find("SECRET"), std::string::npos);
}

TEST(StaticFileNames, RecognisesViteHashes) {
  EXPECT_TRUE(is_hashed_asset("assets/index-Bx7k2Qa9.js"));
  EXPECT_TRUE(is_hashed_asset("assets/vendor-react-a1b2c3d4e5.js"));
  EXPECT_TRUE(is_hashed_asset("assets/index-Bx7k2Qa9.js.map"));
  EXPECT_FALSE(is_hashed_asset("assets/logo.svg"));
  EXPECT_FALSE(is_hashed_asset("assets/my-icon.svg"));
  EXPECT_FALSE(is_hashed_asset("index-Bx7k2Qa9.js"));
  EXPECT_FALSE(is_hashed_asset("assets/index-Bx7k2Qa9"));
  EXPECT_EQ(content_type_for("a/b.WOFF2"), "font/woff2");
  EXPECT_EQ(content_type_for("a/b.exe"), "application/octet-stream");
}

}  // namespace
}  // namespace lifeline::http
