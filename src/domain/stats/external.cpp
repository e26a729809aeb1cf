#include "domain/stats/external.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>

#include <fmt/format.h>

#include "core/csv_reader.hpp"
#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::stats {
namespace {

// The UNODC data set runs to some hundred thousand rows.
constexpr CsvLimits kLimits{1000000, 64, 4096};
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_total(std::string_view value) {
  return lower(value) == "total";
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::ranges::all_of(text, [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

// The digits of a whole number, with optional thousands separators ("1,615": one to three
// digits, then groups of three); empty when it is not one.
std::string whole_digits(std::string_view text) {
  if (text.find(',') == std::string_view::npos) return all_digits(text) ? std::string(text) : "";
  std::string digits;
  std::size_t start = 0;
  for (bool first = true;; first = false) {
    const auto comma = text.find(',', start);
    const auto group =
        text.substr(start, comma == std::string_view::npos ? text.npos : comma - start);
    const bool fits = first ? group.size() >= 1 && group.size() <= 3 : group.size() == 3;
    if (!fits || !all_digits(group)) return "";
    digits.append(group);
    if (comma == std::string_view::npos) return digits;
    start = comma + 1;
  }
}

// A non-negative number as published: "1615", "1,615", "12.5".
std::optional<double> parse_number(std::string_view text) {
  const auto point = text.find('.');
  std::string digits = whole_digits(text.substr(0, point));
  if (digits.empty()) return std::nullopt;
  if (point != std::string_view::npos) {
    const auto fraction = text.substr(point + 1);
    if (!all_digits(fraction)) return std::nullopt;
    digits.append(".").append(fraction);
  }
  if (digits.size() > 18) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// The columns a layout needs, found in the header whatever their order and case.
template <std::size_t N>
Result<std::array<std::size_t, N>> find_columns(const CsvRecord& header,
                                                const std::array<std::string_view, N>& names,
                                                std::string_view layout) {
  std::array<std::size_t, N> at{};
  std::vector<std::string> missing;
  for (std::size_t i = 0; i < N; ++i) {
    const auto it = std::ranges::find_if(header.fields, [&](const std::string& field) {
      return lower(trimmed(field)) == lower(names.at(i));
    });
    if (it == header.fields.end()) {
      missing.emplace_back(names.at(i));
    } else {
      at.at(i) = static_cast<std::size_t>(it - header.fields.begin());
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& name : missing) list.append(list.empty() ? "" : ", ").append(name);
    return fail(Errc::malformed,
                fmt::format("this is not a {} file: the header lacks {}", layout, list),
                "bad-import-file");
  }
  return at;
}

bool is_blank(const CsvRecord& record) {
  return std::ranges::all_of(record.fields,
                             [](const std::string& f) { return trimmed(f).empty(); });
}

// One row to check: the columns that may say Total, what else must match, and its figure.
struct Checked {
  std::size_t row = 0;
  std::string context;
  std::vector<std::string> dimensions;
  Figure figure;
};

std::string group_key(const Checked& item, std::size_t dimension) {
  std::string key = item.context;
  key += '\x1f';
  key += std::to_string(dimension);
  for (std::size_t d = 0; d < item.dimensions.size(); ++d) {
    key += '\x1f';
    if (d != dimension) key += lower(item.dimensions[d]);
  }
  return key;
}

struct DetailSum {
  double lower = 0;
  double upper = 0;
  bool known = true;
  std::size_t rows = 0;
};

std::string figure_text(double value) {
  return fmt::format("{}", value);
}

// Every Total of one column against the rows that differ from it only in that column.
std::vector<ImportProblem> check_totals(const std::vector<Checked>& items,
                                        const std::vector<std::string>& names, bool exact) {
  std::map<std::string, DetailSum> details;
  for (const auto& item : items) {
    for (std::size_t d = 0; d < item.dimensions.size(); ++d) {
      if (is_total(item.dimensions[d])) continue;
      auto& sum = details[group_key(item, d)];
      sum.known = sum.known && item.figure.known;
      sum.lower += item.figure.lower;
      sum.upper += item.figure.upper;
      ++sum.rows;
    }
  }
  std::vector<ImportProblem> problems;
  for (const auto& item : items) {
    if (!item.figure.known) continue;
    for (std::size_t d = 0; d < item.dimensions.size(); ++d) {
      if (!is_total(item.dimensions[d])) continue;
      const auto it = details.find(group_key(item, d));
      if (it == details.end() || !it->second.known) continue;
      const auto& sum = it->second;
      const bool short_of_details = sum.lower > item.figure.upper;
      const bool more_than_details = exact && sum.upper < item.figure.lower;
      if (!short_of_details && !more_than_details) continue;
      const auto details_text = sum.lower == sum.upper
                                    ? figure_text(sum.lower)
                                    : fmt::format("{} to {}", sum.lower, sum.upper);
      problems.push_back(
          {item.row,
           fmt::format("the {} Total is {} but its {} detail rows add up to {}", names.at(d),
                       item.figure.lower == item.figure.upper
                           ? figure_text(item.figure.lower)
                           : fmt::format("{} to {}", item.figure.lower, item.figure.upper),
                       sum.rows, details_text)});
    }
  }
  std::ranges::stable_sort(problems, {}, &ImportProblem::row);
  return problems;
}

constexpr std::array<std::string_view, 13> kUnodcColumns = {
    "Iso3_code", "Country", "Region", "Subregion",           "Indicator", "Dimension", "Category",
    "Sex",       "Age",     "Year",   "Unit of measurement", "txtVALUE",  "Source"};

std::optional<int> parse_year(std::string_view text) {
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (year < kFirstYear || year > kLastYear) return std::nullopt;
  return year;
}

std::optional<UnodcRow> unodc_row(const CsvRecord& record,
                                  const std::array<std::size_t, kUnodcColumns.size()>& at,
                                  std::size_t row, std::vector<ImportProblem>& rejected) {
  auto field = [&](std::size_t column) {
    const auto index = at.at(column);
    return index < record.fields.size() ? trimmed(record.fields[index]) : std::string();
  };
  UnodcRow out;
  out.row = row;
  out.iso3 = field(0);
  out.country = field(1);
  out.region = field(2);
  out.subregion = field(3);
  out.indicator = field(4);
  out.dimension = field(5);
  out.category = field(6);
  out.sex = field(7);
  out.age = field(8);
  out.unit = field(10);
  out.value_text = field(11);
  out.source = field(12);
  std::vector<std::string> problems;
  if (out.iso3.empty()) problems.emplace_back("Iso3_code is empty");
  if (out.indicator.empty()) problems.emplace_back("Indicator is empty");
  const auto year = parse_year(field(9));
  if (!year) problems.emplace_back("Year is not a year");
  if (!problems.empty()) {
    std::string message;
    for (const auto& p : problems) message.append(message.empty() ? "" : "; ").append(p);
    rejected.push_back({row, message});
    return std::nullopt;
  }
  out.year = *year;
  out.value = parse_figure(out.value_text).number;
  return out;
}

std::string unodc_key(const UnodcRow& r) {
  return lower(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", r.iso3, r.indicator,
                           r.dimension, r.category, r.sex, r.age, r.year, r.unit));
}

constexpr std::array<std::string_view, 7> kNrmColumns = {
    "First responder type", "First responder", "Exploitation type", "Age at exploitation", "Gender",
    "Nationality",          "People"};

std::optional<NrmTableRow> nrm_row(const CsvRecord& record,
                                   const std::array<std::size_t, kNrmColumns.size()>& at,
                                   std::size_t row, std::vector<ImportProblem>& rejected) {
  auto field = [&](std::size_t column) {
    const auto index = at.at(column);
    return index < record.fields.size() ? trimmed(record.fields[index]) : std::string();
  };
  NrmTableRow out{row,      field(0), field(1), field(2),    field(3),
                  field(4), field(5), field(6), std::nullopt};
  const std::array values = {
      &out.first_responder_type, &out.first_responder, &out.exploitation_type,
      &out.age_at_exploitation,  &out.gender,          &out.nationality};
  std::string message;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values.at(i)->empty()) {
      message.append(message.empty() ? "" : "; ").append(kNrmColumns.at(i)).append(" is empty");
    }
  }
  const auto figure = parse_figure(out.people_text);
  if (!figure.known) {
    message.append(message.empty() ? "" : "; ").append("People is not a number or \"<N\"");
  } else if (figure.number &&
             *figure.number != static_cast<double>(static_cast<std::int64_t>(*figure.number))) {
    message.append(message.empty() ? "" : "; ").append("People is not a whole number");
  }
  if (!message.empty()) {
    rejected.push_back({row, message});
    return std::nullopt;
  }
  if (figure.number) out.people = static_cast<std::int64_t>(*figure.number);
  return out;
}

}  // namespace

Figure parse_figure(std::string_view text) {
  const auto value = trimmed(text);
  if (auto number = parse_number(value)) return {number, *number, *number, true};
  if (value.size() > 1 && value.front() == '<') {
    if (auto bound = parse_number(trimmed(std::string_view(value).substr(1)))) {
      if (*bound > 0) return {std::nullopt, 0, *bound - 1, true};
    }
  }
  return {};
}

Result<ParsedFile<UnodcRow>> parse_unodc(std::string_view text) {
  auto records = read_csv(text, kLimits);
  if (!records) return tl::unexpected(records.error());
  if (records->empty()) return fail(Errc::malformed, "the file is empty", "bad-import-file");
  auto at = find_columns(records->front(), kUnodcColumns, "UNODC long layout");
  if (!at) return tl::unexpected(at.error());
  ParsedFile<UnodcRow> file;
  std::map<std::string, std::size_t> seen;
  std::vector<Checked> checked;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& record = (*records)[i];
    if (is_blank(record)) continue;
    ++file.rows_read;
    auto row = unodc_row(record, *at, i + 1, file.rejected);
    if (!row) continue;
    const auto [it, fresh] = seen.emplace(unodc_key(*row), row->row);
    if (!fresh) {
      file.rejected.push_back(
          {row->row, fmt::format("repeats the figure of row {} (same country, indicator, "
                                 "dimension, category, sex, age, year and unit)",
                                 it->second)});
      continue;
    }
    if (lower(row->unit).find("count") != std::string::npos) {
      checked.push_back({row->row,
                         lower(fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}", row->iso3, row->indicator,
                                           row->dimension, row->year, row->unit)),
                         {row->category, row->sex, row->age},
                         parse_figure(row->value_text)});
    }
    file.rows.push_back(std::move(*row));
  }
  file.inconsistencies = check_totals(checked, {"Category", "Sex", "Age"}, false);
  return file;
}

Result<ParsedFile<NrmTableRow>> parse_nrm_table(std::string_view text) {
  auto records = read_csv(text, kLimits);
  if (!records) return tl::unexpected(records.error());
  if (records->empty()) return fail(Errc::malformed, "the file is empty", "bad-import-file");
  auto at = find_columns(records->front(), kNrmColumns, "NRM statistics table");
  if (!at) return tl::unexpected(at.error());
  ParsedFile<NrmTableRow> file;
  std::vector<Checked> checked;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& record = (*records)[i];
    if (is_blank(record)) continue;
    ++file.rows_read;
    auto row = nrm_row(record, *at, i + 1, file.rejected);
    if (!row) continue;
    checked.push_back({row->row,
                       "",
                       {row->first_responder_type, row->first_responder, row->exploitation_type,
                        row->age_at_exploitation, row->gender, row->nationality},
                       parse_figure(row->people_text)});
    file.rows.push_back(std::move(*row));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i + 1 < kNrmColumns.size(); ++i) names.emplace_back(kNrmColumns.at(i));
  file.inconsistencies = check_totals(checked, names, true);
  return file;
}

}  // namespace lifeline::domain::stats

namespace lifeline::domain::stats {
namespace {

constexpr std::array<std::string_view, 8> kCriminalJusticeIndicators = {
    "investigations",         "prosecutions",           "convictions",
    "persons_sentenced",      "sentenced_under_1_year", "sentenced_1_to_5_years",
    "sentenced_over_5_years", kConfiscatedAssets};

constexpr std::array<std::string_view, 5> kCriminalJusticeColumns = {
    "Year", "Indicator", "Exploitation type", "Value", "Source"};

constexpr std::size_t kMaxSource = 500;
constexpr std::size_t kMaxNote = 2000;
constexpr double kMaxFigure = 1e15;

bool is_currency(std::string_view code) {
  return code.size() == 3 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The column of an optional header name, or npos.
std::size_t optional_column(const CsvRecord& header, std::string_view name) {
  const auto it = std::ranges::find_if(header.fields, [&](const std::string& field) {
    return lower(trimmed(field)) == lower(name);
  });
  return it == header.fields.end() ? std::string_view::npos
                                   : static_cast<std::size_t>(it - header.fields.begin());
}

}  // namespace

std::span<const std::string_view> criminal_justice_indicators() {
  return kCriminalJusticeIndicators;
}

bool is_criminal_justice_indicator(std::string_view id) {
  return std::ranges::find(kCriminalJusticeIndicators, id) != kCriminalJusticeIndicators.end();
}

std::string criminal_justice_problem(const CriminalJusticeFigure& figure) {
  std::vector<std::string> problems;
  if (figure.year < kFirstYear || figure.year > kLastYear)
    problems.emplace_back("year is not a year");
  if (!is_criminal_justice_indicator(figure.indicator)) {
    std::string list;
    for (const auto id : kCriminalJusticeIndicators)
      list.append(list.empty() ? "" : ", ").append(id);
    problems.push_back(fmt::format("indicator must be one of {}", list));
  }
  if (figure.exploitation_type != kAllForms &&
      !nrm::is_exploitation_type(figure.exploitation_type)) {
    problems.emplace_back("exploitation type must be \"all\" or a type of exploitation");
  }
  const bool amount = figure.indicator == kConfiscatedAssets;
  if (!(figure.value >= 0) || figure.value > kMaxFigure) {
    problems.emplace_back("value must be a non-negative number");
  } else if (!amount &&
             figure.value != static_cast<double>(static_cast<std::int64_t>(figure.value))) {
    problems.emplace_back("value must be a whole number");
  }
  if (amount && !is_currency(figure.currency)) {
    problems.emplace_back("currency must be an ISO 4217 code such as EUR");
  }
  if (!amount && !figure.currency.empty())
    problems.emplace_back("currency is for confiscated assets only");
  if (figure.source.size() > kMaxSource)
    problems.push_back(fmt::format("source is at most {} characters", kMaxSource));
  if (figure.note.size() > kMaxNote)
    problems.push_back(fmt::format("note is at most {} characters", kMaxNote));
  std::string message;
  for (const auto& p : problems) message.append(message.empty() ? "" : "; ").append(p);
  return message;
}

std::vector<ImportProblem> check_criminal_justice(
    const std::vector<CriminalJusticeFigure>& figures) {
  struct Sentenced {
    std::size_t row = 0;
    double total = -1;
    double bands = 0;
  };
  std::map<std::string, Sentenced> groups;
  std::map<std::string, std::size_t> seen;
  std::vector<ImportProblem> problems;
  for (const auto& f : figures) {
    const auto key = fmt::format("{}\x1f{}\x1f{}", f.year, f.indicator, f.exploitation_type);
    if (const auto [it, fresh] = seen.emplace(key, f.row); !fresh) {
      problems.push_back({f.row, fmt::format("repeats the figure of row {} (same year, indicator "
                                             "and exploitation type)",
                                             it->second)});
    }
    auto& group = groups[fmt::format("{}\x1f{}", f.year, f.exploitation_type)];
    if (f.indicator == "persons_sentenced") {
      group.total = f.value;
      group.row = f.row;
    } else if (f.indicator.starts_with("sentenced_")) {
      group.bands += f.value;
      if (group.row == 0) group.row = f.row;
    }
  }
  for (const auto& [key, group] : groups) {
    if (group.total >= 0 && group.bands > group.total) {
      problems.push_back(
          {group.row, fmt::format("the persons sentenced are {} but the length "
                                  "bands add up to {}",
                                  figure_text(group.total), figure_text(group.bands))});
    }
  }
  std::ranges::stable_sort(problems, {}, &ImportProblem::row);
  return problems;
}

Result<ParsedFile<CriminalJusticeFigure>> parse_criminal_justice(std::string_view text) {
  auto records = read_csv(text, kLimits);
  if (!records) return tl::unexpected(records.error());
  if (records->empty()) return fail(Errc::malformed, "the file is empty", "bad-import-file");
  const auto& header = records->front();
  auto at = find_columns(header, kCriminalJusticeColumns, "criminal-justice figures");
  if (!at) return tl::unexpected(at.error());
  const auto currency_at = optional_column(header, "Currency");
  const auto note_at = optional_column(header, "Note");
  ParsedFile<CriminalJusticeFigure> file;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& record = (*records)[i];
    if (is_blank(record)) continue;
    ++file.rows_read;
    auto field = [&](std::size_t index) {
      return index < record.fields.size() ? trimmed(record.fields[index]) : std::string();
    };
    CriminalJusticeFigure figure;
    figure.row = i + 1;
    const auto year = parse_year(field(at->at(0)));
    figure.year = year.value_or(0);
    figure.indicator = lower(field(at->at(1)));
    figure.exploitation_type = lower(field(at->at(2)));
    const auto value = parse_number(field(at->at(3)));
    figure.value = value.value_or(-1);
    figure.source = field(at->at(4));
    figure.currency = field(currency_at);
    figure.note = field(note_at);
    auto problem = criminal_justice_problem(figure);
    if (!problem.empty()) {
      file.rejected.push_back({figure.row, std::move(problem)});
      continue;
    }
    file.rows.push_back(std::move(figure));
  }
  file.inconsistencies = check_criminal_justice(file.rows);
  return file;
}

}  // namespace lifeline::domain::stats
