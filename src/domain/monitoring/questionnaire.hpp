// Questionnaire rounds on the commitments (Action Plan VI, the 2006 report's survey): item
// definitions and their checks, answers and theirs, skip logic, and the analysis the 2006 report
// computed (counts and shares of responding States per answer, with the denominator shown;
// cross-tabulations). Pure code: items and answers come in as values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace lifeline::domain::monitoring {

// yes_no answers are yes, no, partly or not_applicable; number answers a number in the item's
// unit, for its reference year, within its range; choice one of its choices; text free text;
// evidence a list of web links.
enum class QuestionType { yes_no, number, choice, text, evidence };
std::string_view to_string(QuestionType type);
Result<QuestionType> parse_question_type(std::string_view id);

// The answers of a yes_no item, in the order analyses list them.
const std::vector<std::string>& yes_no_answers();

struct Choice {
  std::string code;  // [a-z0-9_], at most 64 characters
  std::string label;
  bool operator==(const Choice&) const = default;
};

// The item is asked only when the answer to the earlier item `item` (a code) is one of
// `answers` (ODK's "relevant").
struct SkipRule {
  std::string item;
  std::vector<std::string> answers;
  bool operator==(const SkipRule&) const = default;
};

struct ItemDefinition {
  std::string code;  // unique in its round: a letter, then [a-z0-9_], at most 64 characters
  std::string prompt;
  QuestionType type = QuestionType::yes_no;
  std::string provision_id;  // the compendium provision it asks about; may be empty
  std::string pillar;        // the provision's pillar, or one chosen for a free item
  std::string unit;          // number items
  std::optional<std::int64_t> year;
  std::optional<double> minimum;
  std::optional<double> maximum;
  std::vector<Choice> choices;  // choice items
  std::optional<SkipRule> shown_if;
  bool operator==(const ItemDefinition&) const = default;
};

inline constexpr std::size_t kMaxPromptLength = 4000;
inline constexpr std::size_t kMaxTextAnswerLength = 20000;
inline constexpr std::size_t kMaxLinks = 20;

bool is_valid_code(std::string_view code);

// Every rule an item breaks, by field: code, prompt, type-specific fields, and a skip rule that
// names an earlier item (one of `earlier`, which must be a yes_no or choice item) and answers
// that item can give.
std::vector<FieldError> check_item(const ItemDefinition& item,
                                   const std::vector<ItemDefinition>& earlier);

// One answer's value: `text` for yes_no, choice and text items, `number` for number items,
// `links` for evidence items (and evidence attached to any answer).
struct AnswerValue {
  std::string text;
  std::optional<double> number;
  std::vector<std::string> links;
  bool operator==(const AnswerValue&) const = default;
};

// Refuses an answer the item cannot take: an unknown yes_no answer or choice, a number outside
// the item's range, a link that is not http(s), text too long. The error names "value".
Result<void> check_answer(const ItemDefinition& item, const AnswerValue& value);

// What an answer counts as in an analysis: the answer or choice code, or empty for items whose
// answers are not counted by category (numbers, text, evidence).
std::string answer_category(const ItemDefinition& item, const AnswerValue& value);

// Whether `item` is asked of a respondent whose answers so far are `categories` (item code ->
// answer_category).
bool is_shown(const ItemDefinition& item, const std::map<std::string, std::string>& categories);

// An answer as given: to one version of an item (the stored item's id) with its value.
struct GivenAnswer {
  std::int64_t item_id = 0;
  AnswerValue value;
};

// One respondent's submitted answers, by item code.
struct Response {
  std::string respondent;  // a country code
  std::map<std::string, GivenAnswer> answers;
};

// The categories of a response's answers, by item code, for is_shown.
std::map<std::string, std::string> categories_of(const Response& response,
                                                 const std::vector<ItemDefinition>& items);

// The categories of every response, in the order of `responses`: worked out once for all the
// items of an analysis (the skip logic of each item looks them up).
using ResponseCategories = std::vector<std::map<std::string, std::string>>;
ResponseCategories categories_of_all(const std::vector<Response>& responses,
                                     const std::vector<ItemDefinition>& items);

struct CategoryCount {
  std::string category;
  std::int64_t count = 0;
  double share = 0;  // count / answered
};

struct ItemAnalysis {
  std::int64_t responding = 0;  // respondents that submitted
  std::int64_t asked = 0;       // of those, the ones the skip logic asked
  std::int64_t answered = 0;    // of those, the ones that answered: the denominator
  std::vector<CategoryCount> counts;
  // Number items: over the numbers given.
  std::optional<double> sum, mean, minimum, maximum;
  // Text items, and the text of any other item's answer: respondent -> text, by respondent.
  std::vector<std::pair<std::string, std::string>> texts;
};

// The analysis of one version of an item (`item_id`; 0 takes answers to any version). `items`
// are the round's items, for the skip logic.
ItemAnalysis analyse_item(const ItemDefinition& item, std::int64_t item_id,
                          const std::vector<ItemDefinition>& items,
                          const std::vector<Response>& responses);
// The same with the categories already worked out (categories_of_all of `responses`).
ItemAnalysis analyse_item(const ItemDefinition& item, std::int64_t item_id,
                          const std::vector<Response>& responses,
                          const ResponseCategories& response_categories);

// Counts of a pillar's yes_no answers over all its items: the denominator is the number of
// answers (item x respondent), and `respondents` those that answered at least one.
struct PillarAnalysis {
  std::string pillar;
  std::int64_t items = 0;
  std::int64_t respondents = 0;
  std::int64_t answers = 0;
  std::vector<CategoryCount> counts;
};
std::vector<PillarAnalysis> analyse_pillars(const std::vector<ItemDefinition>& items,
                                            const std::vector<Response>& responses);
std::vector<PillarAnalysis> analyse_pillars(const std::vector<ItemDefinition>& items,
                                            const std::vector<Response>& responses,
                                            const ResponseCategories& response_categories);

// Respondents who answered both items, counted by their pair of answers.
struct CrossTab {
  std::vector<std::string> rows;     // categories of the first item
  std::vector<std::string> columns;  // categories of the second
  std::vector<std::vector<std::int64_t>> counts;
  std::int64_t total = 0;  // the denominator: respondents that answered both
};
// Both items must be counted by category (yes_no or choice); answers to any of their versions
// count.
Result<CrossTab> cross_tabulate(const ItemDefinition& rows, const ItemDefinition& columns,
                                const std::vector<Response>& responses);

}  // namespace lifeline::domain::monitoring
