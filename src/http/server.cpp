// <utility> must come before Asio's awaitable header with g++ 12.
#include <utility>

#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <openssl/ssl.h>
#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "http/access_log.hpp"
#include "http/problem.hpp"
#include "http/wire.hpp"

namespace lifeline::http {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

constexpr std::size_t kReadChunkBytes = 16 * 1024;
constexpr auto kDrainPollInterval = 10ms;
constexpr auto kForcedCloseGrace = 1s;
constexpr auto kAcceptRetryDelay = 100ms;
// After refusing a request, read (and drop) what the client is still sending for a moment, so
// that it sees our answer instead of a connection reset.
constexpr auto kLingerTime = 2s;
constexpr std::size_t kLingerMaxBytes = 1024 * 1024;
constexpr auto kTlsShutdownTime = 1s;

// Access log first, then the application's observer (metrics).
class ObserverChain final : public RequestObserver {
 public:
  explicit ObserverChain(RequestObserver* next) : next_(next) {}
  void observe(std::string_view method, std::string_view route_pattern, int status,
               double seconds) override {
    access_log_.observe(method, route_pattern, status, seconds);
    if (next_) next_->observe(method, route_pattern, status, seconds);
  }

 private:
  AccessLog access_log_;
  RequestObserver* next_;
};

// A connection as shutdown sees it. Both actions run on the connection's strand.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void close_if_idle() = 0;
  virtual void close_now() = 0;
  virtual net::any_io_executor executor() = 0;
};

template <class Stream>
class StreamConnection final : public Connection {
 public:
  template <class... Args>
  explicit StreamConnection(std::string remote, Args&&... args)
      : stream(std::forward<Args>(args)...), remote_address(std::move(remote)) {}

  void close_if_idle() override {
    if (idle) close_now();
  }
  void close_now() override { beast::get_lowest_layer(stream).close(); }
  net::any_io_executor executor() override { return stream.get_executor(); }

  Stream stream;
  std::string remote_address;
  bool idle = false;  // waiting for the first byte of a request; touched on the strand only
};

auto completion_logger(std::string_view what) {
  return [what](const std::exception_ptr& error) noexcept {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& exception) {
      spdlog::error("{} failed: {}", what, exception.what());
    } catch (...) {
      spdlog::error("{} failed with an unknown exception", what);
    }
  };
}

template <class Stream>
net::awaitable<bool> send(Stream& stream, std::string_view bytes) {
  beast::error_code error;
  co_await net::async_write(stream, net::buffer(bytes.data(), bytes.size()),
                            net::redirect_error(net::use_awaitable, error));
  co_return !error;
}

// Reads what arrives into the reader; false when the peer closed, the timer expired or the
// connection was closed on shutdown.
template <class Stream>
net::awaitable<bool> receive(Stream& stream, RequestReader& reader) {
  beast::error_code error;
  const std::span<char> space = reader.prepare(kReadChunkBytes);
  const std::size_t received = co_await stream.async_read_some(
      net::buffer(space.data(), space.size()), net::redirect_error(net::use_awaitable, error));
  reader.commit(received);
  co_return !error && received > 0;
}

// Completes the request whose first bytes are buffered. nullopt when the connection went away.
template <class Stream>
net::awaitable<std::optional<RequestReader::State>> read_request(Stream& stream,
                                                                 RequestReader& reader) {
  RequestReader::State state = reader.parse();
  bool continue_sent = false;
  while (state == RequestReader::State::need_more) {
    if (!continue_sent && reader.expects_continue()) {
      continue_sent = true;
      if (!co_await send(stream, kContinueResponse)) co_return std::nullopt;
    }
    if (!co_await receive(stream, reader)) co_return std::nullopt;
    state = reader.parse();
  }
  co_return state;
}

template <class Stream>
net::awaitable<void> linger(Stream& stream) {
  auto& socket_layer = beast::get_lowest_layer(stream);
  beast::error_code error;
  socket_layer.socket().shutdown(tcp::socket::shutdown_send, error);
  socket_layer.expires_after(kLingerTime);
  std::array<char, 4096> scratch{};
  std::size_t discarded = 0;
  while (!error && discarded < kLingerMaxBytes) {
    discarded += co_await socket_layer.async_read_some(
        net::buffer(scratch), net::redirect_error(net::use_awaitable, error));
  }
}

net::awaitable<void> close_gracefully(PlainStream& stream) {
  beast::error_code error;
  stream.socket().shutdown(tcp::socket::shutdown_send, error);
  co_return;
}

net::awaitable<void> close_gracefully(TlsStream& stream) {
  auto& socket_layer = beast::get_lowest_layer(stream);
  if (!socket_layer.socket().is_open()) co_return;
  beast::error_code error;
  socket_layer.expires_after(kTlsShutdownTime);
  co_await stream.async_shutdown(net::redirect_error(net::use_awaitable, error));
}

std::string remote_address_of(const tcp::socket& socket) {
  beast::error_code error;
  const auto endpoint = socket.remote_endpoint(error);
  return error ? std::string() : endpoint.address().to_string();
}

}  // namespace

int default_thread_count() {
  return static_cast<int>(std::max(2U, 2 * std::thread::hardware_concurrency()));
}

struct Server::Impl {
  Impl(ServerOptions server_options, const Router& server_router, Authenticator& authn,
       RequestObserver* observer)
      : options(std::move(server_options)),
        router(server_router),
        authenticator(authn),
        observers(observer),
        pipeline{options.tls()},
        io(std::max(1, options.threads)),
        accept_strand(net::make_strand(io)),
        acceptor(io) {}

  Result<void> start();
  Result<void> load_tls();
  Result<tcp::endpoint> resolve_endpoint();
  void run();
  void stop();

  net::awaitable<void> accept_loop();
  void refuse(tcp::socket& socket);
  void open_connection(tcp::socket socket);
  template <class Stream>
  void spawn_connection(std::shared_ptr<StreamConnection<Stream>> connection);
  template <class Stream>
  net::awaitable<void> serve(std::shared_ptr<StreamConnection<Stream>> connection);
  template <class Stream>
  net::awaitable<void> serve_requests(StreamConnection<Stream>& connection);
  template <class Stream>
  net::awaitable<void> reject(Stream& stream, RequestReader::State state);
  net::awaitable<void> drain();
  net::awaitable<void> wait_for_connections(net::steady_timer& timer,
                                            std::chrono::steady_clock::time_point deadline);
  void for_each_connection(void (Connection::*action)());

  class ConnectionSlot;

  const ServerOptions options;
  const Router& router;
  Authenticator& authenticator;
  ObserverChain observers;
  const PipelineOptions pipeline;

  // Declared before io_context: coroutine frames destroyed with it release their slots here
  // and their TLS streams use the context.
  std::mutex registry_mutex;
  std::unordered_map<std::uint64_t, std::weak_ptr<Connection>> registry;
  std::uint64_t next_connection_id = 0;
  std::atomic<int> open_connections{0};
  std::atomic<bool> stopping{false};
  bool started = false;
  std::uint16_t bound_port = 0;
  std::optional<net::ssl::context> tls_context;

  net::io_context io;
  net::strand<net::io_context::executor_type> accept_strand;  // the acceptor is used only here
  tcp::acceptor acceptor;
  std::optional<net::signal_set> signals;
};

// Counts a connection and lists it for shutdown for as long as its coroutine lives.
class Server::Impl::ConnectionSlot {
 public:
  ConnectionSlot(Impl& server, const std::shared_ptr<Connection>& connection) : server_(&server) {
    std::lock_guard lock(server.registry_mutex);
    id_ = server.next_connection_id++;
    server.registry.emplace(id_, connection);
  }
  ConnectionSlot(ConnectionSlot&& other) noexcept
      : server_(std::exchange(other.server_, nullptr)), id_(other.id_) {}
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(ConnectionSlot&&) = delete;
  ~ConnectionSlot() {
    if (!server_) return;
    {
      std::lock_guard lock(server_->registry_mutex);
      server_->registry.erase(id_);
    }
    --server_->open_connections;
  }

 private:
  Impl* server_;
  std::uint64_t id_ = 0;
};

Result<void> Server::Impl::load_tls() {
  try {
    net::ssl::context context(net::ssl::context::tls_server);
    context.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                        net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                        net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    // TLS 1.2 suites with forward secrecy and AEAD only; TLS 1.3 suites are all fine.
    SSL_CTX_set_cipher_list(context.native_handle(), "ECDHE+AESGCM:ECDHE+CHACHA20");
    beast::error_code error;
    context.use_certificate_chain_file(options.tls_certificate_file, error);
    if (error) {
      return fail(Errc::invalid_argument,
                  fmt::format("cannot load TLS certificate {}: {}", options.tls_certificate_file,
                              error.message()));
    }
    context.use_private_key_file(options.tls_private_key_file, net::ssl::context::pem, error);
    if (error) {
      return fail(Errc::invalid_argument,
                  fmt::format("cannot load TLS private key {}: {}", options.tls_private_key_file,
                              error.message()));
    }
    tls_context.emplace(std::move(context));
  } catch (const std::exception& exception) {
    return fail(Errc::invalid_argument, fmt::format("cannot set up TLS: {}", exception.what()));
  }
  return {};
}

Result<tcp::endpoint> Server::Impl::resolve_endpoint() {
  beast::error_code error;
  const auto address = net::ip::make_address(options.host, error);
  if (!error) return tcp::endpoint(address, options.port);
  tcp::resolver resolver(io);
  const auto results =
      resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, error);
  if (error || results.empty()) {
    return fail(Errc::unavailable, fmt::format("cannot resolve {}: {}", options.host,
                                               error ? error.message() : "no address"));
  }
  return results.begin()->endpoint();
}

Result<void> Server::Impl::start() {
  if (started) return {};
  if (options.tls()) {
    if (auto loaded = load_tls(); !loaded) return loaded;
  }
  auto endpoint = resolve_endpoint();
  if (!endpoint) return tl::unexpected(endpoint.error());
  beast::error_code error;
  const auto fail_listen = [&] {
    return fail(Errc::unavailable, fmt::format("cannot listen on {}:{}: {}", options.host,
                                               options.port, error.message()));
  };
  acceptor.open(endpoint->protocol(), error);
  if (error) return fail_listen();
  acceptor.set_option(net::socket_base::reuse_address(true), error);
  if (error) return fail_listen();
  acceptor.bind(*endpoint, error);
  if (error) return fail_listen();
  acceptor.listen(net::socket_base::max_listen_connections, error);
  if (error) return fail_listen();
  bound_port = acceptor.local_endpoint(error).port();
  started = true;
  spdlog::info("listening on {}:{}{}", options.host, bound_port, options.tls() ? " (TLS)" : "");
  return {};
}

void Server::Impl::run() {
  if (!started) {
    spdlog::error("Server::run() called before a successful start()");
    return;
  }
  signals.emplace(io, SIGINT, SIGTERM);
  signals->async_wait([this](const beast::error_code& error, int signal_number) {
    if (error) return;
    spdlog::info("received signal {}; stopping", signal_number);
    stop();
  });
  net::co_spawn(accept_strand, accept_loop(), completion_logger("accept loop"));

  const auto run_io = [this] {
    while (true) {
      try {
        io.run();
        return;
      } catch (const std::exception& exception) {  // a bug: handlers are not meant to throw
        spdlog::error("I/O handler threw: {}", exception.what());
      }
    }
  };
  std::vector<std::thread> workers;
  for (int i = 1; i < options.threads; ++i) workers.emplace_back(run_io);
  run_io();
  for (auto& worker : workers) worker.join();
  spdlog::info("server stopped");
}

void Server::Impl::stop() {
  if (stopping.exchange(true)) return;
  net::post(accept_strand, [this] {
    beast::error_code error;
    acceptor.close(error);
  });
  net::co_spawn(io, drain(), completion_logger("shutdown"));
}

void Server::Impl::for_each_connection(void (Connection::*action)()) {
  std::lock_guard lock(registry_mutex);
  for (const auto& [id, weak] : registry) {
    if (auto connection = weak.lock()) {
      const auto executor = connection->executor();
      net::post(executor, [connection, action] { ((*connection).*action)(); });
    }
  }
}

net::awaitable<void> Server::Impl::wait_for_connections(
    net::steady_timer& timer, std::chrono::steady_clock::time_point deadline) {
  while (open_connections > 0 && std::chrono::steady_clock::now() < deadline) {
    beast::error_code error;
    timer.expires_after(kDrainPollInterval);
    co_await timer.async_wait(net::redirect_error(net::use_awaitable, error));
  }
}

net::awaitable<void> Server::Impl::drain() {
  for_each_connection(&Connection::close_if_idle);
  net::steady_timer timer(co_await net::this_coro::executor);
  co_await wait_for_connections(timer, std::chrono::steady_clock::now() + options.request_timeout);
  if (open_connections > 0) {
    spdlog::warn("closing {} connections still busy after {}s", open_connections.load(),
                 options.request_timeout.count());
    for_each_connection(&Connection::close_now);
    co_await wait_for_connections(timer, std::chrono::steady_clock::now() + kForcedCloseGrace);
  }
  if (signals) {
    beast::error_code error;
    signals->cancel(error);
  }
  io.stop();
}

net::awaitable<void> Server::Impl::accept_loop() {
  net::steady_timer retry_timer(co_await net::this_coro::executor);
  while (!stopping) {
    tcp::socket socket(net::make_strand(io));
    beast::error_code error;
    co_await acceptor.async_accept(socket, net::redirect_error(net::use_awaitable, error));
    if (stopping || !acceptor.is_open()) co_return;
    if (error) {
      // Out of file descriptors, typically: wait instead of spinning on the error.
      spdlog::warn("accepting a connection failed: {}", error.message());
      retry_timer.expires_after(kAcceptRetryDelay);
      co_await retry_timer.async_wait(net::redirect_error(net::use_awaitable, error));
      continue;
    }
    if (open_connections >= options.max_connections) {
      refuse(socket);
      continue;
    }
    open_connection(std::move(socket));
  }
}

// At the connection limit: answer 503 without a coroutine or buffer of its own, then close.
void Server::Impl::refuse(tcp::socket& socket) {
  beast::error_code error;
  if (!tls_context) {
    Response response =
        problem_from(Error{Errc::unavailable, "the server is at its connection limit", {}, {}});
    add_security_headers(response.headers, pipeline);
    const std::string bytes = serialize_response(response, false, false);
    socket.non_blocking(true, error);
    socket.write_some(net::buffer(bytes), error);
    socket.shutdown(tcp::socket::shutdown_send, error);
    // Unread request bytes would turn our close into a reset that can destroy the answer.
    std::array<char, 4096> scratch{};
    for (int reads = 0; reads < 16 && !error; ++reads)
      socket.read_some(net::buffer(scratch), error);
  }
  socket.close(error);
  observers.observe(to_string(Method::other), kUnmatchedRoute, 503, 0.0);
}

void Server::Impl::open_connection(tcp::socket socket) {
  beast::error_code error;
  socket.set_option(tcp::no_delay(true), error);
  std::string remote = remote_address_of(socket);
  ++open_connections;
  if (tls_context) {
    spawn_connection(std::make_shared<StreamConnection<TlsStream>>(
        std::move(remote), PlainStream(std::move(socket)), *tls_context));
  } else {
    spawn_connection(
        std::make_shared<StreamConnection<PlainStream>>(std::move(remote), std::move(socket)));
  }
}

template <class Stream>
void Server::Impl::spawn_connection(std::shared_ptr<StreamConnection<Stream>> connection) {
  const auto executor = connection->executor();
  net::co_spawn(executor, serve(std::move(connection)), completion_logger("connection"));
}

template <class Stream>
net::awaitable<void> Server::Impl::serve(std::shared_ptr<StreamConnection<Stream>> connection) {
  ConnectionSlot slot(*this, connection);
  try {
    co_await serve_requests(*connection);
  } catch (const std::exception& exception) {
    spdlog::error("connection closed after an error: {}", exception.what());
  }
}

template <class Stream>
net::awaitable<void> Server::Impl::serve_requests(StreamConnection<Stream>& connection) {
  Stream& stream = connection.stream;
  auto& socket_layer = beast::get_lowest_layer(stream);
  constexpr bool kSecure = std::is_same_v<Stream, TlsStream>;
  if constexpr (kSecure) {
    beast::error_code error;
    socket_layer.expires_after(options.request_timeout);
    co_await stream.async_handshake(net::ssl::stream_base::server,
                                    net::redirect_error(net::use_awaitable, error));
    if (error) co_return;
  }

  RequestReader reader({options.max_header_bytes, options.max_body_bytes});
  bool first_request = true;
  while (!stopping) {
    if (!reader.has_buffered_bytes()) {
      // A new connection gets request_timeout to start talking; a kept-alive one idle_timeout.
      socket_layer.expires_after(first_request ? options.request_timeout : options.idle_timeout);
      connection.idle = true;
      const bool received = co_await receive(stream, reader);
      connection.idle = false;
      if (!received) co_return;
    }
    first_request = false;
    socket_layer.expires_after(options.request_timeout);
    const auto state = co_await read_request(stream, reader);
    if (!state) co_return;
    if (*state != RequestReader::State::complete) {
      co_await reject(stream, *state);
      co_return;
    }
    auto [request, keep_alive] = reader.take_request();
    request.remote_address = connection.remote_address;
    request.secure = kSecure;
    const Response response = dispatch(router, authenticator, request, pipeline, &observers);
    keep_alive = keep_alive && !stopping;  // after the handler: stop() may have come meanwhile
    const std::string bytes =
        serialize_response(response, keep_alive, request.method == Method::head);
    socket_layer.expires_after(options.request_timeout);
    if (!co_await send(stream, bytes)) co_return;
    if (!keep_alive) break;
  }
  co_await close_gracefully(stream);
}

template <class Stream>
net::awaitable<void> Server::Impl::reject(Stream& stream, RequestReader::State state) {
  Response response = rejection_for(state);
  add_security_headers(response.headers, pipeline);
  observers.observe(to_string(Method::other), kUnmatchedRoute, response.status, 0.0);
  beast::get_lowest_layer(stream).expires_after(options.request_timeout);
  const std::string bytes = serialize_response(response, false, false);
  if (co_await send(stream, bytes)) co_await linger(stream);
}

Server::Server(ServerOptions options, const Router& router, Authenticator& authenticator,
               RequestObserver* observer)
    : impl_(std::make_unique<Impl>(std::move(options), router, authenticator, observer)) {}

Server::~Server() = default;

Result<void> Server::start() {
  return impl_->start();
}

std::uint16_t Server::port() const {
  return impl_->bound_port;
}

void Server::run() {
  impl_->run();
}

void Server::stop() {
  impl_->stop();
}

}  // namespace lifeline::http
