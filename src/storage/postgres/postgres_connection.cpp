#include "storage/postgres/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "storage/values.hpp"

namespace lifeline::storage::postgres {

namespace {

// Type OIDs from pg_type.h (stable across server versions).
constexpr Oid kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26;
constexpr Oid kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;
constexpr Oid kUnknown = 0;  // text parameters: the server infers the type from the context
constexpr int kTextFormat = 0, kBinaryFormat = 1;

// libpq wants one array per attribute of the parameters; numbers are sent as text.
struct EncodedParams {
  std::vector<Oid> types;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
  std::vector<std::string> numbers;  // keeps the text of numeric values alive
};

std::string format_double(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;  // round-trips
  return std::string(buffer, end);
}

Result<void> encode_one(const Value& value, std::size_t number, EncodedParams& out) {
  static const char kEmpty[] = "";
  Oid type = kUnknown;
  const char* data = nullptr;
  int length = 0;
  int format = kTextFormat;
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    type = kInt8;
    data = out.numbers.emplace_back(std::to_string(*i)).c_str();
  } else if (const auto* d = std::get_if<double>(&value)) {
    type = kFloat8;
    data = out.numbers.emplace_back(format_double(*d)).c_str();
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    if (auto ok = detail::check_text_parameter(*s, number); !ok) return ok;
    data = s->c_str();
  } else if (const auto* b = std::get_if<Bytes>(&value)) {
    if (b->size() > static_cast<std::size_t>(INT_MAX)) {
      return fail(Errc::too_large, fmt::format("parameter ${} is too large", number));
    }
    type = kBytea;
    format = kBinaryFormat;
    // A null pointer would mean SQL NULL, not an empty value.
    data = b->empty() ? kEmpty : reinterpret_cast<const char*>(b->data());
    length = static_cast<int>(b->size());
  }
  out.types.push_back(type);
  out.values.push_back(data);
  out.lengths.push_back(length);
  out.formats.push_back(format);
  return {};
}

Result<EncodedParams> encode(const Params& params) {
  if (params.size() > 65535) return fail(Errc::invalid_argument, "too many parameters");
  EncodedParams out;
  out.numbers.reserve(params.size());  // no reallocation: values point into these strings
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (auto ok = encode_one(params[i], i + 1, out); !ok) return tl::unexpected(ok.error());
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<Bytes> decode_bytea(std::string_view text) {
  if (text.starts_with("\\x")) {  // hex output, the server's default
    text.remove_prefix(2);
    if (text.size() % 2 != 0) return fail(Errc::internal, "postgres: malformed bytea value");
    Bytes out(text.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
      const int high = hex_digit(text[2 * i]), low = hex_digit(text[2 * i + 1]);
      if (high < 0 || low < 0) return fail(Errc::internal, "postgres: malformed bytea value");
      out[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return out;
  }
  // bytea_output = escape on this server: let libpq undo it.
  const std::string terminated(text);
  std::size_t size = 0;
  unsigned char* raw =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(terminated.c_str()), &size);
  if (raw == nullptr) return fail(Errc::internal, "postgres: malformed bytea value");
  Bytes out(raw, raw + size);
  PQfreemem(raw);
  return out;
}

template <class Number>
Result<Value> parse_number(std::string_view text) {
  Number number{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) {
    return fail(Errc::internal, "postgres: a numeric column holds an unreadable value");
  }
  if constexpr (std::is_same_v<Number, double>) {
    return Value(number);
  } else {
    return Value(std::int64_t{number});
  }
}

Result<Value> decode_value(const PGresult* result, int row, int column, Oid type) {
  if (PQgetisnull(result, row, column) != 0) return Value(Null{});
  const std::string_view text(PQgetvalue(result, row, column),
                              static_cast<std::size_t>(PQgetlength(result, row, column)));
  switch (type) {
    case kInt2:
    case kInt4:
    case kInt8:
    case kOid:
      return parse_number<std::int64_t>(text);
    case kFloat4:
    case kFloat8:
    case kNumeric:
      return parse_number<double>(text);
    case kBool:
      return Value(std::int64_t{text == "t" ? 1 : 0});
    case kBytea: {
      auto bytes = decode_bytea(text);
      if (!bytes) return tl::unexpected(bytes.error());
      return Value(std::move(*bytes));
    }
    default:
      return Value(std::string(text));
  }
}

Result<Rows> decode_rows(const PGresult* result) {
  const int rows = PQntuples(result), columns = PQnfields(result);
  std::vector<Oid> types(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) types[static_cast<std::size_t>(c)] = PQftype(result, c);
  Rows out;
  out.reserve(static_cast<std::size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    std::vector<Value> values;
    values.reserve(types.size());
    for (int c = 0; c < columns; ++c) {
      auto value = decode_value(result, r, c, types[static_cast<std::size_t>(c)]);
      if (!value) return tl::unexpected(value.error());
      values.push_back(std::move(*value));
    }
    out.emplace_back(std::move(values));
  }
  return out;
}

bool is_connection_loss(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

Errc classify(std::string_view sqlstate) {
  if (sqlstate == "23505") return Errc::conflict;
  // 23: integrity constraint; 22: a value the column type cannot hold.
  if (sqlstate.starts_with("23") || sqlstate.starts_with("22")) return Errc::invalid_argument;
  // Serialization failure, deadlock, lock timeout, statement timeout, out of resources:
  // the same work may succeed when retried.
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate == "57014" ||
      sqlstate.starts_with("53")) {
    return Errc::unavailable;
  }
  return Errc::internal;
}

void log_notice(void*, const char* message) {
  spdlog::debug("postgres: {}", detail::one_line(message));
}

}  // namespace

void Connection::ResultDeleter::operator()(PGresult* result) const {
  PQclear(result);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& conninfo,
                                                     int lock_timeout_ms) {
  // Entries before "dbname" are defaults the URL may override; entries after it win. A lock
  // held elsewhere makes a statement fail after lock_timeout (-> unavailable, 503) rather
  // than hang the request.
  const auto options = fmt::format("-c lock_timeout={}", lock_timeout_ms);
  const char* const keywords[] = {"connect_timeout", "fallback_application_name", "options",
                                  "dbname",          "client_encoding",           nullptr};
  const char* const values[] = {"10",   "lifeline", options.c_str(), conninfo.c_str(),
                                "UTF8", nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return fail(Errc::internal, "postgres: out of memory");
  std::unique_ptr<Connection> connection(new Connection(conn));
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message names host and port, never the password.
    return fail(Errc::unavailable, fmt::format("cannot connect to PostgreSQL: {}",
                                               detail::one_line(PQerrorMessage(conn))));
  }
  PQsetNoticeProcessor(conn, log_notice, nullptr);
  return connection;
}

Connection::~Connection() {
  PQfinish(conn_);
}

Error Connection::describe_failure(const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sqlstate = state != nullptr ? state : "";
  const char* primary =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  // Only the primary message: DETAIL repeats the offending values ("Key (email)=(...)").
  const std::string text = detail::one_line(primary != nullptr ? primary : PQerrorMessage(conn_));
  if (PQstatus(conn_) == CONNECTION_BAD || is_connection_loss(sqlstate)) {
    broken_ = true;
    return Error{Errc::unavailable, fmt::format("PostgreSQL connection lost: {}", text), {}, {}};
  }
  if (sqlstate.starts_with("22")) {
    // These messages quote the rejected input ("invalid input syntax for type ...: \"...\"").
    return Error{
        Errc::invalid_argument,
        fmt::format("postgres: a value does not fit its column type (SQLSTATE {})", sqlstate),
        {},
        {}};
  }
  return Error{
      classify(sqlstate), fmt::format("postgres: {} (SQLSTATE {})", text, sqlstate), {}, {}};
}

Result<Connection::ResultPtr> Connection::check(ResultPtr result) {
  const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
  if (status != PGRES_FATAL_ERROR && status != PGRES_NONFATAL_ERROR) {
    broken_ = true;  // COPY or another protocol state this adapter does not drive
    return tl::unexpected(
        record(Error{Errc::internal,
                     fmt::format("postgres: unsupported result {}", PQresStatus(status)),
                     {},
                     {}}));
  }
  return tl::unexpected(record(describe_failure(result.get())));
}

Error Connection::record(Error error) {
  if (in_transaction_ && !first_failure_) first_failure_ = error;
  return error;
}

Result<Connection::ResultPtr> Connection::run(std::string_view sql, const Params& params) {
  auto encoded = encode(params);
  if (!encoded) return tl::unexpected(encoded.error());
  const std::string text(sql);
  ResultPtr result(PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()),
                                encoded->types.data(), encoded->values.data(),
                                encoded->lengths.data(), encoded->formats.data(), kTextFormat));
  return check(std::move(result));
}

Result<Rows> Connection::query(std::string_view sql, const Params& params) {
  auto result = run(sql, params);
  if (!result) return tl::unexpected(result.error());
  return decode_rows(result->get());
}

Result<std::int64_t> Connection::execute(std::string_view sql, const Params& params) {
  auto result = run(sql, params);
  if (!result) return tl::unexpected(result.error());
  const std::string_view count = PQcmdTuples(result->get());
  if (count.empty()) return 0;  // not a statement that counts rows (DDL, BEGIN ...)
  std::int64_t changed = 0;
  std::from_chars(count.data(), count.data() + count.size(), changed);
  return changed;
}

Result<void> Connection::execute_script(std::string_view sql) {
  // PQexec uses the simple protocol, which accepts several statements in one string.
  const std::string text(sql);
  auto result = check(ResultPtr(PQexec(conn_, text.c_str())));
  if (!result) return tl::unexpected(result.error());
  return {};
}

Result<void> Connection::begin(Access access) {
  first_failure_.reset();
  auto result =
      run(access == Access::read ? "BEGIN READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED", {});
  if (!result) return tl::unexpected(result.error());
  in_transaction_ = true;
  return {};
}

Result<void> Connection::commit() {
  // A failed statement leaves the transaction aborted and COMMIT would quietly roll it back,
  // so report the failure that caused it.
  if (first_failure_ || PQtransactionStatus(conn_) == PQTRANS_INERROR) {
    Error error = first_failure_.value_or(Error{
        Errc::internal, "postgres: the transaction was aborted by an earlier failure", {}, {}});
    rollback();
    return tl::unexpected(std::move(error));
  }
  // If the connection drops here the outcome is unknown to us; the caller gets unavailable.
  auto result = run("COMMIT", {});
  in_transaction_ = false;
  if (!result) {
    rollback();
    return tl::unexpected(result.error());
  }
  if (std::strcmp(PQcmdStatus(result->get()), "COMMIT") != 0) {
    return fail(Errc::internal, "postgres: the transaction was rolled back instead of committed");
  }
  return {};
}

void Connection::rollback() {
  first_failure_.reset();
  in_transaction_ = false;
  if (broken_ || PQtransactionStatus(conn_) == PQTRANS_IDLE) return;
  ResultPtr result(PQexec(conn_, "ROLLBACK"));
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    broken_ = true;  // its state is unknown: close it rather than lend it out again
    spdlog::error("postgres: rollback failed: {}", detail::one_line(PQerrorMessage(conn_)));
  }
}

bool Connection::healthy() const {
  return !broken_ && PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

}  // namespace lifeline::storage::postgres
