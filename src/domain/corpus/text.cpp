#include "domain/corpus/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <sstream>

#include <toml++/toml.h>

namespace lifeline::domain::corpus {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

// First words of compounds that the OSCE texts write with a hyphen; a line break after one of
// them keeps the hyphen ("co-" + "operation").
constexpr std::array kHyphenatedPrefixes = {
    "anti",  "co",    "counter", "cross", "follow", "gender", "high", "ill",   "inter",
    "long",  "low",   "mail",    "multi", "non",    "post",   "pre",  "re",    "self",
    "short", "socio", "well",    "child", "money",  "semi",   "au",   "under", "part"};

// The word that ends `text` (letters only), lower-cased.
std::string last_word(std::string_view text) {
  auto end = text.size();
  auto begin = end;
  while (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1])) != 0) {
    --begin;
  }
  std::string word(text.substr(begin, end - begin));
  std::ranges::transform(word, word.begin(),
                         [](char c) { return static_cast<char>(std::tolower(c)); });
  return word;
}

bool keeps_hyphen(std::string_view before_hyphen) {
  auto word_begin = before_hyphen.find_last_of(' ');
  auto fragment =
      word_begin == std::string_view::npos ? before_hyphen : before_hyphen.substr(word_begin + 1);
  if (std::ranges::any_of(fragment, [](char c) {
        return std::isupper(static_cast<unsigned char>(c)) != 0 ||
               std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-';
      })) {
    return true;
  }
  auto word = last_word(fragment);
  return std::ranges::find(kHyphenatedPrefixes, word) != kHyphenatedPrefixes.end();
}

template <class Line>
std::string join_lines(std::span<const Line> lines) {
  std::string joined;
  for (const auto& raw : lines) {
    auto line = trim(std::string_view(raw));
    if (line.empty()) {
      continue;
    }
    if (joined.empty()) {
      joined.assign(line);
      continue;
    }
    bool broken_word = joined.size() >= 2 && joined.back() == '-' &&
                       std::isalpha(static_cast<unsigned char>(joined[joined.size() - 2])) != 0 &&
                       is_lower(line.front());
    if (broken_word) {
      if (!keeps_hyphen(std::string_view(joined).substr(0, joined.size() - 1))) {
        joined.pop_back();
      }
    } else {
      joined.push_back(' ');
    }
    joined.append(line);
  }
  return collapse_whitespace(joined);
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  // A no-break space (U+00A0, C2 A0 in UTF-8) at either end counts as space too.
  while (text.starts_with("\xC2\xA0")) {
    text = trim(text.substr(2));
  }
  while (text.ends_with("\xC2\xA0")) {
    text = trim(text.substr(0, text.size() - 2));
  }
  return text;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = text.substr(0, end);
    if (line.ends_with('\r')) {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    if (end == std::string_view::npos) {
      break;
    }
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool no_break_space = text.compare(i, 2, "\xC2\xA0") == 0;
    if (is_space(text[i]) || no_break_space) {
      pending_space = true;
      i += no_break_space ? 1 : 0;
      continue;
    }
    if (pending_space && !out.empty()) {
      out.push_back(' ');
    }
    pending_space = false;
    out.push_back(text[i]);
  }
  return out;
}

std::string strip_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '*') {
      ++i;  // an escaped asterisk is a footnote mark in the web extraction
      continue;
    }
    if (text[i] == '*') {
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

bool is_url_line(std::string_view line) {
  line = trim(line);
  if (line.empty() || line.find(' ') != std::string_view::npos) {
    return false;
  }
  return line.starts_with("http://") || line.starts_with("https://") || line.starts_with("www.");
}

bool is_page_number_line(std::string_view line) {
  line = trim(line);
  if (line.starts_with("- ") && line.ends_with(" -")) {
    line = trim(line.substr(2, line.size() - 4));
  }
  return !line.empty() && line.size() <= 3 &&
         std::ranges::all_of(line, [](char c) { return c >= '0' && c <= '9'; });
}

std::string join_wrapped(std::span<const std::string_view> lines) {
  return join_lines(lines);
}

std::string join_wrapped(std::span<const std::string> lines) {
  return join_lines(lines);
}

Result<std::vector<Correction>> parse_corrections(std::string_view toml_text) {
  toml::table table;
  try {
    table = toml::parse(toml_text, std::string_view("corrections.toml"));
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "corrections.toml: " << error.description() << " at line "
            << error.source().begin.line;
    return fail(Errc::malformed, message.str());
  }
  std::vector<Correction> corrections;
  const auto* entries = table["correction"].as_array();
  if (entries == nullptr) {
    return corrections;
  }
  int index = 0;
  for (const auto& entry : *entries) {
    ++index;
    const auto* fields = entry.as_table();
    auto text_of = [&](std::string_view key) -> std::optional<std::string> {
      if (fields == nullptr) {
        return std::nullopt;
      }
      return (*fields)[key].value<std::string>();
    };
    auto file = text_of("file");
    auto find = text_of("find");
    auto replace = text_of("replace");
    auto why = text_of("why");
    if (!file || !find || find->empty() || !replace || !why || trim(*why).empty()) {
      return fail(Errc::malformed, "corrections.toml: correction " + std::to_string(index) +
                                       " needs file, a non-empty find, replace and why");
    }
    corrections.push_back(Correction{*file, *find, *replace, *why});
  }
  return corrections;
}

Result<std::string> apply_corrections(std::string_view file, std::string text,
                                      std::span<const Correction> corrections) {
  for (const auto& correction : corrections) {
    if (correction.file != file) {
      continue;
    }
    auto at = text.find(correction.find);
    if (at == std::string::npos || text.find(correction.find, at + 1) != std::string::npos) {
      return fail(Errc::malformed,
                  "correction for " + correction.file + " (" + correction.why +
                      "): the text to find must occur exactly once, and it occurs " +
                      (at == std::string::npos ? "nowhere" : "more than once"));
    }
    text.replace(at, correction.find.size(), correction.replace);
  }
  return text;
}

// Added for the Action Plan, Addendum and report parsers.

namespace {

constexpr std::string_view kOpeningQuote = "\u201C";
constexpr std::string_view kClosingQuote = "\u201D";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads up to three digits at `at`; 0 when there are none.
int read_number(std::string_view text, std::size_t& at) {
  int value = 0;
  std::size_t begin = at;
  while (at < text.size() && at - begin < 3 && is_digit(text[at])) {
    value = value * 10 + (text[at] - '0');
    ++at;
  }
  return at == begin ? 0 : value;
}

// Characters, not bytes: the PDF lines mix ASCII with typographic quotes and dashes.
std::size_t code_points(std::string_view text) {
  return static_cast<std::size_t>(std::ranges::count_if(
      text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

bool ends_clause(std::string_view line) {
  return line.ends_with(kClosingQuote) ||
         (!line.empty() && std::string_view(".,;:!?").find(line.back()) != std::string_view::npos);
}

bool starts_paragraph(std::string_view line) {
  return !line.empty() && (std::isupper(static_cast<unsigned char>(line.front())) != 0 ||
                           is_digit(line.front()) || line.starts_with(kOpeningQuote));
}

// Whether the first word of `next` would have fitted at the end of `line` in a column `width`
// characters wide.
bool leaves_room_for(std::string_view line, std::string_view next, std::size_t width) {
  auto first_word = next.substr(0, next.find(' '));
  return code_points(line) + 1 + code_points(first_word) <= width;
}

}  // namespace

std::string_view chapter_numeral(std::string_view line) {
  line = trim(line);
  auto numeral_end = line.find_first_not_of("IVXL");
  if (numeral_end == 0 || numeral_end == std::string_view::npos ||
      line.substr(numeral_end).size() < 3 || !line.substr(numeral_end).starts_with(". ")) {
    return {};
  }
  return line.substr(0, numeral_end);
}

ParagraphNumber paragraph_number(std::string_view line) {
  line = trim(line);
  std::size_t at = 0;
  int major = read_number(line, at);
  if (major == 0 || at >= line.size() || line[at] != '.') {
    return {};
  }
  ++at;
  int minor = read_number(line, at);
  if (minor != 0 && at < line.size() && line[at] == '.') {
    ++at;
  }
  if (at < line.size() && line[at] != ' ') {
    return {};
  }
  return ParagraphNumber{major, minor, trim(line.substr(at))};
}

bool is_upper_case_line(std::string_view line) {
  auto letters = std::ranges::count_if(
      line, [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
  return letters >= 2 && std::ranges::none_of(line, [](char c) { return is_lower(c); });
}

bool ends_mid_sentence(std::string_view text) {
  text = trim(text);
  if (text.ends_with('-')) {
    text.remove_suffix(1);
  }
  return !text.empty() && std::isalnum(static_cast<unsigned char>(text.back())) != 0;
}

std::string strip_enclosing_quotes(std::string_view text) {
  std::string out(trim(text));
  // Pair the marks left to right; a closing mark with no opening one before it stays unpaired.
  std::vector<std::size_t> open;
  std::optional<std::size_t> partner_of_first;
  bool first_is_open = out.starts_with(kOpeningQuote);
  std::size_t last_close = std::string::npos;
  bool last_close_paired = false;
  for (std::size_t at = 0; at < out.size(); ++at) {
    if (out.compare(at, kOpeningQuote.size(), kOpeningQuote) == 0) {
      open.push_back(at);
    } else if (out.compare(at, kClosingQuote.size(), kClosingQuote) == 0) {
      last_close = at;
      last_close_paired = !open.empty();
      if (!open.empty() && open.back() == 0) {
        partner_of_first = at;
      }
      if (!open.empty()) {
        open.pop_back();
      }
    }
  }
  // The closing mark ends the text when only punctuation follows it.
  bool closes_text =
      last_close != std::string::npos &&
      out.find_first_not_of(".,;:", last_close + kClosingQuote.size()) == std::string::npos;
  bool encloses = first_is_open && closes_text && partner_of_first == last_close;
  if (closes_text && (encloses || !last_close_paired)) {
    out.erase(last_close, kClosingQuote.size());
  }
  if (first_is_open && (encloses || !partner_of_first)) {
    out.erase(0, kOpeningQuote.size());
  }
  return std::string(trim(out));
}

std::vector<std::string> join_paragraphs(std::span<const std::string_view> lines) {
  std::size_t width = 0;
  for (auto line : lines) {
    width = std::max(width, code_points(trim(line)));
  }
  // A blank line between the first and the last line of text, not one around them.
  auto has_text = [](std::string_view line) { return !trim(line).empty(); };
  auto text_begin = std::ranges::find_if(lines, has_text);
  auto text_end = std::find_if(lines.rbegin(), lines.rend(), has_text).base();
  bool blank_separated = text_begin < text_end && !std::all_of(text_begin, text_end, has_text);
  std::vector<std::string> paragraphs;
  std::vector<std::string_view> current;
  auto finish = [&] {
    if (!current.empty()) {
      paragraphs.push_back(join_wrapped(current));
      current.clear();
    }
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto line = trim(lines[i]);
    if (line.empty()) {
      if (!current.empty() && !ends_mid_sentence(current.back())) {
        finish();
      }
      continue;
    }
    current.push_back(line);
    auto next = i + 1 < lines.size() ? trim(lines[i + 1]) : std::string_view();
    if (!blank_separated && ends_clause(line) && starts_paragraph(next) &&
        leaves_room_for(line, next, width)) {
      finish();
    }
  }
  finish();
  return paragraphs;
}

// Added for the Compendium and decision parsers.

namespace {

// The length of the UTF-8 sequence that `lead` starts, 0 when it starts none.
std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80U) {
    return 1;
  }
  if (lead >= 0xC2U && lead <= 0xDFU) {
    return 2;
  }
  if (lead >= 0xE0U && lead <= 0xEFU) {
    return 3;
  }
  if (lead >= 0xF0U && lead <= 0xF4U) {
    return 4;
  }
  return 0;
}

bool is_control(unsigned char c) {
  return (c < 0x20U && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7FU;
}

}  // namespace

bool is_plain_text(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    auto lead = static_cast<unsigned char>(text[at]);
    auto length = utf8_sequence_length(lead);
    if (length == 0 || at + length > text.size() || (length == 1 && is_control(lead))) {
      return false;
    }
    for (std::size_t i = 1; i < length; ++i) {
      if ((static_cast<unsigned char>(text[at + i]) & 0xC0U) != 0x80U) {
        return false;
      }
    }
    at += length;
  }
  return true;
}

}  // namespace lifeline::domain::corpus
