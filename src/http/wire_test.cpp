#include "http/wire.hpp"

#include <gtest/gtest.h>

namespace lifeline::http {
namespace {

using State = RequestReader::State;

TEST(RequestReader, ParsesARequest) {
  RequestReader reader({});
  reader.append(
      "POST /api/v1/cases?x=1 HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\n\r\n{}");
  ASSERT_EQ(reader.parse(), State::complete);
  auto [request, keep_alive] = reader.take_request();
  EXPECT_TRUE(keep_alive);
  EXPECT_EQ(request.method, Method::post);
  EXPECT_EQ(request.target, "/api/v1/cases?x=1");
  EXPECT_EQ(request.path, "/api/v1/cases");
  EXPECT_EQ(request.query, "x=1");
  EXPECT_EQ(request.headers.get("content-type"), "application/json");
  EXPECT_EQ(request.body, "{}");
  EXPECT_FALSE(reader.has_buffered_bytes());
}

TEST(RequestReader, WaitsForMoreBytes) {
  RequestReader reader({});
  reader.append("GET / HTTP/1.1\r\nHo");
  EXPECT_EQ(reader.parse(), State::need_more);
  reader.append("st: a\r\n\r\n");
  EXPECT_EQ(reader.parse(), State::complete);
}

TEST(RequestReader, KeepsPipelinedRequests) {
  RequestReader reader({});
  reader.append(
      "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(reader.parse(), State::complete);
  EXPECT_EQ(reader.take_request().request.path, "/a");
  EXPECT_TRUE(reader.has_buffered_bytes());
  ASSERT_EQ(reader.parse(), State::complete);
  const auto second = reader.take_request();
  EXPECT_EQ(second.request.path, "/b");
  EXPECT_FALSE(second.keep_alive);
}

TEST(RequestReader, DecodesChunkedBodies) {
  RequestReader reader({});
  reader.append(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
      "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  ASSERT_EQ(reader.parse(), State::complete);
  EXPECT_EQ(reader.take_request().request.body, "abcde");
}

TEST(RequestReader, ParsesChunkedBodiesArrivingByteByByte) {
  const std::string message =
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n"
      "GET /next HTTP/1.1\r\nHost: a\r\n\r\n";
  RequestReader reader({});
  std::size_t fed = 0;
  while (reader.parse() == State::need_more) {
    ASSERT_LT(fed, message.size());
    reader.append(message.substr(fed++, 1));
  }
  EXPECT_EQ(reader.take_request().request.body, "ab");
  while (reader.parse() == State::need_more) {
    ASSERT_LT(fed, message.size());
    reader.append(message.substr(fed++, 1));
  }
  EXPECT_EQ(reader.take_request().request.path, "/next");
}

TEST(RequestReader, EnforcesTheHeaderLimit) {
  RequestReader reader({.max_header_bytes = 256, .max_body_bytes = 1024});
  reader.append("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(400, 'x') + "\r\n\r\n");
  EXPECT_EQ(reader.parse(), State::header_too_large);
}

TEST(RequestReader, EnforcesTheBodyLimitFromContentLength) {
  RequestReader reader({.max_header_bytes = 1024, .max_body_bytes = 10});
  reader.append("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n");
  EXPECT_EQ(reader.parse(), State::body_too_large);
}

TEST(RequestReader, EnforcesTheBodyLimitForChunkedBodies) {
  RequestReader reader({.max_header_bytes = 1024, .max_body_bytes = 10});
  reader.append(
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: "
      "chunked\r\n\r\n8\r\nabcdefgh\r\n8\r\nabcdefgh\r\n0\r\n\r\n");
  EXPECT_EQ(reader.parse(), State::body_too_large);
}

TEST(RequestReader, RefusesAmbiguousFraming) {
  for (const char* framing :
       {"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "Transfer-Encoding: gzip\r\n",
        "Content-Length: 3\r\nContent-Length: 4\r\n"}) {
    RequestReader reader({});
    reader.append(std::string("POST / HTTP/1.1\r\nHost: a\r\n") + framing +
                  "\r\n3\r\nabc\r\n0\r\n\r\n");
    EXPECT_EQ(reader.parse(), State::malformed) << framing;
  }
}

TEST(RequestReader, RefusesGarbage) {
  RequestReader reader({});
  reader.append("NOT HTTP\r\n\r\n");
  EXPECT_EQ(reader.parse(), State::malformed);
}

TEST(RequestReader, NoticesExpectContinue) {
  RequestReader reader({});
  reader.append("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
  EXPECT_EQ(reader.parse(), State::need_more);
  EXPECT_TRUE(reader.expects_continue());
  reader.append("abcd");
  EXPECT_EQ(reader.parse(), State::complete);
  EXPECT_FALSE(reader.expects_continue());
}

TEST(RequestReader, LeavesInvalidTargetsToDispatch) {
  RequestReader reader({});
  reader.append("GET /%2e%2e/x HTTP/1.1\r\nHost: a\r\n\r\n");
  ASSERT_EQ(reader.parse(), State::complete);
  const auto received = reader.take_request();
  EXPECT_EQ(received.request.target, "/%2e%2e/x");
  EXPECT_EQ(received.request.path, "");
}

TEST(RequestReader, Http10ClosesUnlessAskedToKeepAlive) {
  RequestReader reader({});
  reader.append("GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  ASSERT_EQ(reader.parse(), State::complete);
  EXPECT_FALSE(reader.take_request().keep_alive);
  ASSERT_EQ(reader.parse(), State::complete);
  EXPECT_TRUE(reader.take_request().keep_alive);
}

TEST(Rejection, MapsParseFailuresToStatuses) {
  EXPECT_EQ(rejection_for(State::header_too_large).status, 431);
  EXPECT_EQ(rejection_for(State::body_too_large).status, 413);
  EXPECT_EQ(rejection_for(State::malformed).status, 400);
}

TEST(SerializeResponse, WritesStatusHeadersAndBody) {
  Response response;
  response.status = 404;
  response.headers.set("Content-Type", "text/plain");
  response.headers.set("Content-Length", "999");  // ours to set, not the handler's
  response.body = "nope";
  const std::string wire = serialize_response(response, true, false);
  EXPECT_TRUE(wire.starts_with("HTTP/1.1 404 Not Found\r\nDate: "));
  EXPECT_NE(wire.find("\r\nContent-Type: text/plain\r\n"), std::string::npos);
  EXPECT_NE(wire.find("\r\nContent-Length: 4\r\n"), std::string::npos);
  EXPECT_EQ(wire.find("999"), std::string::npos);
  EXPECT_NE(wire.find("\r\nConnection: keep-alive\r\n\r\nnope"), std::string::npos);
  EXPECT_TRUE(wire.ends_with("\r\n\r\nnope"));
}

TEST(SerializeResponse, DropsHeadersThatWouldSplitTheResponse) {
  Response response;
  response.headers.add("Content-Disposition", "attachment\r\nSet-Cookie: x=1");
  response.headers.add("Bad Name", "v");
  response.headers.add("X-Ok", "fine");
  const std::string wire = serialize_response(response, false, false);
  EXPECT_EQ(wire.find("Set-Cookie"), std::string::npos);
  EXPECT_EQ(wire.find("Bad Name"), std::string::npos);
  EXPECT_NE(wire.find("X-Ok: fine\r\n"), std::string::npos);
  EXPECT_NE(wire.find("Connection: close\r\n"), std::string::npos);
}

TEST(SerializeResponse, HeadKeepsTheLengthButSendsNoBody) {
  Response response;
  response.headers.set("Content-Length", "12");
  const std::string wire = serialize_response(response, true, true);
  EXPECT_NE(wire.find("Content-Length: 12\r\n"), std::string::npos);
  EXPECT_TRUE(wire.ends_with("\r\n\r\n"));
}

TEST(SerializeResponse, NoContentHasNoLength) {
  Response response;
  response.status = 204;
  const std::string wire = serialize_response(response, true, false);
  EXPECT_TRUE(wire.starts_with("HTTP/1.1 204 No Content\r\n"));
  EXPECT_EQ(wire.find("Content-Length"), std::string::npos);
}

}  // namespace
}  // namespace lifeline::http
