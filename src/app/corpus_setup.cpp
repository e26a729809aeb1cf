#include "app/corpus_setup.hpp"

#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/cli_support.hpp"
#include "app/environment.hpp"
#include "app/version.hpp"
#include "domain/corpus/corpus_builder.hpp"
#include "domain/corpus/shipped_texts.hpp"
#include "domain/monitoring/respondents.hpp"

namespace lifeline::app {
namespace {

std::string build_id() {
  return std::string(version()) + "+" + std::string(commit());
}

// A decision text is a few pages; anything much larger is not one.
constexpr std::uintmax_t kMaxImportBytes = 2 * 1024 * 1024;

}  // namespace

Result<void> ensure_shipped_corpus(domain::corpus::CorpusStore& store, const Clock& clock) {
  const auto wanted = domain::corpus::shipped_corpus_version(build_id());
  auto stored = store.shipped_version();
  if (!stored) return tl::unexpected(stored.error());
  if (*stored == wanted) return {};
  std::cout << "compendium: importing the OSCE texts..." << std::flush;
  auto shipped = domain::corpus::build_shipped_corpus();
  if (!shipped) return tl::unexpected(shipped.error());
  if (!shipped->unplaced.empty()) {
    spdlog::warn("compendium: {} lines of the shipped texts could not be placed, first at {}",
                 shipped->unplaced.size(), shipped->unplaced.front());
  }
  const auto& corpus = shipped->corpus;
  if (auto replaced = store.replace_shipped(corpus, wanted, clock.now()); !replaced) {
    // Another process starting at the same time may have imported them first.
    auto now_stored = store.shipped_version();
    if (!now_stored || *now_stored != wanted) return replaced;
  }
  std::cout << fmt::format(" {} documents, {} provisions, {} keywords, {} resources\n",
                           corpus.documents.size(), corpus.provisions.size(),
                           corpus.keywords.size(), corpus.resources.size())
            << std::flush;
  return {};
}

Result<void> ensure_participating_states(domain::monitoring::MonitoringStore& store) {
  auto states = domain::monitoring::participating_states(
      domain::corpus::shipped_text("press-release-2003.txt"));
  if (!states) return tl::unexpected(states.error());
  auto added = store.ensure_respondents(*states);
  if (!added) return tl::unexpected(added.error());
  if (*added > 0) std::cout << "questionnaires: " << *added << " participating States added\n";
  return {};
}

int run_corpus_import(const Config& config, const std::string& file, bool dry_run) {
  auto text = read_text_file(file, kMaxImportBytes, "a decision text");
  if (!text) return report(text.error());
  auto env = open_environment(config, config.database_auto_migrate);
  if (!env) return report(env.error());
  auto& store = *(*env)->corpus_repository;
  if (auto shipped = ensure_shipped_corpus(store, (*env)->clock); !shipped) {
    return report(shipped.error());
  }
  auto stored = store.load();
  if (!stored) return report(stored.error());
  auto part = domain::corpus::prepare_decision_import(*text, *stored);
  if (!part) return report(part.error());
  const auto& document = part->documents.front();
  std::cout << fmt::format("{}: {} ({} provisions, {} links to the compendium)\n", document.id,
                           document.title, part->provisions.size(), part->links.size());
  if (dry_run) {
    std::cout << "dry run: nothing was imported\n";
    return 0;
  }
  if (auto added = store.add_imported(*part, (*env)->clock.now()); !added) {
    return report(added.error());
  }
  std::cout << "imported " << document.id << "\n";
  return 0;
}

}  // namespace lifeline::app
