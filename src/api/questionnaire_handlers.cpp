// Questionnaire rounds on the commitments, for co-ordinators: rounds built from compendium
// provisions, their items (frozen and versioned once the round opens), the participating
// States and Partners that answer, each State's answers (drafts, submission, amendments kept in
// history), and the analysis the 2006 report made: counts and shares of responding States per
// answer, per item and per pillar, with the denominator shown; cross-tabulations; comparison of
// rounds for one provision; free text listed with its State; CSV.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "api/common.hpp"
#include "api/csv.hpp"
#include "api/monitoring_json.hpp"
#include "api/questionnaire_report.hpp"
#include "api/questionnaire_support.hpp"
#include "domain/monitoring/json_codec.hpp"
#include "formats/xlsx.hpp"

namespace lifeline::api {
namespace {

using domain::monitoring::ItemDefinition;
using domain::monitoring::QuestionType;
using domain::monitoring::Round;
using domain::monitoring::StoredItem;
using nlohmann::json;
namespace monitoring = domain::monitoring;

// A number written by the analysis table ("3", "0.3333"); nullopt for text and empty cells.
std::optional<double> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (parsed.ec != std::errc{} || parsed.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

http::Response list_rounds(Services& services, http::Context&) {
  auto rounds = services.monitoring.rounds();
  if (!rounds) return http::problem_from(rounds.error());
  auto items = json::array();
  for (const auto& round : *rounds) items.push_back(round_json(round));
  return http::json_response(200, {{"items", std::move(items)}});
}

// "AP.V.3.1" -> "ap_v_3_1": an item code from a provision id.
std::string code_for(const std::string& provision_id) {
  std::string code;
  for (const char c : provision_id) {
    if (c >= 'A' && c <= 'Z')
      code.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      code.push_back(c);
    else if (!code.empty() && code.back() != '_')
      code.push_back('_');
  }
  if (code.empty() || code[0] < 'a' || code[0] > 'z') code.insert(0, "p_");
  return code.substr(0, 64);
}

// One yes/no item per provision, to be edited before the round opens.
ItemDefinition generated_item(const monitoring::ProvisionRef& provision) {
  ItemDefinition item;
  item.code = code_for(provision.id);
  std::string text = provision.text;
  if (text.size() > 600) text = text.substr(0, 600) + "...";
  item.prompt = fmt::format("Has your State implemented commitment {}? {}", provision.id, text);
  item.type = QuestionType::yes_no;
  item.provision_id = provision.id;
  item.pillar = provision.pillar;
  return item;
}

http::Response create_round(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  Round round;
  round.title = fields.text("title", true, 300).value_or("");
  round.include_partners = fields.boolean("include_partners", false).value_or(false);
  const auto ids =
      fields.text_list("provisions", false, 500, 100).value_or(std::vector<std::string>{});
  const auto document = fields.text("document", false, 50).value_or("");
  std::vector<ItemDefinition> items;
  if (!ids.empty() || !document.empty()) {
    auto provisions = document.empty() ? services.monitoring.provisions(ids)
                                       : services.monitoring.national_commitments();
    if (!provisions) return http::problem_from(provisions.error());
    std::set<std::string> found;
    for (const auto& p : *provisions) {
      if (!document.empty() && !p.id.starts_with(document + ".")) continue;
      found.insert(p.id);
      items.push_back(generated_item(p));
    }
    if (!document.empty() && items.empty()) {
      fields.add_error("document", "has no provisions asking for national action");
    }
    if (std::ranges::any_of(ids, [&](const std::string& id) { return !found.contains(id); })) {
      fields.add_error("provisions",
                       "names a provision that is not a commitment of the compendium");
    }
  }
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto created =
      services.monitoring.add_round(round, items, actor_of(context), services.clock.now());
  if (!created) return http::problem_from(created.error());
  return http::json_response(201, round_json(*created));
}

http::Response get_round(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto body = round_json(loaded->round);
  auto items = json::array();
  for (const auto& item : loaded->items) items.push_back(stored_item_json(item));
  body["items"] = std::move(items);
  auto respondents = services.monitoring.round_respondents(loaded->round.id);
  if (!respondents) return http::problem_from(respondents.error());
  body["respondents"] = respondents->size();
  body["submitted"] = std::ranges::count_if(*respondents, [](const monitoring::RoundRespondent& r) {
    return r.submitted_at.has_value();
  });
  return http::json_response(200, body);
}

// The current items placed before `position` (all of them when it is 0): what a skip rule may
// name.
std::vector<ItemDefinition> earlier_items(const std::vector<StoredItem>& items,
                                          std::int64_t position) {
  std::vector<ItemDefinition> earlier;
  for (const auto& item : items) {
    if (!item.retired && (position == 0 || item.position < position))
      earlier.push_back(item.definition);
  }
  return earlier;
}

http::Response add_item(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto item = read_item(services, fields, earlier_items(loaded->items, 0));
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto added =
      services.monitoring.add_item(loaded->round.id, item, actor_of(context), services.clock.now());
  if (!added) return http::problem_from(added.error());
  return http::json_response(201, stored_item_json(*added));
}

http::Response change_item(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto item_id = id_parameter(context, "item");
  if (!item_id) return http::problem_from(item_id.error());
  const auto current = std::ranges::find(loaded->items, *item_id, &StoredItem::id);
  if (current == loaded->items.end()) {
    return http::problem_from(Error{Errc::not_found, "no such item in this round", {}, {}});
  }
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  auto item = read_item(services, fields, earlier_items(loaded->items, current->position));
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto changed = services.monitoring.change_item(loaded->round.id, *item_id, item,
                                                 actor_of(context), services.clock.now());
  if (!changed) return http::problem_from(changed.error());
  return http::json_response(200, stored_item_json(*changed));
}

http::Response remove_item(Services& services, http::Context& context) {
  auto round_id = id_parameter(context, "id");
  if (!round_id) return http::problem_from(round_id.error());
  auto item_id = id_parameter(context, "item");
  if (!item_id) return http::problem_from(item_id.error());
  if (auto removed = services.monitoring.remove_item(*round_id, *item_id, actor_of(context),
                                                     services.clock.now());
      !removed) {
    return http::problem_from(removed.error());
  }
  return http::no_content();
}

http::Response change_status(Services& services, http::Context& context, std::string_view to) {
  auto round_id = id_parameter(context, "id");
  if (!round_id) return http::problem_from(round_id.error());
  auto changed =
      services.monitoring.change_status(*round_id, to, actor_of(context), services.clock.now());
  if (!changed) return http::problem_from(changed.error());
  return http::json_response(200, round_json(*changed));
}

http::Response list_round_respondents(Services& services, http::Context& context) {
  auto round_id = id_parameter(context, "id");
  if (!round_id) return http::problem_from(round_id.error());
  auto respondents = services.monitoring.round_respondents(*round_id);
  if (!respondents) return http::problem_from(respondents.error());
  auto items = json::array();
  for (const auto& r : *respondents) {
    items.push_back(
        {{"code", r.respondent.code},
         {"name", r.respondent.name},
         {"kind", r.respondent.kind},
         {"submitted_at", r.submitted_at ? json(format_iso8601(*r.submitted_at)) : json(nullptr)}});
  }
  return http::json_response(200, {{"items", std::move(items)}});
}

json answers_json(const std::vector<StoredItem>& items,
                  const std::vector<monitoring::StoredAnswer>& answers) {
  auto out = json::array();
  for (const auto& answer : answers) {
    const auto item = std::ranges::find(items, answer.item_id, &StoredItem::id);
    const auto type = item == items.end() ? QuestionType::text : item->definition.type;
    auto entry = monitoring::answer_value_json(type, answer.value);
    entry["item_id"] = answer.item_id;
    entry["code"] = item == items.end() ? "" : item->definition.code;
    entry["item_current"] = item != items.end() && !item->retired;
    entry["version"] = answer.version;
    entry["updated_at"] = format_iso8601(answer.updated_at);
    out.push_back(std::move(entry));
  }
  return out;
}

http::Response get_response(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  const auto code = std::string(context.params.get("code").value_or(""));
  if (auto allowed = may_read_response(services, context, code); !allowed) {
    return http::problem_from(allowed.error());
  }
  auto respondents = services.monitoring.round_respondents(loaded->round.id);
  if (!respondents) return http::problem_from(respondents.error());
  const auto respondent = std::ranges::find_if(
      *respondents,
      [&](const monitoring::RoundRespondent& r) { return r.respondent.code == code; });
  if (respondent == respondents->end()) {
    return http::problem_from(Error{Errc::not_found, "not a respondent of this round", {}, {}});
  }
  auto answers = services.monitoring.answers(loaded->round.id, code);
  if (!answers) return http::problem_from(answers.error());
  return http::json_response(
      200,
      {{"round_id", loaded->round.id},
       {"code", code},
       {"name", respondent->respondent.name},
       {"status", respondent->submitted_at ? "submitted" : "draft"},
       {"submitted_at",
        respondent->submitted_at ? json(format_iso8601(*respondent->submitted_at)) : json(nullptr)},
       {"answers", answers_json(loaded->items, *answers)}});
}

// {"answers": [{"item_id", "value", "evidence", "version"}]}: each value checked against its
// item before anything is saved.
http::Response save_response(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  const auto code = std::string(context.params.get("code").value_or(""));
  if (auto allowed = may_answer(services, context, code); !allowed) {
    return http::problem_from(allowed.error());
  }
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  const auto* list = fields.raw("answers", true);
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto inputs = read_answers(*list, loaded->items);
  if (!inputs) return http::problem_from(inputs.error());
  auto saved = services.monitoring.save_answers(loaded->round.id, code, *inputs, actor_of(context),
                                                services.clock.now());
  if (!saved) return http::problem_from(saved.error());
  return http::json_response(200, {{"answers", answers_json(loaded->items, *saved)}});
}

http::Response submit_response(Services& services, http::Context& context) {
  auto round_id = id_parameter(context, "id");
  if (!round_id) return http::problem_from(round_id.error());
  const auto code = std::string(context.params.get("code").value_or(""));
  if (auto allowed = may_answer(services, context, code); !allowed) {
    return http::problem_from(allowed.error());
  }
  auto submitted =
      services.monitoring.submit(*round_id, code, actor_of(context), services.clock.now());
  if (!submitted) return http::problem_from(submitted.error());
  return http::json_response(200, {{"code", code},
                                   {"status", "submitted"},
                                   {"submitted_at", format_iso8601(*submitted->submitted_at)}});
}

http::Response response_history(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  const auto code = std::string(context.params.get("code").value_or(""));
  if (auto allowed = may_read_response(services, context, code); !allowed) {
    return http::problem_from(allowed.error());
  }
  auto changes = services.monitoring.answer_history(loaded->round.id, code);
  if (!changes) return http::problem_from(changes.error());
  auto items = json::array();
  for (const auto& change : *changes) {
    const auto item = std::ranges::find(loaded->items, change.item_id, &StoredItem::id);
    const auto type = item == loaded->items.end() ? QuestionType::text : item->definition.type;
    auto entry = monitoring::answer_value_json(type, change.value);
    entry["answer_id"] = change.answer_id;
    entry["item_id"] = change.item_id;
    entry["version"] = change.version;
    entry["changed_by"] = change.changed_by;
    entry["changed_at"] = format_iso8601(change.changed_at);
    items.push_back(std::move(entry));
  }
  return http::json_response(200, {{"items", std::move(items)}});
}

http::Response analysis(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto result = analyse_round(services, *loaded);
  if (!result) return http::problem_from(result.error());
  return http::json_response(200, *result);
}

http::Response analysis_csv(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto result = analyse_round(services, *loaded);
  if (!result) return http::problem_from(result.error());
  const auto table = analysis_table(*result);
  return csv_response(fmt::format("questionnaire-{}-analysis.csv", loaded->round.id), table.header,
                      table.rows);
}

// The same table as the CSV, as a workbook: counts, shares and denominators as numbers.
http::Response analysis_xlsx(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto result = analyse_round(services, *loaded);
  if (!result) return http::problem_from(result.error());
  const auto table = analysis_table(*result);
  formats::Sheet sheet{"analysis", {}};
  std::vector<formats::Cell> header(table.header.begin(), table.header.end());
  sheet.rows.push_back(std::move(header));
  for (const auto& row : table.rows) {
    std::vector<formats::Cell> cells;
    cells.reserve(row.size());
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto number = c == 1 || c >= 6 ? parse_number(row[c]) : std::nullopt;
      if (number)
        cells.emplace_back(*number);
      else
        cells.emplace_back(row[c]);
    }
    sheet.rows.push_back(std::move(cells));
  }
  auto bytes = formats::write_xlsx(formats::Workbook{{std::move(sheet)}});
  if (!bytes) return http::problem_from(bytes.error());
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  response.headers.set(
      "Content-Disposition",
      fmt::format("attachment; filename=\"questionnaire-{}-analysis.xlsx\"", loaded->round.id));
  response.body = std::move(*bytes);
  return response;
}

http::Response report(Services& services, http::Context& context) {
  const auto format = context.request.query_param("format").value_or("html");
  if (format != "html" && format != "pdf") {
    return http::problem_from(
        Error{Errc::malformed, "format must be html or pdf", {}, {{"format", "html or pdf"}}});
  }
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto result = analyse_round(services, *loaded);
  if (!result) return http::problem_from(result.error());
  http::Response response;
  response.status = 200;
  const auto generated_at = format_iso8601(services.clock.now());
  if (format == "pdf") {
    auto pdf = questionnaire_report_pdf(*result, generated_at);
    if (!pdf) return http::problem_from(pdf.error());
    response.headers.set("Content-Type", "application/pdf");
    response.headers.set(
        "Content-Disposition",
        fmt::format("attachment; filename=\"questionnaire-{}-report.pdf\"", loaded->round.id));
    response.body = std::move(*pdf);
    return response;
  }
  response.headers.set("Content-Type", "text/html; charset=utf-8");
  response.body = questionnaire_report_html(*result, generated_at);
  return response;
}

http::Response crosstab(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  const auto rows = context.request.query_param("rows").value_or("");
  const auto columns = context.request.query_param("columns").value_or("");
  const auto find = [&](const std::string& code) {
    return std::ranges::find_if(loaded->items, [&](const StoredItem& item) {
      return !item.retired && item.definition.code == code;
    });
  };
  const auto row_item = find(rows);
  const auto column_item = find(columns);
  if (row_item == loaded->items.end() || column_item == loaded->items.end()) {
    return http::problem_from(Error{Errc::invalid_argument,
                                    "rows and columns must be item codes of the round",
                                    "validation",
                                    {{"rows", "an item code"}, {"columns", "an item code"}}});
  }
  auto responses = submitted_responses(services, *loaded);
  if (!responses) return http::problem_from(responses.error());
  auto table =
      monitoring::cross_tabulate(row_item->definition, column_item->definition, *responses);
  if (!table) return http::problem_from(table.error());
  return http::json_response(200, {{"rows_item", rows},
                                   {"columns_item", columns},
                                   {"rows", table->rows},
                                   {"columns", table->columns},
                                   {"counts", table->counts},
                                   {"denominator", table->total},
                                   {"responding", responses->size()}});
}

// Every round that asked about the provision, oldest first, with its items' counts and shares.
http::Response comparison(Services& services, http::Context& context) {
  const auto provision = context.request.query_param("provision").value_or("");
  if (provision.empty()) {
    return http::problem_from(Error{
        Errc::invalid_argument, "name a provision", "validation", {{"provision", "is required"}}});
  }
  auto rounds = services.monitoring.rounds();
  if (!rounds) return http::problem_from(rounds.error());
  auto out = json::array();
  for (const auto& round : *rounds) {
    if (round.status == monitoring::round_status::draft) continue;
    auto items = services.monitoring.items(round.id);
    if (!items) return http::problem_from(items.error());
    if (std::ranges::none_of(
            *items, [&](const StoredItem& i) { return i.definition.provision_id == provision; })) {
      continue;
    }
    LoadedRound loaded{round, std::move(*items)};
    auto result = analyse_round(services, loaded);
    if (!result) return http::problem_from(result.error());
    auto asked = json::array();
    for (const auto& item : (*result)["items"]) {
      if (item["provision_id"] == provision) asked.push_back(item);
    }
    out.push_back({{"round", round_json(round)},
                   {"responding", (*result)["responding"]},
                   {"items", std::move(asked)}});
  }
  return http::json_response(200, {{"provision", provision}, {"rounds", std::move(out)}});
}

http::Response list_respondents(Services& services, http::Context&) {
  auto respondents = services.monitoring.respondents();
  if (!respondents) return http::problem_from(respondents.error());
  auto items = json::array();
  for (const auto& r : *respondents) items.push_back(respondent_json(r));
  return http::json_response(200, {{"items", std::move(items)}});
}

// Links a respondent to the organisation whose co-ordinators answer for it, or adds a Partner
// for Co-operation (kind "partner", with a name).
http::Response save_respondent(Services& services, http::Context& context) {
  const auto code = std::string(context.params.get("code").value_or(""));
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  monitoring::RespondentRecord record;
  record.respondent.code = code;
  record.respondent.name = fields.text("name", false, 200).value_or("");
  record.respondent.kind = fields.text("kind", false, 30).value_or("");
  if (const auto* org = fields.raw("organisation_id", false); org != nullptr && !org->is_null()) {
    if (org->is_number_integer() && org->get<std::int64_t>() > 0) {
      record.organisation_id = org->get<std::int64_t>();
    } else {
      fields.add_error("organisation_id", "must be an organisation id or null");
    }
  }
  if (!monitoring::is_country_code(code)) {
    fields.add_error("code", "must be an ISO 3166-1 alpha-2 code such as JP");
  }
  auto existing = services.monitoring.respondents();
  if (!existing) return http::problem_from(existing.error());
  const auto found = std::ranges::find_if(
      *existing, [&](const monitoring::RespondentRecord& r) { return r.respondent.code == code; });
  if (found != existing->end()) {
    record.respondent.name = found->respondent.name;
    record.respondent.kind = found->respondent.kind;
  } else {
    if (record.respondent.kind != monitoring::respondent_kind::partner) {
      fields.add_error(
          "kind",
          "a new respondent must be a partner: the participating States are listed already");
    }
    if (record.respondent.name.empty())
      fields.add_error("name", "is required for a new respondent");
  }
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto saved = services.monitoring.save_respondent(record, actor_of(context), services.clock.now());
  if (!saved) return http::problem_from(saved.error());
  return http::json_response(200, respondent_json(*saved));
}

}  // namespace

void add_questionnaire_routes(http::Router& router, Services& services) {
  const auto coordinator = http::AccessRule::roles_any({std::string(kCoordinator)});
  const auto route = [&](http::Method method, std::string pattern, auto handler,
                         std::string summary) {
    router.add({method, std::move(pattern), coordinator,
                [&services, handler](http::Context& c) { return handler(services, c); },
                std::move(summary)});
  };
  route(http::Method::get, "/api/v1/questionnaires", list_rounds, "Questionnaire rounds");
  route(http::Method::post, "/api/v1/questionnaires", create_round,
        "Start a round, with an item generated for each provision named");
  route(http::Method::get, "/api/v1/questionnaires/respondents", list_respondents,
        "Participating States and Partners for Co-operation that answer rounds");
  route(http::Method::put, "/api/v1/questionnaires/respondents/{code}", save_respondent,
        "Link a respondent to its organisation, or add a Partner for Co-operation");
  route(http::Method::get, "/api/v1/questionnaires/comparison", comparison,
        "How the rounds that asked about one provision were answered");
  route(http::Method::get, "/api/v1/questionnaires/{id}", get_round, "A round with its items");
  route(http::Method::post, "/api/v1/questionnaires/{id}/items", add_item,
        "Add an item to a draft round");
  route(http::Method::put, "/api/v1/questionnaires/{id}/items/{item}", change_item,
        "Change an item (a new version once the round is open)");
  route(http::Method::delete_, "/api/v1/questionnaires/{id}/items/{item}", remove_item,
        "Remove an item from a draft round");
  route(
      http::Method::post, "/api/v1/questionnaires/{id}/open",
      [](Services& s, http::Context& c) {
        return change_status(s, c, monitoring::round_status::open);
      },
      "Open a round: its items are frozen and its respondents fixed");
  route(
      http::Method::post, "/api/v1/questionnaires/{id}/close",
      [](Services& s, http::Context& c) {
        return change_status(s, c, monitoring::round_status::closed);
      },
      "Close a round: no more answers");
  route(http::Method::get, "/api/v1/questionnaires/{id}/respondents", list_round_respondents,
        "The respondents of a round and whether they submitted");
  route(http::Method::get, "/api/v1/questionnaires/{id}/responses/{code}", get_response,
        "A respondent's answers");
  route(http::Method::put, "/api/v1/questionnaires/{id}/responses/{code}", save_response,
        "Save a respondent's answers (drafts, or amendments after submission)");
  route(http::Method::post, "/api/v1/questionnaires/{id}/responses/{code}/submit", submit_response,
        "Submit a respondent's answers, once");
  route(http::Method::get, "/api/v1/questionnaires/{id}/responses/{code}/history", response_history,
        "Every earlier value of a respondent's submitted answers");
  route(http::Method::get, "/api/v1/questionnaires/{id}/analysis", analysis,
        "Counts and shares per answer, item and pillar, with their denominators");
  route(http::Method::get, "/api/v1/questionnaires/{id}/analysis.csv", analysis_csv,
        "The analysis as CSV");
  route(http::Method::get, "/api/v1/questionnaires/{id}/analysis.xlsx", analysis_xlsx,
        "The analysis as an XLSX workbook");
  route(http::Method::get, "/api/v1/questionnaires/{id}/report", report,
        "The analysis as a printable HTML or PDF report with charts");
  route(http::Method::get, "/api/v1/questionnaires/{id}/crosstab", crosstab,
        "Cross-tabulation of two items");
}

}  // namespace lifeline::api
