#include "api/questionnaire_support.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "api/common.hpp"
#include "api/monitoring_json.hpp"
#include "domain/monitoring/json_codec.hpp"

namespace lifeline::api {
namespace {

using domain::monitoring::AnswerValue;
using domain::monitoring::ItemDefinition;
using domain::monitoring::QuestionType;
using domain::monitoring::StoredItem;
using nlohmann::json;
namespace monitoring = domain::monitoring;

std::optional<monitoring::RespondentRecord> find_respondent(
    const std::vector<monitoring::RespondentRecord>& all, const std::string& code) {
  const auto found = std::ranges::find_if(
      all, [&](const monitoring::RespondentRecord& r) { return r.respondent.code == code; });
  if (found == all.end()) return std::nullopt;
  return *found;
}

json counts_json(const std::vector<monitoring::CategoryCount>& counts) {
  auto out = json::array();
  for (const auto& c : counts) {
    out.push_back({{"answer", c.category}, {"count", c.count}, {"share", c.share}});
  }
  return out;
}

std::string share_text(double share) {
  return fmt::format("{:.4f}", share);
}

std::string number_text(const json& value) {
  return value.is_number() ? fmt::format("{}", value.get<double>()) : std::string{};
}

// A value of the type the item takes, or an error naming the field.
Result<AnswerValue> read_value(const json& entry, const ItemDefinition& item,
                               const std::string& field) {
  AnswerValue value;
  const auto raw = entry.find("value");
  const auto refuse = [&](std::string message) {
    return fail_fields("the answer does not fit the item",
                       {{field + ".value", std::move(message)}});
  };
  if (raw == entry.end() || raw->is_null()) return refuse("is required");
  if (item.type == QuestionType::number) {
    if (!raw->is_number()) return refuse("must be a number");
    value.number = raw->get<double>();
  } else if (item.type == QuestionType::evidence) {
    if (!raw->is_array()) return refuse("must be a list of links");
    for (const auto& link : *raw) {
      if (!link.is_string()) return refuse("must be a list of links");
      value.links.push_back(link.get<std::string>());
    }
  } else {
    if (!raw->is_string()) return refuse("must be text");
    value.text = raw->get<std::string>();
  }
  if (const auto evidence = entry.find("evidence");
      evidence != entry.end() && !evidence->is_null()) {
    if (!evidence->is_array() || item.type == QuestionType::evidence) {
      return refuse("evidence must be a list of links, on items that are not evidence items");
    }
    for (const auto& link : *evidence) {
      if (!link.is_string()) return refuse("evidence must be a list of links");
      value.links.push_back(link.get<std::string>());
    }
  }
  if (auto checked = monitoring::check_answer(item, value); !checked) {
    auto error = checked.error();
    for (auto& f : error.fields) f.field = field + "." + f.field;
    return tl::unexpected(error);
  }
  return value;
}

}  // namespace

Result<LoadedRound> load_round(Services& services, const http::Context& context) {
  auto id = id_parameter(context, "id");
  if (!id) return tl::unexpected(id.error());
  auto round = services.monitoring.round(*id);
  if (!round) return tl::unexpected(round.error());
  if (!*round) return fail(Errc::not_found, "no such questionnaire round");
  auto items = services.monitoring.items(*id);
  if (!items) return tl::unexpected(items.error());
  return LoadedRound{**round, std::move(*items)};
}

json round_json(const monitoring::Round& round) {
  const auto time = [](const std::optional<UnixSeconds>& t) {
    return t ? json(format_iso8601(*t)) : json(nullptr);
  };
  return {{"id", round.id},
          {"title", round.title},
          {"status", round.status},
          {"include_partners", round.include_partners},
          {"created_at", format_iso8601(round.created_at)},
          {"opened_at", time(round.opened_at)},
          {"closed_at", time(round.closed_at)}};
}

json stored_item_json(const StoredItem& item) {
  auto body = monitoring::item_json(item.definition);
  body["id"] = item.id;
  body["version"] = item.version;
  body["position"] = item.position;
  body["current"] = !item.retired;
  return body;
}

json respondent_json(const monitoring::RespondentRecord& record) {
  return {{"code", record.respondent.code},
          {"name", record.respondent.name},
          {"kind", record.respondent.kind},
          {"organisation_id", optional_json(record.organisation_id)}};
}

ItemDefinition read_item(Services& services, http::JsonFields& fields,
                         const std::vector<ItemDefinition>& earlier) {
  ItemDefinition item;
  item.code = fields.text("code", true, 64).value_or("");
  item.prompt = fields.text("prompt", true, monitoring::kMaxPromptLength).value_or("");
  if (auto type = fields.text("type", true, 20)) {
    auto parsed = monitoring::parse_question_type(*type);
    if (parsed)
      item.type = *parsed;
    else
      fields.add_error("type", parsed.error().message);
  }
  item.provision_id = fields.text("provision_id", false, 100).value_or("");
  item.pillar = fields.text("pillar", false, 30).value_or("");
  item.unit = fields.text("unit", false, 100).value_or("");
  item.year = fields.integer("year", false);
  item.minimum = optional_number(fields, "minimum");
  item.maximum = optional_number(fields, "maximum");
  if (const auto* choices = fields.raw("choices", false);
      choices != nullptr && !choices->is_null()) {
    const bool shaped = choices->is_array() && choices->size() <= 200 &&
                        std::ranges::all_of(*choices, [](const json& c) {
                          return c.is_object() && c.contains("code") && c["code"].is_string() &&
                                 c.contains("label") && c["label"].is_string();
                        });
    if (shaped) {
      for (const auto& c : *choices)
        item.choices.push_back({c["code"].get<std::string>(), c["label"].get<std::string>()});
    } else {
      fields.add_error("choices", "must be a list of {code, label}");
    }
  }
  if (const auto* shown = fields.raw("shown_if", false); shown != nullptr && !shown->is_null()) {
    const bool shaped =
        shown->is_object() && shown->contains("item") && (*shown)["item"].is_string() &&
        shown->contains("answers") && (*shown)["answers"].is_array() &&
        std::ranges::all_of((*shown)["answers"], [](const json& a) { return a.is_string(); });
    if (shaped) {
      item.shown_if = monitoring::SkipRule{(*shown)["item"].get<std::string>(),
                                           (*shown)["answers"].get<std::vector<std::string>>()};
    } else {
      fields.add_error("shown_if", "must be {item, answers}");
    }
  }
  if (!item.provision_id.empty()) {
    auto found = services.monitoring.provisions({item.provision_id});
    if (found && found->empty()) {
      fields.add_error("provision_id", "is not a commitment of the compendium");
    } else if (found && item.pillar.empty()) {
      item.pillar = found->front().pillar;
    }
  }
  for (auto& error : monitoring::check_item(item, earlier)) {
    fields.add_error(std::move(error.field), std::move(error.message));
  }
  return item;
}

Result<std::vector<monitoring::AnswerInput>> read_answers(const json& list,
                                                          const std::vector<StoredItem>& items) {
  if (!list.is_array() || list.empty() || list.size() > 2000) {
    return fail_fields("answers must be a list",
                       {{"answers", "must be a list of 1 to 2000 answers"}});
  }
  std::vector<monitoring::AnswerInput> inputs;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto field = fmt::format("answers[{}]", i);
    const auto& entry = list[i];
    if (!entry.is_object() || !entry.contains("item_id") || !entry["item_id"].is_number_integer()) {
      return fail_fields("each answer names its item", {{field + ".item_id", "is required"}});
    }
    monitoring::AnswerInput input;
    input.item_id = entry["item_id"].get<std::int64_t>();
    const auto item = std::ranges::find(items, input.item_id, &StoredItem::id);
    if (item == items.end()) {
      return fail(Errc::conflict, "the item version answered does not exist in this round",
                  "item-version-gone");
    }
    if (item->retired) {
      return fail(Errc::conflict,
                  "the item version answered was replaced by a newer one: answer that one",
                  "item-version-gone");
    }
    auto value = read_value(entry, item->definition, field);
    if (!value) return tl::unexpected(value.error());
    input.value = std::move(*value);
    if (const auto version = entry.find("version"); version != entry.end() && !version->is_null()) {
      if (!version->is_number_integer()) {
        return fail_fields("version must be a number",
                           {{field + ".version", "must be a whole number"}});
      }
      input.version = version->get<std::int64_t>();
    }
    inputs.push_back(std::move(input));
  }
  return inputs;
}

Result<void> may_answer(Services& services, const http::Context& context, const std::string& code) {
  auto all = services.monitoring.respondents();
  if (!all) return tl::unexpected(all.error());
  const auto respondent = find_respondent(*all, code);
  if (!respondent) return fail(Errc::not_found, "no such respondent");
  if (respondent->organisation_id != context.principal->organisation_id) {
    return fail(Errc::forbidden,
                "only the co-ordinators of this State's organisation answer for it",
                "not-respondent");
  }
  return {};
}

Result<void> may_read_response(Services& services, const http::Context& context,
                               const std::string& code) {
  auto all = services.monitoring.respondents();
  if (!all) return tl::unexpected(all.error());
  if (!find_respondent(*all, code)) return fail(Errc::not_found, "no such respondent");
  const auto organisation = context.principal->organisation_id;
  const bool hub = std::ranges::none_of(*all, [&](const monitoring::RespondentRecord& r) {
    return r.organisation_id == organisation;
  });
  if (hub) return {};
  return may_answer(services, context, code);
}

Result<std::vector<monitoring::Response>> submitted_responses(Services& services,
                                                              const LoadedRound& loaded) {
  auto respondents = services.monitoring.round_respondents(loaded.round.id);
  if (!respondents) return tl::unexpected(respondents.error());
  auto answers = services.monitoring.answers(loaded.round.id, "");
  if (!answers) return tl::unexpected(answers.error());
  std::map<std::int64_t, const StoredItem*> items_by_id;
  for (const auto& item : loaded.items) items_by_id[item.id] = &item;
  std::map<std::string, monitoring::Response> by_code;
  for (const auto& r : *respondents) {
    if (r.submitted_at) by_code[r.respondent.code] = {r.respondent.code, {}};
  }
  for (const auto& answer : *answers) {
    auto response = by_code.find(answer.respondent);
    if (response == by_code.end()) continue;
    const auto found = items_by_id.find(answer.item_id);
    if (found == items_by_id.end()) continue;
    const auto* item = found->second;
    auto& slot = response->second.answers[item->definition.code];
    // An answer to the current version wins over one to a retired version of the same item.
    if (slot.item_id == 0 || !item->retired) slot = {answer.item_id, answer.value};
  }
  std::vector<monitoring::Response> out;
  out.reserve(by_code.size());
  for (auto& [code, response] : by_code) out.push_back(std::move(response));
  return out;
}

Result<json> analyse_round(Services& services, const LoadedRound& loaded) {
  auto respondents = services.monitoring.round_respondents(loaded.round.id);
  if (!respondents) return tl::unexpected(respondents.error());
  auto responses = submitted_responses(services, loaded);
  if (!responses) return tl::unexpected(responses.error());
  std::map<std::string, std::string> names;
  for (const auto& r : *respondents) names[r.respondent.code] = r.respondent.name;
  std::vector<ItemDefinition> definitions;
  definitions.reserve(loaded.items.size());
  for (const auto& item : loaded.items) definitions.push_back(item.definition);
  // Worked out once: every item's skip logic looks them up (current items come first).
  const auto categories = monitoring::categories_of_all(*responses, definitions);

  auto items = json::array();
  for (const auto& item : loaded.items) {
    const auto a = monitoring::analyse_item(item.definition, item.id, *responses, categories);
    if (item.retired && a.answered == 0) continue;
    auto texts = json::array();
    for (const auto& [code, text] : a.texts) {
      texts.push_back({{"code", code}, {"name", names[code]}, {"text", text}});
    }
    items.push_back({{"item_id", item.id},
                     {"code", item.definition.code},
                     {"version", item.version},
                     {"current", !item.retired},
                     {"prompt", item.definition.prompt},
                     {"type", monitoring::to_string(item.definition.type)},
                     {"pillar", item.definition.pillar},
                     {"provision_id", item.definition.provision_id},
                     {"unit", item.definition.unit},
                     {"year", optional_json(item.definition.year)},
                     {"responding", a.responding},
                     {"asked", a.asked},
                     {"answered", a.answered},
                     {"denominator", a.answered},
                     {"counts", counts_json(a.counts)},
                     {"sum", optional_json(a.sum)},
                     {"mean", optional_json(a.mean)},
                     {"minimum", optional_json(a.minimum)},
                     {"maximum", optional_json(a.maximum)},
                     {"texts", std::move(texts)}});
  }
  std::vector<ItemDefinition> current;
  for (const auto& item : loaded.items) {
    if (!item.retired) current.push_back(item.definition);
  }
  auto pillars = json::array();
  for (const auto& p : monitoring::analyse_pillars(current, *responses, categories)) {
    pillars.push_back({{"pillar", p.pillar},
                       {"items", p.items},
                       {"respondents", p.respondents},
                       {"answers", p.answers},
                       {"denominator", p.answers},
                       {"counts", counts_json(p.counts)}});
  }
  return json{{"round", round_json(loaded.round)},
              {"invited", respondents->size()},
              {"responding", responses->size()},
              {"items", std::move(items)},
              {"pillars", std::move(pillars)}};
}

Table analysis_table(const json& analysis) {
  Table table;
  table.header = {"item",       "version", "pillar", "provision", "type",
                  "answer",     "count",   "share",  "answered",  "asked",
                  "responding", "sum",     "mean",   "minimum",   "maximum"};
  for (const auto& item : analysis["items"]) {
    const std::vector<std::string> head = {
        item["code"].get<std::string>(), std::to_string(item["version"].get<std::int64_t>()),
        item["pillar"].get<std::string>(), item["provision_id"].get<std::string>(),
        item["type"].get<std::string>()};
    const auto tail = [&](std::vector<std::string> row) {
      row.push_back(std::to_string(item["answered"].get<std::int64_t>()));
      row.push_back(std::to_string(item["asked"].get<std::int64_t>()));
      row.push_back(std::to_string(item["responding"].get<std::int64_t>()));
      for (const char* key : {"sum", "mean", "minimum", "maximum"})
        row.push_back(number_text(item[key]));
      return row;
    };
    if (item["counts"].empty()) {
      auto row = head;
      row.insert(row.end(), {"", "", ""});
      table.rows.push_back(tail(row));
      continue;
    }
    for (const auto& count : item["counts"]) {
      auto row = head;
      row.push_back(count["answer"].get<std::string>());
      row.push_back(std::to_string(count["count"].get<std::int64_t>()));
      row.push_back(share_text(count["share"].get<double>()));
      table.rows.push_back(tail(row));
    }
  }
  return table;
}

}  // namespace lifeline::api
