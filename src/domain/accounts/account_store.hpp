// What the accounts domain needs from storage. Implemented in src/storage; every operation of
// one callback runs in one database transaction, audit entries included.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audit/audit_entry.hpp"
#include "core/error.hpp"
#include "domain/accounts/model.hpp"

namespace lifeline::domain {

class AccountTransaction {
 public:
  virtual ~AccountTransaction() = default;

  virtual Result<Organisation> insert_organisation(const std::string& name, const std::string& type,
                                                   UnixSeconds now) = 0;
  virtual Result<std::optional<Organisation>> find_organisation(std::int64_t id) = 0;
  virtual Result<std::vector<Organisation>> list_organisations(std::int64_t after_id,
                                                               int limit) = 0;

  virtual Result<User> insert_user(const NewUser& user, const std::string& password_hash,
                                   UnixSeconds now) = 0;
  virtual Result<std::optional<User>> find_user(std::int64_t id) = 0;
  // The user and their organisation in one round trip (GET /me runs it on every page load).
  virtual Result<std::optional<std::pair<User, Organisation>>> find_user_with_organisation(
      std::int64_t id) = 0;
  virtual Result<std::optional<UserWithCredentials>> find_user_by_username(
      const std::string& username) = 0;
  virtual Result<std::optional<Credentials>> find_credentials(std::int64_t user_id) = 0;
  virtual Result<std::vector<User>> list_users(std::int64_t after_id, int limit) = 0;
  virtual Result<std::int64_t> count_users() = 0;
  virtual Result<void> update_user(std::int64_t id, const UserChanges& changes,
                                   UnixSeconds now) = 0;
  virtual Result<void> set_password(std::int64_t id, const std::string& password_hash,
                                    bool must_change, UnixSeconds now) = 0;
  virtual Result<void> record_login_failure(std::int64_t id, UnixSeconds now) = 0;
  virtual Result<void> clear_login_failures(std::int64_t id) = 0;
  virtual Result<void> set_totp(std::int64_t id,
                                const std::optional<std::vector<std::uint8_t>>& sealed_secret,
                                bool enabled, std::int64_t last_step) = 0;
  virtual Result<void> replace_recovery_codes(std::int64_t id,
                                              const std::vector<std::string>& digests) = 0;
  // Marks the code used; false when it is unknown or was used before.
  virtual Result<bool> use_recovery_code(std::int64_t id, const std::string& digest,
                                         UnixSeconds now) = 0;

  virtual Result<std::int64_t> insert_session(std::int64_t user_id, const std::string& token_digest,
                                              UnixSeconds now) = 0;
  virtual Result<std::optional<SessionRecord>> find_session(const std::string& token_digest) = 0;
  // The session and its user in one round trip: this runs on every signed-in request.
  virtual Result<std::optional<std::pair<SessionRecord, User>>> find_session_with_user(
      const std::string& token_digest) = 0;
  virtual Result<void> touch_session(std::int64_t session_id, UnixSeconds now) = 0;
  virtual Result<void> delete_session(std::int64_t session_id) = 0;
  virtual Result<void> delete_sessions_of_user(std::int64_t user_id) = 0;
  virtual Result<void> delete_other_sessions(std::int64_t user_id,
                                             std::int64_t keep_session_id) = 0;

  virtual Result<void> audit(const audit::AuditEntry& entry, UnixSeconds now) = 0;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  virtual Result<void> read(const std::function<Result<void>(AccountTransaction&)>& work) = 0;
  virtual Result<void> write(const std::function<Result<void>(AccountTransaction&)>& work) = 0;

  // Runs `work` (AccountTransaction& -> Result<T>) in a read transaction and returns its value.
  template <class F>
  auto read_value(F&& work) -> decltype(work(std::declval<AccountTransaction&>())) {
    using R = decltype(work(std::declval<AccountTransaction&>()));
    std::optional<typename R::value_type> out;
    auto status = read([&](AccountTransaction& tx) -> Result<void> {
      auto value = work(tx);
      if (!value) return tl::unexpected(value.error());
      out.emplace(std::move(*value));
      return {};
    });
    if (!status) return tl::unexpected(status.error());
    return std::move(*out);
  }
};

}  // namespace lifeline::domain
