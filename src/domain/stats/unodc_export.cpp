#include "domain/stats/unodc_export.hpp"

#include <cctype>
#include <optional>

#include <fmt/format.h>

namespace lifeline::domain::stats {
namespace {

constexpr std::string_view kVictims = "Detected trafficking victims";
constexpr std::string_view kCounts = "Counts";
constexpr std::string_view kCaseSource = "National referral mechanism (Lifeline)";
constexpr std::string_view kCriminalJusticeSource = "National authority";

// The value of a protected cell as UNODC writes it.
std::string shown_value(const ProtectedTable& table, std::size_t row, std::size_t col) {
  const auto value = table.value(row, col);
  if (table.suppression[row][col] == Suppression::none) return std::to_string(value);
  return value < table.threshold ? fmt::format("<{}", table.threshold) : "..";
}

std::string published_count(double value, int threshold) {
  if (value > 0 && value < threshold) return fmt::format("<{}", threshold);
  return fmt::format("{}", static_cast<std::int64_t>(value));
}

// "sexual_exploitation" reads "Sexual exploitation".
std::string label(std::string_view id) {
  std::string text(id);
  for (auto& c : text) {
    if (c == '_') c = ' ';
  }
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::optional<std::string> sex_of(std::string_view gender) {
  if (gender == "feminine") return "Female";
  if (gender == "masculine") return "Male";
  return std::nullopt;  // other and unknown genders stay in the total only
}

std::optional<std::string> age_of(std::string_view group) {
  if (group == "child") return "0-17";
  if (group == "adult") return "18+";
  return std::nullopt;
}

struct RowWriter {
  const UnodcCountry& country;
  int year;
  std::vector<UnodcRow>& rows;

  void add(std::string_view indicator, std::string_view dimension, std::string category,
           std::string sex, std::string age, std::string value, std::string_view source) {
    UnodcRow row;
    row.iso3 = country.iso3;
    row.country = country.name;
    row.region = country.region;
    row.subregion = country.subregion;
    row.indicator = indicator;
    row.dimension = dimension;
    row.category = std::move(category);
    row.sex = std::move(sex);
    row.age = std::move(age);
    row.year = year;
    row.unit = kCounts;
    row.value_text = std::move(value);
    row.value = parse_figure(row.value_text).number;
    row.source = source;
    rows.push_back(std::move(row));
  }
};

void add_breakdown(RowWriter& out, const UnodcBreakdown& breakdown, bool with_total) {
  const auto& table = breakdown.table;
  const auto total_row = table.height() - 1;
  if (table.counts.cols.empty()) {
    if (with_total) out.add(kVictims, kTotal, "", "Total", "Total", "0", kCaseSource);
    return;
  }
  if (with_total) {
    out.add(kVictims, kTotal, "", "Total", "Total", shown_value(table, total_row, 0), kCaseSource);
  }
  for (std::size_t r = 0; r < total_row; ++r) {
    const auto& category = table.counts.rows[r];
    const auto value = shown_value(table, r, 0);
    switch (breakdown.dimension) {
      case Dimension::gender:
        if (auto sex = sex_of(category))
          out.add(kVictims, kTotal, "", *sex, "Total", value, kCaseSource);
        break;
      case Dimension::age_group:
        if (auto age = age_of(category))
          out.add(kVictims, kTotal, "", "Total", *age, value, kCaseSource);
        break;
      case Dimension::exploitation_type:
        out.add(kVictims, "by form of exploitation", label(category), "Total", "Total", value,
                kCaseSource);
        break;
      case Dimension::citizenship:
        out.add(kVictims, "by citizenship", category, "Total", "Total", value, kCaseSource);
        break;
      default:
        break;
    }
  }
}

}  // namespace

std::vector<UnodcRow> unodc_export_rows(const UnodcCountry& country, int year,
                                        const std::vector<UnodcBreakdown>& breakdowns,
                                        const std::vector<CriminalJusticeFigure>& figures,
                                        int threshold) {
  std::vector<UnodcRow> rows;
  RowWriter out{country, year, rows};
  bool first = true;
  for (const auto& breakdown : breakdowns) {
    add_breakdown(out, breakdown, first);
    first = false;
  }
  for (const auto& f : figures) {
    if (f.year != year) continue;
    std::string_view indicator;
    if (f.indicator == "prosecutions") indicator = "Persons prosecuted";
    if (f.indicator == "convictions") indicator = "Persons convicted";
    if (indicator.empty()) continue;
    const bool all = f.exploitation_type == kAllForms;
    out.add(indicator, all ? kTotal : std::string_view("by form of exploitation"),
            all ? std::string() : label(f.exploitation_type), "Total", "Total",
            published_count(f.value, threshold),
            f.source.empty() ? kCriminalJusticeSource : std::string_view(f.source));
  }
  return rows;
}

std::vector<std::string> unodc_fields(const UnodcRow& r) {
  return {r.iso3,      r.country,    r.region, r.subregion, r.indicator,
          r.dimension, r.category,   r.sex,    r.age,       std::to_string(r.year),
          r.unit,      r.value_text, r.source};
}

}  // namespace lifeline::domain::stats
