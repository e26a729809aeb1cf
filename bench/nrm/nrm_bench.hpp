// bench_nrm: the parts of bench/nrm/run that need more than a shell (see that script).
//   load  bulk-loads generated referrals into a Lifeline instance through Lifeline's own
//         repository code (sealed identity, blind index, audit entry), many per transaction;
//   raw   the baseline: the same rows with plain sqlite3 inserts, one transaction per row;
//   post  POST /api/v1/referrals from concurrent signed-in first responders for a time window;
//   page  GET /api/v1/cases/{id} and, when the case has one, its identity, as case workers.
// Figures are printed as key=value lines on stdout; progress goes to stderr.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/nrm/working_days.hpp"

namespace lifeline::bench {

struct GeneratorOptions {
  std::uint64_t seed = 1;
  std::uint64_t bulk_count = 0;  // rows the bulk load holds; later rows are referred today
  domain::nrm::Date today{};
};

struct LoadOptions {
  GeneratorOptions generator;
  std::uint64_t first_row = 0;
  std::uint64_t count = 0;
  int batch = 1000;  // referrals per transaction
};
int run_load(const LoadOptions& options);

struct RawOptions {
  GeneratorOptions generator;
  std::string database;  // a copy of a Lifeline database
  std::uint64_t first_row = 0;
  double seconds = 60;
};
int run_raw(const RawOptions& options);

struct User {
  std::string name;
  std::string password;
};

struct PostOptions {
  GeneratorOptions generator;
  std::string url;
  std::vector<User> users;  // one per client
  std::uint64_t first_row = 0;
  double seconds = 60;
  double warmup_seconds = 3;
};
int run_post(const PostOptions& options);

struct PageOptions {
  GeneratorOptions generator;
  std::string url;
  std::vector<User> users;     // one per client of the largest round
  std::vector<int> clients;    // one measured round per entry
  std::int64_t pages = 10000;  // per round
  std::int64_t max_id = 0;     // case ids are drawn from [1, max_id]
};
int run_page(const PageOptions& options);

}  // namespace lifeline::bench
