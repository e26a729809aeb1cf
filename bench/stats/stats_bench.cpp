// bench_stats: the parts of bench/stats/run that need more than a shell (see that script).
//
//   load   fills a migrated Lifeline SQLite database with generated NRM cases: rows of
//          nrm_cases with a real case state (decisions made through the case rules, closures),
//          a realistic mix of genders, ages, nationalities, countries and forms of exploitation.
//          Then `StatsRepository::rebuild_facts`, the work of `lifeline stats rebuild`, writes
//          their anonymous facts, timed.
//   tables each two-way table of a list, through Lifeline's path (the facts query, the
//          tabulation and the primary and secondary suppression with its audit) and, as the
//          baseline, the equivalent hand-written GROUP BY with the sqlite3 C API on the same
//          database (stepping through the groups, no tabulation, no suppression), alternately,
//          --repeat times each; medians and 90th percentiles.
//
// Figures are printed as key=value lines on stdout; progress goes to stderr.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "domain/nrm/case_rules.hpp"
#include "domain/stats/suppression.hpp"
#include "domain/stats/table.hpp"
#include "storage/database.hpp"
#include "storage/repositories/case_state_codec.hpp"
#include "storage/repositories/repository_support.hpp"
#include "storage/repositories/stats_repository.hpp"

namespace {

using namespace lifeline;
using Clock = std::chrono::steady_clock;
using domain::nrm::Date;

constexpr int kBatch = 10000;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

template <class T>
T value_or_die(Result<T> result, std::string_view what) {
  if (!result) throw std::runtime_error(fmt::format("{}: {}", what, result.error().message));
  return std::move(*result);
}

void ok_or_die(const Result<void>& result, std::string_view what) {
  if (!result) throw std::runtime_error(fmt::format("{}: {}", what, result.error().message));
}

// A skewed pick: the first entries are the most frequent, as nationalities are in NRM figures.
class Generator {
 public:
  explicit Generator(std::uint64_t seed) : random_(seed) {}
  template <class List>
  const auto& skewed(const List& list) {
    std::geometric_distribution<std::size_t> skew(0.25);
    return list[std::min(skew(random_), std::size(list) - 1)];
  }
  int between(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }

 private:
  std::mt19937_64 random_;
};

const std::vector<std::string> kGenders = {"feminine",      "masculine",     "feminine",
                                           "masculine",     "not_specified", "transgender_feminine",
                                           "non_conforming"};
const std::vector<std::string> kBands = {"age_30_38",   "age_21_23", "age_24_26", "age_18_20",
                                         "age_27_29",   "age_9_17",  "age_39_47", "",
                                         "age_48_plus", "age_0_8"};
const std::vector<std::string> kCountries = {
    "GB", "AL", "VN", "RO", "NG", "ER", "SD", "IR", "UA", "MD", "IN", "CN", "PL", "BG", "AF",
    "PK", "ET", "IQ", "SY", "EG", "LT", "LV", "SK", "CZ", "HU", "BR", "PH", "TH", "KW", "",
    "SO", "GH", "CM", "MA", "TR", "GE", "AM", "BY", "RU", "KZ", "UZ", "TJ", "KG", "MN"};
const std::vector<std::string> kExploitation = {
    "sexual_exploitation", "forced_labour", "forced_criminality", "servitude",
    "forced_begging",      "child_labour",  "forced_marriage",    "organ_removal"};

struct Fixture {
  std::int64_t user_id = 0;
  std::int64_t authority_id = 0;
  std::vector<std::int64_t> responder_orgs;
};

Fixture make_fixture(storage::Database& db) {
  return value_or_die(db.write([&](storage::Session& s) -> Result<Fixture> {
    Fixture fixture;
    auto org = [&](const std::string& name, const std::string& type) -> std::int64_t {
      auto rows = s.query(
          "INSERT INTO organisations (name, type, created_at) VALUES ($1, $2, 0) RETURNING id",
          {name, type});
      if (!rows) throw std::runtime_error(rows.error().message);
      return rows->front().i64(0);
    };
    fixture.authority_id = org("Bench Authority", "competent_authority");
    for (const auto* type : {"police", "ngo", "labour_inspectorate", "border_guard",
                             "social_services", "health", "migration_service", "trade_union"}) {
      fixture.responder_orgs.push_back(org(fmt::format("Bench {}", type), type));
    }
    auto user = s.query(
        "INSERT INTO users (organisation_id, username, display_name, password_hash, created_at, "
        "updated_at) VALUES ($1, 'bench.loader', 'Bench loader', 'x', 0, 0) RETURNING id",
        {fixture.authority_id});
    if (!user) return tl::unexpected(user.error());
    fixture.user_id = user->front().i64(0);
    return fixture;
  }),
                      "fixture");
}

Date random_date(Generator& g) {
  using namespace std::chrono;
  const sys_days first = year_month_day{year{2015}, January, day{1}};
  return Date{first + days{g.between(0, 11 * 365 - 1)}};
}

// A case as the rules would have made it: reasonable grounds for most, a conclusive decision
// for many of those, some closed.
domain::nrm::CaseState state_of(Generator& g, Date referred, std::int64_t referrer,
                                std::int64_t authority, bool child) {
  using domain::nrm::DecisionKind;
  using domain::nrm::Outcome;
  const domain::nrm::CasePolicy policy;
  auto state =
      domain::nrm::open_case(referred, referrer, child, domain::nrm::ReferralKind::identified);
  if (!g.chance(0.8)) return state;
  const auto rg_on = domain::nrm::add_days(referred, g.between(1, 40));
  const auto rg_outcome = g.chance(0.88) ? Outcome::positive : Outcome::negative;
  auto decided = domain::nrm::record_decision(
      state, {DecisionKind::reasonable_grounds, rg_outcome, "r", rg_on, authority, 1, {}, {}},
      policy);
  if (!decided) return state;
  state = *decided;
  if (rg_outcome == Outcome::positive && g.chance(0.6)) {
    const auto cg_on =
        domain::nrm::add_days(rg_on, policy.reflection_minimum_days + g.between(0, 300));
    auto cg = domain::nrm::record_decision(state,
                                           {DecisionKind::conclusive,
                                            g.chance(0.9) ? Outcome::positive : Outcome::negative,
                                            "r",
                                            cg_on,
                                            authority,
                                            1,
                                            {},
                                            {}},
                                           policy);
    if (cg) state = *cg;
  }
  if (g.chance(0.3)) {
    auto closed = domain::nrm::close_case(state, "recovered_independent",
                                          domain::nrm::add_days(referred, 400));
    if (closed) state = *closed;
  }
  return state;
}

constexpr std::string_view kInsertCase =
    "INSERT INTO nrm_cases (kind, referring_organisation_id, referred_by, referred_at, "
    "referred_on, is_child, sex, citizenship, age_band, country_of_exploitation, "
    "exploitation_types, indicators, needs, consent_explained_by, consent_language, status, "
    "version, updated_at, state) VALUES ('identified', $1, $2, 0, $3, $4, $5, $6, $7, $8, $9, "
    "'[]', '[]', '', '', $10, 1, 0, $11)";

void load(storage::Database& db, std::uint64_t cases, std::uint64_t seed) {
  const auto fixture = make_fixture(db);
  Generator g(seed);
  const auto started = Clock::now();
  for (std::uint64_t done = 0; done < cases;) {
    const auto batch = std::min<std::uint64_t>(kBatch, cases - done);
    ok_or_die(db.write([&](storage::Session& s) -> Result<void> {
      for (std::uint64_t i = 0; i < batch; ++i) {
        const auto referred = random_date(g);
        const auto& band = g.skewed(kBands);
        const bool child =
            band == "age_0_8" || band == "age_9_17" || (band.empty() && g.chance(0.2));
        const auto referrer = fixture.responder_orgs[static_cast<std::size_t>(
            g.between(0, static_cast<int>(fixture.responder_orgs.size()) - 1))];
        std::vector<std::string> types = {g.skewed(kExploitation)};
        if (g.chance(0.1)) types.push_back(g.skewed(kExploitation));
        std::ranges::sort(types);
        types.erase(std::unique(types.begin(), types.end()), types.end());
        // Most are exploited in the deployment's country (GB), a few abroad.
        const auto country = g.chance(0.85) ? std::string("GB") : g.skewed(kCountries);
        const auto state = state_of(g, referred, referrer, fixture.authority_id, child);
        const std::string status =
            state.status() == domain::nrm::CaseStatus::open ? "open" : "closed";
        auto inserted = s.execute(
            kInsertCase,
            {referrer, fixture.user_id, domain::nrm::format_iso_date(referred),
             std::int64_t{child ? 1 : 0}, g.skewed(kGenders), g.skewed(kCountries), band, country,
             storage::json_list(types), status, storage::encode_case_state(state)});
        if (!inserted) return tl::unexpected(inserted.error());
      }
      return {};
    }),
              "loading cases");
    done += batch;
    std::cerr << fmt::format("\rloaded {} / {} cases", done, cases) << std::flush;
  }
  std::cerr << "\n";
  std::cout << fmt::format("load_seconds={:.1f}\n", seconds_since(started));
  storage::StatsRepository repository(db);
  const auto rebuild_started = Clock::now();
  const auto rebuilt =
      value_or_die(repository.rebuild_facts([](std::int64_t n, std::int64_t total) {
        std::cerr << fmt::format("\rrebuilt the facts of {} / {} cases", n, total) << std::flush;
      }),
                   "rebuild");
  std::cerr << "\n";
  std::cout << fmt::format("rebuild_cases={}\nrebuild_seconds={:.1f}\n", rebuilt,
                           seconds_since(rebuild_started));
}

// The hand-written query: the two columns and a count, grouped.
std::string_view column_of(domain::stats::Dimension d) {
  using domain::stats::Dimension;
  switch (d) {
    case Dimension::year:
      return "referral_year";
    case Dimension::quarter:
      return "referral_quarter";
    case Dimension::month:
      return "referral_month";
    case Dimension::exploitation_type:
      return "exploitation_mask";
    default:
      return domain::stats::to_string(d);
  }
}

double raw_group_by(sqlite3* db, domain::stats::Dimension rows, domain::stats::Dimension cols,
                    std::int64_t& people) {
  const auto sql = fmt::format("SELECT {0}, {1}, count(*) FROM stats_case_facts GROUP BY {0}, {1}",
                               column_of(rows), column_of(cols));
  const auto started = Clock::now();
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db));
  }
  people = 0;
  while (sqlite3_step(statement) == SQLITE_ROW) people += sqlite3_column_int64(statement, 2);
  sqlite3_finalize(statement);
  return seconds_since(started);
}

double lifeline_table(storage::StatsRepository& repository, domain::stats::Dimension rows,
                      domain::stats::Dimension cols, std::int64_t& total, std::size_t& suppressed) {
  const auto started = Clock::now();
  auto groups = value_or_die(repository.table_groups(rows, cols, {}), "table");
  const auto table = domain::stats::protect(domain::stats::tabulate(rows, cols, groups),
                                            domain::stats::kDefaultSuppressionThreshold);
  const double elapsed = seconds_since(started);
  total = table.counts.total;
  suppressed = table.count(domain::stats::Suppression::primary) +
               table.count(domain::stats::Suppression::secondary);
  return elapsed;
}

double percentile(std::vector<double> values, double share) {
  std::ranges::sort(values);
  const auto rank = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1) + 0.5);
  return values.at(rank);
}

void tables(storage::Database& db, const std::string& path, int repeat) {
  using domain::stats::Dimension;
  const std::vector<std::pair<Dimension, Dimension>> pairs = {
      {Dimension::year, Dimension::gender},
      {Dimension::quarter, Dimension::age_band},
      {Dimension::citizenship, Dimension::country_of_exploitation},
      {Dimension::exploitation_type, Dimension::age_group},
      {Dimension::first_responder_type, Dimension::rg_outcome},
      {Dimension::citizenship, Dimension::exploitation_type},
      {Dimension::month, Dimension::citizenship},
  };
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open " + path);
  }
  storage::StatsRepository repository(db);
  std::size_t index = 0;
  for (const auto& [rows, cols] : pairs) {
    std::vector<double> ours;
    std::vector<double> theirs;
    std::int64_t total = 0;
    std::int64_t people = 0;
    std::size_t suppressed = 0;
    for (int round = 0; round < repeat; ++round) {
      // Alternating, so that both see the same cache and the same machine.
      theirs.push_back(raw_group_by(raw, rows, cols, people));
      ours.push_back(lifeline_table(repository, rows, cols, total, suppressed));
    }
    if (total != people) {
      throw std::runtime_error("the table and the raw query counted different people");
    }
    const auto name =
        fmt::format("{}_by_{}", domain::stats::to_string(rows), domain::stats::to_string(cols));
    std::cout << fmt::format(
        "table{0}_name={1}\ntable{0}_ms={2:.1f}\ntable{0}_p90_ms={3:.1f}\ntable{0}_raw_ms={4:.1f}\n"
        "table{0}_raw_p90_ms={5:.1f}\ntable{0}_people={6}\ntable{0}_suppressed={7}\n",
        index, name, 1000 * percentile(ours, 0.5), 1000 * percentile(ours, 0.9),
        1000 * percentile(theirs, 0.5), 1000 * percentile(theirs, 0.9), total, suppressed);
    std::cerr << fmt::format("{}: {:.1f} ms (raw {:.1f} ms)\n", name, 1000 * percentile(ours, 0.5),
                             1000 * percentile(theirs, 0.5));
    ++index;
  }
  std::cout << fmt::format("tables={}\n", index);
  sqlite3_close(raw);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench_stats: the statistics benchmark's loader and table timings"};
  std::string path;
  std::uint64_t cases = 1000000;
  std::uint64_t seed = 1;
  int repeat = 9;
  app.add_option("--db", path, "The migrated SQLite database file")->required();
  auto* load_command = app.add_subcommand("load", "Generate cases and rebuild their facts");
  load_command->add_option("--cases", cases);
  load_command->add_option("--seed", seed);
  auto* tables_command = app.add_subcommand("tables", "Time the two-way tables");
  tables_command->add_option("--repeat", repeat);
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  try {
    auto db = value_or_die(storage::open_database({"sqlite:" + path, 4, 5000}), "open");
    if (load_command->parsed()) load(*db, cases, seed);
    if (tables_command->parsed()) tables(*db, path, repeat);
  } catch (const std::exception& error) {
    std::cerr << "bench_stats: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
