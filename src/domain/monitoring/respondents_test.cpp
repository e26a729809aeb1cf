#include "domain/monitoring/respondents.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "domain/corpus/shipped_texts.hpp"

namespace lifeline::domain::monitoring {
namespace {

TEST(Respondents, TheShippedPageListsTheFiftySevenParticipatingStates) {
  const auto states = participating_states(corpus::shipped_text("press-release-2003.txt"));
  ASSERT_TRUE(states.has_value()) << states.error().message;
  ASSERT_EQ(states->size(), 57U);
  EXPECT_EQ(states->front(), (Respondent{"AL", "Albania", "participating_state"}));
  EXPECT_EQ(states->back().code, "UZ");
  const auto finland = std::ranges::find(*states, "FI", &Respondent::code);
  ASSERT_NE(finland, states->end());
  EXPECT_EQ(finland->name, "Finland");
  for (const auto& state : *states) EXPECT_TRUE(is_country_code(state.code)) << state.name;
}

TEST(Respondents, AnUnknownStateOrAMissingListIsRefused) {
  EXPECT_FALSE(participating_states("Participating States\n- Atlantis\n").has_value());
  EXPECT_FALSE(participating_states("nothing here").has_value());
  const auto two = participating_states(
      "Countries\nParticipating States\n- Albania\n- Andorra\n"
      "- Asian Partners for Co-operation\n- Iceland\n");
  ASSERT_TRUE(two.has_value());
  EXPECT_EQ(two->size(), 2U);
}

}  // namespace
}  // namespace lifeline::domain::monitoring
