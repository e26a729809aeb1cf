// The HTTP(S) server: Boost.Beast and Asio with C++20 coroutines behind a Beast-free interface.
// Each request goes through dispatch() on an I/O thread; handlers are synchronous and may make
// short blocking database calls, so the pool has more threads than cores.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"

namespace lifeline::http {

// Two threads per hardware thread: handlers block on the database now and then.
int default_thread_count();

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int threads = default_thread_count();
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::seconds request_timeout{30};  // to receive one request, and to send its response
  std::chrono::seconds idle_timeout{60};     // between requests on a kept-alive connection
  int max_connections = 512;
  // TLS (1.2 or later) when both are set: PEM certificate chain and PEM private key.
  std::string tls_certificate_file;
  std::string tls_private_key_file;

  bool tls() const { return !tls_certificate_file.empty() && !tls_private_key_file.empty(); }
};

class Server {
 public:
  // `router`, `authenticator` and `observer` (may be null) must outlive the server. Each
  // request is observed by the access log and then by `observer`.
  Server(ServerOptions options, const Router& router, Authenticator& authenticator,
         RequestObserver* observer);
  // Destroy the server only after run() has returned (or when it never ran).
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the TLS files and binds. Errors: unavailable (address in use, no permission: the
  // message names host:port and the system's reason), invalid_argument (TLS files unusable).
  Result<void> start();
  // The bound port: the chosen one when ServerOptions::port was 0.
  std::uint16_t port() const;
  // Serves on `threads` threads (this one included) until stop(), SIGINT or SIGTERM.
  void run();
  // Graceful and callable from any thread: stops accepting, lets requests in progress finish
  // (for at most request_timeout), closes idle connections, then makes run() return.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lifeline::http
