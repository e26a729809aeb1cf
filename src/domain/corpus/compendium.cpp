#include "domain/corpus/compendium.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/corpus/decision.hpp"
#include "domain/corpus/shipped_texts.hpp"
#include "domain/corpus/text.hpp"

namespace lifeline::domain::corpus {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

std::string_view trim_trailing_commas(std::string_view text) {
  text = trim(text);
  while (text.ends_with(',')) {
    text = trim(text.substr(0, text.size() - 1));
  }
  return text;
}

// The pieces of `text` between occurrences of `separator`, empty ones included.
std::vector<std::string_view> split_on(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  for (auto end = text.find(separator); end != std::string_view::npos; end = text.find(separator)) {
    pieces.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  pieces.push_back(text);
  return pieces;
}

// ---- Lines of the Compendium's pages ----

bool is_resources_heading(std::string_view line) {
  return trim(line).starts_with("Resources by keyword");
}

// "On co-operation and partnerships:" gives "co-operation and partnerships".
std::optional<std::string> keyword_heading(std::string_view line) {
  line = trim(line);
  if (!line.starts_with("On ") || !line.ends_with(':') || line.size() > 60) {
    return std::nullopt;
  }
  return lower(collapse_whitespace(line.substr(3, line.size() - 4)));
}

// The pillar a "Section II. PREVENTION OF ..." heading stands for; empty for an unknown section.
std::optional<std::string> section_pillar(std::string_view line) {
  line = trim(line);
  if (!line.starts_with("Section ")) {
    return std::nullopt;
  }
  auto rest = line.substr(8);
  auto dot = rest.find('.');
  if (dot == 0 || dot == std::string_view::npos ||
      rest.substr(0, dot).find_first_not_of("IVX") != std::string_view::npos) {
    return std::nullopt;
  }
  constexpr std::array<std::pair<std::string_view, const char*>, 4> kPillars = {{
      {"PROSECUT", pillar::prosecution},
      {"PREVENT", pillar::prevention},
      {"PROTECT", pillar::protection},
      {"PARTNERSHIP", pillar::partnerships},
  }};
  auto name = collapse_whitespace(rest.substr(dot + 1));
  std::ranges::transform(name, name.begin(),
                         [](char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; });
  for (const auto& [word, pillar_name] : kPillars) {
    if (name.find(word) != std::string::npos) {
      return std::string(pillar_name);
    }
  }
  return std::string();
}

// "A.  Recommended action at the national level", "B. Action for OSCE institutions and bodies",
// "1. Capacity-building and training", or a heading's second line in capitals.
bool is_subheading(std::string_view line) {
  line = trim(line);
  if (std::ranges::count_if(line, is_upper) >= 4 && std::ranges::none_of(line, is_lower)) {
    return true;
  }
  std::size_t label = 0;
  while (label < line.size() && label < 2 && (is_digit(line[label]) || is_upper(line[label]))) {
    ++label;
  }
  return label > 0 && line.size() < 100 && line.substr(label).starts_with(". ") &&
         is_upper(trim(line.substr(label + 1)).front());
}

// A letter or two of the section name the PDF prints vertically in the page margin.
bool is_margin_fragment(std::string_view line) {
  line = trim(line);
  return line.size() <= 3 &&
         std::ranges::all_of(line, [](char c) { return is_upper(c) || is_lower(c) || c == '-'; });
}

// ---- Joining an entry's or a provision's lines ----

// The text ends with a URL the extraction broke at a "/", "." or "-" ("https://www.osce." +
// "org/secretariat/109935"): the next line continues it without a space.
bool ends_inside_url(std::string_view text) {
  auto token = text.substr(text.rfind(' ') + 1);
  bool url =
      token.starts_with("http://") || token.starts_with("https://") || token.starts_with("www.");
  return url && (token.ends_with('/') || token.ends_with('.') || token.ends_with('-'));
}

// A page range broken after its hyphen: "p. 19-" + "22".
bool ends_inside_range(std::string_view text, std::string_view next) {
  return text.size() >= 2 && text.back() == '-' && is_digit(text[text.size() - 2]) &&
         !next.empty() && is_digit(next.front());
}

std::string join_layout_lines(std::span<const std::string_view> lines) {
  std::string joined;
  for (auto raw : lines) {
    auto line = trim(raw);
    if (line.empty()) {
      continue;
    }
    if (joined.empty()) {
      joined.assign(line);
    } else if (ends_inside_url(joined) || ends_inside_range(joined, line)) {
      joined.append(line);
    } else {
      std::array<std::string_view, 2> pair = {joined, line};
      joined = join_wrapped(std::span<const std::string_view>(pair));
    }
  }
  return collapse_whitespace(joined);
}

// ---- Provision markers: "(MC Decision 6/17, para 4)" ----

struct Marker {
  std::string provision;  // "MC6/17.4"
  int line = 0;
};

// Reads digits at `at`, returning them (empty when there are none).
std::string_view read_digits(std::string_view text, std::size_t& at) {
  auto begin = at;
  while (at < text.size() && is_digit(text[at])) {
    ++at;
  }
  return text.substr(begin, at - begin);
}

// The provision id of the marker starting at `at` ("(MC Decision " ...), if it is one.
std::optional<std::string> marker_at(std::string_view text, std::size_t at) {
  constexpr std::string_view kOpen = "(MC Decision ";
  at += kOpen.size();
  auto number = read_digits(text, at);
  if (number.empty() || at >= text.size() || text[at] != '/') {
    return std::nullopt;
  }
  ++at;
  auto year = read_digits(text, at);
  constexpr std::string_view kPara = ", para ";
  if (year.size() != 2 || text.substr(at, kPara.size()) != kPara) {
    return std::nullopt;
  }
  at += kPara.size();
  auto paragraph = read_digits(text, at);
  if (paragraph.empty() || at >= text.size() || text[at] != ')') {
    return std::nullopt;
  }
  return "MC" + std::string(number) + "/" + std::string(year) + "." + std::string(paragraph);
}

std::vector<std::string> markers_in(std::string_view text) {
  std::vector<std::string> ids;
  for (auto at = text.find("(MC Decision "); at != std::string_view::npos;
       at = text.find("(MC Decision ", at + 1)) {
    if (auto id = marker_at(text, at)) {
      ids.push_back(*id);
    }
  }
  return ids;
}

bool ends_with_marker(std::string_view text) {
  auto at = text.rfind("(MC Decision ");
  return at != std::string_view::npos && text.ends_with(')') && marker_at(text, at).has_value();
}

// ---- Pages ----

// One literature entry as printed under a keyword, its lines joined.
struct Listing {
  std::string keyword;
  std::string entry;
  int line = 0;
};

// The text from one "Resources by keyword" to the next: one page of the Compendium.
struct Page {
  int line = 0;
  std::string pillar;
  std::vector<Listing> listings;
  std::vector<Marker> markers;
};

struct NumberedLine {
  int number = 0;
  std::string_view text;
};

// Reads the Compendium's pages (everything before the annex) line by line. Lines accumulate
// until they make a complete entry (it ends with "(available in ...)" or "forthcoming") or a
// complete provision text (it ends with its marker).
class PageReader {
 public:
  // No entry or provision text of the Compendium runs over more lines than this; lines that
  // never end one are given up as unplaced instead of being joined again and again.
  static constexpr std::size_t kMaxOpenLines = 60;

  void read(std::span<const std::string_view> lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      read_line(lines[i], static_cast<int>(i) + 1);
    }
    drop_open_lines();
  }

  std::vector<Page>& pages() { return pages_; }
  std::vector<UnplacedLine>& unplaced() { return unplaced_; }

 private:
  void read_line(std::string_view raw, int line_number) {
    auto line = trim(raw);
    if (line.empty() || is_url_line(line) || is_page_number_line(line) ||
        is_margin_fragment(line)) {
      return;  // link targets repeated as text, page numbers, margin labels
    }
    if (auto pillar = section_pillar(line)) {
      drop_open_lines();
      in_introduction_ = false;
      pillar_ = *pillar;
      return;
    }
    if (is_resources_heading(line)) {
      drop_open_lines();
      in_introduction_ = false;
      pages_.push_back(Page{line_number, pillar_, {}, {}});
      keyword_.clear();
      return;
    }
    if (auto keyword = keyword_heading(line)) {
      drop_open_lines();
      keyword_ = *keyword;
      return;
    }
    if (in_introduction_ || (open_.empty() && is_subheading(line))) {
      return;  // the introduction, and headings below the section (the pillar is the section's)
    }
    open_.push_back(NumberedLine{line_number, line});
    if (line.ends_with(')') || line.ends_with("forthcoming")) {
      take_if_complete();
    } else if (open_.size() > kMaxOpenLines) {
      drop_open_lines();
    }
  }

  void take_if_complete() {
    std::vector<std::string_view> texts;
    for (const auto& open : open_) {
      texts.push_back(open.text);
    }
    auto joined = join_layout_lines(texts);
    if (ends_with_marker(joined)) {
      take_markers(joined);
    } else if ((joined.ends_with(')') && joined.find("(available in ") != std::string::npos) ||
               joined.ends_with("forthcoming")) {
      take_entry(std::move(joined));
    }
  }

  void take_markers(std::string_view joined) {
    if (pages_.empty()) {
      return drop_open_lines();
    }
    for (auto& id : markers_in(joined)) {
      pages_.back().markers.push_back(Marker{std::move(id), open_.back().number});
    }
    open_.clear();
  }

  void take_entry(std::string joined) {
    if (pages_.empty() || keyword_.empty()) {
      return drop_open_lines();
    }
    pages_.back().listings.push_back(Listing{keyword_, std::move(joined), open_.front().number});
    open_.clear();
  }

  // Lines that never made an entry or a provision text: nothing can be made of them.
  void drop_open_lines() {
    for (const auto& open : open_) {
      unplaced_.push_back(UnplacedLine{open.number, std::string(open.text)});
    }
    open_.clear();
  }

  bool in_introduction_ = true;
  std::string pillar_;
  std::string keyword_;
  std::vector<NumberedLine> open_;
  std::vector<Page> pages_;
  std::vector<UnplacedLine> unplaced_;
};

// Which provision owns each page, in the order of `pages` (nullopt when none). A page owns the
// first marker on it; a further marker on the same page is the next page's provision, whose
// text the extraction put at the end of this page, when the next page holds no marker.
std::vector<std::optional<Marker>> page_owners(const std::vector<Page>& pages) {
  std::vector<std::optional<Marker>> owners;
  std::vector<Marker> waiting;
  for (const auto& page : pages) {
    if (!page.markers.empty()) {
      owners.emplace_back(page.markers.front());
      waiting.assign(page.markers.begin() + 1, page.markers.end());
    } else if (!waiting.empty()) {
      owners.emplace_back(waiting.front());
      waiting.erase(waiting.begin());
    } else {
      owners.emplace_back(std::nullopt);
    }
  }
  return owners;
}

// ---- Literature entries ----

struct ParsedEntry {
  std::string publisher;
  std::string title;
  std::string year;
  std::string pages;
  std::string url;
  std::vector<std::string> languages;
};

// "ENG, MAC and SQI" as {"ENG", "MAC", "SQI"}, sorted so that "BOS and ENG" and "ENG and BOS"
// are the same list.
std::vector<std::string> language_codes(std::string_view list) {
  std::vector<std::string> codes;
  for (auto word : split_on(list, ' ')) {
    std::string code(word);
    std::erase(code, ',');
    if (!code.empty() && code != "and") {
      codes.push_back(code);
    }
  }
  std::ranges::sort(codes);
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

std::size_t find_url(std::string_view text) {
  auto at = std::min(text.find("https://"), text.find("http://"));
  auto www = text.find(" www.");
  return std::min(at, www == std::string_view::npos ? www : www + 1);
}

std::string normalise_url(std::string_view url) {
  while (!url.empty() &&
         (url.back() == '.' || url.back() == ',' || url.back() == ';' || url.back() == '/')) {
    url.remove_suffix(1);
  }
  std::string normal = url.starts_with("www.") ? "https://" + std::string(url) : std::string(url);
  auto host_begin = normal.find("://") + 3;
  auto host_end = std::min(normal.find('/', host_begin), normal.size());
  std::transform(normal.begin() + static_cast<std::ptrdiff_t>(host_begin),
                 normal.begin() + static_cast<std::ptrdiff_t>(host_end),
                 normal.begin() + static_cast<std::ptrdiff_t>(host_begin),
                 [](char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; });
  return normal;
}

bool is_year(std::string_view text) {
  auto year = text.substr(text.rfind(' ') + 1);
  return year.size() == 4 && std::ranges::all_of(year, is_digit) &&
         (year.size() == text.size() || std::ranges::count(text, ' ') == 1);
}

// Names of OSCE bodies that publish: "OSCE Mission to Montenegro", "OSCE Project Co-ordinator
// in Ukraine", "OSCE Transnational Threats Department", ...
constexpr std::array kBodyWords = {"Mission", "Co-ordinator", "Coordinator", "Department",
                                   "Unit",    "Section",      "Office",      "OSR/CTHB",
                                   "ODIHR",   "Secretariat",  "Centre",      "Presence"};

// A part of the author list after its first name: an acronym ("UNICEF", "OSCE/ODIHR",
// "TNTD"), an OSCE body, or "supported by OSCE". A title part never looks like one.
bool continues_publisher(std::string_view part) {
  if (part.starts_with("supported by ")) {
    return true;
  }
  if (part.find(':') != std::string_view::npos) {
    return false;
  }
  if (part.size() >= 2 &&
      std::ranges::all_of(part, [](char c) { return is_upper(c) || c == '/'; })) {
    return true;
  }
  return (part == "OSCE" || part.starts_with("OSCE ") || part.starts_with("OSCE/")) &&
         std::ranges::any_of(kBodyWords, [&](std::string_view word) {
           return part.find(word) != std::string_view::npos;
         });
}

std::vector<std::string> comma_parts(std::string_view text) {
  std::vector<std::string> parts;
  for (auto part : split_on(text, ',')) {
    auto piece = trim(part);
    while (piece.ends_with('/')) {
      piece.remove_suffix(1);  // "UNICEF/," is a typo for "UNICEF,"
    }
    parts.emplace_back(piece);
  }
  return parts;
}

// Splits "Publisher, Title" at the end of the author list.
bool split_publisher_and_title(std::string_view text, ParsedEntry& entry) {
  auto parts = comma_parts(text);
  std::size_t title_begin = 1;
  while (title_begin + 1 < parts.size() && continues_publisher(parts[title_begin])) {
    ++title_begin;
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto& field = i < title_begin ? entry.publisher : entry.title;
    field += field.empty() ? "" : ", ";
    field += parts[i];
  }
  return !entry.publisher.empty() && !entry.title.empty();
}

// Strips "(available in ...)" or ", forthcoming" off the end of `text`.
bool take_availability(std::string_view& text, ParsedEntry& entry) {
  constexpr std::string_view kAvailable = "(available in ";
  auto available = text.rfind(kAvailable);
  if (available != std::string_view::npos && text.ends_with(')')) {
    auto list = text.substr(available + kAvailable.size());
    entry.languages = language_codes(list.substr(0, list.size() - 1));
    text = trim(text.substr(0, available));
    return true;
  }
  if (text.ends_with("forthcoming")) {
    text =
        trim_trailing_commas(text.substr(0, text.size() - std::string_view("forthcoming").size()));
    return true;
  }
  return false;
}

// "p. 19-21, 28-29" at the end of `text`.
void take_pages(std::string_view& text, ParsedEntry& entry) {
  auto at = text.rfind(", p. ");
  if (at == std::string_view::npos || at + 5 >= text.size() || !is_digit(text[at + 5])) {
    return;
  }
  entry.pages = "p. " + collapse_whitespace(trim_trailing_commas(text.substr(at + 5)));
  text = trim_trailing_commas(text.substr(0, at));
}

// "Publisher, Title, Year[, p. pages][,] [URL] (available in ...)" or "..., End 2019,
// forthcoming".
std::optional<ParsedEntry> parse_entry(std::string_view text) {
  ParsedEntry entry;
  if (!take_availability(text, entry)) {
    return std::nullopt;
  }
  if (auto url_at = find_url(text); url_at != std::string_view::npos) {
    auto url = text.substr(url_at);
    if (url.find(' ') != std::string_view::npos) {
      return std::nullopt;
    }
    entry.url = normalise_url(url);
    text = text.substr(0, url_at);
  }
  text = trim_trailing_commas(text);
  take_pages(text, entry);
  auto comma = text.rfind(',');
  if (comma == std::string_view::npos || !is_year(trim(text.substr(comma + 1)))) {
    return std::nullopt;
  }
  entry.year = std::string(trim(text.substr(comma + 1)));
  if (!split_publisher_and_title(text.substr(0, comma), entry)) {
    return std::nullopt;
  }
  return entry;
}

// ---- Resources, deduplicated ----

// Counts the forms a field is printed in; the most frequent wins, the first printed on a tie.
template <class Value>
class Tally {
 public:
  void add(const Value& value) {
    auto found = std::ranges::find(counts_, value, &std::pair<Value, int>::first);
    if (found == counts_.end()) {
      counts_.emplace_back(value, 1);
    } else {
      ++found->second;
    }
  }

  [[nodiscard]] Value winner() const {
    auto best = counts_.begin();
    for (auto it = counts_.begin(); it != counts_.end(); ++it) {
      best = it->second > best->second ? it : best;
    }
    return best == counts_.end() ? Value{} : best->first;
  }

 private:
  std::vector<std::pair<Value, int>> counts_;
};

struct ResourceForms {
  std::string url;
  Tally<std::string> publisher;
  Tally<std::string> title;
  Tally<std::string> year;
  Tally<std::vector<std::string>> languages;
};

std::string slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_lower(c) || is_digit(c) || is_upper(c)) {
      out.push_back(is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (out.ends_with('-')) {
    out.pop_back();
  }
  return out;
}

// The same title however the lines were broken or the words capitalised.
std::string title_key(std::string_view title) {
  return "title:" + slug(title);
}

// "https://www.osce.org/secretariat/405095" gives "osce-secretariat-405095": the site and the
// last two path segments.
std::string id_from_url(std::string_view url) {
  auto host_begin = url.find("://") + 3;
  auto path_begin = std::min(url.find('/', host_begin), url.size());
  auto host = url.substr(host_begin, path_begin - host_begin);
  if (host.starts_with("www.")) {
    host.remove_prefix(4);
  }
  std::vector<std::string_view> segments;
  for (auto segment : split_on(url.substr(path_begin), '/')) {
    if (!segment.empty()) {
      segments.push_back(segment);
    }
  }
  std::string id(host.substr(0, host.find('.')));
  auto first = segments.size() > 2 ? segments.size() - 2 : 0;
  for (auto i = first; i < segments.size(); ++i) {
    id += " ";
    id += segments[i];
  }
  return slug(id);
}

struct PendingCitation {
  std::string resource_key;
  std::string keyword;
  std::string provision;
  std::string pages;
};

// Collects the entries of placed pages and makes resources and citations of them.
class Literature {
 public:
  bool add(const Listing& listing, const std::string& provision) {
    auto entry = parse_entry(listing.entry);
    if (!entry) {
      return false;
    }
    auto key = entry->url.empty() ? title_key(entry->title) : entry->url;
    auto [found, inserted] = forms_.try_emplace(key);
    if (inserted) {
      order_.push_back(key);
      found->second.url = entry->url;
    }
    found->second.publisher.add(entry->publisher);
    found->second.title.add(entry->title);
    found->second.year.add(entry->year);
    found->second.languages.add(entry->languages);
    citations_.push_back(PendingCitation{key, listing.keyword, provision, entry->pages});
    return true;
  }

  void build(Corpus& corpus) const {
    std::map<std::string, std::string> id_of_key;
    std::set<std::string> ids;
    for (const auto& key : order_) {
      auto resource = resolve(forms_.at(key));
      auto id = resource.id;
      for (int suffix = 2; !ids.insert(resource.id).second; ++suffix) {
        resource.id = id + "-" + std::to_string(suffix);
      }
      id_of_key[key] = resource.id;
      corpus.resources.push_back(std::move(resource));
    }
    std::set<std::tuple<std::string, std::string, std::string>> cited;
    for (const auto& citation : citations_) {
      const auto& id = id_of_key.at(citation.resource_key);
      if (cited.emplace(id, citation.keyword, citation.provision).second) {
        corpus.citations.push_back(
            Citation{id, citation.keyword, citation.provision, citation.pages});
      }
    }
  }

 private:
  static Resource resolve(const ResourceForms& forms) {
    Resource resource;
    resource.url = forms.url;
    resource.publisher = forms.publisher.winner();
    resource.title = forms.title.winner();
    resource.year = forms.year.winner();
    resource.languages = forms.languages.winner();
    resource.id = resource.url.empty() ? slug(resource.title) : id_from_url(resource.url);
    return resource;
  }

  std::map<std::string, ResourceForms> forms_;
  std::vector<std::string> order_;
  std::vector<PendingCitation> citations_;
};

// ---- The annex: the decisions ----

// The text from line `begin` to line `end` (exclusive) of `text`, whose lines `lines` are.
std::string_view lines_text(std::span<const std::string_view> lines, std::size_t begin,
                            std::size_t end) {
  const char* first = lines[begin].data();
  const char* last = lines[end - 1].data() + lines[end - 1].size();
  return {first, static_cast<std::size_t>(last - first)};
}

Result<ParseResult> parse_annex(std::span<const std::string_view> lines,
                                const std::vector<std::size_t>& starts) {
  ParseResult annex;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    auto end = i + 1 < starts.size() ? starts[i + 1] : lines.size();
    auto decision =
        parse_decision(lines_text(lines, starts[i], end), static_cast<int>(starts[i]) + 1);
    if (!decision) {
      return fail(decision.error().code, "the Compendium's annex: " + decision.error().message);
    }
    auto& corpus = decision->corpus;
    std::ranges::move(corpus.documents, std::back_inserter(annex.corpus.documents));
    std::ranges::move(corpus.provisions, std::back_inserter(annex.corpus.provisions));
    std::ranges::move(decision->unplaced, std::back_inserter(annex.unplaced));
  }
  return annex;
}

// Decisions in the order they were adopted (the annex prints the newest first).
void order_by_adoption(Corpus& corpus) {
  auto adoption = [](const Document& document) { return std::pair(document.adopted, document.id); };
  std::ranges::stable_sort(corpus.documents, {}, adoption);
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
    rank[corpus.documents[i].id] = i;
  }
  std::ranges::stable_sort(corpus.provisions, {}, [&](const Provision& provision) {
    return std::pair(rank[provision.document], provision.sequence);
  });
}

// ---- Tying pages to provisions ----

class Placement {
 public:
  explicit Placement(ParseResult& result) : result_(result) {
    for (auto& provision : result_.corpus.provisions) {
      by_id_[provision.id] = &provision;
    }
  }

  void place(const std::vector<Page>& pages) {
    auto owners = page_owners(pages);
    for (std::size_t i = 0; i < pages.size(); ++i) {
      for (const auto& marker : pages[i].markers) {
        place_marker(marker, pages[i].pillar);
      }
      cite(pages[i], owners[i]);
    }
    literature_.build(result_.corpus);
    collect_keywords();
  }

 private:
  // A marker places its provision in the 4P structure, once, and only within a known section.
  void place_marker(const Marker& marker, const std::string& pillar) {
    auto found = by_id_.find(marker.provision);
    if (found == by_id_.end() || pillar.empty() || !placed_.insert(marker.provision).second) {
      result_.unplaced.push_back(UnplacedLine{marker.line, marker_text(marker.provision)});
      return;
    }
    found->second->pillar = pillar;
  }

  static std::string marker_text(std::string_view id) {
    auto dot = id.find('.');
    return "(MC Decision " + std::string(id.substr(2, dot - 2)) + ", para " +
           std::string(id.substr(dot + 1)) + ")";
  }

  void cite(const Page& page, const std::optional<Marker>& owner) {
    auto found = owner ? by_id_.find(owner->provision) : by_id_.end();
    for (const auto& listing : page.listings) {
      if (found == by_id_.end() || !literature_.add(listing, found->first)) {
        result_.unplaced.push_back(UnplacedLine{listing.line, listing.entry});
        continue;
      }
      auto& keywords = found->second->keywords;
      if (std::ranges::find(keywords, listing.keyword) == keywords.end()) {
        keywords.push_back(listing.keyword);
      }
    }
  }

  void collect_keywords() {
    std::set<std::string> names;
    for (const auto& citation : result_.corpus.citations) {
      names.insert(citation.keyword);
    }
    for (const auto& name : names) {
      result_.corpus.keywords.push_back(Keyword{name});
    }
  }

  ParseResult& result_;
  std::map<std::string, Provision*> by_id_;
  std::set<std::string> placed_;
  Literature literature_;
};

}  // namespace

Result<ParseResult> parse_compendium(std::string_view text) {
  if (!is_plain_text(text)) {
    return fail(Errc::malformed, "the Compendium is not plain UTF-8 text");
  }
  auto lines = split_lines(text);
  auto starts = decision_start_lines(lines);
  if (starts.empty()) {
    return fail(Errc::malformed,
                "the Compendium has no annex with the decisions (no \"DECISION No.\" line)");
  }
  PageReader reader;
  reader.read(std::span(lines).first(starts.front()));
  if (reader.pages().empty()) {
    return fail(Errc::malformed, "the Compendium has no \"Resources by keyword\" page");
  }
  auto result = parse_annex(lines, starts);
  if (!result) {
    return result;
  }
  order_by_adoption(result->corpus);
  std::ranges::move(reader.unplaced(), std::back_inserter(result->unplaced));
  Placement(*result).place(reader.pages());
  std::ranges::sort(result->unplaced, {}, &UnplacedLine::line);
  return result;
}

Result<ParseResult> parse_shipped_compendium() {
  auto corrections = parse_corrections(shipped_text("corrections.toml"));
  if (!corrections) {
    return tl::unexpected(corrections.error());
  }
  constexpr std::string_view kFile = "compendium-2019.txt";
  auto text = apply_corrections(kFile, std::string(shipped_text(kFile)), *corrections);
  if (!text) {
    return tl::unexpected(text.error());
  }
  return parse_compendium(*text);
}

}  // namespace lifeline::domain::corpus
