#include "storage/database.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "storage/postgres/postgres_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace lifeline::storage {

namespace {

const char* type_name(const Value& value) {
  constexpr const char* kNames[] = {"NULL", "an integer", "a real", "text", "a blob"};
  return kNames[value.index()];
}

[[noreturn]] void mismatch(std::size_t column, const Value& value, const char* expected) {
  // Names the types only: the value may be personal data.
  throw std::logic_error(
      fmt::format("column {} is {}, but the code expects {}", column, type_name(value), expected));
}

Result<void> check_options(const DatabaseOptions& options) {
  if (options.pool_size < 1 || options.pool_size > 1000) {
    return fail(Errc::invalid_argument, "database pool size must be between 1 and 1000");
  }
  if (options.busy_timeout_ms < 0) {
    return fail(Errc::invalid_argument, "database busy timeout must not be negative");
  }
  return {};
}

}  // namespace

bool Row::is_null(std::size_t column) const {
  return std::holds_alternative<Null>(values_.at(column));
}

std::int64_t Row::i64(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
  // 2^63 as a double: the first value past the int64 range.
  constexpr double kLimit = 9223372036854775808.0;
  if (const auto* d = std::get_if<double>(&value);
      d != nullptr && std::trunc(*d) == *d && *d >= -kLimit && *d < kLimit) {
    return static_cast<std::int64_t>(*d);
  }
  mismatch(column, value, "an integer");
}

double Row::f64(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  mismatch(column, value, "a real");
}

const std::string& Row::text(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  mismatch(column, value, "text");
}

const Bytes& Row::bytes(std::size_t column) const {
  const Value& value = values_.at(column);
  if (const auto* b = std::get_if<Bytes>(&value)) return *b;
  mismatch(column, value, "a blob");
}

std::optional<std::int64_t> Row::opt_i64(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return i64(column);
}

std::optional<std::string> Row::opt_text(std::size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

Result<std::unique_ptr<Database>> open_database(const DatabaseOptions& options) {
  if (auto ok = check_options(options); !ok) return tl::unexpected(ok.error());
  const std::string_view url = options.url;
  if (url.starts_with("sqlite:")) {
    return sqlite::open_database(std::filesystem::path(url.substr(7)), options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return postgres::open_database(options);
  }
  // The URL is not repeated: it may hold a password.
  return fail(Errc::invalid_argument,
              "unsupported database URL; expected sqlite:PATH, postgresql://... or postgres://...");
}

}  // namespace lifeline::storage
