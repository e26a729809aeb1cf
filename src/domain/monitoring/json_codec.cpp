#include "domain/monitoring/json_codec.hpp"

namespace lifeline::domain::monitoring {
namespace {

using nlohmann::json;

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

std::optional<double> number_of(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || !found->is_number()) return std::nullopt;
  return found->get<double>();
}

std::string text_of(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string{};
}

std::vector<std::string> texts_of(const json& object, const char* key) {
  std::vector<std::string> values;
  const auto found = object.find(key);
  if (found == object.end() || !found->is_array()) return values;
  for (const auto& value : *found) {
    if (value.is_string()) values.push_back(value.get<std::string>());
  }
  return values;
}

}  // namespace

json item_json(const ItemDefinition& item) {
  auto choices = json::array();
  for (const auto& choice : item.choices) {
    choices.push_back({{"code", choice.code}, {"label", choice.label}});
  }
  json shown_if = nullptr;
  if (item.shown_if) {
    shown_if = {{"item", item.shown_if->item}, {"answers", item.shown_if->answers}};
  }
  return {{"code", item.code},
          {"prompt", item.prompt},
          {"type", to_string(item.type)},
          {"provision_id", item.provision_id},
          {"pillar", item.pillar},
          {"unit", item.unit},
          {"year", item.year ? json(*item.year) : json(nullptr)},
          {"minimum", optional_number(item.minimum)},
          {"maximum", optional_number(item.maximum)},
          {"choices", std::move(choices)},
          {"shown_if", std::move(shown_if)}};
}

ItemDefinition item_from_json(const json& object) {
  ItemDefinition item;
  if (!object.is_object()) return item;
  item.code = text_of(object, "code");
  item.prompt = text_of(object, "prompt");
  if (auto type = parse_question_type(text_of(object, "type"))) item.type = *type;
  item.provision_id = text_of(object, "provision_id");
  item.pillar = text_of(object, "pillar");
  item.unit = text_of(object, "unit");
  if (auto year = number_of(object, "year"); year && *year >= 0 && *year <= 10000) {
    item.year = static_cast<std::int64_t>(*year);
  }
  item.minimum = number_of(object, "minimum");
  item.maximum = number_of(object, "maximum");
  if (const auto choices = object.find("choices"); choices != object.end() && choices->is_array()) {
    for (const auto& choice : *choices) {
      if (choice.is_object())
        item.choices.push_back({text_of(choice, "code"), text_of(choice, "label")});
    }
  }
  if (const auto shown = object.find("shown_if"); shown != object.end() && shown->is_object()) {
    item.shown_if = SkipRule{text_of(*shown, "item"), texts_of(*shown, "answers")};
  }
  return item;
}

json answer_value_json(QuestionType type, const AnswerValue& value) {
  json out = json::object();
  if (type == QuestionType::number) {
    out["value"] = optional_number(value.number);
  } else if (type == QuestionType::evidence) {
    out["value"] = value.links;
  } else {
    out["value"] = value.text;
  }
  out["evidence"] = type == QuestionType::evidence ? json::array() : json(value.links);
  return out;
}

std::string stored_answer_value(const AnswerValue& value) {
  return json{
      {"text", value.text}, {"number", optional_number(value.number)}, {"links", value.links}}
      .dump();
}

AnswerValue answer_value_from_stored(const std::string& text) {
  const auto object = json::parse(text, nullptr, false);
  AnswerValue value;
  if (!object.is_object()) return value;
  value.text = text_of(object, "text");
  value.number = number_of(object, "number");
  value.links = texts_of(object, "links");
  return value;
}

}  // namespace lifeline::domain::monitoring
