// Questionnaire items and answer values as JSON: how the database keeps them and how the API
// shows them (one shape for both).
#pragma once

#include <nlohmann/json.hpp>

#include "domain/monitoring/questionnaire.hpp"

namespace lifeline::domain::monitoring {

nlohmann::json item_json(const ItemDefinition& item);
// Reads what item_json wrote; fields it does not know or cannot read keep their defaults.
ItemDefinition item_from_json(const nlohmann::json& json);

nlohmann::json answer_value_json(const QuestionType type, const AnswerValue& value);
// The stored form: {"text","number","links"}.
std::string stored_answer_value(const AnswerValue& value);
AnswerValue answer_value_from_stored(const std::string& text);

}  // namespace lifeline::domain::monitoring
