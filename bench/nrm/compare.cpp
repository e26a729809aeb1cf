// bench_nrm compare: the raw baseline and the HTTP load, slice by slice in turn.
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "nrm_bench.hpp"

namespace lifeline::bench {
namespace {

// Threads that use only CPU time nobody else wants (SCHED_IDLE), so that no core halts. On a
// virtual machine a halted core wakes slowly when the disk completes an fsync: a single thread
// committing one transaction at a time (the raw baseline) then commits three to six times
// slower than it does while the cores are busy, as they are when 16 clients and the server
// share them. Running these during both phases measures both with awake cores.
class IdleSpinners {
 public:
  explicit IdleSpinners(unsigned count) {
    for (unsigned i = 0; i < count; ++i) {
      threads_.emplace_back([this] {
        sched_param lowest{};
        sched_setscheduler(0, SCHED_IDLE, &lowest);  // this thread only
        while (!stop_.load(std::memory_order_relaxed)) {
        }
      });
    }
  }
  ~IdleSpinners() {
    stop_ = true;
    for (auto& thread : threads_) thread.join();
  }
  IdleSpinners(const IdleSpinners&) = delete;
  IdleSpinners& operator=(const IdleSpinners&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

struct Totals {
  std::uint64_t rows = 0;
  std::uint64_t rows_total = 0;
  double seconds = 0;
  double cpu_seconds = 0;
  std::vector<double> latencies;
  std::string slice_rates;

  void add(WriteSlice slice) {
    rows += slice.rows;
    rows_total += slice.rows_total;
    seconds += slice.seconds;
    cpu_seconds += slice.cpu_seconds;
    latencies.insert(latencies.end(), slice.latencies.begin(), slice.latencies.end());
    if (!slice_rates.empty()) slice_rates += ",";
    slice_rates += fmt::format("{:.0f}", rate_of(slice.rows, slice.seconds));
  }

  static double rate_of(std::uint64_t rows, double seconds) {
    return seconds > 0 ? static_cast<double>(rows) / seconds : 0;
  }

  double percentile(double q) {
    if (latencies.empty()) return 0;
    std::ranges::sort(latencies);
    const auto at = static_cast<std::size_t>(q * static_cast<double>(latencies.size() - 1));
    return latencies[at] * 1000.0;
  }

  void print(const std::string& prefix) {
    std::cout << fmt::format(
        "{0}rows={1}\n{0}rows_total={2}\n{0}seconds={3:.1f}\n{0}rate={4:.0f}\n"
        "{0}p50_ms={5:.2f}\n{0}p99_ms={6:.2f}\n{0}slices={7}\n",
        prefix, rows, rows_total, seconds, rate_of(rows, seconds), percentile(0.5),
        percentile(0.99), slice_rates);
    // CPU is known for the raw baseline's own thread only; lifeline's is read from /proc.
    if (cpu_seconds > 0 && rows_total > 0) {
      std::cout << fmt::format("{}cpu_ms_per_row={:.2f}\n", prefix,
                               1000 * cpu_seconds / static_cast<double>(rows_total));
    }
  }
};

}  // namespace

int run_compare(const CompareOptions& options) {
  try {
    RawBaseline raw(options.raw);
    PostLoad post(options.post);
    const int slices = std::max(1, options.slices);
    const double each = options.seconds / slices;
    Totals raw_totals;
    Totals http_totals;
    std::optional<IdleSpinners> spinners;
    if (options.keep_cores_awake)
      spinners.emplace(std::max(1U, std::thread::hardware_concurrency()));
    for (int i = 0; i < slices; ++i) {
      const auto raw_slice = raw.run(each);
      const auto raw_rate = Totals::rate_of(raw_slice.rows, raw_slice.seconds);
      raw_totals.add(raw_slice);
      const auto http_slice = post.run(each, i == 0 ? options.warmup_seconds : 0.0);
      const auto http_rate = Totals::rate_of(http_slice.rows, http_slice.seconds);
      http_totals.add(http_slice);
      std::cerr << fmt::format("bench/nrm: slice {} of {}: raw {:.0f}/s, HTTP {:.0f}/s\n", i + 1,
                               slices, raw_rate, http_rate);
    }
    raw_totals.print("raw_");
    http_totals.print("http_");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_nrm compare: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace lifeline::bench
