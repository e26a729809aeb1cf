#include "domain/accounts/account_service.hpp"

#include <algorithm>
#include <mutex>

#include "crypto/token.hpp"
#include "crypto/totp.hpp"
#include "domain/accounts/account_rules.hpp"
#include "domain/accounts/vocabulary.hpp"

namespace lifeline::domain {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;
constexpr std::string_view kInvalidCredentials = "invalid-credentials";

audit::AuditEntry entry_for(const std::optional<Actor>& actor, std::string action,
                            std::string object_type, std::int64_t object_id,
                            std::string outcome = "success") {
  audit::AuditEntry entry;
  if (actor) {
    entry.actor_id = actor->user_id;
    entry.actor_org_id = actor->organisation_id;
  }
  entry.action = std::move(action);
  entry.object_type = std::move(object_type);
  entry.object_id = std::to_string(object_id);
  entry.outcome = std::move(outcome);
  return entry;
}

tl::unexpected<Error> invalid_credentials() {
  return fail(Errc::unauthorized, "the username or password is not correct",
              std::string(kInvalidCredentials));
}

int clamp_page_size(int limit) {
  if (limit <= 0) return kDefaultPageSize;
  return std::min(limit, kMaxPageSize);
}

// Fetches one row more than asked so the page knows whether another follows.
template <class T>
Page<T> to_page(std::vector<T> rows, int limit) {
  Page<T> page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(static_cast<std::size_t>(limit));
    page.next_cursor = rows.back().id;
  }
  page.items = std::move(rows);
  return page;
}

bool looks_like_totp_code(const std::string& code) {
  return code.size() == 6 && std::ranges::all_of(code, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

AccountService::AccountService(AccountStore& store, const crypto::KeyStore& keys,
                               crypto::FieldCipher cipher, const Clock& clock, AccountPolicy policy)
    : store_(store),
      keys_(keys),
      cipher_(std::move(cipher)),
      clock_(clock),
      policy_(std::move(policy)),
      address_throttle_(policy_.address_max_failures, policy_.address_window) {}

// A hash of a random password at the configured cost, made once on first use, so an unknown
// username costs as much time as a known one.
const std::string& AccountService::dummy_password_hash() {
  std::call_once(dummy_hash_once_, [this] {
    dummy_hash_ = crypto::hash_password(crypto::random_token(), policy_.password_cost).value_or("");
  });
  return dummy_hash_;
}

// Keyed, so a copy of the database alone does not allow guessing recovery codes offline.
std::string AccountService::recovery_code_digest(const std::string& code) const {
  return crypto::keyed_digest(keys_.session_key(),
                              "recovery|" + crypto::normalise_recovery_code(code));
}

std::string AccountService::csrf_token_for(const std::string& session_token) const {
  return crypto::keyed_digest(keys_.session_key(), "csrf|" + session_token);
}

Result<SignIn> AccountService::login(const LoginAttempt& attempt) {
  const auto now = clock_.now();
  if (!address_throttle_.allows(attempt.address, now)) {
    return fail(Errc::rate_limited, "too many failed sign-ins from this address; try again later");
  }
  auto found = store_.read_value([&](AccountTransaction& tx) {
    return tx.find_user_by_username(canonical_username(attempt.username));
  });
  if (!found) return tl::unexpected(found.error());
  const auto& account = *found;
  if (!account) {
    // Spend the same time as a real check so response times do not reveal which names exist.
    crypto::verify_password(dummy_password_hash(), attempt.password);
    address_throttle_.record_failure(attempt.address, now);
    return invalid_credentials();
  }
  const auto& credentials = account->credentials;
  const auto delay = account_retry_delay(credentials.failed_logins, policy_.free_login_attempts,
                                         policy_.max_login_delay);
  if (delay > 0 && now - credentials.last_failed_login_at < delay) {
    return fail(Errc::rate_limited, "too many failed sign-ins for this account; try again later");
  }
  if (!crypto::verify_password(credentials.password_hash, attempt.password)) {
    if (auto recorded = record_failed_login(account->user, attempt.address); !recorded) {
      return tl::unexpected(recorded.error());
    }
    return invalid_credentials();
  }
  if (account->user.disabled) {
    return fail(Errc::unauthorized, "this account is disabled; ask your administrator",
                "account-disabled");
  }
  bool recovery_code_used = false;
  std::int64_t totp_step = 0;
  if (account->user.totp_enabled) {
    if (attempt.second_factor.empty()) {
      return fail(Errc::unauthorized, "enter the code from your authenticator app",
                  "totp-required");
    }
    auto checked =
        check_second_factor(*account, attempt.second_factor, recovery_code_used, totp_step);
    if (!checked) return tl::unexpected(checked.error());
  }
  return open_session(account->user, attempt, recovery_code_used, totp_step);
}

Result<void> AccountService::check_second_factor(const UserWithCredentials& account,
                                                 const std::string& code, bool& recovery_code_used,
                                                 std::int64_t& totp_step) {
  const auto& user = account.user;
  if (looks_like_totp_code(code) && account.credentials.totp_secret_sealed) {
    auto secret =
        cipher_.decrypt(*account.credentials.totp_secret_sealed, {"users", "totp_secret", user.id});
    if (!secret) return tl::unexpected(secret.error());
    auto step = crypto::totp_verify(*secret, code, clock_.now());
    // A step at or before the last one used is a replay of a code already spent.
    if (step && *step > account.credentials.totp_last_step) {
      totp_step = *step;
      return {};
    }
  } else {
    const auto digest = recovery_code_digest(code);
    bool used = false;
    auto result = store_.write([&](AccountTransaction& tx) -> Result<void> {
      auto marked = tx.use_recovery_code(user.id, digest, clock_.now());
      if (!marked) return tl::unexpected(marked.error());
      used = *marked;
      return {};
    });
    if (!result) return tl::unexpected(result.error());
    if (used) {
      recovery_code_used = true;
      return {};
    }
  }
  if (auto recorded = record_failed_login(user, ""); !recorded)
    return tl::unexpected(recorded.error());
  return fail(Errc::unauthorized, "the code is not correct", "invalid-totp");
}

Result<void> AccountService::record_failed_login(const User& user, const std::string& address) {
  const auto now = clock_.now();
  if (!address.empty()) address_throttle_.record_failure(address, now);
  return store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.record_login_failure(user.id, now); !r) return r;
    return tx.audit(
        entry_for(Actor{user.id, user.organisation_id}, "auth.login", "user", user.id, "failure"),
        now);
  });
}

// A new token at every sign-in, and the browser's previous session ended, so a token planted
// before sign-in (session fixation) is worth nothing afterwards.
Result<SignIn> AccountService::open_session(const User& user, const LoginAttempt& attempt,
                                            bool recovery_code_used, std::int64_t totp_step) {
  SignIn sign_in;
  sign_in.session_token = crypto::random_token();
  sign_in.csrf_token = csrf_token_for(sign_in.session_token);
  sign_in.must_change_password = user.must_change_password;
  const auto now = clock_.now();
  const Actor actor{user.id, user.organisation_id};
  auto stored = store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.clear_login_failures(user.id); !r) return r;
    if (!attempt.previous_session_token.empty()) {
      auto previous = tx.find_session(crypto::token_digest(attempt.previous_session_token));
      if (!previous) return tl::unexpected(previous.error());
      if (*previous) {
        if (auto r = tx.delete_session((*previous)->id); !r) return r;
      }
    }
    if (totp_step > 0) {
      auto credentials = tx.find_credentials(user.id);
      if (!credentials) return tl::unexpected(credentials.error());
      if (auto r = tx.set_totp(user.id, (*credentials)->totp_secret_sealed, true, totp_step); !r)
        return r;
    }
    auto session = tx.insert_session(user.id, crypto::token_digest(sign_in.session_token), now);
    if (!session) return tl::unexpected(session.error());
    const auto action = recovery_code_used ? "auth.login.recovery_code" : "auth.login";
    return tx.audit(entry_for(actor, action, "user", user.id), now);
  });
  if (!stored) return tl::unexpected(stored.error());
  return sign_in;
}

Result<ActiveSession> AccountService::resume(const std::string& session_token) {
  const auto now = clock_.now();
  const auto digest = crypto::token_digest(session_token);
  auto found =
      store_.read_value([&](AccountTransaction& tx) { return tx.find_session_with_user(digest); });
  if (!found) return tl::unexpected(found.error());
  if (!*found) return fail(Errc::unauthorized, "not signed in");
  const SessionRecord* session = &(*found)->first;
  User* user = &(*found)->second;
  const bool expired = now - session->last_seen_at > policy_.session_idle ||
                       now - session->created_at > policy_.session_absolute;
  if (expired || user->disabled) {
    auto ended =
        store_.write([&](AccountTransaction& tx) { return tx.delete_session(session->id); });
    if (!ended) return tl::unexpected(ended.error());
    return fail(Errc::unauthorized, "the session has ended; sign in again", "session-expired");
  }
  if (now - session->last_seen_at >= policy_.session_touch_interval) {
    auto touched =
        store_.write([&](AccountTransaction& tx) { return tx.touch_session(session->id, now); });
    if (!touched) return tl::unexpected(touched.error());
  }
  return ActiveSession{session->id, std::move(*user), csrf_token_for(session_token)};
}

Result<void> AccountService::logout(const Actor& actor, std::int64_t session_id) {
  const auto now = clock_.now();
  return store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.delete_session(session_id); !r) return r;
    return tx.audit(entry_for(actor, "auth.logout", "user", actor.user_id), now);
  });
}

Result<void> AccountService::logout_everywhere(const Actor& actor) {
  const auto now = clock_.now();
  return store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.delete_sessions_of_user(actor.user_id); !r) return r;
    return tx.audit(entry_for(actor, "auth.logout_everywhere", "user", actor.user_id), now);
  });
}

Result<void> AccountService::change_password(const Actor& actor, std::int64_t session_id,
                                             const std::string& current_password,
                                             const std::string& new_password) {
  std::optional<User> user;
  std::optional<Credentials> credentials;
  auto found = store_.read([&](AccountTransaction& tx) -> Result<void> {
    auto u = tx.find_user(actor.user_id);
    if (!u) return tl::unexpected(u.error());
    user = std::move(*u);
    auto c = tx.find_credentials(actor.user_id);
    if (!c) return tl::unexpected(c.error());
    credentials = std::move(*c);
    return {};
  });
  if (!found) return tl::unexpected(found.error());
  if (!user || !credentials) return fail(Errc::not_found, "user not found");
  if (!crypto::verify_password(credentials->password_hash, current_password)) {
    return fail_fields("the password was not changed",
                       {{"current_password", "is not your current password"}});
  }
  auto policy_errors = crypto::check_password_policy(new_password, user->username);
  if (new_password == current_password) {
    policy_errors.push_back({"new_password", "must differ from the current password"});
  }
  if (!policy_errors.empty()) return fail_fields("the new password is too weak", policy_errors);
  auto hash = crypto::hash_password(new_password, policy_.password_cost);
  if (!hash) return tl::unexpected(hash.error());
  const auto now = clock_.now();
  return store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.set_password(actor.user_id, *hash, false, now); !r) return r;
    // Other sessions may belong to whoever knew the old password: end them.
    if (auto r = tx.delete_other_sessions(actor.user_id, session_id); !r) return r;
    return tx.audit(entry_for(actor, "user.password.change", "user", actor.user_id), now);
  });
}

Result<TotpEnrolment> AccountService::begin_totp(const Actor& actor) {
  auto profile_result = profile(actor);
  if (!profile_result) return tl::unexpected(profile_result.error());
  if (profile_result->user.totp_enabled) {
    return fail(Errc::conflict, "two-step sign-in is already on; turn it off first");
  }
  TotpEnrolment enrolment;
  enrolment.secret = crypto::new_totp_secret();
  enrolment.otpauth_uri =
      crypto::otpauth_uri(policy_.totp_issuer, profile_result->user.username, enrolment.secret);
  auto sealed = cipher_.encrypt(enrolment.secret, {"users", "totp_secret", actor.user_id});
  if (!sealed) return tl::unexpected(sealed.error());
  const auto now = clock_.now();
  auto stored = store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.set_totp(actor.user_id, *sealed, false, 0); !r) return r;
    return tx.audit(entry_for(actor, "user.totp.begin", "user", actor.user_id), now);
  });
  if (!stored) return tl::unexpected(stored.error());
  return enrolment;
}

Result<std::vector<std::string>> AccountService::confirm_totp(const Actor& actor,
                                                              const std::string& code) {
  auto found =
      store_.read_value([&](AccountTransaction& tx) { return tx.find_credentials(actor.user_id); });
  if (!found) return tl::unexpected(found.error());
  const auto& credentials = *found;
  if (!credentials || !credentials->totp_secret_sealed) {
    return fail(Errc::conflict, "start the enrolment first");
  }
  auto secret =
      cipher_.decrypt(*credentials->totp_secret_sealed, {"users", "totp_secret", actor.user_id});
  if (!secret) return tl::unexpected(secret.error());
  const auto step = crypto::totp_verify(*secret, code, clock_.now());
  if (!step) return fail_fields("the code was not accepted", {{"code", "is not the current code"}});
  auto codes = crypto::new_recovery_codes();
  std::vector<std::string> digests;
  digests.reserve(codes.size());
  for (const auto& c : codes) digests.push_back(recovery_code_digest(c));
  const auto now = clock_.now();
  auto stored = store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.set_totp(actor.user_id, credentials->totp_secret_sealed, true, *step); !r)
      return r;
    if (auto r = tx.replace_recovery_codes(actor.user_id, digests); !r) return r;
    return tx.audit(entry_for(actor, "user.totp.enable", "user", actor.user_id), now);
  });
  if (!stored) return tl::unexpected(stored.error());
  return codes;
}

Result<void> AccountService::disable_totp(const Actor& actor, const std::string& password) {
  auto found =
      store_.read_value([&](AccountTransaction& tx) { return tx.find_credentials(actor.user_id); });
  if (!found) return tl::unexpected(found.error());
  const auto& credentials = *found;
  if (!credentials || !crypto::verify_password(credentials->password_hash, password)) {
    return fail_fields("two-step sign-in was not turned off",
                       {{"password", "is not your password"}});
  }
  const auto now = clock_.now();
  return store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.set_totp(actor.user_id, std::nullopt, false, 0); !r) return r;
    if (auto r = tx.replace_recovery_codes(actor.user_id, {}); !r) return r;
    return tx.audit(entry_for(actor, "user.totp.disable", "user", actor.user_id), now);
  });
}

Result<Profile> AccountService::profile(const Actor& actor) {
  return store_.read_value([&](AccountTransaction& tx) -> Result<Profile> {
    auto found = tx.find_user_with_organisation(actor.user_id);
    if (!found) return tl::unexpected(found.error());
    if (!*found) return fail(Errc::not_found, "user not found");
    return Profile{std::move((*found)->first), std::move((*found)->second)};
  });
}

Result<Organisation> AccountService::create_organisation(const std::optional<Actor>& actor,
                                                         const std::string& name,
                                                         const std::string& type) {
  auto errors = check_organisation_name(name);
  if (!is_organisation_type(type)) errors.push_back({"type", "is not a known organisation type"});
  if (!errors.empty()) return fail_fields("the organisation was not created", errors);
  const auto now = clock_.now();
  std::optional<Organisation> created;
  auto stored = store_.write([&](AccountTransaction& tx) -> Result<void> {
    auto organisation = tx.insert_organisation(name, type, now);
    if (!organisation) return tl::unexpected(organisation.error());
    created = std::move(*organisation);
    return tx.audit(entry_for(actor, "organisation.create", "organisation", created->id), now);
  });
  if (!stored) {
    if (stored.error().code == Errc::conflict) {
      return fail(Errc::conflict, "an organisation with this name exists already");
    }
    return tl::unexpected(stored.error());
  }
  return std::move(*created);
}

Result<Page<Organisation>> AccountService::list_organisations(std::int64_t after_id, int limit) {
  limit = clamp_page_size(limit);
  auto rows = store_.read_value(
      [&](AccountTransaction& tx) { return tx.list_organisations(after_id, limit + 1); });
  if (!rows) return tl::unexpected(rows.error());
  return to_page(std::move(*rows), limit);
}

Result<User> AccountService::create_user(const std::optional<Actor>& actor, const NewUser& user,
                                         const std::string& password) {
  NewUser clean = user;
  clean.username = canonical_username(user.username);
  if (clean.display_name.empty()) clean.display_name = clean.username;
  auto errors = check_username(clean.username);
  for (auto& e : check_display_name(clean.display_name)) errors.push_back(std::move(e));
  for (auto& e : check_roles(clean.roles)) errors.push_back(std::move(e));
  for (auto e : crypto::check_password_policy(password, clean.username)) {
    e.field = "password";
    errors.push_back(std::move(e));
  }
  if (!errors.empty()) return fail_fields("the user was not created", errors);
  auto hash = crypto::hash_password(password, policy_.password_cost);
  if (!hash) return tl::unexpected(hash.error());
  const auto now = clock_.now();
  std::optional<User> created;
  auto stored = store_.write([&](AccountTransaction& tx) -> Result<void> {
    auto organisation = tx.find_organisation(clean.organisation_id);
    if (!organisation) return tl::unexpected(organisation.error());
    if (!*organisation) {
      return fail_fields("the user was not created", {{"organisation_id", "no such organisation"}});
    }
    auto inserted = tx.insert_user(clean, *hash, now);
    if (!inserted) return tl::unexpected(inserted.error());
    created = std::move(*inserted);
    return tx.audit(entry_for(actor, "user.create", "user", created->id), now);
  });
  if (!stored) {
    if (stored.error().code == Errc::conflict) {
      return fail_fields("the user was not created", {{"username", "is taken"}});
    }
    return tl::unexpected(stored.error());
  }
  return std::move(*created);
}

Result<Page<User>> AccountService::list_users(std::int64_t after_id, int limit) {
  limit = clamp_page_size(limit);
  auto rows =
      store_.read_value([&](AccountTransaction& tx) { return tx.list_users(after_id, limit + 1); });
  if (!rows) return tl::unexpected(rows.error());
  return to_page(std::move(*rows), limit);
}

Result<User> AccountService::find_user_by_username(const std::string& username) {
  return store_.read_value([&](AccountTransaction& tx) -> Result<User> {
    auto account = tx.find_user_by_username(canonical_username(username));
    if (!account) return tl::unexpected(account.error());
    if (!*account) return fail(Errc::not_found, "no such user");
    return std::move((*account)->user);
  });
}

Result<User> AccountService::update_user(const std::optional<Actor>& actor, std::int64_t user_id,
                                         const UserChanges& changes) {
  std::vector<FieldError> errors;
  if (changes.display_name) errors = check_display_name(*changes.display_name);
  if (changes.roles) {
    for (auto& e : check_roles(*changes.roles)) errors.push_back(std::move(e));
  }
  // An administrator must not lock themselves out of administration.
  if (actor && actor->user_id == user_id) {
    if (changes.disabled.value_or(false))
      errors.push_back({"disabled", "you cannot disable yourself"});
    if (changes.roles &&
        std::ranges::find(*changes.roles, role::administrator) == changes.roles->end()) {
      errors.push_back({"roles", "you cannot remove your own administrator role"});
    }
  }
  if (!errors.empty()) return fail_fields("the user was not changed", errors);
  const auto now = clock_.now();
  std::optional<User> updated;
  auto stored = store_.write([&](AccountTransaction& tx) -> Result<void> {
    auto existing = tx.find_user(user_id);
    if (!existing) return tl::unexpected(existing.error());
    if (!*existing) return fail(Errc::not_found, "no such user");
    if (auto r = tx.update_user(user_id, changes, now); !r) return r;
    // A disabled user is signed out at once, everywhere.
    if (changes.disabled.value_or(false)) {
      if (auto r = tx.delete_sessions_of_user(user_id); !r) return r;
    }
    auto reread = tx.find_user(user_id);
    if (!reread) return tl::unexpected(reread.error());
    updated = std::move(**reread);
    return tx.audit(entry_for(actor, "user.update", "user", user_id), now);
  });
  if (!stored) return tl::unexpected(stored.error());
  return std::move(*updated);
}

Result<void> AccountService::reset_password(std::int64_t user_id, const std::string& password) {
  auto found = store_.read_value([&](AccountTransaction& tx) { return tx.find_user(user_id); });
  if (!found) return tl::unexpected(found.error());
  const auto& user = *found;
  if (!user) return fail(Errc::not_found, "no such user");
  auto errors = crypto::check_password_policy(password, user->username);
  if (!errors.empty()) return fail_fields("the password was not set", errors);
  auto hash = crypto::hash_password(password, policy_.password_cost);
  if (!hash) return tl::unexpected(hash.error());
  const auto now = clock_.now();
  return store_.write([&](AccountTransaction& tx) -> Result<void> {
    if (auto r = tx.set_password(user_id, *hash, true, now); !r) return r;
    if (auto r = tx.clear_login_failures(user_id); !r) return r;
    if (auto r = tx.delete_sessions_of_user(user_id); !r) return r;
    return tx.audit(entry_for(std::nullopt, "user.password.reset", "user", user_id), now);
  });
}

Result<std::optional<FirstAdministrator>> AccountService::ensure_first_administrator() {
  auto users = store_.read_value([](AccountTransaction& tx) { return tx.count_users(); });
  if (!users) return tl::unexpected(users.error());
  if (*users > 0) return std::optional<FirstAdministrator>{};
  auto organisation = create_organisation(std::nullopt, "Lifeline administration", "other");
  if (!organisation) return tl::unexpected(organisation.error());
  FirstAdministrator first{"admin", crypto::random_token(12)};
  NewUser admin{
      organisation->id, first.username, "Administrator", {std::string(role::administrator)}};
  auto created = create_user(std::nullopt, admin, first.one_time_password);
  if (!created) return tl::unexpected(created.error());
  return std::optional<FirstAdministrator>{std::move(first)};
}

}  // namespace lifeline::domain
