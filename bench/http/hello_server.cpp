// The baseline for bench/http/run: the barest Boost.Beast coroutine server that answers "ok"
// with keep-alive, built with the same toolchain and the same thread count as lifeline's
// default, so that the ratio measures what lifeline's HTTP layer costs on top of Beast.
// Usage: bench_hello_server [HOST] [PORT]   (PORT 0 picks one; the bound port is printed)
#include <utility>

#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "http/server.hpp"

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;

namespace {

net::awaitable<void> serve(beast::tcp_stream stream) {
  beast::flat_buffer buffer;
  beast::error_code error;
  while (true) {
    bhttp::request<bhttp::string_body> request;
    stream.expires_after(std::chrono::seconds(60));
    co_await bhttp::async_read(stream, buffer, request,
                               net::redirect_error(net::use_awaitable, error));
    if (error) break;
    bhttp::response<bhttp::string_body> response{bhttp::status::ok, request.version()};
    response.set(bhttp::field::content_type, "text/plain");
    response.keep_alive(request.keep_alive());
    response.body() = "ok";
    response.prepare_payload();
    co_await bhttp::async_write(stream, response, net::redirect_error(net::use_awaitable, error));
    if (error || !response.keep_alive()) break;
  }
  stream.socket().shutdown(tcp::socket::shutdown_send, error);
}

net::awaitable<void> accept(tcp::acceptor& acceptor) {
  while (true) {
    tcp::socket socket(net::make_strand(acceptor.get_executor()));
    beast::error_code error;
    co_await acceptor.async_accept(socket, net::redirect_error(net::use_awaitable, error));
    if (!acceptor.is_open()) co_return;
    if (error) continue;
    socket.set_option(tcp::no_delay(true), error);
    const auto executor = socket.get_executor();
    net::co_spawn(executor, serve(beast::tcp_stream(std::move(socket))), net::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string host = argc > 1 ? argv[1] : "127.0.0.1";
  const auto port = static_cast<unsigned short>(argc > 2 ? std::atoi(argv[2]) : 0);
  const int threads = lifeline::http::default_thread_count();

  net::io_context io(threads);
  tcp::acceptor acceptor(io, tcp::endpoint(net::ip::make_address(host), port));
  std::cout << acceptor.local_endpoint().port() << std::endl;

  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int) { io.stop(); });
  net::co_spawn(io, accept(acceptor), net::detached);

  std::vector<std::thread> workers;
  for (int i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& worker : workers) worker.join();
  return 0;
}
