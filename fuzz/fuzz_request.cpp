// Raw bytes through the server's own path: the Beast-based RequestReader (with small limits),
// then dispatch() through a router with JSON, role-guarded and static-file routes, then
// serialisation. The bytes are fed twice, at once and in small pieces, and both feeds must serve
// the same requests. No response may ever contain the file kept outside the web root.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/spdlog.h>

#include "http/json_body.hpp"
#include "http/pipeline.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"
#include "http/wire.hpp"

namespace {

using namespace lifeline;
using namespace lifeline::http;
namespace fs = std::filesystem;

constexpr std::string_view kSecret = "outside-the-web-root-7f3a";

void check(bool condition) {
  if (!condition) std::abort();
}

class CookieAuthenticator final : public Authenticator {
 public:
  Result<std::optional<Principal>> authenticate(const Request& request) override {
    const auto session = request.cookie("lifeline_session");
    if (!session || session->empty()) return std::nullopt;
    Principal principal;
    principal.user_id = 1;
    principal.csrf_token = "token";
    principal.roles = {*session == "admin" ? "administrator" : "first_responder"};
    principal.must_change_password = *session == "fresh";
    return principal;
  }
};

fs::path make_web_root() {
  const fs::path base = fs::temp_directory_path() / "lifeline-fuzz-request";
  const fs::path root = base / "web";
  fs::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html>";
  std::ofstream(root / "assets" / "index-Bx7k2Qa9.js") << "console.log(1)";
  std::ofstream(base / "secret.txt") << kSecret;
  std::error_code ignored;
  fs::create_symlink(base / "secret.txt", root / "leak.txt", ignored);
  return root;
}

Response create_user(Context& context) {
  auto body = parse_json_body(context.request);
  if (!body) return problem_from(body.error());
  JsonFields fields(*body);
  const auto name = fields.text("username", true, 64);
  fields.integer("organisation_id", true);
  fields.boolean("active", false);
  fields.text_list("roles", false, 8, 32);
  if (auto finished = fields.finish(); !finished) return problem_from(finished.error());
  return json_response(201, {{"username", *name}});
}

Router make_router() {
  Router router;
  const auto ok = [](Context&) { return json_response(200, {{"ok", true}}); };
  router.add({Method::get, "/healthz", AccessRule::anyone(), ok, ""});
  router.add({Method::get, "/api/v1/me", AccessRule::signed_in().before_password_change(), ok, ""});
  router.add(
      {Method::post, "/api/v1/users", AccessRule::roles_any({"administrator"}), create_user, ""});
  router.add({Method::get, "/api/v1/users/{id}", AccessRule::roles_any({"administrator"}), ok, ""});
  router.add(
      {Method::delete_, "/api/v1/users/{id}", AccessRule::roles_any({"administrator"}), ok, ""});
  router.add({Method::get, "/api/v1/unguarded", std::nullopt, ok, ""});
  router.add({Method::get, "/*", AccessRule::anyone(), static_files(make_web_root()), ""});
  return router;
}

Router* global_router = nullptr;

// What the server would answer to `input` fed `piece` bytes at a time.
struct Outcome {
  std::vector<int> served;     // statuses of the requests that reached dispatch()
  std::optional<int> refused;  // status of the parse failure that ended the connection
};

Outcome serve(std::string_view input, std::size_t piece) {
  CookieAuthenticator authenticator;
  RequestReader reader({.max_header_bytes = 2048, .max_body_bytes = 4096});
  Outcome outcome;
  std::size_t offset = 0;
  while (true) {
    const RequestReader::State state = reader.parse();
    if (state == RequestReader::State::need_more) {
      if (offset >= input.size()) break;
      const std::size_t count = std::min(piece, input.size() - offset);
      reader.append(input.substr(offset, count));
      offset += count;
      continue;
    }
    if (state != RequestReader::State::complete) {
      outcome.refused = rejection_for(state).status;
      break;
    }
    const auto [request, keep_alive] = reader.take_request();
    const Response response = dispatch(*global_router, authenticator, request, {});
    const std::string wire =
        serialize_response(response, keep_alive, request.method == Method::head);
    // Unknown JSON keys are echoed back, so the input itself may carry the marker.
    check(wire.find(kSecret) == std::string::npos || input.find(kSecret) != std::string::npos);
    check(response.headers.get("X-Content-Type-Options").has_value());
    outcome.served.push_back(response.status);
    if (!keep_alive) break;
  }
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  spdlog::set_level(spdlog::level::off);
  static Router router = make_router();
  global_router = &router;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t piece = size == 0 ? 1 : (data[size - 1] % 13) + 1;
  const Outcome at_once = serve(input, input.size() + 1);
  const Outcome in_pieces = serve(input, piece);
  // Beast can spot a broken header sooner when it has more of it, so a feed may end waiting
  // for bytes where the other refused; but requests served, and refusals both saw, must agree.
  check(at_once.served == in_pieces.served);
  if (at_once.refused && in_pieces.refused) check(*at_once.refused == *in_pieces.refused);
  return 0;
}
