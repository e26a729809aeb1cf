#include "domain/monitoring/respondents.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace lifeline::domain::monitoring {
namespace {

// The States' names as the page prints them, with their ISO 3166-1 alpha-2 codes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 57> kCodes = {{
    {"Albania", "AL"},
    {"Andorra", "AD"},
    {"Armenia", "AM"},
    {"Austria", "AT"},
    {"Azerbaijan", "AZ"},
    {"Belgium", "BE"},
    {"Belarus", "BY"},
    {"Bosnia and Herzegovina", "BA"},
    {"Bulgaria", "BG"},
    {"Canada", "CA"},
    {"Croatia", "HR"},
    {"Cyprus", "CY"},
    {"Czechia", "CZ"},
    {"Denmark", "DK"},
    {"Estonia", "EE"},
    {"Finland", "FI"},
    {"France", "FR"},
    {"Georgia", "GE"},
    {"Germany", "DE"},
    {"Greece", "GR"},
    {"Holy See", "VA"},
    {"Hungary", "HU"},
    {"Iceland", "IS"},
    {"Ireland", "IE"},
    {"Italy", "IT"},
    {"Kazakhstan", "KZ"},
    {"Kyrgyzstan", "KG"},
    {"Latvia", "LV"},
    {"Liechtenstein", "LI"},
    {"Lithuania", "LT"},
    {"Luxembourg", "LU"},
    {"Malta", "MT"},
    {"Moldova", "MD"},
    {"Monaco", "MC"},
    {"Mongolia", "MN"},
    {"Montenegro", "ME"},
    {"The Netherlands", "NL"},
    {"North Macedonia", "MK"},
    {"Norway", "NO"},
    {"Poland", "PL"},
    {"Portugal", "PT"},
    {"Romania", "RO"},
    {"Russian Federation", "RU"},
    {"San Marino", "SM"},
    {"Serbia", "RS"},
    {"Slovakia", "SK"},
    {"Slovenia", "SI"},
    {"Spain", "ES"},
    {"Sweden", "SE"},
    {"Switzerland", "CH"},
    {"Tajikistan", "TJ"},
    {"Türkiye", "TR"},
    {"Turkmenistan", "TM"},
    {"Ukraine", "UA"},
    {"United Kingdom", "GB"},
    {"United States of America", "US"},
    {"Uzbekistan", "UZ"},
}};

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// "Finland – OSCE Chairpersonship 2025" -> "Finland".
std::string_view without_note(std::string_view name) {
  const auto dash = name.find(" \xE2\x80\x93 ");  // an en dash between spaces
  return dash == std::string_view::npos ? name : trim(name.substr(0, dash));
}

}  // namespace

Result<std::vector<Respondent>> participating_states(std::string_view page) {
  std::vector<Respondent> states;
  bool in_list = false;
  std::size_t start = 0;
  while (start < page.size()) {
    auto end = page.find('\n', start);
    if (end == std::string_view::npos) end = page.size();
    const auto line = trim(page.substr(start, end - start));
    start = end + 1;
    if (!in_list) {
      in_list = line == "Participating States";
      continue;
    }
    if (line.find("Partners for Co-operation") != std::string_view::npos) break;
    if (!line.starts_with("- ")) {
      if (line == "-" || line.empty()) continue;
      break;
    }
    const auto name = without_note(trim(line.substr(2)));
    const auto* known =
        std::ranges::find(kCodes, name, &std::pair<std::string_view, std::string_view>::first);
    if (known == kCodes.end()) {
      return fail(Errc::invalid_argument,
                  "the list of participating States names an unknown State");
    }
    states.push_back({std::string(known->second), std::string(name),
                      std::string(respondent_kind::participating_state)});
  }
  if (states.empty()) {
    return fail(Errc::invalid_argument, "no list of participating States in the text");
  }
  return states;
}

bool is_country_code(std::string_view code) {
  return code.size() == 2 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace lifeline::domain::monitoring
