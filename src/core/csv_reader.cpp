#include "core/csv_reader.hpp"

namespace lifeline {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Walks the text once; `at` is the next byte, `line` the line it is on.
class Reader {
 public:
  Reader(std::string_view text, const CsvLimits& limits) : text_(text), limits_(limits) {}

  Result<std::vector<CsvRecord>> read() {
    std::vector<CsvRecord> records;
    while (at_ < text_.size()) {
      if (records.size() == limits_.max_records) {
        return fail(Errc::too_large, "the file has more than " +
                                         std::to_string(limits_.max_records) +
                                         " rows (the header row included)");
      }
      auto record = read_record(records.size() + 1);
      if (!record) return tl::unexpected(record.error());
      records.push_back(std::move(*record));
    }
    return records;
  }

 private:
  bool at_end() const { return at_ >= text_.size(); }
  bool at_field_end() const {
    return at_end() || text_[at_] == ',' || text_[at_] == '\r' || text_[at_] == '\n';
  }

  tl::unexpected<Error> refuse(Errc code, std::size_t row, std::size_t line,
                               const std::string& problem) const {
    return fail(code,
                "row " + std::to_string(row) + " (line " + std::to_string(line) + "): " + problem);
  }

  Result<CsvRecord> read_record(std::size_t row) {
    CsvRecord record{line_, {}};
    for (;;) {
      if (record.fields.size() == limits_.max_fields) {
        return refuse(Errc::too_large, row, record.line,
                      "has more than " + std::to_string(limits_.max_fields) + " cells");
      }
      auto field = at_ < text_.size() && text_[at_] == '"' ? read_quoted(row, record)
                                                           : read_plain(row, record);
      if (!field) return tl::unexpected(field.error());
      record.fields.push_back(std::move(*field));
      if (at_end()) return record;
      if (text_[at_] == ',') {
        ++at_;
        continue;
      }
      skip_line_break();
      return record;
    }
  }

  // CRLF, LF or a lone CR.
  void skip_line_break() {
    if (text_[at_] == '\r') ++at_;
    if (at_ < text_.size() && text_[at_] == '\n') ++at_;
    ++line_;
  }

  Result<void> check_length(const std::string& field, std::size_t row,
                            const CsvRecord& record) const {
    if (field.size() <= limits_.max_field_bytes) return {};
    return refuse(Errc::too_large, row, record.line,
                  "cell " + std::to_string(record.fields.size() + 1) + " is longer than " +
                      std::to_string(limits_.max_field_bytes) + " bytes");
  }

  Result<std::string> read_plain(std::size_t row, const CsvRecord& record) {
    const auto start = at_;
    while (!at_field_end()) {
      if (text_[at_] == '"') {
        return refuse(Errc::malformed, row, line_,
                      "cell " + std::to_string(record.fields.size() + 1) +
                          " has a quote but does not start with one; put the whole cell in "
                          "quotes and double the quotes inside it");
      }
      ++at_;
    }
    std::string field(text_.substr(start, at_ - start));
    if (auto checked = check_length(field, row, record); !checked) {
      return tl::unexpected(checked.error());
    }
    return field;
  }

  Result<std::string> read_quoted(std::size_t row, const CsvRecord& record) {
    const auto opened_on = line_;
    ++at_;  // the opening quote
    std::string field;
    for (;;) {
      if (at_end()) {
        return refuse(Errc::malformed, row, opened_on,
                      "cell " + std::to_string(record.fields.size() + 1) +
                          " opens a quote that is never closed");
      }
      const char c = text_[at_++];
      if (c == '"') {
        if (at_ < text_.size() && text_[at_] == '"') {
          field.push_back('"');
          ++at_;
          continue;
        }
        break;
      }
      // A line break inside quotes belongs to the field; CRLF counts as one line.
      if (c == '\n' || (c == '\r' && (at_end() || text_[at_] != '\n'))) ++line_;
      field.push_back(c);
      if (field.size() > limits_.max_field_bytes) break;
    }
    if (auto checked = check_length(field, row, record); !checked) {
      return tl::unexpected(checked.error());
    }
    if (!at_field_end()) {
      return refuse(
          Errc::malformed, row, line_,
          "cell " + std::to_string(record.fields.size() + 1) + " has text after its closing quote");
    }
    return field;
  }

  std::string_view text_;
  const CsvLimits& limits_;
  std::size_t at_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

Result<std::vector<CsvRecord>> read_csv(std::string_view text, const CsvLimits& limits) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  return Reader(text, limits).read();
}

}  // namespace lifeline
