// Questionnaire rounds as XLSForms, for ODK Collect and KoboToolbox: a round's form as an .xlsx
// file, and a new draft round from a form made elsewhere.
#include <fmt/format.h>

#include "api/common.hpp"
#include "api/questionnaire_support.hpp"
#include "core/csv_reader.hpp"
#include "crypto/encoding.hpp"
#include "domain/monitoring/xlsform.hpp"
#include "formats/xlsx.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {
namespace {

constexpr std::string_view kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
namespace monitoring = domain::monitoring;

// A file of up to 700 KB, base64-encoded, fits the request size limit of 1 MB.
constexpr std::size_t kMaxEncodedFile = 1024 * 1024;

// Standard or URL-safe base64, with or without padding and line breaks.
Result<std::string> decoded_file(std::string_view encoded) {
  std::string url_safe;
  url_safe.reserve(encoded.size());
  for (const char c : encoded) {
    if (c == '+')
      url_safe.push_back('-');
    else if (c == '/')
      url_safe.push_back('_');
    else if (c != '=' && c != '\n' && c != '\r' && c != ' ')
      url_safe.push_back(c);
  }
  auto bytes = crypto::from_base64url(url_safe);
  if (!bytes) {
    return tl::unexpected(Error{Errc::malformed,
                                "the file is not valid base64",
                                "validation",
                                {{"file", "must be the file's bytes in base64"}}});
  }
  return std::string(bytes->begin(), bytes->end());
}

http::Response export_xlsform(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  monitoring::XlsForm form{
      loaded->round.title, fmt::format("lifeline_round_{}", loaded->round.id), "1", {}};
  std::int64_t versions = 0;
  for (const auto& item : loaded->items) {
    if (item.retired) continue;
    form.items.push_back(item.definition);
    versions += item.version;
  }
  form.version = std::to_string(versions);  // changes whenever an item gets a new version
  auto bytes = formats::write_xlsx(monitoring::to_xlsform(form));
  if (!bytes) return http::problem_from(bytes.error());
  http::Response response;
  response.status = 200;
  response.headers.set("Content-Type", std::string(kXlsxType));
  response.headers.set(
      "Content-Disposition",
      fmt::format("attachment; filename=\"questionnaire-{}.xlsx\"", loaded->round.id));
  response.body = std::move(*bytes);
  return response;
}

// The body is {"file": the .xlsx file in base64, "title": optional}: the API takes JSON only
// (a cross-site form cannot send it), so files travel encoded.
http::Response import_xlsform(Services& services, http::Context& context) {
  auto body = http::parse_json_body(context.request);
  if (!body) return http::problem_from(body.error());
  http::JsonFields fields(*body);
  const auto encoded = fields.text("file", true, kMaxEncodedFile).value_or("");
  auto title = fields.text("title", false, 300).value_or("");
  if (auto finished = fields.finish(); !finished) return http::problem_from(finished.error());
  auto bytes = decoded_file(encoded);
  if (!bytes) return http::problem_from(bytes.error());
  auto workbook = formats::read_xlsx(*bytes);
  if (!workbook) return http::problem_from(workbook.error());
  auto form = monitoring::from_xlsform(*workbook);
  if (!form) return http::problem_from(form.error());
  monitoring::Round round;
  if (title.empty()) title = !form->title.empty() ? form->title : form->form_id;
  if (title.empty() || title.size() > 300) {
    return http::problem_from(
        Error{Errc::invalid_argument,
              "the round needs a title",
              "validation",
              {{"title", "give a title or a form_title in the settings sheet"}}});
  }
  round.title = std::move(title);
  std::vector<std::string> provisions;
  for (const auto& item : form->items) {
    if (!item.provision_id.empty()) provisions.push_back(item.provision_id);
  }
  if (!provisions.empty()) {
    auto known = services.monitoring.provisions(provisions);
    if (!known) return http::problem_from(known.error());
    for (auto& item : form->items) {
      if (item.provision_id.empty()) continue;
      const auto found =
          std::ranges::find(*known, item.provision_id, &monitoring::ProvisionRef::id);
      if (found == known->end()) {
        return http::problem_from(
            Error{Errc::invalid_argument,
                  "the form names an unknown provision",
                  "validation",
                  {{"lifeline_provision", "is not a commitment of the compendium"}}});
      }
      if (item.pillar.empty()) item.pillar = found->pillar;
    }
  }
  auto created =
      services.monitoring.add_round(round, form->items, actor_of(context), services.clock.now());
  if (!created) return http::problem_from(created.error());
  auto out = round_json(*created);
  out["items"] = form->items.size();
  return http::json_response(201, out);
}

// The first sheet of an uploaded export: {"csv": the text} or {"file": an .xlsx file in base64}.
Result<formats::Sheet> uploaded_sheet(const http::Request& request) {
  auto body = http::parse_json_body(request);
  if (!body) return tl::unexpected(body.error());
  http::JsonFields fields(*body);
  const auto csv = fields.text("csv", false, kMaxEncodedFile);
  const auto encoded = fields.text("file", false, kMaxEncodedFile);
  if (csv.has_value() == encoded.has_value()) fields.add_error("file", "send either csv or file");
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  if (csv) {
    auto records = read_csv(*csv);
    if (!records) return tl::unexpected(records.error());
    formats::Sheet sheet{"export", {}};
    for (const auto& record : *records) {
      std::vector<formats::Cell> row;
      row.reserve(record.fields.size());
      for (const auto& field : record.fields) row.emplace_back(field);
      sheet.rows.push_back(std::move(row));
    }
    return sheet;
  }
  auto bytes = decoded_file(*encoded);
  if (!bytes) return tl::unexpected(bytes.error());
  auto workbook = formats::read_xlsx(*bytes);
  if (!workbook) return tl::unexpected(workbook.error());
  if (workbook->sheets.empty()) return fail(Errc::malformed, "the workbook has no sheet");
  return std::move(workbook->sheets.front());
}

// Submissions exported from ODK or KoboToolbox become the States' draft answers (or refused
// changes to submitted ones, as when typed). Every row is checked, and every State must be one
// the caller's organisation answers for, before anything is saved.
http::Response import_answers(Services& services, http::Context& context) {
  auto loaded = load_round(services, context);
  if (!loaded) return http::problem_from(loaded.error());
  auto sheet = uploaded_sheet(context.request);
  if (!sheet) return http::problem_from(sheet.error());
  std::vector<monitoring::ItemDefinition> current;
  for (const auto& item : loaded->items) {
    if (!item.retired) current.push_back(item.definition);
  }
  auto responses = monitoring::responses_from_export(*sheet, current);
  if (!responses) return http::problem_from(responses.error());
  for (const auto& response : *responses) {
    if (auto allowed = may_answer(services, context, response.respondent); !allowed) {
      return http::problem_from(allowed.error());
    }
  }
  std::size_t saved = 0;
  for (const auto& response : *responses) {
    std::vector<monitoring::AnswerInput> inputs;
    for (const auto& answer : response.answers) {
      const auto item = std::ranges::find_if(loaded->items, [&](const monitoring::StoredItem& i) {
        return !i.retired && i.definition.code == answer.first;
      });
      inputs.push_back({item->id, answer.second, std::nullopt});
    }
    if (inputs.empty()) continue;
    auto stored = services.monitoring.save_answers(loaded->round.id, response.respondent, inputs,
                                                   actor_of(context), services.clock.now());
    if (!stored) return http::problem_from(stored.error());
    saved += inputs.size();
  }
  return http::json_response(200, {{"rows", responses->size()}, {"answers", saved}});
}

}  // namespace

void add_xlsform_routes(http::Router& router, Services& services) {
  const auto coordinator = http::AccessRule::roles_any({"coordinator"});
  router.add({http::Method::get, "/api/v1/questionnaires/{id}/xlsform", coordinator,
              [&](http::Context& c) { return export_xlsform(services, c); },
              "A round's current items as an XLSForm (.xlsx) for ODK and KoboToolbox"});
  router.add({http::Method::post, "/api/v1/questionnaires/import-xlsform", coordinator,
              [&](http::Context& c) { return import_xlsform(services, c); },
              "A new draft round from an XLSForm (.xlsx)"});
  router.add({http::Method::post, "/api/v1/questionnaires/{id}/import-answers", coordinator,
              [&](http::Context& c) { return import_answers(services, c); },
              "States' answers from an ODK or KoboToolbox export (CSV or .xlsx)"});
}

}  // namespace lifeline::api
