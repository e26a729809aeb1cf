#include "app/config.hpp"

#include <charconv>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "domain/hotline/proof_of_work.hpp"

namespace lifeline::app {
namespace {

// One setting: its dotted key and how to apply a text value to the config.
struct Setting {
  std::string_view key;
  std::function<Result<void>(Config&, const std::string&)> apply;
};

Result<std::int64_t> parse_int(std::string_view key, const std::string& text, std::int64_t min,
                               std::int64_t max) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) {
    return fail(Errc::invalid_argument,
                fmt::format("{} must be a whole number from {} to {}", key, min, max));
  }
  return value;
}

Result<bool> parse_bool(std::string_view key, const std::string& text) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  return fail(Errc::invalid_argument, fmt::format("{} must be true or false", key));
}

Setting integer(std::string_view key, std::int64_t min, std::int64_t max,
                const std::function<void(Config&, std::int64_t)>& set) {
  return {key, [=](Config& config, const std::string& text) -> Result<void> {
            auto value = parse_int(key, text, min, max);
            if (!value) return tl::unexpected(value.error());
            set(config, *value);
            return {};
          }};
}

Setting boolean(std::string_view key, const std::function<void(Config&, bool)>& set) {
  return {key, [=](Config& config, const std::string& text) -> Result<void> {
            auto value = parse_bool(key, text);
            if (!value) return tl::unexpected(value.error());
            set(config, *value);
            return {};
          }};
}

Setting text(std::string_view key, const std::function<void(Config&, const std::string&)>& set) {
  return {key, [=](Config& config, const std::string& value) -> Result<void> {
            set(config, value);
            return {};
          }};
}

Result<crypto::PasswordHashCost> parse_password_cost(const std::string& text) {
  if (text == "interactive") return crypto::PasswordHashCost::interactive();
  if (text == "fast") return crypto::PasswordHashCost::fast_for_tests();
  return fail(Errc::invalid_argument,
              "security.password_hash must be interactive, or fast (for test suites only)");
}

const std::vector<Setting>& settings() {
  using Seconds = std::chrono::seconds;
  static const std::vector<Setting> all = {
      text("data_dir", [](Config& c, const std::string& v) { c.data_dir = v; }),
      text("database.url", [](Config& c, const std::string& v) { c.database_url = v; }),
      integer("database.pool_size", 1, 256,
              [](Config& c, std::int64_t v) { c.database_pool_size = static_cast<int>(v); }),
      integer("database.busy_timeout_ms", 0, 600000,
              [](Config& c, std::int64_t v) { c.database_busy_timeout_ms = static_cast<int>(v); }),
      boolean("database.auto_migrate", [](Config& c, bool v) { c.database_auto_migrate = v; }),
      text("security.key_file", [](Config& c, const std::string& v) { c.key_file = v; }),
      text("security.keys", [](Config& c, const std::string& v) { c.keys_text = v; }),
      {"security.password_hash",
       [](Config& c, const std::string& v) -> Result<void> {
         auto cost = parse_password_cost(v);
         if (!cost) return tl::unexpected(cost.error());
         c.accounts.password_cost = *cost;
         return {};
       }},
      integer("security.session_idle_seconds", 1, 7 * 86400,
              [](Config& c, std::int64_t v) { c.accounts.session_idle = v; }),
      integer("security.session_absolute_seconds", 1, 30 * 86400,
              [](Config& c, std::int64_t v) { c.accounts.session_absolute = v; }),
      text("server.host", [](Config& c, const std::string& v) { c.server.host = v; }),
      integer("server.port", 0, 65535,
              [](Config& c, std::int64_t v) { c.server.port = static_cast<std::uint16_t>(v); }),
      integer("server.threads", 1, 256,
              [](Config& c, std::int64_t v) { c.server.threads = static_cast<int>(v); }),
      integer(
          "server.max_body_bytes", 1024, 1 << 30,
          [](Config& c, std::int64_t v) { c.server.max_body_bytes = static_cast<std::size_t>(v); }),
      integer("server.max_header_bytes", 1024, 1 << 20,
              [](Config& c, std::int64_t v) {
                c.server.max_header_bytes = static_cast<std::size_t>(v);
              }),
      integer("server.request_timeout_seconds", 1, 3600,
              [](Config& c, std::int64_t v) { c.server.request_timeout = Seconds(v); }),
      integer("server.idle_timeout_seconds", 1, 3600,
              [](Config& c, std::int64_t v) { c.server.idle_timeout = Seconds(v); }),
      integer("server.max_connections", 1, 100000,
              [](Config& c, std::int64_t v) { c.server.max_connections = static_cast<int>(v); }),
      text("server.tls_certificate_file",
           [](Config& c, const std::string& v) { c.server.tls_certificate_file = v; }),
      text("server.tls_private_key_file",
           [](Config& c, const std::string& v) { c.server.tls_private_key_file = v; }),
      text("server.static_dir", [](Config& c, const std::string& v) { c.static_dir = v; }),
      text("log.level", [](Config& c, const std::string& v) { c.log_level = v; }),
      text("nrm.indicators_file",
           [](Config& c, const std::string& v) { c.nrm_indicators_file = v; }),
      integer("nrm.reasonable_grounds_working_days", 1, 60,
              [](Config& c, std::int64_t v) {
                c.nrm.reasonable_grounds_working_days = static_cast<int>(v);
              }),
      integer(
          "nrm.reflection_minimum_days", 30, 365,
          [](Config& c, std::int64_t v) { c.nrm.reflection_minimum_days = static_cast<int>(v); }),
      integer("nrm.guardian_appointment_working_days", 1, 30,
              [](Config& c, std::int64_t v) {
                c.nrm.guardian_appointment_working_days = static_cast<int>(v);
              }),
      integer("nrm.retention_days_after_closure", 1, 100 * 365,
              [](Config& c, std::int64_t v) {
                c.nrm.retention_days_after_closure = static_cast<int>(v);
              }),
      integer("nrm.service_answer_working_days", 1, 30,
              [](Config& c, std::int64_t v) {
                c.nrm.service_answer_working_days = static_cast<int>(v);
              }),
      integer("nrm.review_decision_days", 1, 180,
              [](Config& c, std::int64_t v) { c.nrm.review_decision_days = static_cast<int>(v); }),
      integer("nrm.deadline_warning_days", 0, 30,
              [](Config& c, std::int64_t v) { c.nrm.deadline_warning_days = static_cast<int>(v); }),
      integer("statistics.suppression_threshold", 1, 1000,
              [](Config& c, std::int64_t v) {
                c.statistics.suppression_threshold = static_cast<int>(v);
              }),
      integer("statistics.microdata_k", 2, 1000,
              [](Config& c, std::int64_t v) { c.statistics.microdata_k = static_cast<int>(v); }),
      text("statistics.country_iso3",
           [](Config& c, const std::string& v) { c.statistics.country_iso3 = v; }),
      text("statistics.country_name",
           [](Config& c, const std::string& v) { c.statistics.country_name = v; }),
      text("statistics.region", [](Config& c, const std::string& v) { c.statistics.region = v; }),
      text("statistics.subregion",
           [](Config& c, const std::string& v) { c.statistics.subregion = v; }),
      text("hotline.phones", [](Config& c, const std::string& v) { c.hotline.phones = v; }),
      text("hotline.hours", [](Config& c, const std::string& v) { c.hotline.hours = v; }),
      text("hotline.urgent_instruction",
           [](Config& c, const std::string& v) { c.hotline.urgent_instruction = v; }),
      text("hotline.quick_exit_url",
           [](Config& c, const std::string& v) { c.hotline.quick_exit_url = v; }),
      integer("hotline.submissions_per_address", 1, 1000000,
              [](Config& c, std::int64_t v) {
                c.hotline.submissions_per_address = static_cast<int>(v);
              }),
      integer("hotline.guesses_per_code", 1, 1000,
              [](Config& c, std::int64_t v) { c.hotline.guesses_per_code = static_cast<int>(v); }),
      integer(
          "hotline.guesses_per_address", 1, 1000000,
          [](Config& c, std::int64_t v) { c.hotline.guesses_per_address = static_cast<int>(v); }),
      integer(
          "hotline.statistics_threshold", 1, 100,
          [](Config& c, std::int64_t v) { c.hotline.statistics_threshold = static_cast<int>(v); }),
      integer("hotline.concurrent_submissions", 1, 256,
              [](Config& c, std::int64_t v) {
                c.hotline.concurrent_submissions = static_cast<int>(v);
              }),
      integer("hotline.pow_difficulty", 0, domain::hotline::kMaxPowDifficulty,
              [](Config& c, std::int64_t v) { c.hotline.pow_difficulty = static_cast<int>(v); }),
  };
  return all;
}

// TOML values of any scalar type become text, so both sources share one parser per key.
std::optional<std::string> toml_text(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<std::int64_t>()) return std::to_string(*i);
  if (auto b = node.value<bool>()) return *b ? "true" : "false";
  return std::nullopt;
}

Result<void> apply_file(Config& config, const std::filesystem::path& file) {
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    return fail(
        Errc::invalid_argument,
        fmt::format("{}:{}: {}", file.string(), error.source().begin.line, error.description()));
  }
  for (const auto& setting : settings()) {
    const auto node = table.at_path(setting.key);
    if (!node) continue;
    auto value = toml_text(*node.node());
    if (!value)
      return fail(Errc::invalid_argument,
                  fmt::format("{}: {} has the wrong type", file.string(), setting.key));
    if (auto applied = setting.apply(config, *value); !applied) return applied;
  }
  return {};
}

void fill_defaults(Config& config) {
  if (config.database_url.empty()) {
    config.database_url = "sqlite:" + (config.data_dir / "lifeline.db").string();
  }
  if (config.key_file.empty()) config.key_file = config.data_dir / "lifeline.key";
}

}  // namespace

std::string environment_variable_for(std::string_view key) {
  std::string name = "LIFELINE_";
  for (char c : key)
    name += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

Result<Config> load_config(const std::optional<std::filesystem::path>& file,
                           const std::function<const char*(const char*)>& getenv) {
  Config config;
  if (file) {
    if (!std::filesystem::exists(*file)) {
      return fail(Errc::not_found, fmt::format("configuration file {} not found", file->string()));
    }
    if (auto applied = apply_file(config, *file); !applied) return tl::unexpected(applied.error());
  }
  for (const auto& setting : settings()) {
    const auto variable = environment_variable_for(setting.key);
    const char* value = getenv(variable.c_str());
    if (value == nullptr) continue;
    if (auto applied = setting.apply(config, value); !applied) {
      return fail(Errc::invalid_argument, fmt::format("{}: {}", variable, applied.error().message));
    }
  }
  fill_defaults(config);
  return config;
}

}  // namespace lifeline::app
