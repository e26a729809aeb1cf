// bench_nrm load and bench_nrm raw: the bulk load through Lifeline's repository, and the raw
// sqlite3 baseline that writes the same rows without Lifeline.
#include <sodium.h>
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/config.hpp"
#include "app/environment.hpp"
#include "cases.hpp"
#include "crypto/field_cipher.hpp"
#include "crypto/init.hpp"
#include "nrm_bench.hpp"
#include "storage/repositories/case_state_codec.hpp"
#include "storage/repositories/case_repository.hpp"
#include "storage/repositories/repository_support.hpp"

namespace lifeline::bench {
namespace {

using Clock = std::chrono::steady_clock;
using domain::nrm::CaseActor;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The first responders of police and NGO organisations who refer the generated cases.
constexpr std::string_view kRespondersSql =
    "SELECT u.id, u.organisation_id, o.type FROM users u "
    "JOIN organisations o ON o.id = u.organisation_id "
    "JOIN user_roles r ON r.user_id = u.id AND r.role = 'first_responder' "
    "WHERE o.type IN ('police', 'ngo') ORDER BY u.id";

// A Database whose write transactions are all one outer transaction of the real database, so
// that the repository's create_referral (one transaction per referral on the server) runs
// unchanged while the bulk load commits a batch at a time.
class BatchedDatabase final : public storage::Database {
 public:
  storage::Session* session = nullptr;

  Result<void> transact(storage::Access,
                        const std::function<Result<void>(storage::Session&)>& work) override {
    if (session == nullptr) return fail(Errc::internal, "no batch is open");
    return work(*session);
  }
  storage::Dialect dialect() const override { return storage::Dialect::sqlite; }
  storage::PoolStats pool_stats() const override { return {}; }
  Result<void> ping() override { return {}; }
  Result<void> backup_to(const std::filesystem::path&) override {
    return fail(Errc::internal, "not supported");
  }
};

std::int64_t unix_seconds(domain::nrm::Date day, std::int64_t second_of_day) {
  return std::chrono::sys_seconds{std::chrono::sys_days{day}}.time_since_epoch().count() +
         second_of_day;
}

}  // namespace

int run_load(const LoadOptions& options) {
  crypto::initialise();
  auto config = app::load_config(std::nullopt, [](const char* name) { return std::getenv(name); });
  if (!config) {
    std::cerr << "bench_nrm load: " << config.error().message << "\n";
    return 1;
  }
  auto env = app::open_environment(*config, true);
  if (!env) {
    std::cerr << "bench_nrm load: " << env.error().message << "\n";
    return 1;
  }
  auto& database = *(*env)->database;
  auto rows = database.read([](storage::Session& s) { return s.query(kRespondersSql); });
  if (!rows || rows->empty()) {
    std::cerr << "bench_nrm load: no first responder of a police or NGO organisation\n";
    return 1;
  }
  std::vector<CaseActor> actors;
  for (const auto& row : *rows) {
    actors.push_back({row.i64(0), row.i64(1), row.text(2), {"first_responder"}});
  }

  BatchedDatabase batched;
  storage::CaseRepository repository(batched, crypto::FieldCipher(*(*env)->keys),
                                     crypto::BlindIndex((*env)->keys->blind_index_key()));
  const CaseGenerator generator(options.generator.seed, options.generator.bulk_count,
                                options.generator.today);
  const auto checklist = domain::nrm::Checklist::default_indicators();

  const auto start = Clock::now();
  auto last_report = start;
  std::uint64_t row = options.first_row;
  const std::uint64_t end = options.first_row + options.count;
  std::uint64_t identified = 0;
  std::optional<std::int64_t> first_id;
  while (row < end) {
    auto written = database.write([&](storage::Session& s) -> Result<void> {
      batched.session = &s;
      for (int k = 0; k < options.batch && row < end; ++k, ++row) {
        const auto generated = generator.make(row);
        auto referral =
            domain::nrm::validate_referral(generated.input, checklist, generated.referred_on);
        if (!referral) {
          return fail(Errc::internal,
                      fmt::format("generated row {} is not a valid referral: {}", row,
                                  referral.error().fields.empty()
                                      ? referral.error().message
                                      : referral.error().fields.front().field + " " +
                                            referral.error().fields.front().message));
        }
        const auto& actor = actors[mix(options.generator.seed, row) % actors.size()];
        const auto now = unix_seconds(generated.referred_on, generator.second_of_day(row));
        auto id = repository.create_referral(*referral, actor, now,
                                             domain::nrm::format_iso_date(generated.referred_on));
        if (!id) return tl::unexpected(id.error());
        if (!first_id) first_id = *id - static_cast<std::int64_t>(row - options.first_row);
        if (referral->kind == domain::nrm::ReferralKind::identified) ++identified;
      }
      return {};
    });
    batched.session = nullptr;
    if (!written) {
      std::cerr << "bench_nrm load: " << written.error().message << "\n";
      return 1;
    }
    if (seconds_since(last_report) >= 10 || row == end) {
      last_report = Clock::now();
      const auto done = row - options.first_row;
      std::cerr << fmt::format("bench/nrm: loaded {} of {} cases ({:.0f}/s)\n", done, options.count,
                               static_cast<double>(done) / seconds_since(start));
    }
  }
  const double elapsed = seconds_since(start);
  std::cout << fmt::format("rows={}\nidentified={}\nseconds={:.1f}\nrate={:.0f}\nfirst_id={}\n",
                           options.count, identified, elapsed,
                           static_cast<double>(options.count) / elapsed, first_id.value_or(0));
  return 0;
}

namespace {

// The raw baseline's connection: what Lifeline's writer does to its SQLite file (WAL,
// synchronous=FULL, foreign keys on, persistent prepared statements), and nothing else.
class RawWriter {
 public:
  explicit RawWriter(const std::string& file) {
    if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
      throw std::runtime_error(fmt::format("cannot open {}", file));
    }
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
  }
  ~RawWriter() {
    for (auto* statement : statements_) sqlite3_finalize(statement);
    sqlite3_close_v2(db_);
  }
  RawWriter(const RawWriter&) = delete;
  RawWriter& operator=(const RawWriter&) = delete;

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message != nullptr ? message : "?";
      sqlite3_free(message);
      throw std::runtime_error(fmt::format("{}: {}", sql, text));
    }
  }

  sqlite3_stmt* prepare(std::string_view sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("prepare: {}", sqlite3_errmsg(db_)));
    }
    statements_.push_back(statement);
    return statement;
  }

  // Binds $1 ... $N in order and runs the statement; returns the first column of the first
  // row, if any.
  std::int64_t run(sqlite3_stmt* statement, const storage::Params& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int at = sqlite3_bind_parameter_index(statement, fmt::format("${}", i + 1).c_str());
      const auto& value = params[i];
      if (const auto* n = std::get_if<std::int64_t>(&value)) {
        sqlite3_bind_int64(statement, at, *n);
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        sqlite3_bind_text(statement, at, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      } else if (const auto* b = std::get_if<storage::Bytes>(&value)) {
        sqlite3_bind_blob(statement, at, b->data(), static_cast<int>(b->size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(statement, at);
      }
    }
    std::int64_t first = 0;
    int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
      first = sqlite3_column_int64(statement, 0);
      rc = sqlite3_step(statement);
    }
    if (rc != SQLITE_DONE) {
      const std::string message = sqlite3_errmsg(db_);
      sqlite3_reset(statement);
      throw std::runtime_error(message);
    }
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
    return first;
  }

  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

// The same SQL text Lifeline's repository and audit trail run.
constexpr std::string_view kInsertCase =
    "INSERT INTO nrm_cases (kind, referring_organisation_id, referred_by, referred_at, "
    "referred_on, is_child, sex, citizenship, age_band, country_of_exploitation, "
    "exploitation_types, indicators, needs, consent_explained_by, consent_language, status, "
    "version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "$15, 'open', 1, $4) RETURNING id";
constexpr std::string_view kSetState = "UPDATE nrm_cases SET state = $2 WHERE id = $1";
constexpr std::string_view kInsertEvent =
    "INSERT INTO nrm_case_events (case_id, at, user_id, organisation_id, kind, detail) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kInsertIdentity =
    "INSERT INTO nrm_identities (id, given_name, family_name, date_of_birth, person_index) "
    "VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kInsertAudit =
    "INSERT INTO audit_log (id, at, actor_id, actor_org_id, action, object_type, object_id, "
    "outcome, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
constexpr std::string_view kMoveHead =
    "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1";

storage::Bytes random_bytes(std::size_t size) {
  storage::Bytes bytes(size);
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

// 64 lowercase hex digits, like the blind index and the audit hashes.
std::string hex64(std::uint64_t a) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    a = mix(a, static_cast<std::uint64_t>(i));
    out += fmt::format("{:016x}", a);
  }
  return out;
}

std::uint64_t text_hash(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

double thread_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct RawBaseline::State {
  explicit State(const RawOptions& o)
      : options(o),
        writer(o.database),
        generator(o.generator.seed, o.generator.bulk_count, o.generator.today),
        today(domain::nrm::format_iso_date(o.generator.today)),
        next_row(o.first_row) {}

  RawOptions options;
  RawWriter writer;
  CaseGenerator generator;
  domain::nrm::Checklist checklist = domain::nrm::Checklist::default_indicators();
  std::string today;
  std::uint64_t next_row;
  std::vector<CaseActor> actors;
  std::int64_t last_id = 0;
  std::string last_hash;
  sqlite3_stmt* begin = nullptr;
  sqlite3_stmt* commit = nullptr;
  sqlite3_stmt* insert_case = nullptr;
  sqlite3_stmt* set_state = nullptr;
  sqlite3_stmt* insert_event = nullptr;
  sqlite3_stmt* insert_identity = nullptr;
  sqlite3_stmt* insert_audit = nullptr;
  sqlite3_stmt* move_head = nullptr;

  // Writes row `row` the way Lifeline would after validation; returns the time in SQLite.
  double write(std::uint64_t row);
};

RawBaseline::RawBaseline(const RawOptions& options) {
  crypto::initialise();
  state_ = std::make_unique<State>(options);
  auto& s = *state_;
  auto* responders = s.writer.prepare(kRespondersSql);
  while (sqlite3_step(responders) == SQLITE_ROW) {
    s.actors.push_back({sqlite3_column_int64(responders, 0),
                        sqlite3_column_int64(responders, 1),
                        reinterpret_cast<const char*>(sqlite3_column_text(responders, 2)),
                        {"first_responder"}});
  }
  sqlite3_reset(responders);
  if (s.actors.empty()) throw std::runtime_error("no first responder in the database");
  auto* head = s.writer.prepare("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
  if (sqlite3_step(head) != SQLITE_ROW) throw std::runtime_error("no audit_head row");
  s.last_id = sqlite3_column_int64(head, 0);
  s.last_hash = reinterpret_cast<const char*>(sqlite3_column_text(head, 1));
  sqlite3_reset(head);
  s.begin = s.writer.prepare("BEGIN IMMEDIATE");
  s.commit = s.writer.prepare("COMMIT");
  s.insert_case = s.writer.prepare(kInsertCase);
  s.set_state = s.writer.prepare(kSetState);
  s.insert_event = s.writer.prepare(kInsertEvent);
  s.insert_identity = s.writer.prepare(kInsertIdentity);
  s.insert_audit = s.writer.prepare(kInsertAudit);
  s.move_head = s.writer.prepare(kMoveHead);
}

RawBaseline::~RawBaseline() = default;

double RawBaseline::State::write(std::uint64_t row) {
  const auto generated = generator.make(row);
  auto referral =
      domain::nrm::validate_referral(generated.input, checklist, options.generator.today);
  if (!referral) throw std::runtime_error(fmt::format("row {} is not valid", row));
  const auto& r = *referral;
  const auto& actor = actors[mix(options.generator.seed, row) % actors.size()];
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  const bool identified = r.kind == domain::nrm::ReferralKind::identified;
  storage::Bytes given;
  storage::Bytes family;
  storage::Bytes birth;
  std::string index;
  if (identified) {
    // Random bytes of the size the field cipher's sealed values have.
    const auto overhead = crypto::FieldCipher::overhead;
    given = random_bytes(r.given_name.size() + overhead);
    family = random_bytes(r.family_name.size() + overhead);
    birth = random_bytes(r.date_of_birth.size() + overhead);
    index = hex64(text_hash(r.given_name + " " + r.family_name + "|" + r.date_of_birth));
  }
  const std::string hash = hex64(static_cast<std::uint64_t>(last_id) * 31 + row);
  const auto state = storage::encode_case_state(domain::nrm::open_case(
      options.generator.today, actor.organisation_id, r.is_child, r.kind));

  const auto started = Clock::now();
  writer.run(begin, {});
  const auto id = writer.run(
      insert_case, {std::string(to_string(r.kind)), actor.organisation_id, actor.user_id, now,
                    today, std::int64_t{r.is_child ? 1 : 0}, r.sex, r.citizenship, r.age_band,
                    r.country_of_exploitation, storage::json_list(r.exploitation_types),
                    storage::json_list(r.indicators), storage::json_list(r.needs),
                    r.consent.explained_by, r.consent.language});
  writer.run(set_state, {id, state});
  if (identified) writer.run(insert_identity, {id, given, family, birth, index});
  writer.run(insert_event, {id, now, actor.user_id, actor.organisation_id,
                            std::string("referral"), std::string("{}")});
  writer.run(insert_audit, {last_id + 1, now, actor.user_id, actor.organisation_id,
                            std::string("referral.create"), std::string("case"), std::to_string(id),
                            std::string("success"), last_hash, hash});
  writer.run(move_head, {last_id + 1, hash});
  writer.run(commit, {});
  ++last_id;
  last_hash = hash;
  return seconds_since(started);
}

WriteSlice RawBaseline::run(double seconds) {
  WriteSlice slice;
  const double cpu_before = thread_cpu_seconds();
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (Clock::now() < deadline) {
    slice.latencies.push_back(state_->write(state_->next_row++));
    ++slice.rows;
  }
  slice.rows_total = slice.rows;
  slice.seconds = seconds_since(start);
  slice.cpu_seconds = thread_cpu_seconds() - cpu_before;
  return slice;
}

}  // namespace lifeline::bench
