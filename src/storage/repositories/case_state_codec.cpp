#include "storage/repositories/case_state_codec.hpp"

#include <nlohmann/json.hpp>

namespace lifeline::storage {
namespace {

using domain::nrm::CaseState;
using domain::nrm::Date;
using nlohmann::json;

constexpr int kFormat = 1;

json date_json(Date date) {
  return domain::nrm::format_iso_date(date);
}

json optional_date_json(const std::optional<Date>& date) {
  return date ? date_json(*date) : json(nullptr);
}

template <class T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json decisions_json(const CaseState& state) {
  auto list = json::array();
  for (const auto& d : state.decisions) {
    list.push_back({{"kind", domain::nrm::to_string(d.kind)},
                    {"outcome", domain::nrm::to_string(d.outcome)},
                    {"decided_on", date_json(d.decided_on)},
                    {"organisation_id", d.organisation_id},
                    {"user_id", d.user_id},
                    {"guardian_cosigned_by", optional_json(d.guardian_cosigned_by)},
                    {"reviews", optional_json(d.reviews)}});
  }
  return list;
}

json review_requests_json(const CaseState& state) {
  auto list = json::array();
  for (const auto& r : state.review_requests) {
    list.push_back({{"decision", r.decision},
                    {"requester", r.requester},
                    {"requested_on", date_json(r.requested_on)},
                    {"answered_by", optional_json(r.answered_by)}});
  }
  return list;
}

json reflection_json(const CaseState& state) {
  if (!state.reflection) return nullptr;
  auto extensions = json::array();
  for (const auto& e : state.reflection->extensions) extensions.push_back({{"days", e.days}});
  return {{"start", date_json(state.reflection->start)},
          {"minimum_days", state.reflection->minimum_days},
          {"extensions", std::move(extensions)}};
}

json closures_json(const CaseState& state) {
  auto list = json::array();
  for (const auto& c : state.closures) {
    list.push_back({{"reason", c.reason},
                    {"closed_on", date_json(c.closed_on)},
                    {"reopened_on", optional_date_json(c.reopened_on)}});
  }
  return list;
}

json legal_steps_json(const CaseState& state) {
  auto list = json::array();
  for (const auto& step : state.legal_steps) {
    list.push_back({{"kind", step.kind},
                    {"outcome", step.outcome},
                    {"on", date_json(step.on)},
                    {"amount", optional_json(step.amount)},
                    {"refoulement_risk", optional_json(step.refoulement_risk)}});
  }
  return list;
}

json return_json(const CaseState& state) {
  if (!state.return_plan) return nullptr;
  const auto& plan = *state.return_plan;
  return {{"country", plan.country},
          {"risk", plan.risk},
          {"receiving_organisation", plan.receiving_organisation},
          {"on", date_json(plan.on)}};
}

json follow_ups_json(const CaseState& state) {
  auto list = json::array();
  for (const auto& f : state.follow_ups) {
    list.push_back(
        {{"on", date_json(f.on)}, {"reached", f.reached}, {"re_trafficked", f.re_trafficked}});
  }
  return list;
}

// Reading: any deviation from what encode_case_state writes throws, and decode_case_state
// turns that into one error.
struct Unreadable {};

Date date_from(const json& value) {
  auto date = domain::nrm::parse_iso_date(value.get<std::string>());
  if (!date) throw Unreadable{};
  return *date;
}

std::optional<Date> optional_date_from(const json& value) {
  if (value.is_null()) return std::nullopt;
  return date_from(value);
}

template <class T>
std::optional<T> optional_from(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<T>();
}

template <class T>
T parsed(const Result<T>& result) {
  if (!result) throw Unreadable{};
  return *result;
}

void read_decisions(const json& list, CaseState& state) {
  for (const auto& d : list) {
    domain::nrm::Decision decision;
    decision.kind = parsed(domain::nrm::parse_decision_kind(d.at("kind").get<std::string>()));
    decision.outcome = parsed(domain::nrm::parse_outcome(d.at("outcome").get<std::string>()));
    decision.decided_on = date_from(d.at("decided_on"));
    decision.organisation_id = d.at("organisation_id").get<std::int64_t>();
    decision.user_id = d.at("user_id").get<std::int64_t>();
    decision.guardian_cosigned_by = optional_from<std::int64_t>(d.at("guardian_cosigned_by"));
    decision.reviews = optional_from<std::size_t>(d.at("reviews"));
    state.decisions.push_back(std::move(decision));
  }
}

void read_review_requests(const json& list, CaseState& state) {
  for (const auto& r : list) {
    state.review_requests.push_back(
        {r.at("decision").get<std::size_t>(), r.at("requester").get<std::string>(),
         date_from(r.at("requested_on")), optional_from<std::size_t>(r.at("answered_by"))});
  }
}

void read_reflection(const json& value, CaseState& state) {
  if (value.is_null()) return;
  domain::nrm::ReflectionPeriod period;
  period.start = date_from(value.at("start"));
  period.minimum_days = value.at("minimum_days").get<int>();
  for (const auto& e : value.at("extensions")) period.extensions.push_back({e.at("days"), ""});
  state.reflection = std::move(period);
}

void read_closures(const json& list, CaseState& state) {
  for (const auto& c : list) {
    state.closures.push_back({c.at("reason").get<std::string>(), date_from(c.at("closed_on")),
                              optional_date_from(c.at("reopened_on"))});
  }
}

// Parts added after the first cases were stored read as empty when absent.
void read_protection(const json& doc, CaseState& state) {
  for (const auto& step : doc.value("legal_steps", json::array())) {
    state.legal_steps.push_back({step.at("kind").get<std::string>(),
                                 step.at("outcome").get<std::string>(), date_from(step.at("on")),
                                 optional_from<std::int64_t>(step.at("amount")),
                                 optional_from<bool>(step.at("refoulement_risk"))});
  }
  if (const auto plan = doc.value("return", json()); !plan.is_null()) {
    state.return_plan = domain::nrm::ReturnPlan{
        plan.at("country").get<std::string>(), plan.at("risk").get<std::string>(),
        plan.at("receiving_organisation").get<std::string>(), date_from(plan.at("on"))};
  }
  for (const auto& f : doc.value("follow_ups", json::array())) {
    state.follow_ups.push_back(
        {date_from(f.at("on")), f.at("reached").get<bool>(), f.at("re_trafficked").get<bool>()});
  }
}

CaseState state_from(const json& doc) {
  if (doc.at("format").get<int>() != kFormat) throw Unreadable{};
  CaseState state;
  state.referred_on = date_from(doc.at("referred_on"));
  state.referring_organisation_id = doc.at("referring_organisation_id").get<std::int64_t>();
  const auto kind = doc.at("referral_kind").get<std::string>();
  state.referral_kind = kind == domain::nrm::to_string(domain::nrm::ReferralKind::identified)
                            ? domain::nrm::ReferralKind::identified
                            : domain::nrm::ReferralKind::anonymous_notification;
  state.presumed_child = doc.at("presumed_child").get<bool>();
  state.age_assessed_child = optional_from<bool>(doc.at("age_assessed_child"));
  state.age_assessed_on = optional_date_from(doc.at("age_assessed_on"));
  read_decisions(doc.at("decisions"), state);
  read_review_requests(doc.at("review_requests"), state);
  read_reflection(doc.at("reflection"), state);
  if (const auto& guardian = doc.at("guardian"); !guardian.is_null()) {
    state.guardian = domain::nrm::Guardian{guardian.at("user_id").get<std::int64_t>(),
                                           date_from(guardian.at("appointed_on"))};
  }
  state.best_interests_assessed_on = optional_date_from(doc.at("best_interests_assessed_on"));
  read_closures(doc.at("closures"), state);
  state.cooperates_with_police = doc.at("cooperates_with_police").get<bool>();
  read_protection(doc, state);
  return state;
}

}  // namespace

std::string encode_case_state(const CaseState& state) {
  json guardian = nullptr;
  if (state.guardian) {
    guardian = {{"user_id", state.guardian->user_id},
                {"appointed_on", date_json(state.guardian->appointed_on)}};
  }
  const json doc = {
      {"format", kFormat},
      {"referred_on", date_json(state.referred_on)},
      {"referring_organisation_id", state.referring_organisation_id},
      {"referral_kind", domain::nrm::to_string(state.referral_kind)},
      {"presumed_child", state.presumed_child},
      {"age_assessed_child", optional_json(state.age_assessed_child)},
      {"age_assessed_on", optional_date_json(state.age_assessed_on)},
      {"decisions", decisions_json(state)},
      {"review_requests", review_requests_json(state)},
      {"reflection", reflection_json(state)},
      {"guardian", std::move(guardian)},
      {"best_interests_assessed_on", optional_date_json(state.best_interests_assessed_on)},
      {"closures", closures_json(state)},
      {"cooperates_with_police", state.cooperates_with_police},
      {"legal_steps", legal_steps_json(state)},
      {"return", return_json(state)},
      {"follow_ups", follow_ups_json(state)}};
  return doc.dump();
}

Result<CaseState> decode_case_state(std::string_view text) {
  try {
    return state_from(json::parse(text));
  } catch (const Unreadable&) {
  } catch (const json::exception&) {
  }
  return fail(Errc::internal, "a stored case state is unreadable");
}

}  // namespace lifeline::storage
