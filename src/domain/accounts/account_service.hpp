// Accounts: organisations, users, roles, sign-in with optional second factor, sessions.
// Every change is written to the audit trail in the same transaction.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "crypto/field_cipher.hpp"
#include "crypto/key_store.hpp"
#include "crypto/password.hpp"
#include "domain/accounts/account_store.hpp"
#include "domain/accounts/login_throttle.hpp"
#include "domain/accounts/model.hpp"

namespace lifeline::domain {

struct AccountPolicy {
  UnixSeconds session_idle = 30 * 60;
  UnixSeconds session_absolute = 12 * 60 * 60;
  // last_seen_at is written at most this often, so a busy session costs no write per request.
  UnixSeconds session_touch_interval = 60;
  int free_login_attempts = 5;
  UnixSeconds max_login_delay = 15 * 60;
  int address_max_failures = 20;
  UnixSeconds address_window = 15 * 60;
  crypto::PasswordHashCost password_cost{};
  std::string totp_issuer = "Lifeline";
};

// The signed-in user on whose behalf a call is made.
struct Actor {
  std::int64_t user_id = 0;
  std::int64_t organisation_id = 0;
};

struct SignIn {
  std::string session_token;  // goes into the cookie; only its digest is stored
  std::string csrf_token;
  bool must_change_password = false;
};

struct ActiveSession {
  std::int64_t session_id = 0;
  User user;
  std::string csrf_token;
};

struct LoginAttempt {
  std::string username;
  std::string password;
  std::string second_factor;           // TOTP code or recovery code; empty when not given
  std::string address;                 // for in-memory throttling only
  std::string previous_session_token;  // the cookie the browser still had, ended at sign-in
};

struct TotpEnrolment {
  std::string secret;
  std::string otpauth_uri;
};

struct Profile {
  User user;
  Organisation organisation;
};

struct FirstAdministrator {
  std::string username;
  std::string one_time_password;
};

class AccountService {
 public:
  // `cipher` seals second-factor secrets; a server passes one that follows the key file.
  AccountService(AccountStore& store, const crypto::KeyStore& keys, crypto::FieldCipher cipher,
                 const Clock& clock, AccountPolicy policy);

  Result<SignIn> login(const LoginAttempt& attempt);
  // Resolves a session token; fails with unauthorized when unknown, expired or disabled.
  Result<ActiveSession> resume(const std::string& session_token);
  Result<void> logout(const Actor& actor, std::int64_t session_id);
  Result<void> logout_everywhere(const Actor& actor);
  Result<void> change_password(const Actor& actor, std::int64_t session_id,
                               const std::string& current_password,
                               const std::string& new_password);

  Result<TotpEnrolment> begin_totp(const Actor& actor);
  Result<std::vector<std::string>> confirm_totp(const Actor& actor, const std::string& code);
  Result<void> disable_totp(const Actor& actor, const std::string& password);

  Result<Profile> profile(const Actor& actor);

  Result<Organisation> create_organisation(const std::optional<Actor>& actor,
                                           const std::string& name, const std::string& type);
  Result<Page<Organisation>> list_organisations(std::int64_t after_id, int limit);
  Result<User> create_user(const std::optional<Actor>& actor, const NewUser& user,
                           const std::string& password);
  Result<Page<User>> list_users(std::int64_t after_id, int limit);
  Result<User> find_user_by_username(const std::string& username);
  Result<User> update_user(const std::optional<Actor>& actor, std::int64_t user_id,
                           const UserChanges& changes);
  // Sets a new one-time password that must be changed at the next sign-in (command line).
  Result<void> reset_password(std::int64_t user_id, const std::string& password);

  // Creates the first organisation and administrator when there are no users at all.
  Result<std::optional<FirstAdministrator>> ensure_first_administrator();

 private:
  Result<void> check_second_factor(const UserWithCredentials& account, const std::string& code,
                                   bool& recovery_code_used, std::int64_t& totp_step);
  Result<void> record_failed_login(const User& user, const std::string& address);
  Result<SignIn> open_session(const User& user, const LoginAttempt& attempt,
                              bool recovery_code_used, std::int64_t totp_step);
  std::string csrf_token_for(const std::string& session_token) const;
  std::string recovery_code_digest(const std::string& code) const;
  const std::string& dummy_password_hash();

  AccountStore& store_;
  const crypto::KeyStore& keys_;
  crypto::FieldCipher cipher_;
  const Clock& clock_;
  AccountPolicy policy_;
  AddressThrottle address_throttle_;
  std::once_flag dummy_hash_once_;
  std::string dummy_hash_;
};

}  // namespace lifeline::domain
