#include "http/wire.hpp"

#include <algorithm>
#include <ctime>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/problem.hpp"

namespace lifeline::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {

using BeastParser = bhttp::request_parser<bhttp::string_body>;

// Beast 1.74 asserts (in builds with assertions) when it resumes the last chunk of a chunked
// body with fewer than 5 bytes at hand, e.g. "0\r\n" then "\r" (fixed upstream in Beast
// PR 2861). An unfinished chunked body always has at least 5 bytes to come ("0\r\n\r\n"),
// so waiting until that many are buffered changes nothing else.
constexpr std::size_t kMinChunkedRemainder = 5;

Request to_request(bhttp::request<bhttp::string_body>&& message) {
  Request request;
  request.method = parse_method(message.method_string());
  request.target = std::string(message.target());
  if (auto target = split_target(request.target)) {
    request.path = std::move(target->path);
    request.query = std::move(target->query);
  }  // else dispatch() answers 400
  for (const auto& field : message) {
    request.headers.add(field.name_string(), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

// Beast accepts a Transfer-Encoding it cannot decode (the body then looks empty) and, in some
// versions, both framing headers at once; either lets a request hide inside another.
bool has_ambiguous_framing(const bhttp::request<bhttp::string_body>& message) {
  const auto encoding = message.find(bhttp::field::transfer_encoding);
  if (encoding == message.end()) return false;
  if (message.count(bhttp::field::transfer_encoding) > 1) return true;
  if (message.count(bhttp::field::content_length) > 0) return true;
  return !beast::iequals(encoding->value(), "chunked");
}

RequestReader::State classify(const beast::error_code& error) {
  if (error == bhttp::error::header_limit) return RequestReader::State::header_too_large;
  if (error == bhttp::error::body_limit) return RequestReader::State::body_too_large;
  return RequestReader::State::malformed;
}

bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_valid_header(std::string_view name, std::string_view value) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) return false;
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b) {
  return beast::iequals(a, b);
}

// Headers the serializer sets itself from the message's framing.
bool is_framing_header(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Connection") ||
         iequals(name, "Transfer-Encoding");
}

bool status_has_body(int status) {
  return status >= 200 && status != 204 && status != 304;
}

// The IMF-fixdate of RFC 9110, formatted once per second per thread.
const std::string& http_date() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  thread_local std::time_t formatted_at = -1;
  thread_local std::string date;
  const std::time_t now = std::time(nullptr);
  if (now != formatted_at) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    date =
        fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} GMT", kDays[utc.tm_wday], utc.tm_mday,
                    kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    formatted_at = now;
  }
  return date;
}

std::string_view reason_phrase(int status) {
  const auto reason = bhttp::obsolete_reason(static_cast<bhttp::status>(status));
  return reason == "<unknown-status>" ? std::string_view{} : std::string_view(reason);
}

}  // namespace

struct RequestReader::Impl {
  RequestLimits limits;
  beast::flat_buffer buffer;
  std::optional<BeastParser> parser;

  void fresh_parser() {
    parser.emplace();
    parser->header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser->body_limit(limits.max_body_bytes);
    parser->eager(true);  // consume body bytes as they come, so the buffer stays small
  }
};

RequestReader::RequestReader(RequestLimits limits) : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  impl_->fresh_parser();
}

RequestReader::~RequestReader() = default;

std::span<char> RequestReader::prepare(std::size_t size) {
  const auto writable = impl_->buffer.prepare(size);
  return {static_cast<char*>(writable.data()), writable.size()};
}

void RequestReader::commit(std::size_t size) {
  impl_->buffer.commit(size);
}

void RequestReader::append(std::string_view bytes) {
  const auto writable = prepare(bytes.size());
  std::copy(bytes.begin(), bytes.end(), writable.begin());
  commit(bytes.size());
}

RequestReader::State RequestReader::parse() {
  BeastParser& parser = *impl_->parser;
  while (!parser.is_done()) {
    if (impl_->buffer.size() == 0) return State::need_more;
    if (parser.is_header_done() && parser.chunked() &&
        impl_->buffer.size() < kMinChunkedRemainder) {
      return State::need_more;
    }
    beast::error_code error;
    const std::size_t used = parser.put(impl_->buffer.data(), error);
    impl_->buffer.consume(used);
    if (error == bhttp::error::need_more) {
      if (used == 0) return State::need_more;
      continue;
    }
    if (error) return classify(error);
  }
  if (has_ambiguous_framing(parser.get())) return State::malformed;
  return State::complete;
}

bool RequestReader::has_buffered_bytes() const {
  return impl_->buffer.size() > 0;
}

bool RequestReader::expects_continue() const {
  const BeastParser& parser = *impl_->parser;
  if (!parser.is_header_done() || parser.is_done()) return false;
  const auto expect = parser.get().find(bhttp::field::expect);
  return expect != parser.get().end() && beast::iequals(expect->value(), "100-continue");
}

ReceivedRequest RequestReader::take_request() {
  ReceivedRequest received;
  received.keep_alive = impl_->parser->keep_alive();
  received.request = to_request(impl_->parser->release());
  impl_->fresh_parser();
  return received;
}

Response rejection_for(RequestReader::State state) {
  switch (state) {
    case RequestReader::State::header_too_large:
      return problem(431, "request-header-too-large", "Request header fields too large",
                     "the request's header is larger than this server accepts");
    case RequestReader::State::body_too_large:
      return problem_from(
          Error{Errc::too_large, "the request body is larger than this server accepts", {}, {}});
    default:
      return problem_from(
          Error{Errc::malformed, "the request could not be parsed as HTTP/1.1", {}, {}});
  }
}

std::string serialize_response(const Response& response, bool keep_alive, bool head_request) {
  std::string out;
  out.reserve(512 + response.body.size());
  fmt::format_to(std::back_inserter(out), "HTTP/1.1 {} {}\r\nDate: {}\r\n", response.status,
                 reason_phrase(response.status), http_date());
  for (const auto& [name, value] : response.headers.all()) {
    if (is_framing_header(name)) continue;
    if (!is_valid_header(name, value)) {
      spdlog::warn("dropped a response header with characters not allowed in HTTP");
      continue;
    }
    fmt::format_to(std::back_inserter(out), "{}: {}\r\n", name, value);
  }
  const bool has_body = status_has_body(response.status);
  if (has_body) {
    const auto head_length = response.headers.get("Content-Length");
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    if (head_request && head_length && !head_length->empty() &&
        std::all_of(head_length->begin(), head_length->end(), is_digit)) {
      fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", *head_length);
    } else {
      fmt::format_to(std::back_inserter(out), "Content-Length: {}\r\n", response.body.size());
    }
  }
  out += keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
  if (has_body && !head_request) out += response.body;
  return out;
}

}  // namespace lifeline::http
