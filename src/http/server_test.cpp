// Real sockets against a real Server on an ephemeral port, with a small blocking client.
#include <utility>

#include "http/server.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <random>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

namespace lifeline::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

class AnonymousAuthenticator final : public Authenticator {
 public:
  Result<std::optional<Principal>> authenticate(const Request&) override { return std::nullopt; }
};

// Puts a receive timeout on a blocking socket so a broken server fails the test, not hangs it.
void limit_blocking_reads(int native_handle, std::chrono::seconds limit) {
  timeval timeout{static_cast<time_t>(limit.count()), 0};
  setsockopt(native_handle, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

class Client {
 public:
  explicit Client(std::uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    limit_blocking_reads(socket_.native_handle(), 10s);
  }

  void send(std::string_view bytes) {
    net::write(socket_, net::buffer(bytes.data(), bytes.size()));
  }

  bhttp::response<bhttp::string_body> receive() {
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket_, buffer_, response);
    return response;
  }

  bhttp::response<bhttp::string_body> get(std::string_view target) {
    send("GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n\r\n");
    return receive();
  }

  // True when the server closed the connection (the next read ends at EOF).
  bool closed_by_server() {
    char byte = 0;
    beast::error_code error;
    socket_.read_some(net::buffer(&byte, 1), error);
    return error == net::error::eof || error == net::error::connection_reset;
  }

 private:
  net::io_context io_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    spdlog::set_level(spdlog::level::warn);
    add(Method::get, "/hello", [](Context&) { return text("hello"); });
    add(Method::post, "/echo", [](Context& context) { return text(context.request.body); });
    add(Method::get, "/secure",
        [](Context& context) { return text(context.request.secure ? "secure" : "plain"); });
    add(Method::get, "/slow", [this](Context&) {
      slow_started_.set_value();
      std::this_thread::sleep_for(700ms);
      return text("done");
    });
  }

  ~ServerTest() override {
    if (server_) {
      server_->stop();
      if (runner_.joinable()) runner_.join();
    }
    spdlog::set_level(spdlog::level::info);
  }

  static Response text(std::string body) {
    Response response;
    response.headers.set("Content-Type", "text/plain");
    response.body = std::move(body);
    return response;
  }

  void add(Method method, std::string pattern, Handler handler) {
    router_.add(Route{method, std::move(pattern), AccessRule::anyone(), std::move(handler), ""});
  }

  static ServerOptions test_options() {
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.request_timeout = 5s;
    options.idle_timeout = 5s;
    return options;
  }

  void start(ServerOptions options) {
    server_ = std::make_unique<Server>(std::move(options), router_, authenticator_, nullptr);
    const auto started = server_->start();
    ASSERT_TRUE(started) << started.error().message;
    runner_ = std::thread([this] { server_->run(); });
  }

  Router router_;
  AnonymousAuthenticator authenticator_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
  std::promise<void> slow_started_;
};

TEST_F(ServerTest, ServesTwoRequestsOnOneKeptAliveConnection) {
  start(test_options());
  Client client(server_->port());
  for (int i = 0; i < 2; ++i) {
    const auto response = client.get("/hello");
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_EQ(response.body(), "hello");
    EXPECT_TRUE(response.keep_alive());
    EXPECT_EQ(response[bhttp::field::x_frame_options], "DENY");
  }
  EXPECT_EQ(client.get("/missing").result_int(), 404);
}

TEST_F(ServerTest, AnswersPipelinedRequestsInOrder) {
  start(test_options());
  Client client(server_->port());
  client.send(
      "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
      "4\r\n\r\n"
      "[1] ");
  EXPECT_EQ(client.receive().body(), "hello");
  EXPECT_EQ(client.receive().body(), "[1] ");
}

TEST_F(ServerTest, RefusesAnOversizedHeaderWith431) {
  ServerOptions options = test_options();
  options.max_header_bytes = 1024;
  start(options);
  Client client(server_->port());
  client.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Padding: " + std::string(4000, 'x') +
              "\r\n\r\n");
  const auto response = client.receive();
  EXPECT_EQ(response.result_int(), 431);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_EQ(response[bhttp::field::content_type], "application/problem+json");
  EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
}

TEST_F(ServerTest, RefusesAnOversizedBodyWith413) {
  ServerOptions options = test_options();
  options.max_body_bytes = 1024;
  start(options);
  Client client(server_->port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Length: 5000\r\n\r\n" +
      std::string(5000, ' '));
  const auto response = client.receive();
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_FALSE(response.keep_alive());
}

TEST_F(ServerTest, SendsContinueBeforeTheBody) {
  start(test_options());
  Client client(server_->port());
  client.send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n");
  EXPECT_EQ(client.receive().result_int(), 100);
  client.send("{}");
  const auto response = client.receive();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "{}");
}

TEST_F(ServerTest, ClosesIdleConnections) {
  ServerOptions options = test_options();
  options.idle_timeout = 1s;
  start(options);
  Client client(server_->port());
  EXPECT_EQ(client.get("/hello").result_int(), 200);
  const auto before = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closed_by_server());
  const auto waited = std::chrono::steady_clock::now() - before;
  EXPECT_GE(waited, 800ms);
  EXPECT_LT(waited, 4s);
}

TEST_F(ServerTest, GracefulStopLetsARunningRequestFinish) {
  start(test_options());
  Client busy(server_->port());
  Client idle(server_->port());
  EXPECT_EQ(idle.get("/hello").result_int(), 200);

  busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  slow_started_.get_future().wait();
  server_->stop();

  const auto response = busy.receive();
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "done");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(idle.closed_by_server());
  runner_.join();  // run() returns once the connections are gone
  EXPECT_THROW(Client late(server_->port()), boost::system::system_error);
}

TEST_F(ServerTest, AnswersBeyondTheConnectionLimitWith503) {
  ServerOptions options = test_options();
  options.max_connections = 1;
  start(options);
  Client first(server_->port());
  EXPECT_EQ(first.get("/hello").result_int(), 200);
  Client second(server_->port());
  second.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  const auto refused = second.receive();
  EXPECT_EQ(refused.result_int(), 503);
  EXPECT_EQ(refused[bhttp::field::retry_after], "5");
  EXPECT_EQ(first.get("/hello").result_int(), 200);
}

TEST_F(ServerTest, ReportsAPortInUse) {
  start(test_options());
  ServerOptions options = test_options();
  options.port = server_->port();
  Server second(options, router_, authenticator_, nullptr);
  const auto started = second.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Errc::unavailable);
  EXPECT_NE(started.error().message.find(std::to_string(server_->port())), std::string::npos);
}

TEST_F(ServerTest, ReportsUnusableTlsFiles) {
  ServerOptions options = test_options();
  options.tls_certificate_file = "/nonexistent/cert.pem";
  options.tls_private_key_file = "/nonexistent/key.pem";
  Server server(options, router_, authenticator_, nullptr);
  const auto started = server.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Errc::invalid_argument);
}

// A self-signed certificate made with the openssl command, in a fresh temporary directory.
class TemporaryCertificate {
 public:
  TemporaryCertificate() {
    directory_ = std::filesystem::temp_directory_path() /
                 ("lifeline-tls-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(directory_);
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=localhost -keyout " +
        key().string() + " -out " + certificate().string() + " >/dev/null 2>&1";
    made_ = std::system(command.c_str()) == 0;
  }
  ~TemporaryCertificate() { std::filesystem::remove_all(directory_); }
  bool made() const { return made_; }
  std::filesystem::path certificate() const { return directory_ / "cert.pem"; }
  std::filesystem::path key() const { return directory_ / "key.pem"; }

 private:
  std::filesystem::path directory_;
  bool made_ = false;
};

TEST_F(ServerTest, ServesTlsWithHsts) {
  TemporaryCertificate certificate;
  if (!certificate.made()) GTEST_SKIP() << "the openssl command is not available";
  ServerOptions options = test_options();
  options.tls_certificate_file = certificate.certificate().string();
  options.tls_private_key_file = certificate.key().string();
  start(options);

  net::io_context io;
  net::ssl::context context(net::ssl::context::tls_client);
  net::ssl::stream<tcp::socket> stream(io, context);
  stream.next_layer().connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), server_->port()));
  limit_blocking_reads(stream.next_layer().native_handle(), 10s);
  stream.handshake(net::ssl::stream_base::client);
  const std::string request = "GET /secure HTTP/1.1\r\nHost: t\r\n\r\n";
  net::write(stream, net::buffer(request));
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> response;
  bhttp::read(stream, buffer, response);
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response.body(), "secure");
  EXPECT_EQ(response[bhttp::field::strict_transport_security],
            "max-age=31536000; includeSubDomains");
}

}  // namespace
}  // namespace lifeline::http
