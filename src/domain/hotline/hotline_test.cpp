#include "domain/hotline/hotline.hpp"

#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <sodium.h>

namespace lifeline::domain::hotline {
namespace {

Account report() {
  Account account;
  account.what = "Workers locked in a warehouse at night";
  account.exploitation_types = {"forced_labour"};
  return account;
}

bool has_field(const Error& error, std::string_view field) {
  return std::ranges::any_of(error.fields, [&](const FieldError& e) { return e.field == field; });
}

TEST(PublicReport, AcceptsAPlainReport) {
  auto checked = validate_public_report(report(), "");
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_EQ(checked->kind, "report");
}

TEST(PublicReport, RefusesAFilledHoneypot) {
  auto checked = validate_public_report(report(), "http://spam.example");
  ASSERT_FALSE(checked);
  EXPECT_TRUE(has_field(checked.error(), "website"));
}

TEST(PublicReport, ReportsEveryBrokenRuleAtOnce) {
  auto account = report();
  account.kind = "complaint";
  account.what = "   ";
  account.language = "eng";
  account.people_count = -1;
  account.children_involved = "maybe";
  account.exploitation_types = {"forced_labour", "forced_labour", "piracy"};
  auto checked = validate_public_report(account, "");
  ASSERT_FALSE(checked);
  for (auto field :
       {"kind", "what", "language", "people_count", "children_involved", "exploitation_types"}) {
    EXPECT_TRUE(has_field(checked.error(), field)) << field;
  }
}

TEST(LoggedContact, WebIsNotAnOperatorsChannel) {
  LoggedContact contact{report(), "web", "witness", {}, "", "", false};
  auto checked = validate_logged_contact(contact, nrm::Checklist::default_indicators());
  ASSERT_FALSE(checked);
  EXPECT_TRUE(has_field(checked.error(), "channel"));
  contact.channel = "phone";
  EXPECT_TRUE(validate_logged_contact(contact, nrm::Checklist::default_indicators()));
}

TEST(LoggedContact, IndicatorsComeFromTheChecklist) {
  LoggedContact contact{report(), "chat", "family_member", {"no_such_indicator"}, "", "", false};
  auto checked = validate_logged_contact(contact, nrm::Checklist::default_indicators());
  ASSERT_FALSE(checked);
  EXPECT_TRUE(has_field(checked.error(), "indicators"));
}

TEST(Triage, ChecksOnlyWhatIsGiven) {
  EXPECT_TRUE(validate_triage({}, nrm::Checklist::default_indicators()));
  Triage triage;
  triage.status = "archived";
  triage.outcome = "";
  EXPECT_FALSE(validate_triage(triage, nrm::Checklist::default_indicators()));
  triage.status = "closed";
  EXPECT_TRUE(validate_triage(triage, nrm::Checklist::default_indicators()));
}

TEST(FollowUpCode, IsTwelveUnambiguousSymbolsInGroups) {
  ASSERT_GE(sodium_init(), 0);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const auto code = new_follow_up_code();
    ASSERT_EQ(code.size(), 14U);
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    EXPECT_EQ(code.find_first_of("01OIL"), std::string::npos);
    EXPECT_EQ(normalise_code(code), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 200U);
}

TEST(FollowUpCode, TypedCodesAreNormalised) {
  EXPECT_EQ(normalise_code("k7qm 2xwd 9rth"), "K7QM-2XWD-9RTH");
  EXPECT_EQ(normalise_code("K7QM2XWD9RTH"), "K7QM-2XWD-9RTH");
  EXPECT_FALSE(normalise_code("K7QM-2XWD-9RT"));
  EXPECT_FALSE(normalise_code("K7QM-2XWD-9RTHH"));
  EXPECT_FALSE(normalise_code("K7QM-2XWD-9RT0"));  // 0 is not in the alphabet
  EXPECT_FALSE(normalise_code("../../etc/passwd"));
}

TEST(Passphrase, IsFiveGroupsOfFour) {
  ASSERT_GE(sodium_init(), 0);
  const auto passphrase = new_passphrase();
  EXPECT_EQ(passphrase.size(), 24U);
  EXPECT_NE(new_passphrase(), passphrase);
}

TEST(Disclosure, SuppressesSmallCells) {
  auto cells = disclose({0, 3, 12, 7, 20}, 5);
  EXPECT_FALSE(cells[0].suppressed);  // zero reveals nobody
  EXPECT_TRUE(cells[1].suppressed);
  // One hidden cell would be the total minus the rest: the smallest other goes too.
  EXPECT_TRUE(cells[3].suppressed);
  EXPECT_FALSE(cells[2].suppressed);
  EXPECT_FALSE(cells[4].suppressed);
}

TEST(Disclosure, TwoSmallCellsNeedNoSecondarySuppression) {
  auto cells = disclose({1, 2, 30}, 5);
  EXPECT_TRUE(cells[0].suppressed);
  EXPECT_TRUE(cells[1].suppressed);
  EXPECT_FALSE(cells[2].suppressed);
}

}  // namespace
}  // namespace lifeline::domain::hotline
