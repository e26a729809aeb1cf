#include "app/config.hpp"

#include <fstream>
#include <map>

#include <gtest/gtest.h>

namespace lifeline::app {
namespace {

auto environment(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const char* name) -> const char* {
    auto found = values.find(name);
    return found == values.end() ? nullptr : found->second.c_str();
  };
}

TEST(Config, DefaultsWorkWithNoFileAndNoEnvironment) {
  auto config = load_config(std::nullopt, environment({}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->server.host, "127.0.0.1");
  EXPECT_EQ(config->server.port, 8080);
  EXPECT_EQ(config->database_url, "sqlite:var/lifeline.db");
  EXPECT_EQ(config->key_file, std::filesystem::path("var/lifeline.key"));
}

TEST(Config, TheDocumentedExampleLoads) {
  auto config = load_config(LIFELINE_DOCS_DIR "/lifeline.example.toml", environment({}));
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->nrm.deadline_warning_days, 3);
  EXPECT_TRUE(config->nrm_indicators_file.empty());
  auto custom =
      load_config(std::nullopt, environment({{"LIFELINE_NRM_INDICATORS_FILE", "/x.toml"},
                                             {"LIFELINE_NRM_DEADLINE_WARNING_DAYS", "7"}}));
  ASSERT_TRUE(custom) << custom.error().message;
  EXPECT_EQ(custom->nrm_indicators_file, "/x.toml");
  EXPECT_EQ(custom->nrm.deadline_warning_days, 7);
}

TEST(Config, EnvironmentOverridesTheFile) {
  const auto file = std::filesystem::temp_directory_path() / "lifeline-config-test.toml";
  std::ofstream(file)
      << "data_dir = \"/srv/lifeline\"\n[server]\nport = 9000\nhost = \"0.0.0.0\"\n";
  auto config = load_config(file, environment({{"LIFELINE_SERVER_PORT", "9100"}}));
  std::filesystem::remove(file);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->server.port, 9100);
  EXPECT_EQ(config->server.host, "0.0.0.0");
  EXPECT_EQ(config->database_url, "sqlite:/srv/lifeline/lifeline.db");
}

TEST(Config, DataDirAndDatabaseUrlOverrides) {
  auto config =
      load_config(std::nullopt, environment({{"LIFELINE_DATA_DIR", "/tmp/x"},
                                             {"LIFELINE_DATABASE_URL", "postgresql://db/l"}}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->database_url, "postgresql://db/l");
  EXPECT_EQ(config->key_file, std::filesystem::path("/tmp/x/lifeline.key"));
}

TEST(Config, BadValuesNameTheVariable) {
  auto config = load_config(std::nullopt, environment({{"LIFELINE_SERVER_PORT", "eighty"}}));
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("LIFELINE_SERVER_PORT"), std::string::npos);
}

TEST(Config, BrokenTomlNamesTheLine) {
  const auto file = std::filesystem::temp_directory_path() / "lifeline-config-bad.toml";
  std::ofstream(file) << "[server]\nport = \n";
  auto config = load_config(file, environment({}));
  std::filesystem::remove(file);
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find(":2"), std::string::npos) << config.error().message;
}

TEST(Config, MissingFileIsAnError) {
  EXPECT_FALSE(load_config(std::filesystem::path("/nonexistent/lifeline.toml"), environment({})));
}

TEST(Config, VariableNamesFollowTheKeys) {
  EXPECT_EQ(environment_variable_for("server.port"), "LIFELINE_SERVER_PORT");
  EXPECT_EQ(environment_variable_for("data_dir"), "LIFELINE_DATA_DIR");
}

}  // namespace
}  // namespace lifeline::app
