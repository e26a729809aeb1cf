#include "domain/corpus/addendum.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "domain/corpus/action_plan.hpp"
#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

constexpr std::string_view kDocumentId = "ADD";
constexpr std::string_view kTitleLine = "ADDENDUM TO THE OSCE ACTION PLAN";
constexpr std::string_view kPreambleStart = "The Permanent Council";
constexpr std::string_view kStatementHeading = "INTERPRETATIVE STATEMENT";
constexpr std::string_view kDelegation = "By the delegation of ";
// The PDF's running header names the decision on every page after the first.
constexpr std::string_view kRunningHeader = "PC.DEC/";

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kChapterPillars = {{
    {"I", pillar::general},
    {"II", pillar::prosecution},
    {"III", pillar::prevention},
    {"IV", pillar::protection},
    {"V", pillar::partnerships},
}};

struct Line {
  int number = 0;         // 1-based
  std::string_view text;  // trimmed
};

// The paragraphs under one chapter heading and one level heading.
struct Section {
  std::string numeral;  // of the chapter
  std::string chapter_heading;
  std::string level_heading;  // empty in chapter I, which has none
  std::string_view level = level::national;
  std::vector<Line> lines;
};

// A paragraph being read: its number as printed and its lines, with those of its dash items.
struct Draft {
  std::string number;
  std::string heading;  // "2. Financial investigations", empty where there is none
  std::vector<std::string_view> text;
  std::vector<std::vector<std::string_view>> items;

  std::vector<std::string_view>& target() { return items.empty() ? text : items.back(); }

  // The last line read into the paragraph or its last item; empty when there is none yet.
  std::string_view last_line() const {
    const auto& lines = items.empty() ? text : items.back();
    return lines.empty() ? std::string_view() : lines.back();
  }
};

bool is_page_furniture(std::string_view text) {
  return is_page_number_line(text) || text.starts_with(kRunningHeader);
}

bool is_dash_line(std::string_view text) {
  return text == "\u2013" || text == "-";
}

bool starts_upper_case(std::string_view text) {
  return !text.empty() && std::isupper(static_cast<unsigned char>(text.front())) != 0;
}

bool starts_lower_case(std::string_view text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text.front())) != 0;
}

// A paragraph number alone on its line, as the PDF prints every one: "1.", "2.1".
ParagraphNumber number_line(std::string_view text) {
  auto number = paragraph_number(text);
  return number.rest.empty() ? number : ParagraphNumber{};
}

bool mentions_partners(const Provision& provision) {
  auto mentions = [](std::string_view text) {
    return text.find("Partners for Co-operation") != std::string_view::npos ||
           text.find("Mediterranean and Asian Partners") != std::string_view::npos ||
           text.find("Asian and Mediterranean Partners") != std::string_view::npos;
  };
  return mentions(provision.text) || std::ranges::any_of(provision.items, mentions);
}

std::string_view pillar_of_chapter(std::string_view numeral) {
  const auto* found = std::ranges::find(kChapterPillars, numeral,
                                        &std::pair<std::string_view, std::string_view>::first);
  return found == kChapterPillars.end() ? std::string_view(pillar::general) : found->second;
}

Provision finish(const Section& section, Draft draft, int sequence) {
  Provision provision;
  provision.id = std::string(kDocumentId) + "." + section.numeral + "." + draft.number;
  provision.document = kDocumentId;
  provision.chapter = section.numeral;
  provision.heading_path = {section.chapter_heading};
  for (std::string_view heading :
       {std::string_view(section.level_heading), std::string_view(draft.heading)}) {
    if (!heading.empty()) {
      provision.heading_path.emplace_back(heading);
    }
  }
  provision.number = std::move(draft.number);
  provision.text = join_wrapped(draft.text);
  for (const auto& item : draft.items) {
    provision.items.push_back(join_wrapped(item));
  }
  provision.pillar = pillar_of_chapter(section.numeral);
  provision.level =
      mentions_partners(provision) ? std::string_view(level::partners) : section.level;
  provision.sequence = sequence;
  return provision;
}

// The next line with text after `index`, or nothing.
std::optional<Line> next_text_line(std::span<const Line> lines, std::size_t index) {
  for (auto i = index + 1; i < lines.size(); ++i) {
    if (!lines[i].text.empty() && !is_page_furniture(lines[i].text)) {
      return lines[i];
    }
  }
  return std::nullopt;
}

// A heading title in a sub-numbered section, such as "Financial investigations": a line without
// closing punctuation after a finished paragraph, right before a sub-numbered paragraph. Its
// number is that paragraph's major number; the PDF printed it elsewhere.
int heading_number(std::span<const Line> lines, std::size_t index,
                   const std::optional<Draft>& draft) {
  if (!ends_mid_sentence(lines[index].text) || (draft && ends_mid_sentence(draft->last_line()))) {
    return 0;
  }
  auto next = next_text_line(lines, index);
  auto number = next ? number_line(next->text) : ParagraphNumber{};
  return number.minor != 0 ? number.major : 0;
}

// A footnote the PDF put where the page broke: after a blank line, in the middle of a sentence,
// lines that start with a capital letter, up to the line where the sentence resumes in lower case.
// Returns the index of the last footnote line, or nothing when no footnote starts at `index`.
std::optional<std::size_t> footnote_end(std::span<const Line> lines, std::size_t index,
                                        bool after_blank, const std::optional<Draft>& draft) {
  bool interrupts = after_blank && draft && ends_mid_sentence(draft->last_line()) &&
                    starts_upper_case(lines[index].text);
  if (!interrupts) {
    return std::nullopt;
  }
  auto end = index;
  auto footnote_goes_on = [](std::string_view next) {
    return !next.empty() && !starts_lower_case(next) && number_line(next).major == 0 &&
           !is_dash_line(next);
  };
  while (end + 1 < lines.size() && footnote_goes_on(lines[end + 1].text)) {
    ++end;
  }
  return end;
}

class SectionReader {
 public:
  SectionReader(const Section& section, ParseResult& result) : section_(section), result_(result) {
    numbered_ = std::ranges::any_of(
        section.lines, [](const Line& line) { return number_line(line.text).minor != 0; });
  }

  void read() {
    std::span<const Line> lines(section_.lines);
    bool after_blank = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      auto text = lines[i].text;
      if (text.empty() || is_page_furniture(text)) {
        after_blank = after_blank || text.empty();
        continue;
      }
      i = read_line(lines, i, after_blank);
      after_blank = false;
    }
    flush();
  }

 private:
  // Reads the line at `index` and returns the index of the last line it consumed.
  std::size_t read_line(std::span<const Line> lines, std::size_t index, bool after_blank) {
    auto text = lines[index].text;
    if (auto number = number_line(text); number.major != 0) {
      start_paragraph(number);
      return index;
    }
    if (is_dash_line(text) && draft_) {
      draft_->items.emplace_back();
      return index;
    }
    if (auto major = numbered_ ? heading_number(lines, index, draft_) : 0; major != 0) {
      flush();
      heading_ = std::to_string(major) + ". " + std::string(text);
      return index;
    }
    if (!draft_) {
      result_.unplaced.push_back({lines[index].number, std::string(text)});
      return index;
    }
    if (auto end = footnote_end(lines, index, after_blank, draft_)) {
      return *end;
    }
    draft_->target().push_back(text);
    return index;
  }

  // In a sub-numbered section a number without a second part is a heading's, displaced from its
  // title; it says nothing the paragraphs' own numbers do not.
  void start_paragraph(const ParagraphNumber& number) {
    if (numbered_ && number.minor == 0) {
      return;
    }
    flush();
    auto printed = std::to_string(number.major);
    if (number.minor != 0) {
      printed.append(".").append(std::to_string(number.minor));
    }
    if (section_.level == level::osce) {
      printed = std::string("O").append(printed);
    }
    draft_ = Draft{printed, numbered_ ? heading_ : std::string(), {}, {}};
  }

  void flush() {
    if (!draft_) {
      return;
    }
    auto sequence = static_cast<int>(result_.corpus.provisions.size()) + 1;
    result_.corpus.provisions.push_back(finish(section_, std::move(*draft_), sequence));
    draft_.reset();
  }

  const Section& section_;
  ParseResult& result_;
  bool numbered_ = false;
  std::string heading_;
  std::optional<Draft> draft_;
};

std::vector<Line> read_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (auto raw : split_lines(text)) {
    lines.push_back(Line{++number, trim(raw)});
  }
  return lines;
}

// The body from the first chapter heading on, cut into sections at chapter and level headings.
std::vector<Section> split_sections(std::span<const Line> body, ParseResult& result) {
  std::vector<Section> sections;
  for (const auto& line : body) {
    if (auto numeral = chapter_numeral(line.text); !numeral.empty()) {
      sections.push_back(
          Section{std::string(numeral), std::string(line.text), {}, level::national, {}});
    } else if (auto level = level_of_heading(line.text); !level.empty() && !sections.empty()) {
      Section next{sections.back().numeral,
                   sections.back().chapter_heading,
                   std::string(line.text),
                   level,
                   {}};
      sections.push_back(std::move(next));
    } else if (is_upper_case_line(line.text)) {
      continue;  // the annex repeats the title
    } else if (!sections.empty()) {
      sections.back().lines.push_back(line);
    } else if (!line.text.empty()) {
      result.unplaced.push_back({line.number, std::string(line.text)});
    }
  }
  return sections;
}

std::vector<std::string_view> texts_of(std::span<const Line> lines) {
  std::vector<std::string_view> texts;
  for (const auto& line : lines) {
    texts.push_back(line.text);
  }
  return texts;
}

std::string join_with_blank_lines(const std::vector<std::string>& paragraphs) {
  std::string joined;
  for (const auto& paragraph : paragraphs) {
    joined += (joined.empty() ? "" : "\n\n") + paragraph;
  }
  return joined;
}

InterpretativeStatement statement_from(std::string made_by,
                                       std::span<const std::string_view> lines) {
  auto text = strip_enclosing_quotes(join_with_blank_lines(join_paragraphs(lines)));
  return InterpretativeStatement{std::move(made_by), std::move(text)};
}

// Each statement: capital heading lines, "By the delegation of <State>:", and the quoted text.
std::vector<InterpretativeStatement> read_statements(std::span<const Line> lines,
                                                     ParseResult& result) {
  std::vector<InterpretativeStatement> statements;
  std::string made_by;
  std::vector<std::string_view> text;
  auto finish_statement = [&] {
    if (!made_by.empty()) {
      statements.push_back(statement_from(std::move(made_by), text));
    }
    made_by.clear();
    text.clear();
  };
  for (const auto& line : lines) {
    if (line.text.starts_with(kDelegation)) {
      finish_statement();
      auto state = line.text.substr(kDelegation.size());
      made_by = state.ends_with(':') ? state.substr(0, state.size() - 1) : state;
    } else if (is_upper_case_line(line.text) || is_page_furniture(line.text)) {
      continue;
    } else if (!made_by.empty()) {
      text.push_back(line.text);
    } else if (!line.text.empty()) {
      result.unplaced.push_back({line.number, std::string(line.text)});
    }
  }
  finish_statement();
  return statements;
}

Document addendum_document(std::string preamble, std::vector<InterpretativeStatement> statements) {
  Document document;
  document.id = kDocumentId;
  document.kind = document_kind::commitment;
  document.title =
      "Addendum to the OSCE Action Plan to Combat Trafficking in Human Beings: One Decade Later";
  document.symbol = "PC.DEC/1107";
  document.issued_by = "Permanent Council";
  document.adopted = "2013-12-06";
  document.preamble = std::move(preamble);
  document.statements = std::move(statements);
  document.sequence = 1;
  return document;
}

}  // namespace

Result<ParseResult> parse_addendum(std::string_view text) {
  auto lines = read_lines(text);
  auto index_where = [&](std::size_t from, auto predicate) {
    auto rest = std::span<const Line>(lines).subspan(std::min(from, lines.size()));
    return static_cast<std::size_t>(std::ranges::find_if(rest, predicate) - rest.begin()) + from;
  };
  auto title = index_where(0, [](const Line& l) { return l.text == kTitleLine; });
  if (title == lines.size()) {
    return fail(Errc::malformed, "not the Addendum to the OSCE Action Plan: its title \"" +
                                     std::string(kTitleLine) + "\" is missing");
  }
  // Title and decision number come first; then the decision, up to the annex's repeated title.
  auto decision =
      index_where(title, [](const Line& l) { return l.text.starts_with(kPreambleStart); });
  bool has_decision = decision < lines.size();
  auto annex = index_where(has_decision ? decision : title,
                           [](const Line& l) { return is_upper_case_line(l.text); });
  auto statements =
      index_where(annex, [](const Line& l) { return l.text.starts_with(kStatementHeading); });
  std::span<const Line> all(lines);
  auto preamble = has_decision ? all.subspan(decision, annex - decision) : std::span<const Line>();

  ParseResult result;
  for (const auto& section : split_sections(all.subspan(annex, statements - annex), result)) {
    SectionReader(section, result).read();
  }
  auto preamble_texts = texts_of(preamble);
  result.corpus.documents.push_back(
      addendum_document(join_with_blank_lines(join_paragraphs(preamble_texts)),
                        read_statements(all.subspan(statements), result)));
  std::ranges::sort(result.unplaced, {}, &UnplacedLine::line);
  return result;
}

}  // namespace lifeline::domain::corpus
