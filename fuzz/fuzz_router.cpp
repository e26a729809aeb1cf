// Random method and target against a router with the kinds of patterns the API uses, plus the
// target splitting and percent-decoding in front of it.
// Input: first byte picks the method, the rest is the request target.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "http/router.hpp"

namespace {

using namespace lifeline::http;

void check(bool condition) {
  if (!condition) std::abort();
}

const Router& router() {
  static const Router instance = [] {
    Router built;
    const auto add = [&built](Method method, const char* pattern) {
      built.add(
          Route{method, pattern, AccessRule::anyone(), [](Context&) { return Response{}; }, ""});
    };
    add(Method::get, "/healthz");
    add(Method::get, "/api/v1/me");
    add(Method::get, "/api/v1/users");
    add(Method::post, "/api/v1/users");
    add(Method::get, "/api/v1/users/me");
    add(Method::get, "/api/v1/users/{id}");
    add(Method::patch, "/api/v1/users/{id}");
    add(Method::delete_, "/api/v1/users/{id}");
    add(Method::get, "/api/v1/cases/{case}/events/{event}");
    add(Method::post, "/api/v1/cases/{case}/events");
    add(Method::get, "/api/v1/files/*");
    add(Method::get, "/*");
    return built;
  }();
  return instance;
}

constexpr Method kMethods[] = {Method::get,   Method::head,    Method::post,    Method::put,
                               Method::patch, Method::delete_, Method::options, Method::other};

void check_split(const Target& target) {
  check(!target.path.empty() && target.path.front() == '/');
  check(target.path.find('\0') == std::string::npos);
  check(target.path.find('\\') == std::string::npos);
  check(target.path.find("/../") == std::string::npos);
  check(!target.path.ends_with("/..") && !target.path.ends_with("/."));
  check(target.query.find('#') == std::string::npos);
}

void check_match(const RouteMatch& match) {
  check((match.route != nullptr) == (match.status == 200));
  check(match.status == 200 || match.status == 404 || match.status == 405);
  check(match.status != 405 || !match.allowed_methods.empty());
  if (!match.route) return;
  for (const auto& [name, value] : match.params.values) {
    if (name != "*") check(!value.empty() && value.find('/') == std::string::npos);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Method method = kMethods[data[0] % std::size(kMethods)];
  const std::string_view target(reinterpret_cast<const char*>(data + 1), size - 1);

  const std::string lenient = percent_decode(target, true);
  check(lenient.size() <= target.size());
  (void)parse_method(target);

  check_match(router().match(method, target));  // the router copes with undecoded input too
  if (const auto split = split_target(target)) {
    check_split(*split);
    check_match(router().match(method, split->path));
  }
  Request request;
  request.query = std::string(target);
  (void)request.query_param("q");
  request.headers.add("Cookie", std::string(target));
  (void)request.cookie("lifeline_session");
  return 0;
}
