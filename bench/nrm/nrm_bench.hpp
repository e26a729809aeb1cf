// bench_nrm: the parts of bench/nrm/run that need more than a shell (see that script).
//   load  bulk-loads generated referrals into a Lifeline instance through Lifeline's own
//         repository code (sealed identity, blind index, audit entry), many per transaction;
//   compare  the raw baseline (the same rows with plain sqlite3 inserts, one transaction per
//            row) and POST /api/v1/referrals from concurrent signed-in first responders, in
//            alternating timed slices;
//   page  GET /api/v1/cases/{id} and, when the case has one, its identity, as case workers.
// Figures are printed as key=value lines on stdout; progress goes to stderr.
#pragma once

#include <cstdint>
#include <memory>
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

// One timed slice of a write phase.
struct WriteSlice {
  std::uint64_t rows = 0;        // written within the slice (after its warm-up)
  std::uint64_t rows_total = 0;  // written, warm-up included
  double seconds = 0;
  double cpu_seconds = 0;         // of the writing thread (raw baseline only)
  std::vector<double> latencies;  // seconds, one per row
};

struct RawOptions {
  GeneratorOptions generator;
  std::string database;  // a copy of a Lifeline database
  std::uint64_t first_row = 0;
};

// The raw baseline: one connection, one transaction per referral.
class RawBaseline {
 public:
  explicit RawBaseline(const RawOptions& options);
  ~RawBaseline();
  RawBaseline(const RawBaseline&) = delete;
  RawBaseline& operator=(const RawBaseline&) = delete;
  // Writes the next rows of the sequence for `seconds`.
  WriteSlice run(double seconds);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct User {
  std::string name;
  std::string password;
};

struct PostOptions {
  GeneratorOptions generator;
  std::string url;
  std::vector<User> users;  // one per client
  std::uint64_t first_row = 0;
};

// Clients that POST referrals, each signed in as its own first responder.
class PostLoad {
 public:
  explicit PostLoad(const PostOptions& options);  // signs every client in
  ~PostLoad();
  PostLoad(const PostLoad&) = delete;
  PostLoad& operator=(const PostLoad&) = delete;
  // Posts the next rows of the sequence from every client for `warmup_seconds`, unmeasured,
  // then for `seconds`.
  WriteSlice run(double seconds, double warmup_seconds);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The raw baseline and the HTTP load in alternating slices, so that both see the same
// machine (other processes' disk traffic changes fsync times from minute to minute).
struct CompareOptions {
  RawOptions raw;
  PostOptions post;
  double seconds = 60;  // each, over all slices
  int slices = 4;
  double warmup_seconds = 3;     // before the first HTTP slice
  bool keep_cores_awake = true;  // see IdleSpinners in compare.cpp
};
int run_compare(const CompareOptions& options);

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
