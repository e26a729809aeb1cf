#include "domain/nrm/htcds_import.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <utility>

#include "core/csv_reader.hpp"
#include "crypto/detail/utf8.hpp"

namespace lifeline::domain::nrm {
namespace {

namespace column = htcds_column;

constexpr std::array kColumns = {
    column::referral_date,    column::first_name,
    column::second_name,      column::birthdate,
    column::gender,           column::citizenship,
    column::consent,          column::consent_explained_by,
    column::consent_language, column::is_child,
    column::exploitation,     column::event_country,
    column::event_type,       column::status,
    column::closure_reason,   column::closed_on,
};

// As POST /api/v1/referrals accepts them.
constexpr std::size_t kMaxExplainedByBytes = 200;
constexpr std::size_t kMaxLanguageBytes = 64;
constexpr std::size_t kMaxFieldNameBytes = 64;

// HTCDS hte_Type of the event whose country is the country of exploitation.
constexpr std::string_view kExploitationEvent = "Exploitation";

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

char ascii_upper(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool has_control_character(std::string_view text) {
  return std::ranges::any_of(text, [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7F;
  });
}

// A header cell that looks like a field name (a lower-case prefix, '_', letters and digits) may
// be repeated in a message. Anything else may be a person's data, from a file without a header
// row, and is named by its position only.
bool looks_like_field_name(std::string_view name) {
  const auto underscore = name.find('_');
  if (name.size() > kMaxFieldNameBytes || underscore == std::string_view::npos || underscore == 0 ||
      underscore + 1 == name.size()) {
    return false;
  }
  const auto prefix = name.substr(0, underscore);
  const auto rest = name.substr(underscore + 1);
  return std::ranges::all_of(prefix, [](char c) { return c >= 'a' && c <= 'z'; }) &&
         std::ranges::all_of(rest, [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

std::string header_field(std::size_t position, std::string_view name) {
  auto field = "column " + std::to_string(position + 1);
  if (looks_like_field_name(name)) field.append(" (").append(name).append(")");
  return field;
}

// The line of the first byte that is not UTF-8, or nullopt when the text is UTF-8.
std::optional<std::size_t> first_line_not_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto start = at;
    if (!crypto::detail::next_code_point(text, at)) {
      return 1 + static_cast<std::size_t>(std::ranges::count(text.substr(0, start), '\n'));
    }
  }
  return std::nullopt;
}

// The term an HTCDS picklist value names. A value several terms share maps to the term of the
// same name ("Other" to other, not to forced_criminality); otherwise it names none.
const Term* from_htcds(Vocabulary vocabulary, std::string_view value) {
  const Term* found = nullptr;
  int matches = 0;
  for (const auto& term : vocabulary) {
    if (term.htcds.empty() || !equals_ignoring_case(term.htcds, value)) continue;
    if (equals_ignoring_case(term.id, value)) return &term;
    found = &term;
    ++matches;
  }
  return matches == 1 ? found : nullptr;
}

// "is not an HTCDS prs_Gender value: Feminine, Masculine, ..."
std::string not_an_htcds_value(std::string_view field, Vocabulary vocabulary) {
  std::vector<std::string_view> names;
  for (const auto& term : vocabulary) {
    if (!term.htcds.empty() && std::ranges::find(names, term.htcds) == names.end()) {
      names.push_back(term.htcds);
    }
  }
  std::string rule = "is not an HTCDS ";
  rule.append(field).append(" value (");
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) rule += ", ";
    rule += names[i];
  }
  return rule + ")";
}

std::optional<bool> parse_yes_no(std::string_view value) {
  for (std::string_view yes : {"yes", "true", "1"}) {
    if (equals_ignoring_case(value, yes)) return true;
  }
  for (std::string_view no : {"no", "false", "0"}) {
    if (equals_ignoring_case(value, no)) return false;
  }
  return std::nullopt;
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), ascii_upper);
  return out;
}

// The column each field of validate_referral's errors comes from.
constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kColumnOfField = {{
    {"person.given_name", column::first_name},
    {"person.family_name", column::second_name},
    {"person.date_of_birth", column::birthdate},
    {"person.sex", column::gender},
    {"person.citizenship", column::citizenship},
    {"consent.explained_by", column::consent_explained_by},
    {"consent.language", column::consent_language},
    {"exploitation_types", column::exploitation},
    {"country_of_exploitation", column::event_country},
}};

std::string column_of(std::string_view field) {
  const auto it = std::ranges::find(kColumnOfField, field,
                                    &std::pair<std::string_view, std::string_view>::first);
  return std::string(it == kColumnOfField.end() ? field : it->second);
}

struct Header {
  std::size_t size = 0;
  std::map<std::string_view, std::size_t> positions;  // by column name as in kColumns
};

Result<Header> read_header(const CsvRecord& record) {
  if (record.fields.size() == 1 && record.fields.front().find(';') != std::string::npos) {
    return fail(Errc::invalid_argument,
                "the header row is a single cell with ';' in it: Lifeline reads comma-separated "
                "files; save the file as CSV with commas between the cells");
  }
  Header header{record.fields.size(), {}};
  std::vector<FieldError> problems;
  for (std::size_t i = 0; i < record.fields.size(); ++i) {
    const auto name = trim(record.fields[i]);
    const auto known = std::ranges::find_if(
        kColumns, [&](std::string_view column) { return equals_ignoring_case(column, name); });
    if (name.empty()) {
      problems.push_back({header_field(i, name), "has no name"});
    } else if (known == kColumns.end()) {
      problems.push_back({header_field(i, name),
                          "is not a column Lifeline imports (the columns are listed in "
                          "docs/case-import.md): remove it, or correct its name"});
    } else if (auto [at, added] = header.positions.emplace(*known, i); !added) {
      problems.push_back(
          {header_field(i, name), "repeats column " + std::to_string(at->second + 1)});
    }
  }
  if (!problems.empty()) {
    return fail_fields("the header row names columns Lifeline cannot import", std::move(problems));
  }
  if (!header.positions.contains(column::referral_date)) {
    return fail(Errc::invalid_argument,
                std::string("the header row has no ")
                    .append(column::referral_date)
                    .append(" column: every row needs the date of its referral"));
  }
  return header;
}

// Checks one data row and adds what it breaks to `rejections`; returns the case when it breaks
// nothing.
class RowReader {
 public:
  RowReader(const Header& header, const CsvRecord& record, std::size_t row, Date today,
            std::vector<RowRejection>& rejections)
      : header_(header), record_(record), row_(row), today_(today), rejections_(rejections) {}

  std::optional<ImportedCase> read() {
    const auto before = rejections_.size();
    for (const auto& [name, position] : header_.positions) {
      if (has_control_character(record_.fields[position])) {
        reject(name, "contains a line break or another control character");
      }
    }
    if (rejections_.size() > before) return std::nullopt;

    ImportedCase imported;
    imported.referred_on = date(column::referral_date, true).value_or(today_);
    ReferralInput input = person_and_consent(imported.referred_on);
    input.exploitation_types = exploitation_types();
    input.country_of_exploitation = country_of_exploitation();
    auto closure = read_closure();

    auto referral = validate_referral(input, Checklist::default_indicators(), imported.referred_on);
    if (!referral) {
      for (const auto& field : referral.error().fields)
        reject(column_of(field.field), field.message);
      if (referral.error().fields.empty()) reject("", referral.error().message);
    }
    if (rejections_.size() > before) return std::nullopt;
    imported.referral = std::move(*referral);
    if (closure) {
      // The same rules as closing the case through the API, on the case as just referred.
      const auto opened =
          open_case(imported.referred_on, 0, imported.referral.is_child, imported.referral.kind);
      if (auto closed = close_case(opened, closure->reason, closure->closed_on); !closed) {
        reject(column::closed_on, closed.error().message);
        return std::nullopt;
      }
      imported.closure = std::move(closure);
    }
    return imported;
  }

 private:
  void reject(std::string_view column, std::string rule) {
    rejections_.push_back({row_, std::string(column), std::move(rule)});
  }

  // The trimmed cell of `column`; empty when the file has no such column.
  std::string_view cell(std::string_view column) const {
    const auto it = header_.positions.find(column);
    return it == header_.positions.end() ? std::string_view{} : trim(record_.fields[it->second]);
  }

  std::optional<std::string> optional_text(std::string_view column) const {
    const auto value = cell(column);
    if (value.empty()) return std::nullopt;
    return std::string(value);
  }

  std::optional<Date> date(std::string_view column, bool required) {
    const auto value = cell(column);
    if (value.empty()) {
      if (required) reject(column, "is required");
      return std::nullopt;
    }
    auto parsed = parse_iso_date(value);
    if (!parsed) {
      reject(column, "must be a date, YYYY-MM-DD");
      return std::nullopt;
    }
    if (std::chrono::sys_days{*parsed} > std::chrono::sys_days{today_}) {
      reject(column, "must not be in the future");
      return std::nullopt;
    }
    return *parsed;
  }

  std::optional<bool> yes_no(std::string_view column) {
    const auto value = cell(column);
    if (value.empty()) return std::nullopt;
    auto parsed = parse_yes_no(value);
    if (!parsed) reject(column, "must be yes or no (or true or false, 1 or 0), or empty");
    return parsed;
  }

  ReferralInput person_and_consent(Date referred_on) {
    ReferralInput input;
    auto& person = input.person;
    person.given_name = optional_text(column::first_name);
    person.family_name = optional_text(column::second_name);
    person.date_of_birth = optional_text(column::birthdate);
    if (const auto gender = cell(column::gender); !gender.empty()) {
      if (const auto* term = from_htcds(genders(), gender)) {
        person.sex = std::string(term->id);
      } else {
        reject(column::gender, not_an_htcds_value(column::gender, genders()));
      }
    }
    if (const auto citizenship = cell(column::citizenship); !citizenship.empty()) {
      if (citizenship.find_first_of(";,") != std::string_view::npos) {
        reject(column::citizenship, "names more than one country: Lifeline records one");
      } else {
        person.citizenship = upper(citizenship);
      }
    }
    input.consent.given = yes_no(column::consent).value_or(false);
    input.consent.explained_by = std::string(cell(column::consent_explained_by));
    input.consent.language = std::string(cell(column::consent_language));
    if (input.consent.explained_by.size() > kMaxExplainedByBytes) {
      reject(column::consent_explained_by, "is too long");
    }
    if (input.consent.language.size() > kMaxLanguageBytes) {
      reject(column::consent_language, "is too long");
    }
    input.is_child = is_child(person.date_of_birth, referred_on);
    return input;
  }

  // Said by lifeline_IsChild, or else by a date of birth less than 18 years before the referral.
  bool is_child(const std::optional<std::string>& date_of_birth, Date referred_on) {
    const auto said = yes_no(column::is_child);
    std::optional<int> age;
    if (date_of_birth) {
      if (auto birth = parse_iso_date(*date_of_birth)) age = age_on(*birth, referred_on);
    }
    const bool child_by_age = majority(age) == Majority::child;
    if (said == false && child_by_age) {
      reject(column::is_child, std::string("is no, but by ")
                                   .append(column::birthdate)
                                   .append(" the person was a child on the referral date"));
    }
    // A contradiction is reported once; the rest of the row is checked as a child's.
    return said.value_or(false) || child_by_age;
  }

  std::vector<std::string> exploitation_types() {
    std::vector<std::string> ids;
    auto rest = cell(column::exploitation);
    bool unknown = false;
    while (!rest.empty()) {
      const auto end = rest.find(kImportListSeparator);
      const auto value = trim(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      if (value.empty()) continue;
      if (const auto* term = from_htcds(nrm::exploitation_types(), value)) {
        ids.emplace_back(term->id);
      } else {
        unknown = true;
      }
    }
    if (unknown) {
      reject(column::exploitation,
             not_an_htcds_value(column::exploitation, nrm::exploitation_types()) +
                 ", or values not separated by ';'");
    }
    return ids;
  }

  std::string country_of_exploitation() {
    const auto country = cell(column::event_country);
    const auto type = cell(column::event_type);
    if (!country.empty() && !type.empty() && !equals_ignoring_case(type, kExploitationEvent)) {
      reject(column::event_type,
             std::string("must be ")
                 .append(kExploitationEvent)
                 .append(" (or empty) where hte_Country is given: Lifeline records the "
                         "country of exploitation only"));
      return {};
    }
    return upper(country);
  }

  // The closure a closed status asks for: a Lifeline closure reason whose HTCDS status is the
  // row's, and the date of closure.
  std::optional<Closure> read_closure() {
    const auto status = cell(column::status);
    const Term* status_term = status.empty() ? nullptr : from_htcds(case_statuses(), status);
    if (!status.empty() && status_term == nullptr) {
      reject(column::status, not_an_htcds_value(column::status, case_statuses()));
      return std::nullopt;
    }
    const bool closed = status_term != nullptr &&
                        (status_term->id == "closed" || status_term->id == "closed_referred");
    const auto reason = cell(column::closure_reason);
    if (!closed) {
      for (auto given : {column::closure_reason, column::closed_on}) {
        if (!cell(given).empty()) {
          reject(given, std::string("is given, but ")
                            .append(column::status)
                            .append(" is not Closed or ClosedReferred"));
        }
      }
      return std::nullopt;
    }
    Closure closure;
    const auto* reason_term = find_term(closure_reasons(), reason);
    if (reason.empty()) {
      reject(column::closure_reason, "is required for a closed case");
    } else if (reason_term == nullptr) {
      std::string rule = "must be one of Lifeline's closure reasons (";
      for (const auto& term : closure_reasons()) {
        if (term.id != closure_reasons().front().id) rule += ", ";
        rule += term.id;
      }
      reject(column::closure_reason, rule + ")");
    } else if (reason_term->htcds != status_term->htcds) {
      reject(column::closure_reason, std::string("does not go with ")
                                         .append(column::status)
                                         .append(" ")
                                         .append(status_term->htcds)
                                         .append(": a case transferred abroad is ClosedReferred, "
                                                 "any other closed case is Closed"));
    } else {
      closure.reason = std::string(reason_term->id);
    }
    auto on = date(column::closed_on, true);
    if (closure.reason.empty() || !on) return std::nullopt;
    closure.closed_on = *on;
    return closure;
  }

  const Header& header_;
  const CsvRecord& record_;
  std::size_t row_;
  Date today_;
  std::vector<RowRejection>& rejections_;
};

bool is_blank(const CsvRecord& record) {
  return std::ranges::all_of(record.fields,
                             [](const std::string& field) { return trim(field).empty(); });
}

}  // namespace

std::span<const std::string_view> htcds_import_columns() {
  return kColumns;
}

ImportCounts count_import(const std::vector<ImportedCase>& cases) {
  ImportCounts counts;
  for (const auto& c : cases) {
    if (c.referral.kind == ReferralKind::identified) {
      ++counts.identified;
    } else {
      ++counts.anonymous_notifications;
    }
    if (c.referral.is_child) ++counts.children;
    if (c.closure) ++counts.closed;
  }
  return counts;
}

Result<HtcdsImport> read_htcds_import(std::string_view text, Date today) {
  if (text.size() > kMaxImportBytes) {
    return fail(Errc::too_large, "the file is larger than " + std::to_string(kMaxImportBytes) +
                                     " bytes; split it into several files");
  }
  if (auto line = first_line_not_utf8(text)) {
    return fail(Errc::malformed, "line " + std::to_string(*line) +
                                     " is not UTF-8 text; save the file as CSV in UTF-8");
  }
  auto records = read_csv(text, {kMaxImportRows + 1, kColumns.size() * 4, kMaxImportCellBytes});
  if (!records) return tl::unexpected(records.error());
  if (records->empty() || is_blank(records->front())) {
    return fail(Errc::invalid_argument,
                "the file has no header row: its first row must name the HTCDS fields of its "
                "columns");
  }
  auto header = read_header(records->front());
  if (!header) return tl::unexpected(header.error());

  HtcdsImport result;
  for (std::size_t i = 1; i < records->size(); ++i) {
    const auto& record = (*records)[i];
    if (is_blank(record)) continue;
    ++result.rows;
    const auto row = i + 1;
    if (record.fields.size() != header->size) {
      result.rejections.push_back({row, "",
                                   "has " + std::to_string(record.fields.size()) +
                                       " cells where the header row has " +
                                       std::to_string(header->size)});
      continue;
    }
    if (auto imported = RowReader(*header, record, row, today, result.rejections).read()) {
      result.cases.push_back(std::move(*imported));
    }
  }
  return result;
}

}  // namespace lifeline::domain::nrm
