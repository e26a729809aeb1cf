#include "http/router.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace lifeline::http {
namespace {

Route route(Method method, std::string pattern) {
  return Route{method, std::move(pattern), AccessRule::anyone(),
               [](Context&) { return Response{}; }, ""};
}

TEST(Router, LiteralSegmentBeatsCaptureWhateverTheOrder) {
  for (bool literal_first : {true, false}) {
    Router router;
    if (literal_first) router.add(route(Method::get, "/api/v1/users/me"));
    router.add(route(Method::get, "/api/v1/users/{id}"));
    if (!literal_first) router.add(route(Method::get, "/api/v1/users/me"));

    const auto me = router.match(Method::get, "/api/v1/users/me");
    ASSERT_NE(me.route, nullptr);
    EXPECT_EQ(me.route->pattern, "/api/v1/users/me");
    EXPECT_TRUE(me.params.values.empty());

    const auto other = router.match(Method::get, "/api/v1/users/42");
    ASSERT_NE(other.route, nullptr);
    EXPECT_EQ(other.route->pattern, "/api/v1/users/{id}");
    EXPECT_EQ(other.params.get("id"), "42");
  }
}

TEST(Router, CapturesOneNonEmptySegmentEach) {
  Router router;
  router.add(route(Method::get, "/api/v1/cases/{case}/events/{event}"));
  const auto match = router.match(Method::get, "/api/v1/cases/7/events/9");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.params.get("case"), "7");
  EXPECT_EQ(match.params.get("event"), "9");
  EXPECT_EQ(match.params.get("missing"), std::nullopt);

  EXPECT_EQ(router.match(Method::get, "/api/v1/cases//events/9").status, 404);
  EXPECT_EQ(router.match(Method::get, "/api/v1/cases/7/events/").status, 404);
  EXPECT_EQ(router.match(Method::get, "/api/v1/cases/7/events/9/x").status, 404);
  EXPECT_EQ(router.match(Method::get, "/api/v1/cases/7/events").status, 404);
}

TEST(Router, TrailingStarCapturesTheRestEvenWhenEmpty) {
  Router router;
  router.add(route(Method::get, "/*"));
  router.add(route(Method::get, "/api/v1/files/*"));

  const auto root = router.match(Method::get, "/");
  ASSERT_NE(root.route, nullptr);
  EXPECT_EQ(root.params.get("*"), "");

  const auto asset = router.match(Method::get, "/assets/index-abc12345.js");
  ASSERT_NE(asset.route, nullptr);
  EXPECT_EQ(asset.route->pattern, "/*");
  EXPECT_EQ(asset.params.get("*"), "assets/index-abc12345.js");

  const auto file = router.match(Method::get, "/api/v1/files/a/b.pdf");
  ASSERT_NE(file.route, nullptr);
  EXPECT_EQ(file.route->pattern, "/api/v1/files/*");
  EXPECT_EQ(file.params.get("*"), "a/b.pdf");

  const auto empty_rest = router.match(Method::get, "/api/v1/files");
  ASSERT_NE(empty_rest.route, nullptr);
  EXPECT_EQ(empty_rest.route->pattern, "/api/v1/files/*");
  EXPECT_EQ(empty_rest.params.get("*"), "");
}

TEST(Router, CaptureBeatsCatchAll) {
  Router router;
  router.add(route(Method::get, "/*"));
  router.add(route(Method::get, "/docs/{page}"));
  EXPECT_EQ(router.match(Method::get, "/docs/intro").route->pattern, "/docs/{page}");
  EXPECT_EQ(router.match(Method::get, "/docs/intro/more").route->pattern, "/*");
}

TEST(Router, UnknownPathIs404) {
  Router router;
  router.add(route(Method::get, "/api/v1/users"));
  const auto match = router.match(Method::get, "/api/v1/nothing");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.status, 404);
  EXPECT_TRUE(match.allowed_methods.empty());
}

TEST(Router, KnownPathWithOtherMethodIs405WithAllowedMethods) {
  Router router;
  router.add(route(Method::get, "/api/v1/users"));
  router.add(route(Method::post, "/api/v1/users"));
  router.add(route(Method::delete_, "/api/v1/users/{id}"));
  const auto match = router.match(Method::put, "/api/v1/users");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.status, 405);
  EXPECT_EQ(match.allowed_methods, (std::vector<Method>{Method::get, Method::head, Method::post}));

  EXPECT_EQ(router.match(Method::other, "/api/v1/users").status, 405);
}

TEST(Router, HeadIsServedByGetRoutes) {
  Router router;
  router.add(route(Method::get, "/healthz"));
  const auto match = router.match(Method::head, "/healthz");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->method, Method::get);
  EXPECT_EQ(match.status, 200);
}

TEST(Router, PicksTheRouteOfTheRequestedMethod) {
  Router router;
  router.add(route(Method::get, "/api/v1/users/me"));
  router.add(route(Method::delete_, "/api/v1/users/{id}"));
  const auto match = router.match(Method::delete_, "/api/v1/users/me");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/users/{id}");
}

TEST(Router, RejectsMalformedAndDuplicatePatterns) {
  Router router;
  EXPECT_THROW(router.add(route(Method::get, "api/v1")), std::invalid_argument);
  EXPECT_THROW(router.add(route(Method::get, "/a/*/b")), std::invalid_argument);
  EXPECT_THROW(router.add(route(Method::get, "/a/{}")), std::invalid_argument);
  EXPECT_THROW(router.add(route(Method::get, "/a//b")), std::invalid_argument);
  router.add(route(Method::get, "/a"));
  EXPECT_THROW(router.add(route(Method::get, "/a")), std::invalid_argument);
  router.add(route(Method::post, "/a"));
  EXPECT_EQ(router.routes().size(), 2U);
}

}  // namespace
}  // namespace lifeline::http
