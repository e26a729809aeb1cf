// The commitments compendium's life in a deployment: imported from the shipped texts on first
// start and after an upgrade that changed them, extended by `lifeline corpus import`.
#pragma once

#include <string>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "domain/corpus/corpus_store.hpp"
#include "domain/monitoring/monitoring_store.hpp"

namespace lifeline::app {

// Imports the shipped texts when the stored compendium was built from other texts or by
// another version of Lifeline; prints a line when it does. Documents added by `corpus import`
// are kept.
Result<void> ensure_shipped_corpus(domain::corpus::CorpusStore& store, const Clock& clock);

// Adds the participating States of the shipped OSCE page as questionnaire respondents, once;
// prints a line when it adds any.
Result<void> ensure_participating_states(domain::monitoring::MonitoringStore& store);

// `lifeline corpus import FILE [--dry-run]`: adds a new Ministerial Council decision.
int run_corpus_import(const Config& config, const std::string& file, bool dry_run);

}  // namespace lifeline::app
