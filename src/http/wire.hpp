// HTTP/1.1 on the wire: received bytes -> Request, Response -> bytes to send. Beast parses
// inside wire.cpp; this header stays free of it, so the server and the fuzz targets share one
// parsing path and nothing else pays for Beast's headers.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace lifeline::http {

struct RequestLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
};

// A complete request and whether the client wants the connection kept open after it.
struct ReceivedRequest {
  Request request;
  bool keep_alive = false;
};

// Parses the requests arriving on one connection, one after another (pipelined bytes of the
// next request stay buffered). Feed bytes with prepare()/commit() or append(), then parse().
// After an error state the reader is spent: answer and close the connection.
class RequestReader {
 public:
  enum class State { need_more, complete, header_too_large, body_too_large, malformed };

  explicit RequestReader(RequestLimits limits);
  ~RequestReader();
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  // Room for at most `size` received bytes; commit() says how many were written.
  std::span<char> prepare(std::size_t size);
  void commit(std::size_t size);
  void append(std::string_view bytes);

  State parse();
  // Unparsed bytes are waiting (the start of the next request, or an unfinished one).
  bool has_buffered_bytes() const;
  // The header is in, the body is not, and the client waits for "100 Continue" before sending it.
  bool expects_continue() const;
  // Valid after parse() returned complete; readies the reader for the next request.
  ReceivedRequest take_request();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The response a failed parse gets: 431, 413 or 400 problem (without security headers).
Response rejection_for(RequestReader::State state);

// Status line, headers (Content-Length and Connection are ours to set; headers with characters
// that could split the response are dropped), blank line, body. For HEAD, `response` carries no
// body but the Content-Length of the GET response, which is kept.
std::string serialize_response(const Response& response, bool keep_alive, bool head_request);

inline constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace lifeline::http
