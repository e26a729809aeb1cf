// The route table against its two contracts: every route declares an access rule, and the
// OpenAPI document describes exactly the routes there are.
#include <filesystem>
#include <set>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/services.hpp"
#include "crypto/init.hpp"
#include "crypto/key_store.hpp"
#include "http/metrics.hpp"
#include "search/corpus_search.hpp"
#include "storage/repositories/account_repository.hpp"
#include "storage/repositories/case_repository.hpp"
#include "storage/repositories/corpus_repository.hpp"
#include "storage/repositories/hotline_repository.hpp"
#include "storage/repositories/monitoring_repository.hpp"

namespace lifeline::api {
std::string_view openapi_document();

namespace {

std::string lower(std::string_view method) {
  std::string text(method);
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

class RouteTable : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::initialise();
    dir_ =
        std::filesystem::temp_directory_path() / ("lifeline-routes-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    keys_.emplace(crypto::KeyStore::create(dir_ / "lifeline.key").value());
    db_ = storage::open_database({"sqlite:" + (dir_ / "lifeline.db").string()}).value();
    ASSERT_TRUE(storage::migrate(*db_));
    repository_.emplace(*db_);
    accounts_.emplace(*repository_, *keys_, crypto::FieldCipher(*keys_), clock_,
                      domain::AccountPolicy{});
    corpus_.emplace(*db_);
    corpus_search_.emplace(*corpus_, search::SearchIndex::temporary().value());
    cases_.emplace(*db_, crypto::FieldCipher(*keys_), crypto::BlindIndex(keys_->blind_index_key()));
    hotline_.emplace(*db_, crypto::FieldCipher(*keys_));
    monitoring_.emplace(*db_);
    services_.emplace(Services{*accounts_, *db_, metrics_, domain::AccountPolicy{}, *corpus_,
                               *corpus_search_, *cases_, clock_, domain::nrm::CasePolicy{},
                               indicators_, domain::stats::StatsPolicy{}, *hotline_,
                               domain::hotline::HotlinePolicy{}, *monitoring_});
    add_routes(router_, *services_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::optional<crypto::KeyStore> keys_;
  std::unique_ptr<storage::Database> db_;
  std::optional<storage::AccountRepository> repository_;
  SystemClock clock_;
  std::optional<domain::AccountService> accounts_;
  std::optional<storage::CorpusRepository> corpus_;
  std::optional<search::CorpusSearch> corpus_search_;
  std::optional<storage::CaseRepository> cases_;
  domain::nrm::Checklist indicators_ = domain::nrm::Checklist::default_indicators();
  std::optional<storage::HotlineRepository> hotline_;
  std::optional<storage::MonitoringRepository> monitoring_;
  http::Metrics metrics_;
  std::optional<Services> services_;
  http::Router router_;
};

TEST_F(RouteTable, EveryRouteDeclaresAnAccessRule) {
  ASSERT_FALSE(router_.routes().empty());
  for (const auto& route : router_.routes()) {
    EXPECT_TRUE(route.access.has_value())
        << to_string(route.method) << " " << route.pattern << " has no access rule";
  }
}

TEST_F(RouteTable, OnlyPublicEndpointsAreOpenToAnyone) {
  // The compendium is made of public OSCE documents.
  const std::set<std::string> public_routes = {"/healthz",
                                               "/readyz",
                                               "/metrics",
                                               "/api/v1/openapi.json",
                                               "/api/v1/auth/login",
                                               "/api/v1/corpus/documents",
                                               "/api/v1/corpus/provisions",
                                               "/api/v1/corpus/provisions/*",
                                               "/api/v1/corpus/keywords",
                                               "/api/v1/corpus/resources",
                                               "/api/v1/corpus/search",
                                               "/api/v1/public/hotline",
                                               "/api/v1/public/reports",
                                               "/api/v1/public/reports/{code}",
                                               "/api/v1/public/reports/{code}/messages",
                                               "/api/v1/public/reports/{code}/attachments",
                                               "/api/v1/public/challenge"};
  for (const auto& route : router_.routes()) {
    if (route.access && route.access->kind == http::AccessRule::Kind::anyone) {
      EXPECT_TRUE(public_routes.contains(route.pattern)) << route.pattern << " is open to anyone";
    }
  }
}

TEST_F(RouteTable, OpenApiDocumentDescribesExactlyTheRoutes) {
  const auto document = nlohmann::json::parse(openapi_document());
  std::set<std::string> documented;
  for (const auto& [path, operations] : document.at("paths").items()) {
    for (const auto& [method, operation] : operations.items()) {
      documented.insert(method + ' ' + std::string(path));
    }
  }
  std::set<std::string> routed;
  for (const auto& route : router_.routes()) {
    // A trailing "*" takes the rest of the path, "/" included; the document calls it {id}.
    auto path = route.pattern;
    if (path.ends_with("/*")) path.replace(path.size() - 1, 1, "{id}");
    routed.insert(lower(to_string(route.method)) + " " + path);
  }
  for (const auto& entry : routed)
    EXPECT_TRUE(documented.contains(entry)) << entry << " is not documented";
  for (const auto& entry : documented)
    EXPECT_TRUE(routed.contains(entry)) << entry << " has no route";
}

}  // namespace
}  // namespace lifeline::api
