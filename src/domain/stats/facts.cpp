#include "domain/stats/facts.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "domain/nrm/vocabulary.hpp"

namespace lifeline::domain::stats {
namespace {

using nrm::DecisionKind;
using nrm::Outcome;

constexpr std::array kDimensions = {
    Dimension::year,
    Dimension::quarter,
    Dimension::month,
    Dimension::gender,
    Dimension::age_group,
    Dimension::age_band,
    Dimension::exploitation_type,
    Dimension::citizenship,
    Dimension::country_of_exploitation,
    Dimension::scope,
    Dimension::first_responder_type,
    Dimension::trafficking_status,
    Dimension::rg_outcome,
    Dimension::cg_outcome,
};

constexpr std::array<std::string_view, kDimensions.size()> kDimensionIds = {
    "year",
    "quarter",
    "month",
    "gender",
    "age_group",
    "age_band",
    "exploitation_type",
    "citizenship",
    "country_of_exploitation",
    "scope",
    "first_responder_type",
    "trafficking_status",
    "rg_outcome",
    "cg_outcome",
};

// Small closed lists in the order a reader expects them.
constexpr std::array<std::string_view, 3> kAgeGroups = {"child", "adult", "unknown"};
constexpr std::array<std::string_view, 3> kScopes = {"internal", "transnational", "unknown"};
constexpr std::array<std::string_view, 3> kOutcomes = {"positive", "negative", "pending"};

std::string_view outcome_or_pending(std::optional<Outcome> outcome) {
  return outcome ? nrm::to_string(*outcome) : "pending";
}

std::string or_unknown(std::string_view value) {
  return std::string(value.empty() ? kUnknown : value);
}

int days_between(nrm::Date from, nrm::Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

const nrm::Decision* first_decision(const nrm::CaseState& state, DecisionKind kind) {
  const auto it = std::ranges::find(state.decisions, kind, &nrm::Decision::kind);
  return it == state.decisions.end() ? nullptr : &*it;
}

bool is_permit(std::string_view kind) {
  return kind == "residence_permit_temporary" || kind == "residence_permit_permanent" ||
         kind == "work_permit";
}

// Steps are recorded in order and a later step of the same kind says how that application
// stands now, so each kind counts once: applied when any step exists, granted when the latest
// one grants it. Compensation claimed is the largest amount applied for (the award's amount when
// only the award was recorded), awarded the latest award.
void add_legal_steps(const nrm::CaseState& state, CaseFacts& facts) {
  for (const auto& kind : nrm::legal_step_kinds()) {
    const nrm::LegalStep* latest = nullptr;
    std::int64_t claimed = 0;
    for (const auto& step : state.legal_steps) {
      if (step.kind != kind.id) continue;
      latest = &step;
      if (step.outcome == "applied") claimed = std::max(claimed, step.amount.value_or(0));
    }
    if (latest == nullptr) continue;
    const bool granted = latest->outcome == "granted";
    if (is_permit(kind.id)) {
      ++facts.permits_applied;
      if (granted) ++facts.permits_granted;
    }
    if (kind.id.starts_with("compensation_")) {
      ++facts.compensation_claims;
      facts.compensation_claimed += claimed > 0 ? claimed : latest->amount.value_or(0);
      if (granted) {
        ++facts.compensation_awards;
        facts.compensation_awarded += latest->amount.value_or(0);
      }
    }
  }
}

void add_decisions(const CaseSource& source, CaseFacts& facts) {
  const auto& state = source.state;
  facts.rg_outcome = outcome_or_pending(nrm::reasonable_grounds_outcome(state));
  facts.cg_outcome = outcome_or_pending(nrm::conclusive_outcome(state));
  if (const auto* rg = first_decision(state, DecisionKind::reasonable_grounds)) {
    facts.rg_days = days_between(source.referred_on, rg->decided_on);
    facts.rg_on = nrm::format_iso_date(rg->decided_on);
  }
  if (const auto* cg = first_decision(state, DecisionKind::conclusive)) {
    facts.cg_days = days_between(source.referred_on, cg->decided_on);
    facts.cg_on = nrm::format_iso_date(cg->decided_on);
  }
  facts.reviews = static_cast<int>(
      std::ranges::count(state.decisions, DecisionKind::review, &nrm::Decision::kind));
  if (state.reflection) {
    facts.reflection_days = days_between(state.reflection->start, state.reflection->end());
  }
}

template <class List>
std::string rank_in(const List& list, std::string_view id) {
  std::size_t rank = 0;
  for (const auto& item : list) {
    if (item == id) return fmt::format("{:04}", rank);
    ++rank;
  }
  return fmt::format("{:04}{}", rank, id);
}

std::string rank_in_vocabulary(nrm::Vocabulary vocabulary, std::string_view id) {
  std::vector<std::string_view> ids;
  ids.reserve(vocabulary.size());
  for (const auto& term : vocabulary) ids.push_back(term.id);
  return rank_in(ids, id);
}

}  // namespace

std::span<const Dimension> all_dimensions() {
  return kDimensions;
}

std::string_view to_string(Dimension dimension) {
  return kDimensionIds.at(static_cast<std::size_t>(dimension));
}

std::optional<Dimension> parse_dimension(std::string_view id) {
  const auto it = std::ranges::find(kDimensionIds, id);
  if (it == kDimensionIds.end()) return std::nullopt;
  return kDimensions.at(static_cast<std::size_t>(it - kDimensionIds.begin()));
}

bool is_multi_valued(Dimension dimension) {
  return dimension == Dimension::exploitation_type;
}

std::string_view trafficking_scope(std::string_view citizenship,
                                   std::string_view country_of_exploitation) {
  if (citizenship.empty() || country_of_exploitation.empty()) return "unknown";
  return citizenship == country_of_exploitation ? "internal" : "transnational";
}

std::string_view age_group(std::string_view age_band, const nrm::CaseState& state) {
  if (age_band.empty()) return state.is_child() ? "child" : "adult";
  return age_band == "age_0_8" || age_band == "age_9_17" ? "child" : "adult";
}

std::uint64_t exploitation_mask(const std::vector<std::string>& types) {
  std::uint64_t mask = 0;
  const auto vocabulary = nrm::exploitation_types();
  for (std::size_t bit = 0; bit < vocabulary.size() && bit < 64; ++bit) {
    if (std::ranges::find(types, vocabulary[bit].id) != types.end()) mask |= 1ULL << bit;
  }
  return mask;
}

std::vector<std::string> exploitation_categories(std::uint64_t mask) {
  std::vector<std::string> categories;
  const auto vocabulary = nrm::exploitation_types();
  for (std::size_t bit = 0; bit < vocabulary.size() && bit < 64; ++bit) {
    if ((mask & (1ULL << bit)) != 0) categories.emplace_back(vocabulary[bit].id);
  }
  if (categories.empty()) categories.emplace_back(kUnknown);
  return categories;
}

CaseFacts case_facts(const CaseSource& source) {
  CaseFacts facts;
  facts.case_id = source.case_id;
  const auto& date = source.referred_on;
  facts.referred_on = nrm::format_iso_date(date);
  facts.year = static_cast<int>(date.year());
  const auto month = static_cast<unsigned>(date.month());
  facts.quarter = fmt::format("{}-Q{}", facts.year, (month + 2) / 3);
  facts.month = fmt::format("{}-{:02}", facts.year, month);
  facts.kind = nrm::to_string(source.kind);
  facts.trafficking_status = nrm::trafficking_status(source.state);
  facts.gender = or_unknown(source.sex);
  facts.age_band = or_unknown(source.age_band);
  facts.age_group = age_group(source.age_band, source.state);
  facts.citizenship = or_unknown(source.citizenship);
  facts.country_of_exploitation = or_unknown(source.country_of_exploitation);
  facts.scope = trafficking_scope(source.citizenship, source.country_of_exploitation);
  facts.first_responder_type = or_unknown(source.first_responder_type);
  facts.exploitation_mask = exploitation_mask(source.exploitation_types);
  facts.status = source.state.status() == nrm::CaseStatus::open ? "open" : "closed";
  add_decisions(source, facts);
  add_legal_steps(source.state, facts);
  facts.returned = source.state.return_plan.has_value();
  facts.follow_ups = static_cast<int>(source.state.follow_ups.size());
  facts.re_trafficked = source.state.re_trafficked();
  return facts;
}

std::string category_sort_key(Dimension dimension, std::string_view category) {
  if (category == kUnknown) return "~";
  switch (dimension) {
    case Dimension::gender:
      return rank_in_vocabulary(nrm::genders(), category);
    case Dimension::age_band:
      return rank_in_vocabulary(nrm::age_bands(), category);
    case Dimension::exploitation_type:
      return rank_in_vocabulary(nrm::exploitation_types(), category);
    case Dimension::trafficking_status:
      return rank_in_vocabulary(nrm::trafficking_statuses(), category);
    case Dimension::age_group:
      return rank_in(kAgeGroups, category);
    case Dimension::scope:
      return rank_in(kScopes, category);
    case Dimension::rg_outcome:
    case Dimension::cg_outcome:
      return rank_in(kOutcomes, category);
    default:
      return std::string(category);
  }
}

}  // namespace lifeline::domain::stats
