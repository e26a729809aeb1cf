#include "domain/corpus/report_2006.hpp"

#include <algorithm>
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

constexpr std::string_view kDocumentId = "R2006";
constexpr std::string_view kPartSubject = "RECOMMENDATIONS";
constexpr std::string_view kBlockHeading = "Recommendations";
// The PDF draws the rule above a page's footnotes as a line of spaces.
constexpr std::size_t kFootnoteRuleWidth = 20;
constexpr std::size_t kLongestSectionHeading = 80;

struct Line {
  int number = 0;  // 1-based
  std::string_view raw;
  std::string_view text;  // trimmed
};

// The extraction starts each page's first line with a space.
bool starts_page(const Line& line) {
  return line.raw.starts_with(' ') && !line.text.empty();
}

bool is_footnote_rule(const Line& line) {
  return line.text.empty() && line.raw.size() >= kFootnoteRuleWidth;
}

// The PDF glues footnote reference numbers to the word they follow ("Human Beings15."); no word
// of the recommendations ends in digits otherwise.
std::string without_footnote_references(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size(); ++at) {
    auto digits_end = text.find_first_not_of("0123456789", at);
    digits_end = digits_end == std::string_view::npos ? text.size() : digits_end;
    bool after_letter = at > 0 && std::isalpha(static_cast<unsigned char>(text[at - 1])) != 0;
    bool before_word_end = digits_end == text.size() ||
                           std::isalnum(static_cast<unsigned char>(text[digits_end])) == 0;
    if (digits_end > at && after_letter && before_word_end) {
      at = digits_end - 1;
      continue;
    }
    out.push_back(text[at]);
  }
  return out;
}

std::vector<Line> read_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (auto raw : split_lines(text)) {
    lines.push_back(Line{++number, raw, trim(raw)});
  }
  return lines;
}

// Reads part IV: its introduction (the document's preamble), its section headings, and the
// numbered recommendations of its "Recommendations" blocks; the sections' own prose is known
// and kept nowhere.
class PartReader {
 public:
  PartReader(std::string part_heading, std::string numeral, ParseResult& result)
      : part_heading_(std::move(part_heading)), numeral_(std::move(numeral)), result_(result) {}

  void read(std::span<const Line> lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (is_footnote_rule(lines[i])) {
        i = footnotes_end(lines, i);
      } else if (lines[i].text.empty()) {
        after_blank_ = true;
      } else {
        read_line(lines, i);
        after_blank_ = false;
      }
    }
    finish_recommendation();
  }

  // The introduction's lines, before the first section heading.
  std::span<const Line> introduction(std::span<const Line> lines) const {
    return lines.subspan(0, std::min(first_section_, lines.size()));
  }

 private:
  struct Draft {
    int number = 0;
    std::vector<std::string_view> lines;
  };

  // The footnotes run from the rule to the next page's first line.
  static std::size_t footnotes_end(std::span<const Line> lines, std::size_t rule) {
    auto end = rule;
    while (end + 1 < lines.size() && !starts_page(lines[end + 1])) {
      ++end;
    }
    return end;
  }

  void read_line(std::span<const Line> lines, std::size_t index) {
    auto text = lines[index].text;
    auto number = paragraph_number(text);
    if (text == kBlockHeading) {
      finish_recommendation();
      in_block_ = true;
      section_has_block_ = true;
    } else if (in_block_ && number.major != 0 && number.minor == 0 && !number.rest.empty()) {
      finish_recommendation();
      draft_ = Draft{number.major, {number.rest}};
    } else if (draft_ && (!after_blank_ || ends_mid_sentence(draft_->lines.back()))) {
      draft_->lines.push_back(text);
    } else {
      read_prose(lines, index);
    }
  }

  // Prose after a finished recommendation ends its block: a section heading or the closing
  // paragraph follows.
  void read_prose(std::span<const Line> lines, std::size_t index) {
    if (draft_) {
      finish_recommendation();
      in_block_ = false;
    }
    if (is_section_heading(lines, index)) {
      enter_section(lines[index].text, index);
    } else if (in_block_) {
      result_.unplaced.push_back({lines[index].number, std::string(lines[index].text)});
    }
  }

  // A short line on its own, without closing punctuation, such as "Protection and Assistance".
  bool is_section_heading(std::span<const Line> lines, std::size_t index) const {
    const auto& line = lines[index];
    bool alone = (after_blank_ || starts_page(line)) &&
                 (index + 1 == lines.size() || lines[index + 1].text.empty());
    return alone && line.text.size() <= kLongestSectionHeading &&
           std::isupper(static_cast<unsigned char>(line.text.front())) != 0 &&
           ends_mid_sentence(line.text) && paragraph_number(line.text).major == 0;
  }

  // A section with no recommendations of its own before the next heading groups the sections
  // that follow ("The OSCE Action Plan: from Theory to Practice" over "Prevention of ...").
  void enter_section(std::string_view heading, std::size_t index) {
    if (!section_.empty() && !section_has_block_) {
      group_ = section_;
    }
    section_ = heading;
    section_has_block_ = false;
    first_section_ = std::min(first_section_, index);
  }

  void finish_recommendation() {
    if (!draft_) {
      return;
    }
    Provision provision;
    provision.id = std::string(kDocumentId) + "." + std::to_string(draft_->number);
    provision.document = kDocumentId;
    provision.chapter = numeral_;
    provision.heading_path = {part_heading_};
    for (const auto* heading : {&group_, &section_}) {
      if (!heading->empty()) {
        provision.heading_path.push_back(*heading);
      }
    }
    provision.number = std::to_string(draft_->number);
    provision.text = without_footnote_references(join_wrapped(draft_->lines));
    auto subject = pillar_of_heading(section_);
    provision.pillar = subject.empty() ? std::string_view(pillar::follow_up) : subject;
    provision.level = level::osce;
    provision.sequence = static_cast<int>(result_.corpus.provisions.size()) + 1;
    result_.corpus.provisions.push_back(std::move(provision));
    draft_.reset();
  }

  std::string part_heading_;
  std::string numeral_;
  ParseResult& result_;
  std::string group_;
  std::string section_;
  bool section_has_block_ = false;
  bool in_block_ = false;
  bool after_blank_ = false;
  std::size_t first_section_ = std::string_view::npos;
  std::optional<Draft> draft_;
};

// The part of recommendations: its capital heading (which may run over several lines), up to the
// next capital heading ("CONCLUSION").
struct Part {
  std::string heading;
  std::string numeral;
  std::size_t begin = 0;  // first line after the heading
  std::size_t end = 0;
};

std::optional<Part> find_part(std::span<const Line> lines) {
  auto is_part_heading = [](const Line& line) {
    return !chapter_numeral(line.text).empty() && is_upper_case_line(line.text) &&
           line.text.find(kPartSubject) != std::string_view::npos;
  };
  auto start =
      static_cast<std::size_t>(std::ranges::find_if(lines, is_part_heading) - lines.begin());
  if (start == lines.size()) {
    return std::nullopt;
  }
  Part part{std::string(lines[start].text), std::string(chapter_numeral(lines[start].text)),
            start + 1, lines.size()};
  while (part.begin < lines.size() && is_upper_case_line(lines[part.begin].text)) {
    part.heading.append(" ").append(lines[part.begin++].text);
  }
  for (auto i = part.begin; i < lines.size(); ++i) {
    if (is_upper_case_line(lines[i].text)) {
      part.end = i;
      break;
    }
  }
  part.heading = collapse_whitespace(part.heading);
  return part;
}

std::string preamble_of(std::span<const Line> introduction) {
  std::vector<std::string_view> texts;
  for (const auto& line : introduction) {
    texts.push_back(line.text);
  }
  std::string preamble;
  for (const auto& paragraph : join_paragraphs(texts)) {
    preamble += (preamble.empty() ? "" : "\n\n") + paragraph;
  }
  return preamble;
}

Document report_document(std::string preamble) {
  Document document;
  document.id = kDocumentId;
  document.kind = document_kind::recommendations;
  document.title =
      "Report to the Permanent Council on Progress Achieved in Work on Trafficking Issues in the "
      "OSCE (2006)";
  document.issued_by =
      "OSCE Special Representative on Combating Trafficking in Human Beings and Anti-Trafficking "
      "Assistance Unit";
  document.adopted = "2006";
  document.preamble = std::move(preamble);
  document.sequence = 1;
  return document;
}

}  // namespace

Result<ParseResult> parse_report_2006(std::string_view text) {
  auto lines = read_lines(text);
  auto part = find_part(lines);
  if (!part) {
    return fail(Errc::malformed,
                "not the 2006 report: it has no part headed with its recommendations");
  }
  auto body = std::span<const Line>(lines).subspan(part->begin, part->end - part->begin);
  ParseResult result;
  PartReader reader(part->heading, part->numeral, result);
  reader.read(body);
  result.corpus.documents.push_back(report_document(preamble_of(reader.introduction(body))));
  return result;
}

}  // namespace lifeline::domain::corpus
