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

}  // namespace lifeline::domain::corpus
