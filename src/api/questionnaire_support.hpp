// What the questionnaire handlers (rounds, answers, analysis, XLSForm) share.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/services.hpp"
#include "domain/monitoring/monitoring_store.hpp"
#include "http/json_body.hpp"
#include "http/router.hpp"

namespace lifeline::api {

struct LoadedRound {
  domain::monitoring::Round round;
  std::vector<domain::monitoring::StoredItem> items;  // current first, then retired versions
};

// The round of the {id} path parameter with its items; 404 when there is none.
Result<LoadedRound> load_round(Services& services, const http::Context& context);

nlohmann::json round_json(const domain::monitoring::Round& round);
nlohmann::json stored_item_json(const domain::monitoring::StoredItem& item);
nlohmann::json respondent_json(const domain::monitoring::RespondentRecord& record);

// An item from a request body, checked against the rules and the earlier items; a provision it
// names must be in the compendium, and gives the item its pillar when none is given.
domain::monitoring::ItemDefinition read_item(
    Services& services, http::JsonFields& fields,
    const std::vector<domain::monitoring::ItemDefinition>& earlier);

// The answers of a save request, each checked against its item (422 naming answers[i]).
Result<std::vector<domain::monitoring::AnswerInput>> read_answers(
    const nlohmann::json& list, const std::vector<domain::monitoring::StoredItem>& items);

// Only co-ordinators of the organisation linked to the respondent answer for it (403).
Result<void> may_answer(Services& services, const http::Context& context, const std::string& code);
// Those, and co-ordinators of the hub (an organisation linked to no respondent), read answers.
Result<void> may_read_response(Services& services, const http::Context& context,
                               const std::string& code);

// The answers of the respondents that submitted, by respondent.
Result<std::vector<domain::monitoring::Response>> submitted_responses(Services& services,
                                                                      const LoadedRound& loaded);

// The whole analysis of a round as JSON: per item (each version answered), per pillar, with
// the invited, responding, asked and answering counts.
Result<nlohmann::json> analyse_round(Services& services, const LoadedRound& loaded);

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};
// The analysis as one table: a row per item and answer.
Table analysis_table(const nlohmann::json& analysis);

}  // namespace lifeline::api
