#include "storage/repositories/case_state_codec.hpp"

#include <gtest/gtest.h>

namespace lifeline::storage {
namespace {

using namespace domain::nrm;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date kReferred{year{2026}, month{3}, day{2}};

CaseState rich_state() {
  CaseState state = open_case(kReferred, 7, true, ReferralKind::identified);
  state.age_assessed_child = true;
  state.age_assessed_on = add_days(kReferred, 1);
  state.decisions.push_back({DecisionKind::reasonable_grounds, Outcome::negative, "", kReferred, 3,
                             11, std::optional<std::int64_t>(21), std::nullopt});
  state.decisions.push_back({DecisionKind::review, Outcome::positive, "", add_days(kReferred, 4), 3,
                             12, std::nullopt, std::optional<std::size_t>(0)});
  state.review_requests.push_back({0, "person", add_days(kReferred, 2), 1});
  state.reflection = ReflectionPeriod{add_days(kReferred, 4), 45, {{10, ""}, {5, ""}}};
  state.guardian = Guardian{21, kReferred};
  state.best_interests_assessed_on = add_days(kReferred, 9);
  state.closures.push_back({"returned", add_days(kReferred, 60), add_days(kReferred, 70)});
  state.cooperates_with_police = true;
  state.legal_steps.push_back({"asylum", "refused", add_days(kReferred, 20), std::nullopt, false});
  state.legal_steps.push_back(
      {"compensation_court", "granted", add_days(kReferred, 30), 1250000, std::nullopt});
  state.return_plan =
      ReturnPlan{"MD", "low", "Centre for Assistance, Chisinau", add_days(kReferred, 61)};
  state.follow_ups.push_back({add_days(kReferred, 90), true, false});
  state.follow_ups.push_back({add_days(kReferred, 180), false, true});
  return state;
}

TEST(CaseStateCodec, RoundTripsEveryPartOfTheState) {
  const auto state = rich_state();
  auto decoded = decode_case_state(encode_case_state(state));
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, state);
}

TEST(CaseStateCodec, RoundTripsAFreshCase) {
  const auto state = open_case(kReferred, 7, false, ReferralKind::anonymous_notification);
  auto decoded = decode_case_state(encode_case_state(state));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, state);
}

TEST(CaseStateCodec, NeverStoresFreeText) {
  auto state = rich_state();
  state.decisions[0].reasons = "She said her employer kept her passport";
  state.reflection->extensions[0].reason = "Medical treatment in Vienna";
  const auto text = encode_case_state(state);
  EXPECT_EQ(text.find("passport"), std::string::npos);
  EXPECT_EQ(text.find("Vienna"), std::string::npos);
  auto decoded = decode_case_state(text);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, rich_state());
}

TEST(CaseStateCodec, RefusesWhatItDidNotWrite) {
  for (const std::string_view text : {"", "{}", "[]", "null", R"({"format":2})",
                                      "{\"format\":1,\"referred_on\":\"2026-02-30\"}"}) {
    auto decoded = decode_case_state(text);
    ASSERT_FALSE(decoded) << text;
    EXPECT_EQ(decoded.error().code, Errc::internal);
  }
  auto text = encode_case_state(rich_state());
  text.replace(text.find("reasonable_grounds"), 18, "unknown_kind_here!");
  EXPECT_FALSE(decode_case_state(text));
}

}  // namespace
}  // namespace lifeline::storage
