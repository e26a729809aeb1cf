#include "domain/monitoring/questionnaire.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace lifeline::domain::monitoring {
namespace {

constexpr std::array<std::pair<QuestionType, std::string_view>, 5> kTypes = {{
    {QuestionType::yes_no, "yes_no"},
    {QuestionType::number, "number"},
    {QuestionType::choice, "choice"},
    {QuestionType::text, "text"},
    {QuestionType::evidence, "evidence"},
}};

bool is_counted(QuestionType type) {
  return type == QuestionType::yes_no || type == QuestionType::choice;
}

// The categories an item's answers fall in, in the order analyses list them.
std::vector<std::string> categories(const ItemDefinition& item) {
  if (item.type == QuestionType::yes_no) return yes_no_answers();
  std::vector<std::string> codes;
  if (item.type == QuestionType::choice) {
    for (const auto& choice : item.choices) codes.push_back(choice.code);
  }
  return codes;
}

bool is_link(std::string_view link) {
  const bool scheme = link.starts_with("https://") || link.starts_with("http://");
  const bool plain = std::ranges::none_of(
      link, [](char c) { return c == ' ' || c == '<' || c == '>' || c == '"' || c < 0x20; });
  return scheme && plain && link.size() <= 2000 && link.find("://") + 3 < link.size();
}

double share_of(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::vector<CategoryCount> counts_of(const std::vector<std::string>& names,
                                     const std::map<std::string, std::int64_t>& counted,
                                     std::int64_t denominator) {
  std::vector<CategoryCount> result;
  for (const auto& name : names) {
    const auto found = counted.find(name);
    const std::int64_t count = found == counted.end() ? 0 : found->second;
    result.push_back({name, count, share_of(count, denominator)});
  }
  return result;
}

const ItemDefinition* find_item(const std::vector<ItemDefinition>& items, std::string_view code) {
  const auto found = std::ranges::find(items, code, &ItemDefinition::code);
  return found == items.end() ? nullptr : &*found;
}

void check_skip_rule(const ItemDefinition& item, const std::vector<ItemDefinition>& earlier,
                     std::vector<FieldError>& errors) {
  if (!item.shown_if) return;
  const auto* target = find_item(earlier, item.shown_if->item);
  if (target == nullptr || target->code == item.code) {
    errors.push_back({"shown_if.item", "must be the code of an earlier item of the round"});
    return;
  }
  if (!is_counted(target->type)) {
    errors.push_back({"shown_if.item", "must be a yes_no or choice item"});
    return;
  }
  const auto allowed = categories(*target);
  if (item.shown_if->answers.empty()) {
    errors.push_back({"shown_if.answers", "must name at least one answer"});
  }
  for (const auto& answer : item.shown_if->answers) {
    if (std::ranges::find(allowed, answer) == allowed.end()) {
      errors.push_back({"shown_if.answers", "must be answers the earlier item can give"});
      return;
    }
  }
}

void check_type_fields(const ItemDefinition& item, std::vector<FieldError>& errors) {
  if (item.type == QuestionType::choice) {
    std::set<std::string> seen;
    if (item.choices.size() < 2) errors.push_back({"choices", "must list at least two choices"});
    for (const auto& choice : item.choices) {
      if (!is_valid_code(choice.code) || choice.label.empty() || !seen.insert(choice.code).second) {
        errors.push_back({"choices", "each needs a distinct code ([a-z0-9_]) and a label"});
        break;
      }
    }
  } else if (!item.choices.empty()) {
    errors.push_back({"choices", "only choice items have choices"});
  }
  if (item.type != QuestionType::number &&
      (item.minimum || item.maximum || !item.unit.empty() || item.year)) {
    errors.push_back({"type", "only number items have a unit, year, minimum or maximum"});
  }
  if ((item.minimum && !std::isfinite(*item.minimum)) ||
      (item.maximum && !std::isfinite(*item.maximum))) {
    errors.push_back({"minimum", "minimum and maximum must be finite numbers"});
  }
  if (item.minimum && item.maximum && *item.minimum > *item.maximum) {
    errors.push_back({"maximum", "must not be less than minimum"});
  }
  if (item.year && (*item.year < 1900 || *item.year > 2200)) {
    errors.push_back({"year", "must be a year from 1900 to 2200"});
  }
}

}  // namespace

std::string_view to_string(QuestionType type) {
  const auto* found =
      std::ranges::find(kTypes, type, &std::pair<QuestionType, std::string_view>::first);
  return found->second;
}

Result<QuestionType> parse_question_type(std::string_view id) {
  const auto* found =
      std::ranges::find(kTypes, id, &std::pair<QuestionType, std::string_view>::second);
  if (found == kTypes.end()) {
    return fail(Errc::invalid_argument, "type must be yes_no, number, choice, text or evidence");
  }
  return found->first;
}

const std::vector<std::string>& yes_no_answers() {
  static const std::vector<std::string> answers = {"yes", "partly", "no", "not_applicable"};
  return answers;
}

bool is_valid_code(std::string_view code) {
  if (code.empty() || code.size() > 64 || code[0] < 'a' || code[0] > 'z') return false;
  return std::ranges::all_of(
      code, [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::vector<FieldError> check_item(const ItemDefinition& item,
                                   const std::vector<ItemDefinition>& earlier) {
  std::vector<FieldError> errors;
  if (!is_valid_code(item.code)) {
    errors.push_back(
        {"code", "must start with a letter and hold only a-z, 0-9 and _ (at most 64)"});
  }
  if (item.prompt.empty() || item.prompt.size() > kMaxPromptLength) {
    errors.push_back({"prompt", "is required, at most 4000 characters"});
  }
  check_type_fields(item, errors);
  check_skip_rule(item, earlier, errors);
  return errors;
}

Result<void> check_answer(const ItemDefinition& item, const AnswerValue& value) {
  const auto refuse = [](std::string message) {
    return fail_fields("the answer does not fit the item", {{"value", std::move(message)}});
  };
  if (value.links.size() > kMaxLinks) return refuse("at most 20 links");
  if (!std::ranges::all_of(value.links, is_link)) return refuse("links must be http(s) URLs");
  if (value.text.size() > kMaxTextAnswerLength) return refuse("text is too long");
  switch (item.type) {
    case QuestionType::yes_no:
    case QuestionType::choice: {
      const auto allowed = categories(item);
      if (std::ranges::find(allowed, value.text) == allowed.end()) {
        return refuse(fmt::format("must be one of: {}", fmt::join(allowed, ", ")));
      }
      break;
    }
    case QuestionType::number:
      if (!value.number || !std::isfinite(*value.number)) return refuse("must be a number");
      if ((item.minimum && *value.number < *item.minimum) ||
          (item.maximum && *value.number > *item.maximum)) {
        return tl::unexpected(Error{Errc::invalid_argument,
                                    "the number is out of the item's range",
                                    "out-of-range",
                                    {{"value", "must be within the item's minimum and maximum"}}});
      }
      break;
    case QuestionType::text:
      if (value.text.empty()) return refuse("must not be empty");
      break;
    case QuestionType::evidence:
      if (value.links.empty()) return refuse("must give at least one link");
      break;
  }
  return {};
}

std::string answer_category(const ItemDefinition& item, const AnswerValue& value) {
  return is_counted(item.type) ? value.text : std::string{};
}

bool is_shown(const ItemDefinition& item, const std::map<std::string, std::string>& categories) {
  if (!item.shown_if) return true;
  const auto found = categories.find(item.shown_if->item);
  if (found == categories.end()) return false;
  return std::ranges::find(item.shown_if->answers, found->second) != item.shown_if->answers.end();
}

std::map<std::string, std::string> categories_of(const Response& response,
                                                 const std::vector<ItemDefinition>& items) {
  return std::move(categories_of_all({response}, items).front());
}

ResponseCategories categories_of_all(const std::vector<Response>& responses,
                                     const std::vector<ItemDefinition>& items) {
  std::map<std::string, const ItemDefinition*> by_code;
  for (const auto& item : items) by_code.try_emplace(item.code, &item);
  ResponseCategories all;
  all.reserve(responses.size());
  for (const auto& response : responses) {
    auto& categories = all.emplace_back();
    for (const auto& [code, given] : response.answers) {
      if (const auto found = by_code.find(code); found != by_code.end()) {
        categories[code] = answer_category(*found->second, given.value);
      }
    }
  }
  return all;
}

ItemAnalysis analyse_item(const ItemDefinition& item, std::int64_t item_id,
                          const std::vector<ItemDefinition>& items,
                          const std::vector<Response>& responses) {
  return analyse_item(item, item_id, responses, categories_of_all(responses, items));
}

ItemAnalysis analyse_item(const ItemDefinition& item, std::int64_t item_id,
                          const std::vector<Response>& responses,
                          const ResponseCategories& response_categories) {
  ItemAnalysis analysis;
  std::map<std::string, std::int64_t> counted;
  std::vector<double> numbers;
  for (std::size_t r = 0; r < responses.size(); ++r) {
    const auto& response = responses[r];
    ++analysis.responding;
    if (!is_shown(item, response_categories.at(r))) continue;
    ++analysis.asked;
    const auto found = response.answers.find(item.code);
    if (found == response.answers.end()) continue;
    if (item_id != 0 && found->second.item_id != item_id) continue;
    ++analysis.answered;
    const auto& value = found->second.value;
    if (is_counted(item.type)) ++counted[value.text];
    if (value.number) numbers.push_back(*value.number);
    if (item.type == QuestionType::text && !value.text.empty()) {
      analysis.texts.emplace_back(response.respondent, value.text);
    }
  }
  analysis.counts = counts_of(categories(item), counted, analysis.answered);
  if (!numbers.empty()) {
    double sum = 0;
    for (const double n : numbers) sum += n;
    analysis.sum = sum;
    analysis.mean = sum / static_cast<double>(numbers.size());
    analysis.minimum = *std::ranges::min_element(numbers);
    analysis.maximum = *std::ranges::max_element(numbers);
  }
  return analysis;
}

std::vector<PillarAnalysis> analyse_pillars(const std::vector<ItemDefinition>& items,
                                            const std::vector<Response>& responses) {
  return analyse_pillars(items, responses, categories_of_all(responses, items));
}

std::vector<PillarAnalysis> analyse_pillars(const std::vector<ItemDefinition>& items,
                                            const std::vector<Response>& responses,
                                            const ResponseCategories& response_categories) {
  std::vector<PillarAnalysis> result;
  for (const auto& item : items) {
    if (item.type != QuestionType::yes_no) continue;
    if (std::ranges::find(result, item.pillar, &PillarAnalysis::pillar) == result.end()) {
      result.push_back({item.pillar, 0, 0, 0, {}});
    }
  }
  for (auto& pillar : result) {
    std::map<std::string, std::int64_t> counted;
    std::set<std::string> respondents;
    for (const auto& item : items) {
      if (item.type != QuestionType::yes_no || item.pillar != pillar.pillar) continue;
      ++pillar.items;
      for (std::size_t r = 0; r < responses.size(); ++r) {
        const auto& response = responses[r];
        const auto found = response.answers.find(item.code);
        if (found == response.answers.end() || !is_shown(item, response_categories.at(r))) continue;
        ++counted[found->second.value.text];
        ++pillar.answers;
        respondents.insert(response.respondent);
      }
    }
    pillar.respondents = static_cast<std::int64_t>(respondents.size());
    pillar.counts = counts_of(yes_no_answers(), counted, pillar.answers);
  }
  return result;
}

Result<CrossTab> cross_tabulate(const ItemDefinition& rows, const ItemDefinition& columns,
                                const std::vector<Response>& responses) {
  if (!is_counted(rows.type) || !is_counted(columns.type)) {
    return fail(Errc::invalid_argument, "both items must be yes_no or choice items",
                "not-cross-tabulable");
  }
  CrossTab table;
  table.rows = categories(rows);
  table.columns = categories(columns);
  table.counts.assign(table.rows.size(), std::vector<std::int64_t>(table.columns.size(), 0));
  for (const auto& response : responses) {
    const auto row = response.answers.find(rows.code);
    const auto column = response.answers.find(columns.code);
    if (row == response.answers.end() || column == response.answers.end()) continue;
    const auto r = std::ranges::find(table.rows, row->second.value.text);
    const auto c = std::ranges::find(table.columns, column->second.value.text);
    if (r == table.rows.end() || c == table.columns.end()) continue;
    ++table.counts[static_cast<std::size_t>(r - table.rows.begin())]
                  [static_cast<std::size_t>(c - table.columns.begin())];
    ++table.total;
  }
  return table;
}

}  // namespace lifeline::domain::monitoring
