#include "domain/corpus/decision.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

constexpr std::array kMonths = {"January",   "February", "March",    "April",
                                "May",       "June",     "July",     "August",
                                "September", "October",  "November", "December"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, is_digit);
}

char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

char to_upper(char c) {
  return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) {
    return false;
  }
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (to_lower(text[i]) != to_lower(prefix[i])) {
      return false;
    }
  }
  return true;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  for (text = trim(text); !text.empty(); text = trim(text)) {
    auto end = text.find_first_of(" \t");
    words.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end);
  }
  return words;
}

// "7 December 2018" among the words of a line, as an ISO date.
std::optional<std::string> iso_date_in(std::string_view line) {
  auto words = words_of(line);
  for (std::size_t i = 0; i + 2 < words.size(); ++i) {
    auto year = words[i + 2];
    while (!year.empty() && (year.back() == ',' || year.back() == '.')) {
      year.remove_suffix(1);
    }
    auto month = std::ranges::find(kMonths, words[i + 1]);
    if (words[i].size() > 2 || !all_digits(words[i]) || month == kMonths.end() ||
        year.size() != 4 || !all_digits(year)) {
      continue;
    }
    auto month_number = std::distance(kMonths.begin(), month) + 1;
    std::string iso(year);
    iso += month_number < 10 ? "-0" : "-";
    iso += std::to_string(month_number);
    iso += words[i].size() == 1 ? "-0" : "-";
    iso += words[i];
    return iso;
  }
  return std::nullopt;
}

bool is_date_line(std::string_view line) {
  return words_of(line).size() == 3 && iso_date_in(line).has_value();
}

// "MC.DEC/6/17", or "- 2 - MC.DEC/6/17" at the top of a continuation page.
bool is_running_header(std::string_view line) {
  line = trim(line);
  if (line.starts_with("- ")) {
    auto end = line.find(" - ", 2);
    if (end == std::string_view::npos || !all_digits(line.substr(2, end - 2))) {
      return false;
    }
    line = trim(line.substr(end + 3));
  }
  return line.starts_with("MC.DEC/") && line.find(' ') == std::string_view::npos;
}

// The OSCE's document registration code at the foot of a first page, e.g. "MC24EW19".
bool is_registration_code(std::string_view line) {
  line = trim(line);
  bool letters = std::ranges::any_of(line, is_upper);
  bool digits = std::ranges::any_of(line, is_digit);
  return line.size() >= 6 && line.size() <= 12 && letters && digits &&
         std::ranges::all_of(line, [](char c) { return is_upper(c) || is_digit(c); });
}

// The lines the OSCE prints above a decision or an attachment: organisation and date, issuing
// body, place and original language, meeting and journal, "Attachment".
bool is_front_matter(std::string_view line) {
  line = trim(line);
  return line.starts_with("Organization for Security and Co-operation in Europe") ||
         line == "Ministerial Council" || line == "Attachment" || line == "Annex" ||
         (line.find("Original:") != std::string_view::npos && line.size() < 60) ||
         (line.find(" day of the ") != std::string_view::npos &&
          line.find("Meeting") != std::string_view::npos && line.size() < 80) ||
         (line.starts_with("MC(") && line.find("Journal") != std::string_view::npos);
}

bool is_layout_line(std::string_view line) {
  return is_page_number_line(line) || is_running_header(line) || is_registration_code(line) ||
         is_date_line(line) || is_front_matter(line);
}

// A footnote at the foot of a page: "1 See ..." after a gap (a paragraph number has a dot).
bool is_footnote(std::string_view line, bool after_gap) {
  line = trim(line);
  std::size_t digits = 0;
  while (digits < line.size() && is_digit(line[digits])) {
    ++digits;
  }
  return after_gap && digits >= 1 && digits <= 2 && digits + 1 < line.size() &&
         line[digits] == ' ' && is_upper(trim(line.substr(digits)).front());
}

// The number printed after "DECISION No." when the line is only that header.
std::optional<std::string_view> header_number(std::string_view line) {
  constexpr std::string_view kHeader = "DECISION No.";
  line = trim(line);
  if (!starts_with_ignoring_case(line, kHeader)) {
    return std::nullopt;
  }
  auto number = trim(line.substr(kHeader.size()));
  if (number.empty() || number.find_first_of(" \t") != std::string_view::npos) {
    return std::nullopt;
  }
  return number;
}

struct DecisionNumber {
  std::string number;  // "6"
  std::string year;    // "17"
};

std::optional<DecisionNumber> split_decision_number(std::string_view printed) {
  auto slash = printed.find('/');
  if (slash == std::string_view::npos) {
    return std::nullopt;
  }
  auto number = printed.substr(0, slash);
  auto year = printed.substr(slash + 1);
  if (!all_digits(number) || number.size() > 3 || number.front() == '0' || year.size() != 2 ||
      !all_digits(year)) {
    return std::nullopt;
  }
  return DecisionNumber{std::string(number), std::string(year)};
}

struct NumberedLine {
  int number = 0;
  std::string_view text;
};

// "12. Take appropriate measures ..." (or "12." alone, its text on the next lines).
std::optional<NumberedLine> numbered_paragraph(std::string_view line) {
  line = trim(line);
  std::size_t digits = 0;
  while (digits < line.size() && digits < 4 && is_digit(line[digits])) {
    ++digits;
  }
  if (digits == 0 || digits > 3 || digits >= line.size() || line[digits] != '.') {
    return std::nullopt;
  }
  auto rest = line.substr(digits + 1);
  if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') {
    return std::nullopt;
  }
  int number = std::stoi(std::string(line.substr(0, digits)));
  if (number == 0) {
    return std::nullopt;
  }
  return NumberedLine{number, trim(rest)};
}

// "(a) Adopting ...", "- text", "– text" or "• text".
bool is_item_line(std::string_view line) {
  line = trim(line);
  if (line.starts_with("- ") || line.starts_with("\xE2\x80\x93 ") ||
      line.starts_with("\xE2\x80\x94 ") || line.starts_with("\xE2\x80\xA2 ")) {
    return true;
  }
  auto close = line.find(") ");
  if (!line.starts_with('(') || close == std::string_view::npos || close < 2 || close > 5) {
    return false;
  }
  return std::ranges::all_of(line.substr(1, close - 1), is_lower);
}

// "By the delegation of the Holy See:" gives "the Holy See".
std::optional<std::string> delegation_of(std::string_view line) {
  line = trim(line);
  for (std::string_view prefix : {"By the delegation of ", "By the delegations of "}) {
    if (starts_with_ignoring_case(line, prefix) && line.ends_with(':')) {
      return std::string(trim(line.substr(prefix.size(), line.size() - prefix.size() - 1)));
    }
  }
  return std::nullopt;
}

// In capitals: the statement's own words may speak of "this interpretative statement".
bool is_statement_heading(std::string_view line) {
  return line.find("INTERPRETATIVE STATEMENT") != std::string_view::npos;
}

// A line in capitals ("INTERPRETATIVE STATEMENT UNDER", "CHILDREN"): a title or a heading.
bool is_capitals_line(std::string_view line) {
  return std::ranges::count_if(line, is_upper) >= 4 && std::ranges::none_of(line, is_lower);
}

// Within the operative part a heading stands apart from the text before it (a gap or an
// indent), so that a wrapped line such as "OSCE/ODIHR;" is not taken for one.
bool is_heading(std::string_view raw, bool after_gap) {
  auto line = trim(raw);
  bool indented = raw.starts_with(' ') || raw.starts_with('\t');
  return is_statement_heading(line) || (is_capitals_line(line) && (after_gap || indented));
}

// Words a sentence-case title keeps in capitals.
constexpr std::array kAcronyms = {"OSCE", "UN",  "ILO",  "ODIHR", "UNODC",
                                  "NRM",  "OSR", "CTHB", "EU",    "ICT"};

// "STRENGTHENING EFFORTS TO PREVENT ..." as "Strengthening efforts to prevent ..."; a title
// already in mixed case is kept as printed.
std::string sentence_case(std::string_view title) {
  std::string text(title);
  if (std::ranges::any_of(text, is_lower)) {
    return text;
  }
  std::size_t at = 0;
  while (at < text.size()) {
    auto end = at;
    while (end < text.size() && (is_upper(text[end]) || is_digit(text[end]))) {
      ++end;
    }
    auto word = std::string_view(text).substr(at, end - at);
    bool acronym = std::ranges::find(kAcronyms, word) != kAcronyms.end();
    for (auto i = at; i < end && !acronym; ++i) {
      text[i] = to_lower(text[i]);
    }
    at = end == at ? at + 1 : end;
  }
  if (!text.empty()) {
    text.front() = to_upper(text.front());
  }
  return text;
}

// Paragraphs of running text (preamble, statements): a line opens a new paragraph when it
// starts with a capital or a quote after a line that ended one, and the layout set it apart
// (a gap before it, or an indent); otherwise it continues the paragraph, also across pages.
class TextBlocks {
 public:
  void add(std::string_view raw, bool after_gap) {
    auto line = trim(raw);
    bool indented = raw.starts_with(' ') || raw.starts_with('\t');
    if (blocks_.empty() || (opens_paragraph(line) && closes_paragraph(blocks_.back().back()) &&
                            (after_gap || indented))) {
      blocks_.emplace_back();
    }
    blocks_.back().push_back(line);
  }

  [[nodiscard]] std::vector<std::string> paragraphs() const {
    std::vector<std::string> joined;
    joined.reserve(blocks_.size());
    for (const auto& block : blocks_) {
      joined.push_back(join_wrapped(std::span<const std::string_view>(block)));
    }
    return joined;
  }

  [[nodiscard]] std::string text() const {
    std::string text;
    for (const auto& paragraph : paragraphs()) {
      text += text.empty() ? "" : "\n\n";
      text += paragraph;
    }
    return text;
  }

 private:
  static bool opens_paragraph(std::string_view line) {
    return is_upper(line.front()) || line.starts_with("\xE2\x80\x9C") || line.starts_with('"');
  }

  static bool closes_paragraph(std::string_view line) {
    constexpr std::string_view kClosers = ",;:.)\"";
    return kClosers.find(line.back()) != std::string_view::npos || line.ends_with("\xE2\x80\x9D");
  }

  std::vector<std::vector<std::string_view>> blocks_;
};

struct ParagraphDraft {
  int number = 0;
  int line = 0;
  std::vector<std::string_view> lines;
  std::vector<std::vector<std::string_view>> items;
};

// Whether the paragraph's last line ends a sentence, as the end of an operative paragraph does.
bool ends_sentence(const ParagraphDraft& paragraph) {
  const auto& last_lines = paragraph.items.empty() ? paragraph.lines : paragraph.items.back();
  if (last_lines.empty()) return false;
  auto last = trim(last_lines.back());
  return last.ends_with('.') || last.ends_with(';');
}

struct StatementDraft {
  std::string made_by;
  TextBlocks text;
};

// Verbs with which a decision addresses someone; "Tasks" before "Task" so the longer wins.
constexpr std::array kAddressingVerbs = {
    "Tasks",      "Task",      "Encourages", "Encourage", "Invites",    "Invite",
    "Calls upon", "Call upon", "Calls on",   "Call on",   "Urges",      "Urge",
    "Requests",   "Request",   "Instructs",  "Instruct",  "Recommends", "Recommend"};

// Names that stand for the OSCE's own institutions, bodies and officials.
constexpr std::array kOsceAddressees = {"executive structures",
                                        "Secretary General",
                                        "Special Representative",
                                        "OSR/CTHB",
                                        "ODIHR",
                                        "Office for Democratic Institutions",
                                        "OSCE institutions",
                                        "OSCE bodies",
                                        "field operations",
                                        "Secretariat",
                                        "High Commissioner",
                                        "Representative on Freedom of the Media",
                                        "OCEEA",
                                        "Chairmanship",
                                        "Chairperson-in-Office"};

// Whom `text` addresses when it opens with an addressing verb: the words up to " to ".
std::optional<std::string_view> addressee(std::string_view text) {
  for (std::string_view verb : kAddressingVerbs) {
    if (text.starts_with(verb) && text.size() > verb.size() && text[verb.size()] == ' ') {
      auto rest = text.substr(verb.size() + 1);
      return rest.substr(0, rest.find(" to "));
    }
  }
  return std::nullopt;
}

std::string level_of_addressee(std::string_view who) {
  if (who.find("Partners for Co-operation") != std::string_view::npos) {
    return level::partners;
  }
  if (std::ranges::any_of(kOsceAddressees, [&](std::string_view name) {
        return who.find(name) != std::string_view::npos;
      })) {
    return level::osce;
  }
  if (who.find("participating States") != std::string_view::npos) {
    return level::national;
  }
  return {};
}

// The paragraph's own addressee decides; a paragraph that continues the chapeau ("Calls on
// participating States to: 1. Develop ...") or addresses someone else on their behalf ("1.
// Encourage the private sector ...") is addressed to whom the chapeau calls on.
std::string level_of(std::string_view paragraph, std::string_view chapeau) {
  if (auto who = addressee(paragraph)) {
    if (auto level = level_of_addressee(*who); !level.empty()) {
      return level;
    }
  }
  if (auto who = addressee(chapeau)) {
    return level_of_addressee(*who);
  }
  return {};
}

std::string year_of(const DecisionNumber& number) {
  return (number.year >= "90" ? "19" : "20") + number.year;
}

std::string list_numbers(const std::vector<int>& numbers) {
  std::string list;
  for (auto number : numbers) {
    list += list.empty() ? "" : ", ";
    list += std::to_string(number);
  }
  return list;
}

Error malformed(std::string message) {
  return Error{Errc::malformed, std::move(message), {}, {}};
}

enum class Part { front, title, preamble, paragraphs, statement_heading, statement };

// Reads a decision line by line, then checks and builds the records.
class DecisionReader {
 public:
  explicit DecisionReader(int first_line) : first_line_(first_line) {}

  Result<ParseResult> read(std::span<const std::string_view> lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (auto failed = read_line(lines[i], first_line_ + static_cast<int>(i))) {
        return tl::unexpected(std::move(*failed));
      }
    }
    return build();
  }

 private:
  std::optional<Error> read_line(std::string_view raw, int line_number) {
    auto line = trim(raw);
    if (line.empty()) {
      after_gap_ = true;
      return std::nullopt;
    }
    if (is_layout_line(line) || is_footnote(line, after_gap_)) {
      note_date(line);
      after_gap_ = true;
      return std::nullopt;
    }
    if (auto printed = header_number(line)) {
      return read_header(*printed, line_number);
    }
    dispatch(raw, line, line_number);
    after_gap_ = false;
    return std::nullopt;
  }

  void note_date(std::string_view line) {
    if (adopted_.empty() && (is_date_line(line) || is_front_matter(line))) {
      adopted_ = iso_date_in(line).value_or("");
    }
  }

  std::optional<Error> read_header(std::string_view printed, int line_number) {
    if (number_) {
      return malformed("the text holds more than one decision (DECISION No. " + number_->number +
                       "/" + number_->year + " and DECISION No. " + std::string(printed) +
                       " at line " + std::to_string(line_number) + "); import them one at a time");
    }
    number_ = split_decision_number(printed);
    if (!number_) {
      return malformed("the decision number \"" + std::string(printed) + "\" at line " +
                       std::to_string(line_number) +
                       " is not of the form N/YY (number, slash, two-digit year)");
    }
    part_ = Part::title;
    after_gap_ = false;
    return std::nullopt;
  }

  void dispatch(std::string_view raw, std::string_view line, int line_number) {
    switch (part_) {
      case Part::front:
        unplaced_.push_back(UnplacedLine{line_number, std::string(line)});
        return;
      case Part::title:
        return read_title(raw, line, line_number);
      case Part::preamble:
        return read_preamble(raw, line, line_number);
      case Part::paragraphs:
        return read_paragraph(raw, line, line_number);
      case Part::statement_heading:
        return read_statement_heading(raw, line, line_number);
      case Part::statement:
        return read_statement(raw, line);
    }
  }

  // Title lines follow the header: all in capitals (with gaps between them), or in mixed
  // case up to the first gap; "The Ministerial Council," or a paragraph ends them anyway.
  void read_title(std::string_view raw, std::string_view line, int line_number) {
    bool ends_title =
        line.starts_with("The Ministerial Council") || numbered_paragraph(line).has_value() ||
        (!title_lines_.empty() && (title_in_capitals_ ? !is_capitals_line(line) : after_gap_));
    if (ends_title) {
      part_ = Part::preamble;
      return read_preamble(raw, line, line_number);
    }
    if (title_lines_.empty()) {
      title_in_capitals_ = is_capitals_line(line);
    }
    title_lines_.push_back(line);
  }

  void read_preamble(std::string_view raw, std::string_view line, int line_number) {
    if (numbered_paragraph(line) || delegation_of(line)) {
      part_ = Part::paragraphs;
      return read_paragraph(raw, line, line_number);
    }
    preamble_.add(raw, after_gap_);
  }

  void read_paragraph(std::string_view raw, std::string_view line, int line_number) {
    if (auto numbered = numbered_paragraph(line)) {
      paragraphs_.push_back(ParagraphDraft{numbered->number, line_number, {}, {}});
      if (!numbered->text.empty()) {
        paragraphs_.back().lines.push_back(numbered->text);
      }
      return;
    }
    if (auto who = delegation_of(line)) {
      return open_statement(*who);
    }
    if (is_heading(raw, after_gap_)) {
      part_ = Part::statement_heading;
      heading_names_statement_ = is_statement_heading(line);
      return;
    }
    if (paragraphs_.empty()) {
      unplaced_.push_back(UnplacedLine{line_number, std::string(line)});
      return;
    }
    auto& paragraph = paragraphs_.back();
    if (after_gap_ && !is_item_line(line) && ends_sentence(paragraph)) {
      // A page break falls inside a sentence; a finished paragraph followed by a gap and words
      // that are neither a paragraph nor an item is something else pasted into the file.
      unplaced_.push_back(UnplacedLine{line_number, std::string(line)});
      return;
    }
    if (is_item_line(line)) {
      paragraph.items.emplace_back();
    }
    (paragraph.items.empty() ? paragraph.lines : paragraph.items.back()).push_back(line);
  }

  void read_statement_heading(std::string_view raw, std::string_view line, int line_number) {
    if (auto who = delegation_of(line)) {
      return open_statement(*who);
    }
    if (is_statement_heading(line) || is_capitals_line(line)) {
      heading_names_statement_ = heading_names_statement_ || is_statement_heading(line);
      return;
    }
    if (numbered_paragraph(line)) {
      part_ = Part::paragraphs;
      return read_paragraph(raw, line, line_number);
    }
    if (!heading_names_statement_) {
      unplaced_.push_back(UnplacedLine{line_number, std::string(line)});
      return;
    }
    open_statement("");
    read_statement(raw, line);
  }

  void read_statement(std::string_view raw, std::string_view line) {
    if (auto who = delegation_of(line)) {
      return open_statement(*who);
    }
    if (is_heading(raw, after_gap_)) {
      part_ = Part::statement_heading;
      heading_names_statement_ = is_statement_heading(line);
      return;
    }
    statements_.back().text.add(raw, after_gap_);
  }

  void open_statement(std::string made_by) {
    statements_.push_back(StatementDraft{std::move(made_by), {}});
    part_ = Part::statement;
  }

  [[nodiscard]] std::string name() const {
    return "DECISION No. " + number_->number + "/" + number_->year;
  }

  [[nodiscard]] std::optional<Error> check_paragraphs() const {
    if (paragraphs_.empty()) {
      return Error{
          Errc::malformed, name() + " has no numbered operative paragraph (\"1. ...\")", {}, {}};
    }
    std::map<int, int> line_of;
    for (const auto& paragraph : paragraphs_) {
      auto [at, inserted] = line_of.emplace(paragraph.number, paragraph.line);
      if (!inserted) {
        return malformed("paragraph " + std::to_string(paragraph.number) + " of " + name() +
                         " is numbered twice (lines " + std::to_string(at->second) + " and " +
                         std::to_string(paragraph.line) + ")");
      }
      if (paragraph.lines.empty()) {
        return malformed("paragraph " + std::to_string(paragraph.number) + " of " + name() +
                         " (line " + std::to_string(paragraph.line) + ") has no text");
      }
    }
    return check_numbering(line_of);
  }

  [[nodiscard]] std::optional<Error> check_numbering(const std::map<int, int>& line_of) const {
    std::vector<int> numbers;
    numbers.reserve(line_of.size());
    for (const auto& [number, line] : line_of) {
      numbers.push_back(number);
    }
    for (int expected = 1; expected <= static_cast<int>(numbers.size()); ++expected) {
      if (numbers[static_cast<std::size_t>(expected - 1)] != expected) {
        return malformed(name() + " has no paragraph " + std::to_string(expected) +
                         ": its numbered paragraphs are " + list_numbers(numbers));
      }
    }
    return std::nullopt;
  }

  Result<ParseResult> build() {
    if (!number_) {
      return fail(Errc::malformed,
                  "no \"DECISION No. N/YY\" header: the text is not a Ministerial Council "
                  "decision as the OSCE prints it");
    }
    if (title_lines_.empty()) {
      return fail(Errc::malformed, name() + " has no title after its header");
    }
    if (auto failed = check_paragraphs()) {
      return tl::unexpected(std::move(*failed));
    }
    ParseResult result;
    result.corpus.documents.push_back(document());
    const auto& title = result.corpus.documents.back().title;
    auto preamble = preamble_.paragraphs();
    auto chapeau =
        preamble.empty() || !preamble.back().ends_with(':') ? std::string() : preamble.back();
    std::ranges::sort(paragraphs_, {}, &ParagraphDraft::number);
    for (const auto& paragraph : paragraphs_) {
      result.corpus.provisions.push_back(provision(paragraph, chapeau, title));
    }
    result.unplaced = std::move(unplaced_);
    return result;
  }

  [[nodiscard]] Document document() const {
    Document document;
    auto printed = number_->number + "/" + number_->year;
    document.id = "MC" + printed;
    document.kind = document_kind::commitment;
    document.title = sentence_case(join_wrapped(std::span<const std::string_view>(title_lines_)));
    document.symbol = "MC.DEC/" + printed;
    document.issued_by = "Ministerial Council";
    document.adopted = adopted_.empty() ? year_of(*number_) : adopted_;
    document.preamble = preamble_.text();
    for (const auto& statement : statements_) {
      document.statements.push_back(
          InterpretativeStatement{statement.made_by, statement.text.text()});
    }
    return document;
  }

  [[nodiscard]] Provision provision(const ParagraphDraft& paragraph, std::string_view chapeau,
                                    const std::string& title) const {
    auto document_id = "MC" + number_->number + "/" + number_->year;
    Provision provision;
    provision.id = document_id + "." + std::to_string(paragraph.number);
    provision.document = document_id;
    provision.heading_path = {title};
    provision.number = std::to_string(paragraph.number);
    provision.text = join_wrapped(std::span<const std::string_view>(paragraph.lines));
    for (const auto& item : paragraph.items) {
      provision.items.push_back(join_wrapped(std::span<const std::string_view>(item)));
    }
    provision.level = level_of(provision.text, chapeau);
    provision.sequence = paragraph.number;
    return provision;
  }

  int first_line_;
  Part part_ = Part::front;
  bool after_gap_ = true;
  std::optional<DecisionNumber> number_;
  std::string adopted_;
  std::vector<std::string_view> title_lines_;
  bool title_in_capitals_ = false;
  TextBlocks preamble_;
  std::vector<ParagraphDraft> paragraphs_;
  bool heading_names_statement_ = false;
  std::vector<StatementDraft> statements_;
  std::vector<UnplacedLine> unplaced_;
};

}  // namespace

Result<ParseResult> parse_decision(std::string_view text) {
  return parse_decision(text, 1);
}

Result<ParseResult> parse_decision(std::string_view text, int first_line) {
  if (trim(text).empty()) {
    return fail(Errc::malformed, "the decision text is empty");
  }
  if (!is_plain_text(text)) {
    return fail(Errc::malformed,
                "the decision text is not plain UTF-8 text (it holds binary data or control "
                "characters)");
  }
  auto lines = split_lines(text);
  return DecisionReader(first_line).read(lines);
}

std::vector<std::size_t> decision_start_lines(std::span<const std::string_view> lines) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!header_number(lines[i])) {
      continue;
    }
    auto start = i;
    auto floor = starts.empty() ? std::size_t{0} : starts.back() + 1;
    while (start > floor && (trim(lines[start - 1]).empty() || is_layout_line(lines[start - 1]))) {
      --start;
    }
    while (start < i && trim(lines[start]).empty()) {
      ++start;
    }
    starts.push_back(start);
  }
  return starts;
}

}  // namespace lifeline::domain::corpus
