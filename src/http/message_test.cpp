#include "http/message.hpp"

#include <gtest/gtest.h>

namespace lifeline::http {
namespace {

TEST(SplitTarget, SplitsPathAndRawQuery) {
  const auto target = split_target("/api/v1/cases?status=open&q=a%20b");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/api/v1/cases");
  EXPECT_EQ(target->query, "status=open&q=a%20b");
}

TEST(SplitTarget, DecodesPercentEscapesInThePath) {
  const auto target = split_target("/files/a%20b%2Fc");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->path, "/files/a b/c");
}

TEST(SplitTarget, RejectsTargetsThatAreNotOriginForm) {
  EXPECT_FALSE(split_target(""));
  EXPECT_FALSE(split_target("*"));
  EXPECT_FALSE(split_target("http://example.org/"));
  EXPECT_FALSE(split_target("example.org:443"));
  EXPECT_FALSE(split_target("/a#fragment"));
}

TEST(SplitTarget, RejectsInvalidEscapes) {
  EXPECT_FALSE(split_target("/a%"));
  EXPECT_FALSE(split_target("/a%2"));
  EXPECT_FALSE(split_target("/a%zz"));
  EXPECT_FALSE(split_target("/a%g0/b"));
}

TEST(SplitTarget, RejectsNulAndControlCharacters) {
  EXPECT_FALSE(split_target("/a%00b"));
  EXPECT_FALSE(split_target("/a%0d%0aSet-Cookie:x"));
  EXPECT_FALSE(split_target("/a%7f"));
}

TEST(SplitTarget, RejectsPathTraversal) {
  EXPECT_FALSE(split_target("/../etc/passwd"));
  EXPECT_FALSE(split_target("/a/.."));
  EXPECT_FALSE(split_target("/a/./b"));
  EXPECT_FALSE(split_target("/%2e%2e/etc/passwd"));
  EXPECT_FALSE(split_target("/%2E%2E/etc/passwd"));
  EXPECT_FALSE(split_target("/a/%2e/b"));
  EXPECT_FALSE(split_target("/a/.%2e"));
  EXPECT_FALSE(split_target("/a\\b"));
  EXPECT_FALSE(split_target("/a%5c..%5cb"));
  EXPECT_FALSE(split_target("/a%2f..%2fb"));
}

TEST(SplitTarget, KeepsDotsInsideNames) {
  EXPECT_TRUE(split_target("/assets/app.min.js"));
  EXPECT_TRUE(split_target("/a/..b/c.."));
  EXPECT_TRUE(split_target("/"));
}

TEST(PercentDecode, DecodesAndKeepsInvalidEscapes) {
  EXPECT_EQ(percent_decode("a%20b+c", false), "a b+c");
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("100%", false), "100%");
  EXPECT_EQ(percent_decode("%zz%4", false), "%zz%4");
  EXPECT_EQ(percent_decode("%C3%A9", false), "\xC3\xA9");
}

TEST(Request, ReadsQueryParameters) {
  Request request;
  request.query = "status=open&name=Ana+Mar%C3%ADa&empty=&flag";
  EXPECT_EQ(request.query_param("status"), "open");
  EXPECT_EQ(request.query_param("name"),
            "Ana Mar\xC3\xAD"
            "a");
  EXPECT_EQ(request.query_param("empty"), "");
  EXPECT_EQ(request.query_param("flag"), "");
  EXPECT_EQ(request.query_param("missing"), std::nullopt);
}

TEST(Request, ReadsCookies) {
  Request request;
  request.headers.add("Cookie", "theme=dark; lifeline_session=abc123;other=\"quoted\"");
  EXPECT_EQ(request.cookie("lifeline_session"), "abc123");
  EXPECT_EQ(request.cookie("theme"), "dark");
  EXPECT_EQ(request.cookie("other"), "quoted");
  EXPECT_EQ(request.cookie("session"), std::nullopt);
}

TEST(Headers, CompareNamesCaseInsensitively) {
  Headers headers;
  headers.add("Set-Cookie", "a=1");
  headers.add("set-cookie", "b=2");
  EXPECT_EQ(headers.get("SET-COOKIE"), "a=1");
  headers.set("SET-cookie", "c=3");
  ASSERT_EQ(headers.all().size(), 1U);
  EXPECT_EQ(headers.get("set-cookie"), "c=3");
}

TEST(Method, ParsesExactNamesOnly) {
  EXPECT_EQ(parse_method("GET"), Method::get);
  EXPECT_EQ(parse_method("DELETE"), Method::delete_);
  EXPECT_EQ(parse_method("get"), Method::other);
  EXPECT_EQ(parse_method("PROPFIND"), Method::other);
  EXPECT_EQ(to_string(Method::patch), "PATCH");
  EXPECT_EQ(to_string(Method::other), "OTHER");
  EXPECT_TRUE(changes_state(Method::delete_));
  EXPECT_FALSE(changes_state(Method::head));
}

}  // namespace
}  // namespace lifeline::http
