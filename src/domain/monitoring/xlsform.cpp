#include "domain/monitoring/xlsform.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

namespace lifeline::domain::monitoring {
namespace {

using formats::Cell;
using formats::Sheet;

constexpr std::array<std::string_view, 12> kSurveyColumns = {"type",
                                                             "name",
                                                             "label",
                                                             "hint",
                                                             "required",
                                                             "relevant",
                                                             "constraint",
                                                             "lifeline_provision",
                                                             "lifeline_pillar",
                                                             "lifeline_unit",
                                                             "lifeline_year",
                                                             "lifeline_type"};

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kYesNoLabels = {
    {{"yes", "Yes"}, {"partly", "Partly"}, {"no", "No"}, {"not_applicable", "Not applicable"}}};
constexpr std::string_view kYesNoList = "yes_no";

std::string number_text(double value) {
  return formats::cell_text(Cell{value});
}

std::string relevant_of(const SkipRule& rule) {
  std::string out;
  for (const auto& answer : rule.answers) {
    if (!out.empty()) out += " or ";
    out += fmt::format("${{{}}} = '{}'", rule.item, answer);
  }
  return out;
}

std::string constraint_of(const ItemDefinition& item) {
  std::vector<std::string> parts;
  if (item.minimum) parts.push_back(". >= " + number_text(*item.minimum));
  if (item.maximum) parts.push_back(". <= " + number_text(*item.maximum));
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : " and ") + part;
  return out;
}

std::string hint_of(const ItemDefinition& item) {
  std::vector<std::string> parts;
  if (!item.provision_id.empty()) parts.push_back("Commitment " + item.provision_id);
  if (!item.unit.empty()) parts.push_back("Unit: " + item.unit);
  if (item.year) parts.push_back(fmt::format("Year: {}", *item.year));
  if (item.type == QuestionType::evidence) parts.push_back("Links to evidence, one per line");
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ". ") + part;
  return out;
}

std::string type_of(const ItemDefinition& item) {
  switch (item.type) {
    case QuestionType::yes_no:
      return fmt::format("select_one {}", kYesNoList);
    case QuestionType::choice:
      return "select_one " + item.code;
    case QuestionType::number:
      return "decimal";
    case QuestionType::text:
    case QuestionType::evidence:
      break;
  }
  return "text";
}

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string lower(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// A sheet as rows of named cells, from its header row.
struct Table {
  std::vector<std::map<std::string, std::string>> rows;  // column -> text
  std::vector<std::size_t> row_numbers;                  // 1-based, as the spreadsheet shows
};

Table table_of(const Sheet& sheet) {
  Table table;
  if (sheet.rows.empty()) return table;
  std::vector<std::string> columns;
  for (const auto& cell : sheet.rows[0]) columns.push_back(lower(trim(formats::cell_text(cell))));
  for (std::size_t r = 1; r < sheet.rows.size(); ++r) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < sheet.rows[r].size() && c < columns.size(); ++c) {
      auto text = trim(formats::cell_text(sheet.rows[r][c]));
      if (!text.empty() && !columns[c].empty() && !row.contains(columns[c])) row[columns[c]] = text;
    }
    if (row.empty()) continue;
    table.rows.push_back(std::move(row));
    table.row_numbers.push_back(r + 1);
  }
  return table;
}

std::string value_of(const std::map<std::string, std::string>& row, std::string_view column) {
  const auto found = row.find(std::string(column));
  if (found != row.end()) return found->second;
  // "label::English (en)" and the like: the first language given.
  for (const auto& [name, value] : row) {
    if (name.starts_with(std::string(column) + "::")) return value;
  }
  return {};
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (parsed.ec != std::errc{} || parsed.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// ". >= 0 and . <= 100" -> {0, 100}; other constraints are left out.
void read_constraint(std::string_view constraint, ItemDefinition& item) {
  std::size_t start = 0;
  while (start < constraint.size()) {
    auto end = constraint.find(" and ", start);
    if (end == std::string_view::npos) end = constraint.size();
    const auto part = trim(constraint.substr(start, end - start));
    start = end + 5;
    if (part.starts_with(". >= "))
      item.minimum = parse_number(trim(part.substr(5)));
    else if (part.starts_with(". <= "))
      item.maximum = parse_number(trim(part.substr(5)));
  }
}

// "${a} = 'yes' or ${a} = 'partly'", "selected(${a}, 'yes')"; nullopt when it says anything else.
std::optional<SkipRule> read_relevant(std::string_view relevant) {
  SkipRule rule;
  std::size_t start = 0;
  while (start < relevant.size()) {
    auto end = relevant.find(" or ", start);
    if (end == std::string_view::npos) end = relevant.size();
    auto part = trim(relevant.substr(start, end - start));
    start = end + 4;
    std::string item;
    std::string answer;
    if (part.starts_with("selected(") && part.ends_with(")")) {
      part = part.substr(9, part.size() - 10);
      const auto comma = part.find(',');
      if (comma == std::string::npos) return std::nullopt;
      item = trim(part.substr(0, comma));
      answer = trim(part.substr(comma + 1));
    } else {
      const auto eq = part.find('=');
      if (eq == std::string::npos) return std::nullopt;
      item = trim(part.substr(0, eq));
      answer = trim(part.substr(eq + 1));
    }
    if (!item.starts_with("${") || !item.ends_with("}") || answer.size() < 2 ||
        (answer.front() != '\'' && answer.front() != '"') || answer.back() != answer.front()) {
      return std::nullopt;
    }
    item = item.substr(2, item.size() - 3);
    if (!rule.item.empty() && rule.item != item) return std::nullopt;
    rule.item = item;
    rule.answers.push_back(answer.substr(1, answer.size() - 2));
  }
  if (rule.item.empty()) return std::nullopt;
  return rule;
}

bool is_skipped_type(std::string_view type) {
  static const std::set<std::string_view> skipped = {
      "start",        "end",        "today",       "deviceid",      "subscriberid", "simserial",
      "phonenumber",  "username",   "email",       "audit",         "note",         "calculate",
      "begin group",  "end group",  "begin_group", "end_group",     "begin repeat", "end repeat",
      "begin_repeat", "end_repeat", "hidden",      "start-geopoint"};
  return skipped.contains(type);
}

// The value of an exported cell for `item`; nullopt for an empty cell.
Result<std::optional<AnswerValue>> exported_value(const ItemDefinition& item, const Cell& cell) {
  const auto text = trim(formats::cell_text(cell));
  if (text.empty()) return std::optional<AnswerValue>{};
  AnswerValue value;
  switch (item.type) {
    case QuestionType::number: {
      const auto* number = std::get_if<double>(&cell);
      value.number = number != nullptr ? std::optional<double>(*number) : parse_number(text);
      if (!value.number) return fail(Errc::invalid_argument, "must be a number");
      break;
    }
    case QuestionType::evidence: {
      std::size_t start = 0;
      while (start < text.size()) {
        auto end = text.find_first_of(" \t\r\n", start);
        if (end == std::string::npos) end = text.size();
        if (end > start) value.links.push_back(text.substr(start, end - start));
        start = end + 1;
      }
      break;
    }
    case QuestionType::choice: {
      const auto found = std::ranges::find_if(item.choices, [&](const Choice& c) {
        return c.code == text || lower(c.label) == lower(text);
      });
      value.text = found == item.choices.end() ? text : found->code;
      break;
    }
    case QuestionType::yes_no:
      value.text = lower(text);
      std::ranges::replace(value.text, ' ', '_');
      break;
    case QuestionType::text:
      value.text = text;
      break;
  }
  if (auto checked = check_answer(item, value); !checked) {
    return fail(Errc::invalid_argument, checked.error().fields.empty()
                                            ? checked.error().message
                                            : checked.error().fields[0].message);
  }
  return std::optional<AnswerValue>(std::move(value));
}

}  // namespace

formats::Workbook to_xlsform(const XlsForm& form) {
  Sheet survey{"survey", {}};
  std::vector<Cell> header;
  header.reserve(kSurveyColumns.size());
  for (const auto& column : kSurveyColumns) header.emplace_back(std::string(column));
  survey.rows.push_back(std::move(header));
  Sheet choices{"choices", {{std::string("list_name"), std::string("name"), std::string("label")}}};
  bool yes_no = false;
  for (const auto& item : form.items) {
    const auto text_or_empty = [](const std::string& text) {
      return text.empty() ? Cell{} : Cell{text};
    };
    std::vector<Cell> row = {
        type_of(item),
        item.code,
        item.prompt,
        text_or_empty(hint_of(item)),
        Cell{},
        item.shown_if ? Cell{relevant_of(*item.shown_if)} : Cell{},
        text_or_empty(constraint_of(item)),
        text_or_empty(item.provision_id),
        text_or_empty(item.pillar),
        text_or_empty(item.unit),
        item.year ? Cell{static_cast<double>(*item.year)} : Cell{},
        item.type == QuestionType::evidence ? Cell{std::string("evidence")} : Cell{}};
    while (!row.empty() && std::holds_alternative<std::monostate>(row.back())) row.pop_back();
    survey.rows.push_back(std::move(row));
    if (item.type == QuestionType::yes_no) yes_no = true;
    for (const auto& choice : item.choices) {
      choices.rows.push_back({item.code, choice.code, choice.label});
    }
  }
  if (yes_no) {
    for (const auto& [code, label] : kYesNoLabels) {
      choices.rows.push_back({std::string(kYesNoList), std::string(code), std::string(label)});
    }
  }
  Sheet settings{"settings",
                 {{std::string("form_title"), std::string("form_id"), std::string("version")},
                  {form.title, form.form_id, form.version}}};
  return {{std::move(survey), std::move(choices), std::move(settings)}};
}

Result<XlsForm> from_xlsform(const formats::Workbook& workbook) {
  const auto* survey_sheet = workbook.find("survey");
  if (survey_sheet == nullptr) {
    return fail_fields("not an XLSForm", {{"survey", "the workbook has no survey sheet"}});
  }
  XlsForm form;
  if (const auto* settings = workbook.find("settings")) {
    const auto table = table_of(*settings);
    if (!table.rows.empty()) {
      form.title = value_of(table.rows[0], "form_title");
      form.form_id = value_of(table.rows[0], "form_id");
      form.version = value_of(table.rows[0], "version");
    }
  }
  std::map<std::string, std::vector<Choice>> lists;
  if (const auto* choices = workbook.find("choices")) {
    const auto table = table_of(*choices);
    for (const auto& row : table.rows) {
      auto list = value_of(row, "list_name");
      if (list.empty()) list = value_of(row, "list name");
      const auto name = value_of(row, "name");
      if (list.empty() || name.empty()) continue;
      auto label = value_of(row, "label");
      lists[list].push_back({name, label.empty() ? name : label});
    }
  }
  const auto survey = table_of(*survey_sheet);
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < survey.rows.size(); ++i) {
    const auto& row = survey.rows[i];
    const auto where = fmt::format("survey row {}", survey.row_numbers[i]);
    const auto type = lower(value_of(row, "type"));
    if (type.empty() || is_skipped_type(type)) continue;
    if (form.items.size() >= kMaxFormItems) {
      errors.push_back({where, "a form has at most 2000 questions"});
      break;
    }
    ItemDefinition item;
    item.code = value_of(row, "name");
    item.prompt = value_of(row, "label");
    if (item.prompt.empty()) item.prompt = item.code;
    item.provision_id = value_of(row, "lifeline_provision");
    item.pillar = value_of(row, "lifeline_pillar");
    if (type.starts_with("select_one ") || type.starts_with("select_one_from_file ")) {
      const auto list = trim(type.substr(type.find(' ') + 1));
      const auto found = lists.find(list);
      if (found == lists.end()) {
        errors.push_back(
            {where, fmt::format("the choice list {} is not on the choices sheet", list)});
        continue;
      }
      std::vector<std::string> codes;
      for (const auto& choice : found->second) codes.push_back(choice.code);
      auto sorted = codes;
      std::ranges::sort(sorted);
      auto yes_no = yes_no_answers();
      std::ranges::sort(yes_no);
      if (sorted == yes_no) {
        item.type = QuestionType::yes_no;
      } else {
        item.type = QuestionType::choice;
        item.choices = found->second;
      }
    } else if (type == "integer" || type == "decimal") {
      item.type = QuestionType::number;
      item.unit = value_of(row, "lifeline_unit");
      if (const auto year_text = value_of(row, "lifeline_year"); !year_text.empty()) {
        const auto year = parse_number(year_text);
        if (!year || *year < 1900 || *year > 2200 || *year != std::floor(*year)) {
          errors.push_back({where, "lifeline_year must be a year from 1900 to 2200"});
          continue;
        }
        item.year = static_cast<std::int64_t>(*year);
      }
      read_constraint(value_of(row, "constraint"), item);
    } else if (type == "text") {
      item.type = value_of(row, "lifeline_type") == "evidence" ? QuestionType::evidence
                                                               : QuestionType::text;
    } else {
      errors.push_back(
          {where, fmt::format("the question type {} is not supported", type.substr(0, 40))});
      continue;
    }
    if (const auto relevant = value_of(row, "relevant"); !relevant.empty()) {
      item.shown_if = read_relevant(relevant);
      if (!item.shown_if) {
        errors.push_back(
            {where,
             "only relevant conditions of the form ${item} = 'answer' or ... are supported"});
        continue;
      }
    }
    for (const auto& error : check_item(item, form.items)) {
      errors.push_back({where, fmt::format("{}: {}", error.field, error.message)});
    }
    if (std::ranges::any_of(form.items,
                            [&](const ItemDefinition& other) { return other.code == item.code; })) {
      errors.push_back({where, "the name is used by an earlier question"});
    }
    form.items.push_back(std::move(item));
    if (errors.size() >= 20) break;
  }
  if (!errors.empty()) return fail_fields("the XLSForm cannot be imported", std::move(errors));
  if (form.items.empty()) {
    return fail_fields("the XLSForm has no questions",
                       {{"survey", "has no questions Lifeline can ask"}});
  }
  return form;
}

Result<std::vector<ImportedResponse>> responses_from_export(
    const formats::Sheet& sheet, const std::vector<ItemDefinition>& items) {
  if (sheet.rows.empty()) return fail_fields("the export is empty", {{"row 1", "has no header"}});
  std::optional<std::size_t> respondent_column;
  std::vector<std::pair<std::size_t, const ItemDefinition*>> columns;
  for (std::size_t c = 0; c < sheet.rows[0].size(); ++c) {
    auto name = trim(formats::cell_text(sheet.rows[0][c]));
    if (const auto slash = name.rfind('/'); slash != std::string::npos)
      name = name.substr(slash + 1);
    const auto column = lower(name);
    if (column == "respondent" || column == "country" || column == "lifeline_respondent") {
      respondent_column = c;
      continue;
    }
    const auto item = std::ranges::find(items, name, &ItemDefinition::code);
    if (item != items.end()) columns.emplace_back(c, &*item);
  }
  if (!respondent_column) {
    return fail_fields("the export does not say which State answered",
                       {{"row 1", "needs a column respondent (or country) with the State's code"}});
  }
  std::vector<ImportedResponse> responses;
  std::vector<FieldError> errors;
  for (std::size_t r = 1; r < sheet.rows.size() && errors.size() < 20; ++r) {
    const auto& row = sheet.rows[r];
    if (row.empty()) continue;
    const auto where = fmt::format("row {}", r + 1);
    ImportedResponse response{r + 1, {}, {}};
    if (*respondent_column < row.size()) {
      response.respondent = trim(formats::cell_text(row[*respondent_column]));
      for (auto& c : response.respondent) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
    }
    if (response.respondent.size() != 2 ||
        !std::ranges::all_of(response.respondent, [](char c) { return c >= 'A' && c <= 'Z'; })) {
      errors.push_back({where, "respondent must be a State's two-letter code"});
      continue;
    }
    for (const auto& [c, item] : columns) {
      if (c >= row.size()) continue;
      auto value = exported_value(*item, row[c]);
      if (!value) {
        errors.push_back({fmt::format("{}, {}", where, item->code), value.error().message});
        continue;
      }
      if (*value) response.answers.emplace_back(item->code, std::move(**value));
    }
    responses.push_back(std::move(response));
  }
  if (!errors.empty()) return fail_fields("the export cannot be imported", std::move(errors));
  if (responses.empty())
    return fail_fields("the export holds no submissions", {{"row 2", "no rows"}});
  return responses;
}

}  // namespace lifeline::domain::monitoring
