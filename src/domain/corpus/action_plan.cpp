#include "domain/corpus/action_plan.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

constexpr std::string_view kDocumentId = "AP";
constexpr std::string_view kPlanHeading = "OSCE ACTION PLAN TO COMBAT TRAFFICKING IN HUMAN BEINGS";
constexpr std::string_view kAnnexHeading = "THE OSCE COMMITMENTS RELATED TO:";
constexpr std::string_view kPreambleStart = "The Permanent Council";
constexpr std::string_view kOmission = "...";

// An earlier document the annex quotes. `cue` identifies it in the annex's source lines, e.g.
// "(Declaration on Trafficking in Human Beings adopted in Porto, 2002)"; the first entry whose cue
// occurs wins, so the Bucharest Plan of Action comes before the Bucharest decision. Dates and
// symbols are those the annex and the 2006 report's footnotes print, completed from the documents
// themselves where neither prints them (empty where a document has no symbol of its own).
struct SourceDocument {
  std::string_view id;
  std::string_view cue;
  std::string_view title;
  std::string_view symbol;
  std::string_view issued_by;
  std::string_view adopted;
};

constexpr std::array kSourceDocuments = {
    SourceDocument{"PORTO2002", "Porto", "Ministerial Declaration on Trafficking in Human Beings",
                   "MC(10).JOUR/2", "Ministerial Council", "2002-12-07"},
    SourceDocument{"BUCHAREST2001-POA", "Plan of Action",
                   "Bucharest Plan of Action for Combating Terrorism", "MC(9).DEC/1",
                   "Ministerial Council", "2001-12-04"},
    SourceDocument{"BUCHAREST2001", "Bucharest",
                   "Ministerial Council Decision No. 6 on Combating Trafficking in Human Beings",
                   "MC(9).DEC/6", "Ministerial Council", "2001-12-04"},
    SourceDocument{"VIENNA2000", "Vienna",
                   "Ministerial Council Decision No. 1 on Enhancing the OSCE's Efforts to Combat "
                   "Trafficking in Human Beings",
                   "MC(8).DEC/1", "Ministerial Council", "2000-11-28"},
    SourceDocument{"ISTANBUL1999", "Istanbul", "Charter for European Security", "",
                   "Istanbul Summit", "1999-11-19"},
    SourceDocument{"HELSINKI1992", "Helsinki Document 1992",
                   "CSCE Helsinki Document 1992: The Challenges of Change", "", "Helsinki Summit",
                   "1992-07-10"},
    SourceDocument{"MOSCOW1991", "Moscow",
                   "Document of the Moscow Meeting of the Conference on the Human Dimension of the "
                   "CSCE",
                   "", "Conference on the Human Dimension of the CSCE", "1991-10-03"},
    SourceDocument{"HELSINKI1975", "Final Act",
                   "Final Act of the Conference on Security and Co-operation in Europe", "",
                   "Conference on Security and Co-operation in Europe", "1975-08-01"},
};

// Chapters I and II state the plan's purpose and definition: no pillar of their own.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kChapterPillars = {{
    {"I", pillar::general},
    {"II", pillar::general},
    {"III", pillar::prosecution},
    {"IV", pillar::prevention},
    {"V", pillar::protection},
    {"VI", pillar::follow_up},
}};

// One paragraph of the web extraction: a line, together with the lines that continue it where the
// extraction broke a sentence with a blank line.
struct Block {
  int line = 0;          // 1-based number of its first line
  std::string text;      // without Markdown, heading marks and list dash
  bool heading = false;  // a Markdown heading ("### ...") or a wholly bold line
  bool dash = false;     // a list item ("- ...")
};

struct Chapter {
  std::string numeral;
  std::string heading;  // "V. Protection and assistance"
  std::vector<Block> blocks;
};

// The records built so far and the lines that found no place.
struct Output {
  ParseResult result;
  std::map<std::string, int, std::less<>> last_sequence;

  void add(Provision provision) {
    provision.sequence = ++last_sequence[provision.document];
    result.corpus.provisions.push_back(std::move(provision));
  }
  Provision& last() { return result.corpus.provisions.back(); }
  void unplaced(const Block& block) { result.unplaced.push_back({block.line, block.text}); }
};

std::string lower_case(std::string_view text) {
  std::string lower(text);
  std::ranges::transform(lower, lower.begin(),
                         [](char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool starts_lower_case(std::string_view text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text.front())) != 0;
}

// The extraction prints the footnote of "3. National Referral Mechanisms (NRM)\*" inside
// paragraph 3.1 as "(\*The ODIHR's Handbook ...)."; the note belongs to the page foot, not to the
// provision, and it takes its own full stop with it.
std::string without_footnote_notes(std::string_view line) {
  std::string out(line);
  for (auto at = out.find("(\\*"); at != std::string::npos; at = out.find("(\\*", at)) {
    auto end = out.find(')', at);
    if (end == std::string::npos) {
      break;
    }
    ++end;
    bool sentence_ended = trim(std::string_view(out).substr(0, at)).ends_with('.');
    if (sentence_ended && end < out.size() && out[end] == '.') {
      ++end;
    }
    out.erase(at, end - at);
  }
  return out;
}

Block read_line(std::string_view raw, int number) {
  auto line = trim(raw);
  Block block;
  block.line = number;
  if (line.starts_with('#')) {
    block.heading = true;
    auto text_begin = line.find_first_not_of('#');
    line =
        text_begin == std::string_view::npos ? std::string_view() : trim(line.substr(text_begin));
  }
  if (line.size() > 4 && line.starts_with("**") && line.ends_with("**")) {
    block.heading = true;
  }
  if (line.starts_with("- ")) {
    block.dash = true;
    line = trim(line.substr(2));
  }
  block.text = collapse_whitespace(strip_markdown(without_footnote_notes(line)));
  return block;
}

bool starts_structure(const Block& block) {
  return block.heading || block.dash || paragraph_number(block.text).major != 0 ||
         !chapter_numeral(block.text).empty();
}

// Whether `next` carries on the sentence `previous` stopped in the middle of ("the link of this
// phenomenon to" / "transnational organized crime ...", "adopted in Moscow in" / "1991, ...").
bool continues(const Block& previous, const Block& next) {
  bool resumes = starts_lower_case(next.text) ||
                 std::isdigit(static_cast<unsigned char>(next.text.front())) != 0;
  return !previous.heading && !starts_structure(next) && ends_mid_sentence(previous.text) &&
         resumes;
}

// The lines as paragraphs, each with the lines that continue it after a blank line.
std::vector<Block> read_blocks(std::string_view text) {
  std::vector<Block> blocks;
  int number = 0;
  for (auto raw : split_lines(text)) {
    ++number;
    auto block = read_line(raw, number);
    if (block.text.empty()) {
      continue;
    }
    if (!blocks.empty() && continues(blocks.back(), block)) {
      std::array<std::string_view, 2> parts = {blocks.back().text, block.text};
      blocks.back().text = join_wrapped(parts);
      continue;
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

std::string_view pillar_of_chapter(std::string_view numeral) {
  const auto* found = std::ranges::find(kChapterPillars, numeral,
                                        &std::pair<std::string_view, std::string_view>::first);
  return found == kChapterPillars.end() ? std::string_view(pillar::general) : found->second;
}

Provision chapter_provision(const Chapter& chapter, std::vector<std::string> heading_path,
                            std::string number, std::string text, std::string_view level) {
  Provision provision;
  provision.id = std::string(kDocumentId) + "." + chapter.numeral + "." + number;
  provision.document = kDocumentId;
  provision.chapter = chapter.numeral;
  provision.heading_path = std::move(heading_path);
  provision.number = std::move(number);
  provision.text = std::move(text);
  provision.pillar = pillar_of_chapter(chapter.numeral);
  provision.level = level;
  return provision;
}

// Chapter II prints its paragraphs without numbers; a paragraph that ends with a colon runs on
// into the one it introduces (the definition it quotes).
void read_unnumbered_chapter(const Chapter& chapter, Output& out) {
  int count = 0;
  std::string pending;
  auto add = [&] {
    out.add(chapter_provision(chapter, {chapter.heading}, std::to_string(++count),
                              std::move(pending), level::national));
    pending.clear();
  };
  for (const auto& block : chapter.blocks) {
    if (block.heading || block.dash) {
      out.unplaced(block);
      continue;
    }
    pending += (pending.empty() ? "" : " ") + block.text;
    if (!block.text.ends_with(':')) {
      add();
    }
  }
  if (!pending.empty()) {
    add();
  }
}

// Whether the numbered line at `index` heads sub-numbered paragraphs ("1. Criminalization" over
// 1.1, 1.2, ...) rather than being a paragraph itself (chapters I and VI).
bool heads_subparagraphs(std::span<const Block> blocks, std::size_t index) {
  auto major = paragraph_number(blocks[index].text).major;
  for (auto i = index + 1; i < blocks.size(); ++i) {
    auto next = paragraph_number(blocks[i].text);
    if (next.major != 0) {
      return next.major == major && next.minor != 0;
    }
  }
  return false;
}

// Where a paragraph sits in a numbered chapter, and whether dash items still belong to the last
// paragraph.
struct Place {
  std::string level_heading;
  std::string section;
  std::string_view level = level::national;
  bool takes_items = false;
  bool before_first_paragraph = true;

  void enter(std::string heading, std::string_view heading_level) {
    level_heading = std::move(heading);
    level = heading_level;
    section.clear();
    takes_items = false;
  }
  std::vector<std::string> heading_path(const Chapter& chapter) const {
    std::vector<std::string> path = {chapter.heading};
    for (const auto* heading : {&level_heading, &section}) {
      if (!heading->empty()) {
        path.push_back(*heading);
      }
    }
    return path;
  }
};

// Chapter VI introduces its paragraphs with "The Permanent Council recommends the following
// actions at the national level:" and then "Furthermore, the Permanent Council:", which tasks its
// institutions and bodies.
std::string_view level_of_introduction(std::string_view introduction) {
  return contains(introduction, "national level") ? level::national : level::osce;
}

void read_numbered_chapter(const Chapter& chapter, Output& out) {
  Place place;
  for (std::size_t i = 0; i < chapter.blocks.size(); ++i) {
    const auto& block = chapter.blocks[i];
    if (auto heading_level = level_of_heading(block.text); !heading_level.empty()) {
      place.enter(block.text, heading_level);
      continue;
    }
    auto number = paragraph_number(block.text);
    if (number.major != 0 && number.minor == 0 && heads_subparagraphs(chapter.blocks, i)) {
      place.section = block.text;
      place.takes_items = false;
    } else if (number.major != 0) {
      auto printed = std::to_string(number.major) +
                     (number.minor != 0 ? std::string(".").append(std::to_string(number.minor))
                                        : std::string());
      out.add(chapter_provision(chapter, place.heading_path(chapter), printed,
                                std::string(number.rest), place.level));
      place.takes_items = true;
      place.before_first_paragraph = false;
    } else if (block.dash && place.takes_items) {
      out.last().items.push_back(block.text);
    } else if (!block.dash && block.text.ends_with(':')) {
      auto introduction = block.text.substr(0, block.text.size() - 1);
      place.enter(introduction, level_of_introduction(introduction));
    } else if (block.dash || !place.before_first_paragraph) {
      out.unplaced(block);
    }
    // Otherwise the chapter's introduction ("Commitments ... have been undertaken in ..."): known,
    // and no provision.
  }
}

void read_chapter(const Chapter& chapter, Output& out) {
  bool numbered = std::ranges::any_of(
      chapter.blocks, [](const Block& block) { return paragraph_number(block.text).major != 0; });
  if (numbered) {
    read_numbered_chapter(chapter, out);
  } else {
    read_unnumbered_chapter(chapter, out);
  }
}

std::vector<Chapter> split_chapters(std::span<const Block> blocks, Output& out) {
  std::vector<Chapter> chapters;
  for (const auto& block : blocks) {
    if (auto numeral = chapter_numeral(block.text); block.heading && !numeral.empty()) {
      chapters.push_back(Chapter{std::string(numeral), block.text, {}});
    } else if (chapters.empty()) {
      out.unplaced(block);
    } else {
      chapters.back().blocks.push_back(block);
    }
  }
  return chapters;
}

const SourceDocument* source_named(std::string_view source_line) {
  const auto* found = std::ranges::find_if(kSourceDocuments, [&](const SourceDocument& source) {
    return contains(source_line, source.cue);
  });
  return found == kSourceDocuments.end() ? nullptr : found;
}

void add_source_document(const SourceDocument& source, Output& out) {
  auto& documents = out.result.corpus.documents;
  if (std::ranges::any_of(documents, [&](const Document& d) { return d.id == source.id; })) {
    return;
  }
  Document document;
  document.id = source.id;
  document.kind = document_kind::source;
  document.title = source.title;
  document.symbol = source.symbol;
  document.issued_by = source.issued_by;
  document.adopted = source.adopted;
  document.sequence = static_cast<int>(documents.size()) + 1;
  documents.push_back(std::move(document));
}

// What the annex is quoting at a given point.
struct Quotation {
  std::string theme;  // "Investigation, law enforcement and prosecution"
  std::string_view pillar;
  const SourceDocument* source = nullptr;
  bool passage_open = false;  // the last passage may still take list items
};

bool is_source_line(std::string_view text) {
  return text.starts_with('(') && text.ends_with(')');
}

// "with the following aims in view:" followed by "to encourage ...;", "to ensure ...;", ...
bool continues_list(const Provision& passage, std::string_view paragraph) {
  return starts_lower_case(paragraph) && (!passage.items.empty() || passage.text.ends_with(':'));
}

void add_passage(const Quotation& quotation, std::string_view paragraph, Output& out) {
  auto number = std::to_string(out.last_sequence[std::string(quotation.source->id)] + 1);
  Provision passage;
  passage.id = std::string(quotation.source->id) + "." + number;
  passage.document = quotation.source->id;
  passage.heading_path = {quotation.theme};
  passage.number = number;
  passage.text = strip_enclosing_quotes(paragraph);
  passage.pillar = quotation.pillar;
  passage.level = level::national;
  out.add(std::move(passage));
}

void read_annex(std::span<const Block> blocks, Output& out) {
  Quotation quotation;
  for (const auto& block : blocks) {
    if (block.heading) {
      quotation = Quotation{block.text, pillar_of_heading(block.text), nullptr, false};
      if (quotation.pillar.empty()) {
        out.unplaced(block);
      }
    } else if (is_source_line(block.text)) {
      quotation.source = source_named(block.text);
      quotation.passage_open = false;
      if (quotation.source == nullptr) {
        out.unplaced(block);
      } else {
        add_source_document(*quotation.source, out);
      }
    } else if (quotation.source == nullptr || quotation.pillar.empty()) {
      out.unplaced(block);
    } else if (block.text == kOmission) {
      quotation.passage_open = false;
    } else if (quotation.passage_open && continues_list(out.last(), block.text)) {
      out.last().items.push_back(block.text);
    } else {
      add_passage(quotation, block.text, out);
      quotation.passage_open = true;
    }
  }
}

std::string read_preamble(std::span<const Block> blocks) {
  std::string preamble;
  for (const auto& block : blocks) {
    preamble += (preamble.empty() ? "" : "\n\n") + block.text;
  }
  return preamble;
}

Document action_plan_document(std::string preamble) {
  Document document;
  document.id = kDocumentId;
  document.kind = document_kind::commitment;
  document.title = "OSCE Action Plan to Combat Trafficking in Human Beings";
  document.symbol = "PC.DEC/557";
  document.issued_by = "Permanent Council";
  document.adopted = "2003-07-24";
  document.preamble = std::move(preamble);
  document.sequence = 1;
  return document;
}

}  // namespace

std::string_view level_of_heading(std::string_view heading) {
  auto lower = lower_case(trim(heading));
  if (lower == "recommended action at the national level") {
    return level::national;
  }
  if (lower == "action for osce institutions and bodies") {
    return level::osce;
  }
  return {};
}

std::string_view pillar_of_heading(std::string_view heading) {
  auto lower = lower_case(heading);
  for (auto subject : {pillar::prosecution, pillar::prevention, pillar::protection}) {
    if (contains(lower, subject)) {
      return subject;
    }
  }
  return {};
}

Result<ParseResult> parse_action_plan(std::string_view text) {
  auto blocks = read_blocks(text);
  std::span<const Block> all(blocks);
  // The index of the first block from `from` on that satisfies `predicate`, or the end.
  auto block_where = [&](std::size_t from, auto predicate) {
    auto rest = all.subspan(from);
    return from + static_cast<std::size_t>(std::ranges::find_if(rest, predicate) - rest.begin());
  };
  auto plan = block_where(0, [](const Block& b) { return b.heading && b.text == kPlanHeading; });
  if (plan == blocks.size()) {
    return fail(Errc::malformed, "not the OSCE Action Plan: its heading \"" +
                                     std::string(kPlanHeading) + "\" is missing");
  }
  auto annex =
      block_where(plan, [](const Block& b) { return b.heading && b.text == kAnnexHeading; });
  auto preamble = std::min(
      plan, block_where(0, [](const Block& b) { return b.text.starts_with(kPreambleStart); }));

  Output out;
  // The lines before the preamble are the decision's title and meeting: known, nothing to keep.
  out.result.corpus.documents.push_back(
      action_plan_document(read_preamble(all.subspan(preamble, plan - preamble))));
  for (const auto& chapter : split_chapters(all.subspan(plan + 1, annex - plan - 1), out)) {
    read_chapter(chapter, out);
  }
  if (annex < blocks.size()) {
    read_annex(all.subspan(annex + 1), out);
  }
  return std::move(out.result);
}

}  // namespace lifeline::domain::corpus
