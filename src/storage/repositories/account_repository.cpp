#include "storage/repositories/account_repository.hpp"

#include <algorithm>
#include <string_view>

#include "audit/audit_trail.hpp"
#include "storage/repositories/repository_support.hpp"

namespace lifeline::storage {
namespace {

// Every statement the accounts domain runs, in one place.
namespace sql {
constexpr std::string_view insert_organisation =
    "INSERT INTO organisations (name, type, created_at) VALUES ($1, $2, $3) RETURNING id";
constexpr std::string_view find_organisation =
    "SELECT id, name, type, created_at FROM organisations WHERE id = $1";
constexpr std::string_view list_organisations =
    "SELECT id, name, type, created_at FROM organisations WHERE id > $1 ORDER BY id LIMIT $2";
constexpr std::string_view insert_user =
    "INSERT INTO users (organisation_id, username, display_name, password_hash, "
    "must_change_password, disabled, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, 1, 0, $5, $5) RETURNING id";
constexpr std::string_view insert_role = "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)";
constexpr std::string_view delete_roles = "DELETE FROM user_roles WHERE user_id = $1";
constexpr std::string_view roles_of_user =
    "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role";
constexpr std::string_view roles_of_users =
    "SELECT user_id, role FROM user_roles WHERE user_id >= $1 AND user_id <= $2 ORDER BY role";
constexpr std::string_view find_user =
    "SELECT id, organisation_id, username, display_name, must_change_password, disabled, "
    "totp_enabled, created_at FROM users WHERE id = $1";
constexpr std::string_view find_user_with_organisation =
    "SELECT u.id, u.organisation_id, u.username, u.display_name, u.must_change_password, "
    "u.disabled, u.totp_enabled, u.created_at, o.id, o.name, o.type, o.created_at "
    "FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1";
constexpr std::string_view find_user_id_by_username = "SELECT id FROM users WHERE username = $1";
constexpr std::string_view list_users =
    "SELECT id, organisation_id, username, display_name, must_change_password, disabled, "
    "totp_enabled, created_at FROM users WHERE id > $1 ORDER BY id LIMIT $2";
constexpr std::string_view count_users = "SELECT count(*) FROM users";
constexpr std::string_view find_credentials =
    "SELECT password_hash, totp_secret, totp_last_step, failed_logins, last_failed_login_at "
    "FROM users WHERE id = $1";
constexpr std::string_view update_display_name =
    "UPDATE users SET display_name = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view update_disabled =
    "UPDATE users SET disabled = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view set_password =
    "UPDATE users SET password_hash = $2, must_change_password = $3, updated_at = $4 WHERE id = $1";
constexpr std::string_view record_login_failure =
    "UPDATE users SET failed_logins = failed_logins + 1, last_failed_login_at = $2 WHERE id = $1";
constexpr std::string_view clear_login_failures =
    "UPDATE users SET failed_logins = 0 WHERE id = $1 AND failed_logins <> 0";
constexpr std::string_view set_totp =
    "UPDATE users SET totp_secret = $2, totp_enabled = $3, totp_last_step = $4 WHERE id = $1";
constexpr std::string_view delete_recovery_codes = "DELETE FROM recovery_codes WHERE user_id = $1";
constexpr std::string_view insert_recovery_code =
    "INSERT INTO recovery_codes (user_id, code_digest) VALUES ($1, $2)";
constexpr std::string_view use_recovery_code =
    "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_digest = $2 "
    "AND used_at IS NULL";
constexpr std::string_view insert_session =
    "INSERT INTO sessions (token_digest, user_id, created_at, last_seen_at) "
    "VALUES ($1, $2, $3, $3) RETURNING id";
constexpr std::string_view find_session =
    "SELECT id, user_id, created_at, last_seen_at FROM sessions WHERE token_digest = $1";
constexpr std::string_view find_session_with_user =
    "SELECT s.id, s.user_id, s.created_at, s.last_seen_at, u.id, u.organisation_id, u.username, "
    "u.display_name, u.must_change_password, u.disabled, u.totp_enabled, u.created_at "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_digest = $1";
constexpr std::string_view touch_session = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
constexpr std::string_view delete_session = "DELETE FROM sessions WHERE id = $1";
constexpr std::string_view delete_sessions_of_user = "DELETE FROM sessions WHERE user_id = $1";
constexpr std::string_view delete_other_sessions =
    "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";
}  // namespace sql

Result<void> done(const Result<std::int64_t>& r) {
  if (!r) return error_of(r);
  return {};
}

// Reads the organisation columns in the order of sql::find_organisation, from column `first`.
domain::Organisation organisation_from(const Row& row, std::size_t first = 0) {
  return {row.i64(first), row.text(first + 1), row.text(first + 2), row.i64(first + 3)};
}

// Reads the user columns in the order of sql::find_user, starting at column `first`.
domain::User user_from(const Row& row, std::size_t first = 0) {
  domain::User user;
  user.id = row.i64(first);
  user.organisation_id = row.i64(first + 1);
  user.username = row.text(first + 2);
  user.display_name = row.text(first + 3);
  user.must_change_password = row.i64(first + 4) != 0;
  user.disabled = row.i64(first + 5) != 0;
  user.totp_enabled = row.i64(first + 6) != 0;
  user.created_at = row.i64(first + 7);
  return user;
}

class SqlAccountTransaction final : public domain::AccountTransaction {
 public:
  explicit SqlAccountTransaction(Session& session) : s_(session) {}

  Result<domain::Organisation> insert_organisation(const std::string& name, const std::string& type,
                                                   UnixSeconds now) override {
    auto rows = s_.query(sql::insert_organisation, {name, type, now});
    if (!rows) return error_of(rows);
    return domain::Organisation{rows->front().i64(0), name, type, now};
  }

  Result<std::optional<domain::Organisation>> find_organisation(std::int64_t id) override {
    auto rows = s_.query(sql::find_organisation, {id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<domain::Organisation>{};
    return organisation_from(rows->front());
  }

  Result<std::vector<domain::Organisation>> list_organisations(std::int64_t after_id,
                                                               int limit) override {
    auto rows = s_.query(sql::list_organisations, {after_id, std::int64_t{limit}});
    if (!rows) return error_of(rows);
    std::vector<domain::Organisation> result;
    for (const auto& row : *rows) result.push_back(organisation_from(row));
    return result;
  }

  Result<domain::User> insert_user(const domain::NewUser& user, const std::string& password_hash,
                                   UnixSeconds now) override {
    auto rows = s_.query(sql::insert_user, {user.organisation_id, user.username, user.display_name,
                                            password_hash, now});
    if (!rows) return error_of(rows);
    const auto id = rows->front().i64(0);
    if (auto r = write_roles(id, user.roles); !r) return tl::unexpected(r.error());
    auto created = find_user(id);
    if (!created) return error_of(created);
    return std::move(**created);
  }

  Result<std::optional<domain::User>> find_user(std::int64_t id) override {
    auto rows = s_.query(sql::find_user, {id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<domain::User>{};
    auto user = user_from(rows->front());
    if (auto r = read_roles(user); !r) return tl::unexpected(r.error());
    return user;
  }

  Result<std::optional<std::pair<domain::User, domain::Organisation>>> find_user_with_organisation(
      std::int64_t id) override {
    using Found = std::optional<std::pair<domain::User, domain::Organisation>>;
    auto rows = s_.query(sql::find_user_with_organisation, {id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return Found{};
    auto user = user_from(rows->front());
    if (auto r = read_roles(user); !r) return tl::unexpected(r.error());
    return Found{std::pair{std::move(user), organisation_from(rows->front(), 8)}};
  }

  Result<std::optional<domain::UserWithCredentials>> find_user_by_username(
      const std::string& username) override {
    auto rows = s_.query(sql::find_user_id_by_username, {username});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<domain::UserWithCredentials>{};
    const auto id = rows->front().i64(0);
    auto user = find_user(id);
    if (!user) return error_of(user);
    auto credentials = find_credentials(id);
    if (!credentials) return error_of(credentials);
    if (!*user || !*credentials) return std::optional<domain::UserWithCredentials>{};
    return domain::UserWithCredentials{std::move(**user), std::move(**credentials)};
  }

  Result<std::optional<domain::Credentials>> find_credentials(std::int64_t user_id) override {
    auto rows = s_.query(sql::find_credentials, {user_id});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<domain::Credentials>{};
    const auto& row = rows->front();
    domain::Credentials credentials;
    credentials.password_hash = row.text(0);
    if (!row.is_null(1)) credentials.totp_secret_sealed = row.bytes(1);
    credentials.totp_last_step = row.i64(2);
    credentials.failed_logins = row.i64(3);
    credentials.last_failed_login_at = row.i64(4);
    return credentials;
  }

  Result<std::vector<domain::User>> list_users(std::int64_t after_id, int limit) override {
    auto rows = s_.query(sql::list_users, {after_id, std::int64_t{limit}});
    if (!rows) return error_of(rows);
    std::vector<domain::User> users;
    for (const auto& row : *rows) users.push_back(user_from(row));
    if (users.empty()) return users;
    // One query for the roles of the whole page rather than one per user.
    auto roles = s_.query(sql::roles_of_users, {users.front().id, users.back().id});
    if (!roles) return error_of(roles);
    for (const auto& row : *roles) {
      auto owner = std::ranges::find(users, row.i64(0), &domain::User::id);
      if (owner != users.end()) owner->roles.push_back(row.text(1));
    }
    return users;
  }

  Result<std::int64_t> count_users() override {
    auto rows = s_.query(sql::count_users);
    if (!rows) return error_of(rows);
    return rows->front().i64(0);
  }

  Result<void> update_user(std::int64_t id, const domain::UserChanges& changes,
                           UnixSeconds now) override {
    if (changes.display_name) {
      if (auto r = done(s_.execute(sql::update_display_name, {id, *changes.display_name, now})); !r)
        return r;
    }
    if (changes.disabled) {
      const std::int64_t flag = *changes.disabled ? 1 : 0;
      if (auto r = done(s_.execute(sql::update_disabled, {id, flag, now})); !r) return r;
    }
    if (changes.roles) {
      if (auto r = done(s_.execute(sql::delete_roles, {id})); !r) return r;
      if (auto r = write_roles(id, *changes.roles); !r) return r;
    }
    return {};
  }

  Result<void> set_password(std::int64_t id, const std::string& password_hash, bool must_change,
                            UnixSeconds now) override {
    const std::int64_t flag = must_change ? 1 : 0;
    return done(s_.execute(sql::set_password, {id, password_hash, flag, now}));
  }

  Result<void> record_login_failure(std::int64_t id, UnixSeconds now) override {
    return done(s_.execute(sql::record_login_failure, {id, now}));
  }

  Result<void> clear_login_failures(std::int64_t id) override {
    return done(s_.execute(sql::clear_login_failures, {id}));
  }

  Result<void> set_totp(std::int64_t id, const std::optional<std::vector<std::uint8_t>>& sealed,
                        bool enabled, std::int64_t last_step) override {
    Value secret = Null{};
    if (sealed) secret = Bytes(sealed->begin(), sealed->end());
    const std::int64_t flag = enabled ? 1 : 0;
    return done(s_.execute(sql::set_totp, {id, secret, flag, last_step}));
  }

  Result<void> replace_recovery_codes(std::int64_t id,
                                      const std::vector<std::string>& digests) override {
    if (auto r = done(s_.execute(sql::delete_recovery_codes, {id})); !r) return r;
    for (const auto& digest : digests) {
      if (auto r = done(s_.execute(sql::insert_recovery_code, {id, digest})); !r) return r;
    }
    return {};
  }

  Result<bool> use_recovery_code(std::int64_t id, const std::string& digest,
                                 UnixSeconds now) override {
    auto changed = s_.execute(sql::use_recovery_code, {id, digest, now});
    if (!changed) return error_of(changed);
    return *changed == 1;
  }

  Result<std::int64_t> insert_session(std::int64_t user_id, const std::string& token_digest,
                                      UnixSeconds now) override {
    auto rows = s_.query(sql::insert_session, {token_digest, user_id, now});
    if (!rows) return error_of(rows);
    return rows->front().i64(0);
  }

  Result<std::optional<domain::SessionRecord>> find_session(
      const std::string& token_digest) override {
    auto rows = s_.query(sql::find_session, {token_digest});
    if (!rows) return error_of(rows);
    if (rows->empty()) return std::optional<domain::SessionRecord>{};
    const auto& row = rows->front();
    return domain::SessionRecord{row.i64(0), row.i64(1), row.i64(2), row.i64(3)};
  }

  Result<std::optional<std::pair<domain::SessionRecord, domain::User>>> find_session_with_user(
      const std::string& token_digest) override {
    using Found = std::optional<std::pair<domain::SessionRecord, domain::User>>;
    auto rows = s_.query(sql::find_session_with_user, {token_digest});
    if (!rows) return error_of(rows);
    if (rows->empty()) return Found{};
    const auto& row = rows->front();
    domain::SessionRecord session{row.i64(0), row.i64(1), row.i64(2), row.i64(3)};
    auto user = user_from(row, 4);
    if (auto r = read_roles(user); !r) return tl::unexpected(r.error());
    return Found{std::pair{session, std::move(user)}};
  }

  Result<void> touch_session(std::int64_t session_id, UnixSeconds now) override {
    return done(s_.execute(sql::touch_session, {session_id, now}));
  }

  Result<void> delete_session(std::int64_t session_id) override {
    return done(s_.execute(sql::delete_session, {session_id}));
  }

  Result<void> delete_sessions_of_user(std::int64_t user_id) override {
    return done(s_.execute(sql::delete_sessions_of_user, {user_id}));
  }

  Result<void> delete_other_sessions(std::int64_t user_id, std::int64_t keep_session_id) override {
    return done(s_.execute(sql::delete_other_sessions, {user_id, keep_session_id}));
  }

  Result<void> audit(const audit::AuditEntry& entry, UnixSeconds now) override {
    return audit::append(s_, entry, now);
  }

 private:
  Result<void> read_roles(domain::User& user) {
    auto roles = s_.query(sql::roles_of_user, {user.id});
    if (!roles) return error_of(roles);
    for (const auto& row : *roles) user.roles.push_back(row.text(0));
    return {};
  }

  Result<void> write_roles(std::int64_t id, const std::vector<std::string>& roles) {
    for (const auto& role : roles) {
      if (auto r = done(s_.execute(sql::insert_role, {id, role})); !r) return r;
    }
    return {};
  }

  Session& s_;
};

}  // namespace

Result<void> AccountRepository::read(
    const std::function<Result<void>(domain::AccountTransaction&)>& work) {
  return db_.transact(Access::read, [&](Session& session) {
    SqlAccountTransaction tx(session);
    return work(tx);
  });
}

Result<void> AccountRepository::write(
    const std::function<Result<void>(domain::AccountTransaction&)>& work) {
  return db_.transact(Access::write, [&](Session& session) {
    SqlAccountTransaction tx(session);
    return work(tx);
  });
}

}  // namespace lifeline::storage
