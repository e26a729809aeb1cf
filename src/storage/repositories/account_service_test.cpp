// The accounts domain on the real repository, on SQLite and on PostgreSQL, with a clock the
// test moves: sign-in, sessions and their limits, throttling, second factor, audit entries.
#include <algorithm>

#include <gtest/gtest.h>

#include "audit/audit_trail.hpp"
#include "crypto/init.hpp"
#include "crypto/totp.hpp"
#include "domain/accounts/account_service.hpp"
#include "storage/repositories/account_repository.hpp"
#include "storage/test_support.hpp"

namespace lifeline::storage {
namespace {

constexpr std::string_view kPassword = "Correct-Horse-Battery-1";

class TestClock final : public Clock {
 public:
  UnixSeconds now() const override { return now_; }
  void advance(UnixSeconds seconds) { now_ += seconds; }

 private:
  UnixSeconds now_ = 1'800'000'000;
};

class AccountServiceTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    crypto::initialise();
    db_ = open();
    ASSERT_TRUE(db_);
    ASSERT_TRUE(migrate(*db_));
    keys_.emplace(crypto::KeyStore::generate_in_memory());
    repository_.emplace(*db_);
    domain::AccountPolicy policy;
    policy.password_cost = crypto::PasswordHashCost::fast_for_tests();
    accounts_.emplace(*repository_, *keys_, crypto::FieldCipher(*keys_), clock_, policy);
    auto organisation =
        accounts_->create_organisation(std::nullopt, "Referral Office", "competent_authority");
    ASSERT_TRUE(organisation) << organisation.error().message;
    auto user =
        accounts_->create_user(std::nullopt, {organisation->id, "Case.Worker", "", {"case_worker"}},
                               std::string(kPassword));
    ASSERT_TRUE(user) << user.error().message;
    user_ = *user;
  }

  Result<domain::SignIn> login(std::string password, std::string second = "") {
    return accounts_->login(
        {"case.worker", std::move(password), std::move(second), "192.0.2.7", ""});
  }

  std::unique_ptr<Database> db_;
  TestClock clock_;
  std::optional<crypto::KeyStore> keys_;
  std::optional<AccountRepository> repository_;
  std::optional<domain::AccountService> accounts_;
  domain::User user_;
};

TEST_P(AccountServiceTest, SignInGivesASessionThatResumes) {
  auto signed_in = login(std::string(kPassword));
  ASSERT_TRUE(signed_in) << signed_in.error().message;
  EXPECT_TRUE(signed_in->must_change_password);
  auto session = accounts_->resume(signed_in->session_token);
  ASSERT_TRUE(session);
  EXPECT_EQ(session->user.id, user_.id);
  EXPECT_EQ(session->csrf_token, signed_in->csrf_token);
  EXPECT_EQ(session->user.roles, std::vector<std::string>{"case_worker"});
}

TEST_P(AccountServiceTest, OnlyTheTokensDigestIsStored) {
  auto signed_in = login(std::string(kPassword));
  ASSERT_TRUE(signed_in);
  auto rows = db_->read([](Session& s) { return s.query("SELECT token_digest FROM sessions"); });
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_NE(rows->front().text(0), signed_in->session_token);
  EXPECT_EQ(rows->front().text(0).find(signed_in->session_token), std::string::npos);
}

TEST_P(AccountServiceTest, IdleAndAbsoluteLimitsEndSessions) {
  auto signed_in = login(std::string(kPassword));
  ASSERT_TRUE(signed_in);
  clock_.advance(29 * 60);
  EXPECT_TRUE(accounts_->resume(signed_in->session_token));
  clock_.advance(31 * 60);
  auto idle = accounts_->resume(signed_in->session_token);
  ASSERT_FALSE(idle);
  EXPECT_EQ(idle.error().type, "session-expired");

  auto busy = login(std::string(kPassword));
  ASSERT_TRUE(busy);
  for (int hour = 0; hour < 12; ++hour) {
    for (int step = 0; step < 3; ++step) {
      clock_.advance(20 * 60);
      if (hour < 11 || step < 2) {
        ASSERT_TRUE(accounts_->resume(busy->session_token)) << hour;
      }
    }
  }
  clock_.advance(60);
  EXPECT_FALSE(accounts_->resume(busy->session_token));
}

TEST_P(AccountServiceTest, WrongPasswordsAreAuditedAndThrottled) {
  for (int i = 0; i < 5; ++i) {
    auto refused = login("wrong-password-" + std::to_string(i));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().type, "invalid-credentials");
  }
  auto throttled = login(std::string(kPassword));
  ASSERT_FALSE(throttled);
  EXPECT_EQ(throttled.error().code, Errc::rate_limited);
  clock_.advance(16);
  EXPECT_TRUE(login(std::string(kPassword)));
  auto failures = db_->read([](Session& s) {
    return s.query(
        "SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND outcome = 'failure'");
  });
  ASSERT_TRUE(failures);
  EXPECT_EQ(failures->front().i64(0), 5);
}

TEST_P(AccountServiceTest, UnknownUsersAndWrongPasswordsLookAlike) {
  auto unknown = accounts_->login({"nobody", std::string(kPassword), "", "192.0.2.8", ""});
  auto wrong = login("not-the-password");
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(unknown.error().message, wrong.error().message);
  EXPECT_EQ(unknown.error().type, wrong.error().type);
}

TEST_P(AccountServiceTest, SecondFactorCodesCannotBeReplayed) {
  const domain::Actor actor{user_.id, user_.organisation_id};
  auto enrolment = accounts_->begin_totp(actor);
  ASSERT_TRUE(enrolment);
  const auto secret = crypto::base32_decode(enrolment->secret).value();
  auto codes = accounts_->confirm_totp(actor, crypto::totp_code(secret, clock_.now()));
  ASSERT_TRUE(codes) << codes.error().message;
  EXPECT_EQ(codes->size(), 10u);

  // The secret is stored encrypted, not as the base32 text.
  auto stored = db_->read([&](Session& s) {
    return s.query("SELECT totp_secret FROM users WHERE id = $1", {user_.id});
  });
  ASSERT_TRUE(stored);
  const auto& sealed = stored->front().bytes(0);
  EXPECT_EQ(std::string(sealed.begin(), sealed.end()).find(enrolment->secret), std::string::npos);

  EXPECT_EQ(login(std::string(kPassword)).error().type, "totp-required");
  clock_.advance(30);
  const auto code = crypto::totp_code(secret, clock_.now());
  EXPECT_TRUE(login(std::string(kPassword), code));
  auto replay = login(std::string(kPassword), code);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().type, "invalid-totp");
  EXPECT_TRUE(login(std::string(kPassword), codes->front()));
  EXPECT_FALSE(login(std::string(kPassword), codes->front()));
}

TEST_P(AccountServiceTest, DisablingEndsSessionsAndIsAudited) {
  auto signed_in = login(std::string(kPassword));
  ASSERT_TRUE(signed_in);
  domain::UserChanges changes;
  changes.disabled = true;
  ASSERT_TRUE(accounts_->update_user(std::nullopt, user_.id, changes));
  EXPECT_FALSE(accounts_->resume(signed_in->session_token));
  EXPECT_EQ(login(std::string(kPassword)).error().type, "account-disabled");
  auto verification = audit::verify(*db_);
  ASSERT_TRUE(verification);
  EXPECT_FALSE(verification->first_broken_id);
  EXPECT_GE(verification->entries_checked, 4);
}

TEST_P(AccountServiceTest, FirstAdministratorIsMadeOnlyForAnEmptyDatabase) {
  auto first = accounts_->ensure_first_administrator();
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->has_value()) << "users exist already";
}

TEST_P(AccountServiceTest, ValidationReportsEveryField) {
  auto created = accounts_->create_user(std::nullopt, {999999, "x", "", {"wizard"}}, "short");
  ASSERT_FALSE(created);
  std::vector<std::string> fields;
  for (const auto& f : created.error().fields) fields.push_back(f.field);
  EXPECT_NE(std::ranges::find(fields, "username"), fields.end());
  EXPECT_NE(std::ranges::find(fields, "roles"), fields.end());
  EXPECT_NE(std::ranges::find(fields, "password"), fields.end());
}

LIFELINE_ON_BOTH_BACKENDS(AccountServiceTest);

}  // namespace
}  // namespace lifeline::storage
