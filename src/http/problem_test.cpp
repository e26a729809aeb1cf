#include "http/problem.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace lifeline::http {
namespace {

nlohmann::json body_of(const Response& response) {
  return nlohmann::json::parse(response.body);
}

TEST(Problem, HasTheRfc9457Members) {
  const Response response = problem(409, "conflict", "Conflict", "the version is stale");
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.headers.get("Content-Type"), "application/problem+json");
  const auto body = body_of(response);
  EXPECT_EQ(body["type"], "urn:lifeline:problem:conflict");
  EXPECT_EQ(body["title"], "Conflict");
  EXPECT_EQ(body["status"], 409);
  EXPECT_EQ(body["detail"], "the version is stale");
  EXPECT_FALSE(body.contains("errors"));
}

TEST(Problem, ListsFieldErrors) {
  const auto body = body_of(problem(422, "validation", "Invalid", "fix these",
                                    {{"name", "is required"}, {"age", "must be an integer"}}));
  ASSERT_EQ(body["errors"].size(), 2U);
  EXPECT_EQ(body["errors"][0]["field"], "name");
  EXPECT_EQ(body["errors"][1]["message"], "must be an integer");
}

struct Mapping {
  Errc code;
  int status;
  const char* slug;
};

TEST(ProblemFrom, MapsEveryErrorCode) {
  const Mapping mappings[] = {
      {Errc::invalid_argument, 422, "validation"},
      {Errc::malformed, 400, "malformed-request"},
      {Errc::not_found, 404, "not-found"},
      {Errc::conflict, 409, "conflict"},
      {Errc::precondition_failed, 412, "precondition-failed"},
      {Errc::unauthorized, 401, "unauthorized"},
      {Errc::forbidden, 403, "forbidden"},
      {Errc::rate_limited, 429, "rate-limited"},
      {Errc::too_large, 413, "payload-too-large"},
      {Errc::unsupported_media_type, 415, "unsupported-media-type"},
      {Errc::unavailable, 503, "unavailable"},
      {Errc::internal, 500, "internal"},
  };
  for (const auto& [code, status, slug] : mappings) {
    const Response response = problem_from(Error{code, "message", {}, {}});
    EXPECT_EQ(response.status, status) << slug;
    EXPECT_EQ(status_for(code), status) << slug;
    EXPECT_EQ(body_of(response)["type"], std::string("urn:lifeline:problem:") + slug);
  }
}

TEST(ProblemFrom, AddsRetryAfterWhereRetryingHelps) {
  EXPECT_EQ(problem_from(Error{Errc::rate_limited, "", {}, {}}).headers.get("Retry-After"), "60");
  EXPECT_EQ(problem_from(Error{Errc::unavailable, "", {}, {}}).headers.get("Retry-After"), "5");
  EXPECT_EQ(problem_from(Error{Errc::conflict, "", {}, {}}).headers.get("Retry-After"),
            std::nullopt);
}

TEST(ProblemFrom, NeverShowsTheMessageOfAnInternalError) {
  const Response response =
      problem_from(Error{Errc::internal, "sqlite: no such column secret_name", {}, {}});
  EXPECT_EQ(response.body.find("secret_name"), std::string::npos);
  EXPECT_EQ(body_of(response)["status"], 500);
}

TEST(ProblemFrom, TypeOverridesTheSlugAndMessageIsTheDetail) {
  const auto body =
      body_of(problem_from(Error{Errc::unauthorized, "enter the code", "totp-required", {}}));
  EXPECT_EQ(body["type"], "urn:lifeline:problem:totp-required");
  EXPECT_EQ(body["status"], 401);
  EXPECT_EQ(body["detail"], "enter the code");
}

TEST(ProblemFrom, CarriesFieldErrors) {
  const auto body = body_of(problem_from(
      Error{Errc::invalid_argument, "invalid", "validation", {{"email", "is required"}}}));
  EXPECT_EQ(body["errors"][0]["field"], "email");
}

TEST(JsonResponse, SetsTheJsonContentType) {
  const Response response = json_response(201, {{"id", 3}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.headers.get("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(response.body, R"({"id":3})");
}

TEST(JsonResponse, SurvivesInvalidUtf8) {
  const Response response = json_response(200, {{"name", std::string("\xff")}});
  EXPECT_EQ(response.status, 200);
  EXPECT_FALSE(response.body.empty());
}

TEST(NoContent, Is204WithoutBody) {
  const Response response = no_content();
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(response.body.empty());
}

}  // namespace
}  // namespace lifeline::http
