#include "api/stats_report.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "api/services.hpp"
#include "api/stats_figures.hpp"
#include "core/clock.hpp"
#include "domain/nrm/vocabulary.hpp"
#include "domain/stats/facts.hpp"

namespace lifeline::api {
namespace {

using domain::stats::Dimension;
using domain::stats::ProtectedTable;
using domain::stats::Suppression;
using formats::PdfChart;
using formats::PdfDocument;
using formats::PdfHeading;
using formats::PdfNote;
using formats::PdfParagraph;
using formats::PdfTable;
using nlohmann::json;

constexpr std::size_t kTopCountries = 15;

// Keep the two columns in step: a test checks that no text is missing in either language.
constexpr std::array kTexts = {
    ReportText{"title", "Annual report of the National Rapporteur on trafficking in human beings",
               "Ежегодный доклад Национального докладчика по вопросам торговли людьми"},
    ReportText{"page", "Page", "Страница"},
    ReportText{"intro",
               "Figures of the National Referral Mechanism for {year}: people referred from "
               "1 January to 31 December {year}, counted from the anonymous statistics facts. "
               "Nothing in this report identifies anybody.",
               "Данные Национального механизма перенаправления за {year} год: лица, "
               "направленные с 1 января по 31 декабря {year} года, по обезличенным "
               "статистическим данным. Ничто в этом докладе не позволяет установить личность."},
    ReportText{"generated", "Report generated {date}.", "Доклад составлен {date}."},
    ReportText{"suppression_rule",
               "Disclosure control: cells counting fewer than {threshold} people are shown as "
               "\"<{threshold}\", and further cells as \"x\" where a suppressed figure could "
               "otherwise be worked out from the totals.",
               "Защита от раскрытия: ячейки, в которых менее {threshold} человек, показаны как "
               "«<{threshold}», а другие ячейки — как «x», если иначе скрытое значение можно "
               "было бы вычислить из итогов."},
    ReportText{"note_none", "No cell counts fewer than {threshold} people; nothing is suppressed.",
               "Ни в одной ячейке нет менее {threshold} человек; ничего не скрыто."},
    ReportText{"note_suppressed",
               "Cells counting fewer than {threshold} people are shown as \"<{threshold}\" (0 to "
               "{below}). {secondary} further cells are suppressed (\"x\") so that no suppressed "
               "figure can be worked out from the totals.",
               "Ячейки, в которых менее {threshold} человек, показаны как «<{threshold}» (от 0 "
               "до {below}). Ещё {secondary} ячеек скрыто («x»), чтобы скрытое значение нельзя "
               "было вычислить из итогов."},
    ReportText{"note_multi",
               "A person exploited in several ways is counted once in each type; the types add "
               "up to more than the total.",
               "Лицо, подвергшееся нескольким видам эксплуатации, учитывается в каждом из них; "
               "сумма по видам больше итога."},
    ReportText{"note_top", "The {shown} countries with most referrals; {more} more not shown.",
               "{shown} стран с наибольшим числом направлений; ещё {more} не показаны."},
    ReportText{"by_month", "Referrals by month", "Направления по месяцам"},
    ReportText{"by_gender", "Referrals by sex and status", "Направления по полу и статусу"},
    ReportText{"by_age_group", "Referrals by age group and status",
               "Направления по возрастной группе и статусу"},
    ReportText{"by_exploitation", "Referrals by type of exploitation",
               "Направления по виду эксплуатации"},
    ReportText{"by_citizenship", "Referrals by citizenship", "Направления по гражданству"},
    ReportText{"by_responder", "Referrals by type of first responder",
               "Направления по типу первичного субъекта"},
    ReportText{"decisions", "Decision outcomes", "Результаты решений"},
    ReportText{"decisions_caption",
               "Reasonable-grounds decisions (rows) against conclusive decisions (columns).",
               "Решения о наличии разумных оснований (строки) и окончательные решения (столбцы)."},
    ReportText{"process", "Process figures", "Показатели процесса"},
    ReportText{"backlog", "Backlog: cases waiting for a decision",
               "Нерассмотренные случаи: ожидают решения"},
    ReportText{"figure", "Figure", "Показатель"},
    ReportText{"value", "Value", "Значение"},
    ReportText{"total", "Total", "Итого"},
    ReportText{"days_waiting", "Days waiting", "Дней ожидания"},
    ReportText{"rg_waiting", "Reasonable grounds", "Разумные основания"},
    ReportText{"cg_waiting", "Conclusive", "Окончательное"},
    ReportText{"rg_decisions", "Reasonable-grounds decisions",
               "Решения о наличии разумных оснований"},
    ReportText{"rg_median", "Median days to the reasonable-grounds decision",
               "Медиана дней до решения о разумных основаниях"},
    ReportText{"rg_p90", "90th percentile of days to the reasonable-grounds decision",
               "90-й процентиль дней до решения о разумных основаниях"},
    ReportText{"rg_in_time", "Decided within the deadline of {days} working days",
               "Решено в срок {days} рабочих дней"},
    ReportText{"cg_decisions", "Conclusive decisions", "Окончательные решения"},
    ReportText{"cg_median", "Median days to the conclusive decision",
               "Медиана дней до окончательного решения"},
    ReportText{"cg_p90", "90th percentile of days to the conclusive decision",
               "90-й процентиль дней до окончательного решения"},
    ReportText{"reflection", "Reflection periods", "Периоды восстановления и размышления"},
    ReportText{"reflection_median", "Median days of the reflection period",
               "Медиана дней периода восстановления и размышления"},
    ReportText{"process_note",
               "Durations are published only when at least {threshold} decisions share them; "
               "\"–\" marks a figure not published.",
               "Длительности публикуются, только если решений не менее {threshold}; «–» "
               "означает, что показатель не публикуется."},
    ReportText{"status", "Status", "Статус"},
    ReportText{"cat.gender", "Sex", "Пол"},
    ReportText{"cat.age_group", "Age group", "Возрастная группа"},
    ReportText{"cat.exploitation_type", "Type of exploitation", "Вид эксплуатации"},
    ReportText{"cat.citizenship", "Citizenship", "Гражданство"},
    ReportText{"cat.first_responder_type", "First responder", "Первичный субъект"},
    ReportText{"cat.rg_outcome", "Reasonable grounds", "Разумные основания"},
    ReportText{"cat.month", "Month", "Месяц"},
    ReportText{"val.presumed_victim", "Presumed victims", "Предполагаемые жертвы"},
    ReportText{"val.identified_victim", "Identified victims", "Установленные жертвы"},
    ReportText{"val.not_a_victim", "Not a victim", "Не является жертвой"},
    ReportText{"val.unknown", "Unknown", "Неизвестно"},
    ReportText{"val.child", "Children", "Дети"},
    ReportText{"val.adult", "Adults", "Взрослые"},
    ReportText{"val.feminine", "Female", "Женский"},
    ReportText{"val.masculine", "Male", "Мужской"},
    ReportText{"val.transgender_feminine", "Transgender feminine", "Трансгендер (женский)"},
    ReportText{"val.transgender_masculine", "Transgender masculine", "Трансгендер (мужской)"},
    ReportText{"val.non_conforming", "Non-conforming", "Небинарный"},
    ReportText{"val.not_specified", "Not specified", "Не указан"},
    ReportText{"val.positive", "Positive", "Положительное"},
    ReportText{"val.negative", "Negative", "Отрицательное"},
    ReportText{"val.pending", "Pending", "Ожидается"},
    ReportText{"val.forced_labour", "Forced labour", "Принудительный труд"},
    ReportText{"val.sexual_exploitation", "Sexual exploitation", "Сексуальная эксплуатация"},
    ReportText{"val.child_labour", "Child labour", "Детский труд"},
    ReportText{"val.forced_marriage", "Forced marriage", "Принудительный брак"},
    ReportText{"val.servitude", "Servitude", "Подневольное состояние"},
    ReportText{"val.forced_military", "Forced military (by non-state actors)",
               "Принудительная военная служба (негосударственные субъекты)"},
    ReportText{"val.organ_removal", "Organ removal", "Изъятие органов"},
    ReportText{"val.forced_begging", "Forced begging", "Принудительное попрошайничество"},
    ReportText{"val.forced_criminality", "Forced criminal activities",
               "Принуждение к преступной деятельности"},
    ReportText{"val.forced_adoption", "Forced adoption", "Принудительное усыновление"},
    ReportText{"val.surrogacy", "Surrogacy", "Суррогатное материнство"},
    ReportText{"val.other", "Other", "Другое"},
};

std::string replace_all(std::string text, std::string_view name, std::string_view value) {
  const auto placeholder = fmt::format("{{{}}}", name);
  for (auto at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

// The label of a category: the catalogue's, else the English label of its vocabulary term,
// else the category itself (months, country codes).
std::string category_label(std::string_view category, ReportLanguage language) {
  const auto key = fmt::format("val.{}", category);
  for (const auto& text : kTexts) {
    if (text.key == key) return std::string(language == ReportLanguage::ru ? text.ru : text.en);
  }
  for (const auto vocabulary : {domain::nrm::exploitation_types(), domain::nrm::genders()}) {
    if (const auto* term = domain::nrm::find_term(vocabulary, category)) {
      return std::string(term->label);
    }
  }
  return std::string(category);
}

class Builder {
 public:
  Builder(Services& services, int year, ReportLanguage language, const ReportProgress& progress)
      : services_(services), language_(language), progress_(progress) {
    filter_.from = fmt::format("{}-01-01", year);
    filter_.to = fmt::format("{}-12-31", year);
    threshold_ = std::to_string(services.stats_policy.suppression_threshold);
  }

  std::string text(std::string_view key) const { return report_text(key, language_); }

  std::string with_threshold(std::string_view key) const {
    return replace_all(text(key), "threshold", threshold_);
  }

  void say(const std::string& line) const {
    if (progress_) progress_(line);
  }

  Result<ProtectedTable> table(Dimension rows) {
    return published_table(services_, rows, Dimension::trafficking_status, filter_);
  }

  std::string suppression_note(const ProtectedTable& table) const {
    const auto secondary = table.count(Suppression::secondary);
    if (table.count(Suppression::primary) + secondary == 0) return with_threshold("note_none");
    auto note = replace_all(with_threshold("note_suppressed"), "below",
                            std::to_string(table.threshold - 1));
    return replace_all(note, "secondary", std::to_string(secondary));
  }

  // The published value of a cell for a chart: a suppressed cell draws no bar.
  static double bar_value(const ProtectedTable& table, std::size_t row, std::size_t col) {
    if (table.suppression[row][col] != Suppression::none) return 0;
    return static_cast<double>(table.value(row, col));
  }

  // The rows to show: all, or for citizenship the countries with the most referrals by their
  // published totals (a suppressed total sorts as nothing, never by its hidden value).
  static std::vector<std::size_t> shown_rows(const ProtectedTable& table, std::size_t limit) {
    std::vector<std::size_t> rows(table.counts.rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) rows[r] = r;
    if (rows.size() <= limit) return rows;
    const auto last = table.width() - 1;
    std::ranges::stable_sort(rows, [&](std::size_t a, std::size_t b) {
      return bar_value(table, a, last) > bar_value(table, b, last);
    });
    rows.resize(limit);
    return rows;
  }

  PdfTable table_block(const ProtectedTable& table, Dimension rows,
                       const std::vector<std::size_t>& shown) const {
    PdfTable block;
    block.header.push_back(text(fmt::format("cat.{}", domain::stats::to_string(rows))));
    for (const auto& col : table.counts.cols)
      block.header.push_back(category_label(col, language_));
    block.header.push_back(text("total"));
    block.numeric.assign(block.header.size(), true);
    block.numeric[0] = false;
    auto add_row = [&](std::size_t r, std::string label) {
      std::vector<std::string> line{std::move(label)};
      for (std::size_t c = 0; c < table.width(); ++c) line.push_back(published_cell(table, r, c));
      block.rows.push_back(std::move(line));
    };
    for (const auto r : shown) add_row(r, category_label(table.counts.rows[r], language_));
    add_row(table.height() - 1, text("total"));
    return block;
  }

  Result<void> add_table(Dimension rows, std::string_view heading, std::size_t limit) {
    auto table = this->table(rows);
    if (!table) return tl::unexpected(table.error());
    document_.blocks.emplace_back(PdfHeading{text(heading), 1});
    const auto shown = shown_rows(*table, limit);
    document_.blocks.emplace_back(table_block(*table, rows, shown));
    if (shown.size() < table->counts.rows.size()) {
      auto note = replace_all(text("note_top"), "shown", std::to_string(shown.size()));
      document_.blocks.emplace_back(PdfNote{
          replace_all(note, "more", std::to_string(table->counts.rows.size() - shown.size()))});
    }
    if (domain::stats::is_multi_valued(rows)) {
      document_.blocks.emplace_back(PdfNote{text("note_multi")});
    }
    document_.blocks.emplace_back(PdfNote{suppression_note(*table)});
    return {};
  }

  Result<void> add_month_chart() {
    auto table = this->table(Dimension::month);
    if (!table) return tl::unexpected(table.error());
    document_.blocks.emplace_back(PdfHeading{text("by_month"), 1});
    PdfChart chart{text("by_month"), {}, true};
    const auto last = table->width() - 1;
    std::vector<std::size_t> rows;
    for (std::size_t r = 0; r + 1 < table->height(); ++r) {
      chart.bars.push_back(
          {table->counts.rows[r], bar_value(*table, r, last), published_cell(*table, r, last)});
      rows.push_back(r);
    }
    document_.blocks.emplace_back(std::move(chart));
    document_.blocks.emplace_back(table_block(*table, Dimension::month, rows));
    document_.blocks.emplace_back(PdfNote{suppression_note(*table)});
    return {};
  }

  Result<void> add_decisions() {
    auto table = published_table(services_, Dimension::rg_outcome, Dimension::cg_outcome, filter_);
    if (!table) return tl::unexpected(table.error());
    document_.blocks.emplace_back(PdfHeading{text("decisions"), 1});
    document_.blocks.emplace_back(PdfParagraph{text("decisions_caption")});
    std::vector<std::size_t> rows(table->counts.rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) rows[r] = r;
    document_.blocks.emplace_back(table_block(*table, Dimension::rg_outcome, rows));
    document_.blocks.emplace_back(PdfNote{suppression_note(*table)});
    return {};
  }

  // A count of the process figures: its value, or "<5" when suppressed.
  std::string count_text(const json& count) const {
    if (count.value("suppressed", false)) return fmt::format("<{}", threshold_);
    const auto& value = count["value"];
    return value.is_number() ? std::to_string(value.get<std::int64_t>()) : "–";
  }

  static std::string number_text(const json& value) {
    return value.is_number() ? std::to_string(value.get<std::int64_t>()) : "–";
  }

  static std::string share_text(const json& value) {
    return value.is_number() ? fmt::format("{:.0f}%", value.get<double>() * 100.0) : "–";
  }

  Result<void> add_process() {
    auto figures = process_figures(services_, filter_);
    if (!figures) return tl::unexpected(figures.error());
    const auto& decisions = (*figures)["decisions"];
    const auto& rg = decisions["reasonable_grounds"];
    const auto& cg = decisions["conclusive"];
    const auto& reflection = decisions["reflection_period"];
    document_.blocks.emplace_back(PdfHeading{text("process"), 1});
    PdfTable table{{text("figure"), text("value")}, {}, {false, true}};
    table.rows = {
        {text("rg_decisions"), count_text(rg["decisions"])},
        {text("rg_median"), number_text(rg["median_days"])},
        {text("rg_p90"), number_text(rg["p90_days"])},
        {replace_all(text("rg_in_time"), "days",
                     std::to_string(rg.value("deadline_working_days", 0))),
         share_text(rg["within_deadline_share"])},
        {text("cg_decisions"), count_text(cg["decisions"])},
        {text("cg_median"), number_text(cg["median_days"])},
        {text("cg_p90"), number_text(cg["p90_days"])},
        {text("reflection"), count_text(reflection["periods"])},
        {text("reflection_median"), number_text(reflection["median_days"])},
    };
    document_.blocks.emplace_back(std::move(table));
    document_.blocks.emplace_back(PdfNote{with_threshold("process_note")});
    document_.blocks.emplace_back(PdfHeading{text("backlog"), 2});
    PdfTable backlog{
        {text("days_waiting"), text("rg_waiting"), text("cg_waiting")}, {}, {false, true, true}};
    const auto& waiting = (*figures)["backlog"];
    const auto& rg_buckets = waiting["reasonable_grounds"];
    const auto& cg_buckets = waiting["conclusive"];
    for (std::size_t i = 0; i < rg_buckets.size(); ++i) {
      backlog.rows.push_back({rg_buckets[i].value("days", std::string{}), count_text(rg_buckets[i]),
                              i < cg_buckets.size() ? count_text(cg_buckets[i]) : "–"});
    }
    document_.blocks.emplace_back(std::move(backlog));
    return {};
  }

  Result<PdfDocument> build(int year) {
    const auto year_text = std::to_string(year);
    document_.title = fmt::format("{} {}", text("title"), year_text);
    document_.footer = text("page");
    document_.blocks.emplace_back(PdfParagraph{replace_all(text("intro"), "year", year_text)});
    document_.blocks.emplace_back(
        PdfNote{replace_all(text("generated"), "date", format_iso8601(services_.clock.now()))});
    document_.blocks.emplace_back(PdfNote{with_threshold("suppression_rule")});
    struct Step {
      std::string_view name;
      std::function<Result<void>()> run;
    };
    const std::array<Step, 8> steps = {{
        {"referrals by month", [&] { return add_month_chart(); }},
        {"by sex", [&] { return add_table(Dimension::gender, "by_gender", SIZE_MAX); }},
        {"by age group", [&] { return add_table(Dimension::age_group, "by_age_group", SIZE_MAX); }},
        {"by type of exploitation",
         [&] { return add_table(Dimension::exploitation_type, "by_exploitation", SIZE_MAX); }},
        {"by citizenship",
         [&] { return add_table(Dimension::citizenship, "by_citizenship", kTopCountries); }},
        {"by first responder",
         [&] { return add_table(Dimension::first_responder_type, "by_responder", SIZE_MAX); }},
        {"decision outcomes", [&] { return add_decisions(); }},
        {"process figures", [&] { return add_process(); }},
    }};
    for (std::size_t i = 0; i < steps.size(); ++i) {
      say(fmt::format("report {}: part {} of {}, {}", year, i + 1, steps.size(), steps[i].name));
      if (auto done = steps[i].run(); !done) return tl::unexpected(done.error());
    }
    return std::move(document_);
  }

 private:
  Services& services_;
  ReportLanguage language_;
  const ReportProgress& progress_;
  storage::FactFilter filter_;
  std::string threshold_;
  PdfDocument document_;
};

}  // namespace

std::optional<ReportLanguage> parse_report_language(std::string_view id) {
  if (id == "en") return ReportLanguage::en;
  if (id == "ru") return ReportLanguage::ru;
  return std::nullopt;
}

std::span<const ReportText> report_texts() {
  return kTexts;
}

std::string report_text(std::string_view key, ReportLanguage language) {
  for (const auto& text : kTexts) {
    if (text.key == key) return std::string(language == ReportLanguage::ru ? text.ru : text.en);
  }
  return std::string(key);
}

Result<PdfDocument> build_annual_report(Services& services, int year, ReportLanguage language,
                                        const ReportProgress& progress) {
  return Builder(services, year, language, progress).build(year);
}

}  // namespace lifeline::api
