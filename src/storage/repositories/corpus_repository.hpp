// The commitments compendium on the shared database.
#pragma once

#include "domain/corpus/corpus_store.hpp"
#include "storage/database.hpp"

namespace lifeline::storage {

class CorpusRepository final : public domain::corpus::CorpusStore {
 public:
  explicit CorpusRepository(Database& db) : db_(db) {}

  Result<std::vector<domain::corpus::DocumentSummary>> documents() override;
  Result<domain::corpus::ProvisionPage> provisions(
      const domain::corpus::ProvisionFilter& filter) override;
  Result<std::optional<domain::corpus::ProvisionDetail>> provision(const std::string& id) override;
  Result<std::vector<domain::corpus::KeywordSummary>> keywords() override;
  Result<std::vector<domain::corpus::ResourceSummary>> resources(
      const std::string& keyword) override;
  Result<domain::corpus::Corpus> load() override;
  Result<std::int64_t> revision() override;
  Result<std::string> shipped_version() override;
  Result<void> replace_shipped(const domain::corpus::Corpus& corpus, const std::string& version,
                               std::int64_t now) override;
  Result<void> add_imported(const domain::corpus::Corpus& part, std::int64_t now) override;

 private:
  Database& db_;
};

}  // namespace lifeline::storage
