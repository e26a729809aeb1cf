// bench_nrm post and bench_nrm page: the load clients. One thread and one keep-alive
// connection per client, each signed in as its own user the way the browser UI signs in
// (POST /api/v1/auth/login, then the first password change).
#include <utility>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <latch>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

#include "cases.hpp"
#include "nrm_bench.hpp"

namespace lifeline::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Reply {
  int status = 0;
  std::string body;
};

// A keep-alive HTTP/1.1 connection that carries one signed-in user's session cookie and CSRF
// token.
class Client {
 public:
  explicit Client(const std::string& url) {
    const std::string prefix = "http://";
    if (url.rfind(prefix, 0) != 0) throw std::runtime_error("the URL must start with http://");
    const auto rest = url.substr(prefix.size());
    const auto colon = rest.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("the URL must name a port");
    host_ = rest.substr(0, colon);
    port_ = rest.substr(colon + 1);
  }

  Reply send(bhttp::verb verb, const std::string& target, const std::string* body = nullptr) {
    for (int attempt = 0;; ++attempt) {
      try {
        return send_once(verb, target, body);
      } catch (const std::exception&) {
        // A connection the server closed while idle is reopened once; a fault during a
        // measured request fails the run.
        connected_ = false;
        if (attempt > 0) throw;
      }
    }
  }

  void sign_in(const User& user) {
    const std::string login =
        nlohmann::json{{"username", user.name}, {"password", user.password}}.dump();
    auto reply = send(bhttp::verb::post, "/api/v1/auth/login", &login);
    if (reply.status != 200) {
      throw std::runtime_error(
          fmt::format("sign-in of {} answered {}: {}", user.name, reply.status, reply.body));
    }
    const auto json = nlohmann::json::parse(reply.body);
    csrf_ = json.at("csrf_token").get<std::string>();
    if (cookie_.empty()) throw std::runtime_error("sign-in set no session cookie");
    // A user made with `lifeline user add` must choose their own password first.
    const std::string change = nlohmann::json{{"current_password", user.password},
                                              {"new_password", user.password + "-chosen"}}
                                   .dump();
    reply = send(bhttp::verb::post, "/api/v1/me/password", &change);
    if (reply.status != 204) {
      throw std::runtime_error(fmt::format("password change of {} answered {}: {}", user.name,
                                           reply.status, reply.body));
    }
  }

 private:
  Reply send_once(bhttp::verb verb, const std::string& target, const std::string* body) {
    if (!connected_) connect();
    bhttp::request<bhttp::string_body> request{verb, target, 11};
    request.set(bhttp::field::host, host_);
    request.keep_alive(true);
    if (!cookie_.empty()) request.set(bhttp::field::cookie, cookie_);
    if (body != nullptr) {
      request.set(bhttp::field::content_type, "application/json");
      if (!csrf_.empty()) request.set("X-CSRF-Token", csrf_);
      request.body() = *body;
    }
    request.prepare_payload();
    bhttp::write(stream_, request);
    bhttp::response<bhttp::string_body> response;
    bhttp::read(stream_, buffer_, response);
    for (const auto& field : response.base()) {
      if (field.name() != bhttp::field::set_cookie) continue;
      const std::string_view value = field.value();
      const auto end = value.find(';');
      const auto pair = value.substr(0, end);
      if (pair.find("session=") != std::string_view::npos) cookie_ = std::string(pair);
    }
    if (response.need_eof()) connected_ = false;
    return {static_cast<int>(response.result_int()), std::move(response.body())};
  }

  void connect() {
    stream_.close();
    tcp::resolver resolver(io_);
    stream_.connect(resolver.resolve(host_, port_));
    stream_.socket().set_option(tcp::no_delay(true));
    buffer_.clear();
    connected_ = true;
  }

  std::string host_;
  std::string port_;
  net::io_context io_;
  beast::tcp_stream stream_{io_};
  beast::flat_buffer buffer_;
  bool connected_ = false;
  std::string cookie_;
  std::string csrf_;
};

double percentile(std::vector<double>& values, double q) {
  if (values.empty()) return 0;
  std::ranges::sort(values);
  const auto at = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1));
  return values[at] * 1000.0;
}

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// Signs every client in, a few at a time (each sign-in and password change hashes with
// Argon2id on the server).
std::vector<std::unique_ptr<Client>> signed_in_clients(const std::string& url,
                                                       const std::vector<User>& users) {
  std::vector<std::unique_ptr<Client>> clients;
  for (std::size_t i = 0; i < users.size(); ++i) clients.push_back(std::make_unique<Client>(url));
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::optional<std::string> failure;
  std::atomic<std::size_t> next{0};
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < users.size(); i = next++) {
        try {
          clients[i]->sign_in(users[i]);
        } catch (const std::exception& e) {
          std::lock_guard lock(mutex);
          failure = e.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  if (failure) throw std::runtime_error(*failure);
  return clients;
}

struct Failures {
  std::mutex mutex;
  std::uint64_t count = 0;
  std::string first;

  void add(const std::string& what) {
    std::lock_guard lock(mutex);
    if (count++ == 0) first = what;
  }
};

}  // namespace

struct PostLoad::State {
  explicit State(const PostOptions& o)
      : options(o),
        clients(signed_in_clients(o.url, o.users)),
        generator(o.generator.seed, o.generator.bulk_count, o.generator.today),
        next_row(o.first_row) {}

  PostOptions options;
  std::vector<std::unique_ptr<Client>> clients;
  CaseGenerator generator;
  std::atomic<std::uint64_t> next_row;
};

PostLoad::PostLoad(const PostOptions& options) : state_(std::make_unique<State>(options)) {}

PostLoad::~PostLoad() = default;

WriteSlice PostLoad::run(double seconds, double warmup_seconds) {
  auto& s = *state_;
  std::atomic<std::uint64_t> posted{0};
  std::atomic<std::uint64_t> created{0};
  Failures failures;
  std::vector<std::vector<double>> latencies(s.clients.size());
  std::latch ready(static_cast<std::ptrdiff_t>(s.clients.size()) + 1);
  Clock::time_point measure_from;
  Clock::time_point measure_to;
  std::vector<std::thread> threads;
  for (std::size_t c = 0; c < s.clients.size(); ++c) {
    threads.emplace_back([&, c] {
      ready.arrive_and_wait();
      while (true) {
        const auto row = s.next_row++;
        const std::string body = referral_json(s.generator.make(row).input).dump();
        const auto started = Clock::now();
        if (started >= measure_to) break;
        Reply reply;
        try {
          reply = s.clients[c]->send(bhttp::verb::post, "/api/v1/referrals", &body);
        } catch (const std::exception& e) {
          failures.add(e.what());
          break;
        }
        const auto finished = Clock::now();
        if (reply.status != 201) {
          failures.add(
              fmt::format("POST /api/v1/referrals answered {}: {}", reply.status, reply.body));
          continue;
        }
        ++created;
        if (started >= measure_from && finished <= measure_to) {
          ++posted;
          latencies[c].push_back(seconds_between(started, finished));
        }
      }
    });
  }
  const auto now = Clock::now();
  measure_from = now + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(warmup_seconds));
  measure_to = measure_from +
               std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  ready.arrive_and_wait();
  for (auto& thread : threads) thread.join();
  if (failures.count > 0) {
    throw std::runtime_error(
        fmt::format("{} failed requests, the first: {}", failures.count, failures.first));
  }
  WriteSlice slice;
  slice.rows = posted.load();
  slice.rows_total = created.load();
  slice.seconds = seconds_between(measure_from, measure_to);
  for (auto& l : latencies) slice.latencies.insert(slice.latencies.end(), l.begin(), l.end());
  return slice;
}

int run_page(const PageOptions& options) {
  try {
    auto clients = signed_in_clients(options.url, options.users);
    const CaseGenerator generator(options.generator.seed, options.generator.bulk_count,
                                  options.generator.today);
    for (const int round_clients : options.clients) {
      if (round_clients < 1 || static_cast<std::size_t>(round_clients) > clients.size()) {
        throw std::runtime_error("a round has more clients than signed-in users");
      }
      std::vector<std::vector<double>> pages(round_clients);
      std::vector<std::vector<double>> cases(round_clients);
      std::vector<std::vector<double>> identities(round_clients);
      std::atomic<std::int64_t> remaining{options.pages};
      std::atomic<std::int64_t> mismatches{0};
      std::atomic<std::int64_t> checked{0};
      const std::int64_t warmup = std::min<std::int64_t>(200, options.pages / 10);
      std::atomic<std::int64_t> warming{warmup};
      Failures failures;
      std::vector<std::thread> threads;
      const auto start = Clock::now();
      for (int c = 0; c < round_clients; ++c) {
        threads.emplace_back([&, c] {
          Random random(mix(options.generator.seed ^ 0x5eed,
                            static_cast<std::uint64_t>(c) + 1000 * round_clients));
          auto& client = *clients[static_cast<std::size_t>(c)];
          while (true) {
            const bool measured = warming-- <= 0;
            if (measured && remaining-- <= 0) break;
            const auto id = 1 + static_cast<std::int64_t>(
                                    random.below(static_cast<std::uint64_t>(options.max_id)));
            const auto target = fmt::format("/api/v1/cases/{}", id);
            const auto started = Clock::now();
            auto reply = client.send(bhttp::verb::get, target);
            const auto case_done = Clock::now();
            if (reply.status != 200) {
              failures.add(fmt::format("GET {} answered {}", target, reply.status));
              continue;
            }
            // The page asks for the identity only when there is one to show.
            const bool has_identity = reply.body.find("\"has_identity\":true") != std::string::npos;
            auto finished = case_done;
            if (has_identity) {
              auto identity = client.send(bhttp::verb::get, target + "/identity");
              finished = Clock::now();
              if (identity.status != 200) {
                failures.add(fmt::format("GET {}/identity answered {}", target, identity.status));
                continue;
              }
              // A bulk-loaded case (ids 1 .. bulk) decrypts to the generated person.
              if (id <= static_cast<std::int64_t>(options.generator.bulk_count)) {
                const auto expected =
                    generator.make(static_cast<std::uint64_t>(id - 1)).input.person.given_name;
                const auto json = nlohmann::json::parse(identity.body);
                ++checked;
                if (json.at("given_name").get<std::string>() != expected.value_or("")) {
                  ++mismatches;
                }
              }
              if (measured) {
                identities[c].push_back(seconds_between(case_done, finished));
              }
            }
            if (measured) {
              cases[c].push_back(seconds_between(started, case_done));
              pages[c].push_back(seconds_between(started, finished));
            }
          }
        });
      }
      for (auto& thread : threads) thread.join();
      const double elapsed = seconds_between(start, Clock::now());
      auto merged = [](std::vector<std::vector<double>>& parts) {
        std::vector<double> all;
        for (auto& p : parts) all.insert(all.end(), p.begin(), p.end());
        return all;
      };
      auto all_pages = merged(pages);
      auto all_cases = merged(cases);
      auto all_identities = merged(identities);
      const auto prefix = fmt::format("c{}_", round_clients);
      std::cout << fmt::format(
          "{0}pages={1}\n{0}with_identity={2}\n{0}pages_per_second={3:.0f}\n"
          "{0}page_p50_ms={4:.2f}\n{0}page_p99_ms={5:.2f}\n{0}case_p50_ms={6:.2f}\n"
          "{0}case_p99_ms={7:.2f}\n{0}identity_p50_ms={8:.2f}\n{0}identity_p99_ms={9:.2f}\n"
          "{0}identity_checked={10}\n{0}identity_mismatches={11}\n{0}errors={12}\n",
          prefix, all_pages.size(), all_identities.size(),
          static_cast<double>(all_pages.size() + static_cast<std::size_t>(warmup)) / elapsed,
          percentile(all_pages, 0.5), percentile(all_pages, 0.99), percentile(all_cases, 0.5),
          percentile(all_cases, 0.99), percentile(all_identities, 0.5),
          percentile(all_identities, 0.99), checked.load(), mismatches.load(), failures.count);
      if (failures.count > 0 || mismatches.load() > 0) {
        std::cerr << "bench_nrm page: " << failures.count << " failed requests"
                  << (failures.count > 0 ? ", the first: " + failures.first : std::string()) << "; "
                  << mismatches.load() << " identities that did not match\n";
        return 1;
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_nrm page: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace lifeline::bench
