// The import of case records on SQLite and PostgreSQL: imported cases are stored as referrals
// are (identity sealed, blind index set, timeline, audit), closed ones closed as the API closes
// them, and a failure part-way leaves nothing behind.
#include <gtest/gtest.h>

#include "crypto/init.hpp"
#include "domain/accounts/account_service.hpp"
#include "storage/repositories/account_repository.hpp"
#include "storage/repositories/case_repository.hpp"
#include "storage/test_support.hpp"

namespace lifeline::storage {
namespace {

using domain::nrm::CaseActor;
using domain::nrm::Date;
using domain::nrm::ImportedCase;
using domain::nrm::ReferralKind;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr std::int64_t kNow = 1'800'000'000;
constexpr Date kReferredOn{year{2025}, month{3}, day{1}};

class CaseImportTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    crypto::initialise();
    db_ = open();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(migrate(*db_));
    keys_.emplace(crypto::KeyStore::generate_in_memory());
    accounts_.emplace(*db_);
    domain::AccountPolicy policy;
    policy.password_cost = crypto::PasswordHashCost::fast_for_tests();
    service_.emplace(*accounts_, *keys_, crypto::FieldCipher(*keys_), clock_, policy);
    auto organisation =
        service_->create_organisation(std::nullopt, "Referral Office", "competent_authority");
    ASSERT_TRUE(organisation) << organisation.error().message;
    auto user = service_->create_user(
        std::nullopt, {organisation->id, "importer", "", {"case_worker"}}, "Correct-Horse-1-x");
    ASSERT_TRUE(user) << user.error().message;
    cases_.emplace(*db_, crypto::FieldCipher(*keys_), crypto::BlindIndex(keys_->blind_index_key()));
    auto party = cases_->case_party(user->id);
    ASSERT_TRUE(party && *party);
    actor_ = **party;
  }

  static ImportedCase identified(std::string given_name) {
    ImportedCase c;
    c.referred_on = kReferredOn;
    c.referral.kind = ReferralKind::identified;
    c.referral.given_name = std::move(given_name);
    c.referral.family_name = "Example";
    c.referral.date_of_birth = "1990-05-17";
    c.referral.consent = {true, "Officer on duty", "ro"};
    c.referral.exploitation_types = {"forced_labour"};
    return c;
  }

  static ImportedCase anonymous() {
    ImportedCase c;
    c.referred_on = kReferredOn;
    c.referral.kind = ReferralKind::anonymous_notification;
    return c;
  }

  std::int64_t count(std::string_view table) { return count_rows(*db_, table); }

  std::unique_ptr<Database> db_;
  SystemClock clock_;
  std::optional<crypto::KeyStore> keys_;
  std::optional<AccountRepository> accounts_;
  std::optional<domain::AccountService> service_;
  std::optional<CaseRepository> cases_;
  CaseActor actor_;
};

TEST_P(CaseImportTest, ImportedCasesAreStoredAsReferralsAre) {
  auto closed = anonymous();
  closed.closure = domain::nrm::Closure{"returned", Date{year{2025}, month{6}, day{30}}, {}};
  std::vector<ImportedCase> batch = {identified("Zlata"), identified("Zlata"), anonymous(), closed};
  std::vector<std::size_t> progress;
  auto ids = cases_->import_cases(batch, actor_.organisation_id, actor_, kNow,
                                  [&](std::size_t stored) { progress.push_back(stored); });
  ASSERT_TRUE(ids) << ids.error().message;
  ASSERT_EQ(ids->size(), 4U);
  EXPECT_EQ(progress, (std::vector<std::size_t>{1, 2, 3, 4}));

  auto first = cases_->find_case(ids->at(0));
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->referred_on, "2025-03-01");
  EXPECT_EQ((*first)->referring_organisation_id, actor_.organisation_id);
  EXPECT_EQ((*first)->referred_by, actor_.user_id);
  EXPECT_EQ((*first)->status, "open");
  EXPECT_EQ((*first)->referral.exploitation_types, std::vector<std::string>{"forced_labour"});
  // The same person twice: the blind index finds the other.
  EXPECT_EQ(cases_->case_details(ids->at(0)).value().possible_duplicates, 1);
  auto identity = cases_->reveal_identity(ids->at(1), actor_, kNow);
  ASSERT_TRUE(identity && *identity);
  EXPECT_EQ((*identity)->given_name, "Zlata");

  auto last = cases_->find_case(ids->at(3));
  ASSERT_TRUE(last && *last);
  EXPECT_EQ((*last)->status, "closed");
  EXPECT_EQ((*last)->version, 2);
  ASSERT_EQ((*last)->state.closures.size(), 1U);
  EXPECT_EQ((*last)->state.closures.front().reason, "returned");
  auto details = cases_->case_details(ids->at(3));
  ASSERT_TRUE(details);
  const auto& timeline = details->timeline;
  ASSERT_EQ(timeline.size(), 2U);
  EXPECT_EQ(timeline.at(0).event.kind, "referral");
  EXPECT_EQ(timeline.at(0).event.detail, R"({"imported":true})");
  EXPECT_EQ(timeline.at(1).event.kind, "closure");

  EXPECT_EQ(count("nrm_identities"), 2);
  auto audited = db_->read([](Session& s) {
    return s.query(
        "SELECT action, count(*) FROM audit_log WHERE object_type = 'case' GROUP BY action "
        "ORDER BY action");
  });
  ASSERT_TRUE(audited);
  ASSERT_EQ(audited->size(), 3U);
  EXPECT_EQ(audited->at(0).text(0), "case.close");
  EXPECT_EQ(audited->at(0).i64(1), 1);
  EXPECT_EQ(audited->at(1).text(0), "case.identity.show");
  EXPECT_EQ(audited->at(2).text(0), "referral.import");
  EXPECT_EQ(audited->at(2).i64(1), 4);

  // Nothing identifying in plain text.
  auto sealed = db_->read(
      [](Session& s) { return s.query("SELECT given_name FROM nrm_identities ORDER BY id"); });
  ASSERT_TRUE(sealed);
  for (const auto& row : *sealed) {
    const auto bytes = row.bytes(0);
    const std::string text(bytes.begin(), bytes.end());
    EXPECT_EQ(text.find("Zlata"), std::string::npos);
  }
}

TEST_P(CaseImportTest, AFailurePartWayStoresNothing) {
  auto bad_closure = anonymous();
  // Closed before it was referred: close_case refuses it inside the transaction.
  bad_closure.closure = domain::nrm::Closure{"returned", Date{year{2024}, month{1}, day{1}}, {}};
  std::vector<ImportedCase> batch = {identified("Zlata"), anonymous(), bad_closure};
  const auto audit_before = count("audit_log");
  auto ids = cases_->import_cases(batch, actor_.organisation_id, actor_, kNow, {});
  ASSERT_FALSE(ids);
  EXPECT_EQ(count("nrm_cases"), 0);
  EXPECT_EQ(count("nrm_identities"), 0);
  EXPECT_EQ(count("nrm_case_events"), 0);
  EXPECT_EQ(count("audit_log"), audit_before);
}

TEST_P(CaseImportTest, CasesMayBeReferredForTheOrganisationTheRecordsComeFrom) {
  auto ngo = service_->create_organisation(std::nullopt, "Outreach NGO", "ngo");
  ASSERT_TRUE(ngo) << ngo.error().message;
  auto ids = cases_->import_cases({anonymous()}, ngo->id, actor_, kNow, {});
  ASSERT_TRUE(ids) << ids.error().message;
  auto stored = cases_->find_case(ids->front());
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->referring_organisation_id, ngo->id);
  EXPECT_EQ((*stored)->state.referring_organisation_id, ngo->id);
  EXPECT_EQ((*stored)->referred_by, actor_.user_id);
  auto details = cases_->case_details(ids->front());
  ASSERT_TRUE(details);
  EXPECT_EQ(details->timeline.front().organisation_id, actor_.organisation_id);
}

LIFELINE_ON_BOTH_BACKENDS(CaseImportTest);

}  // namespace
}  // namespace lifeline::storage
