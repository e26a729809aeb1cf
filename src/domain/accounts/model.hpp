// Organisations, users and sessions as the rest of Lifeline sees them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace lifeline::domain {

struct Organisation {
  std::int64_t id = 0;
  std::string name;
  std::string type;
  UnixSeconds created_at = 0;
};

struct User {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  bool must_change_password = true;
  bool disabled = false;
  bool totp_enabled = false;
  UnixSeconds created_at = 0;
};

// What sign-in needs beyond the public profile. Never leaves the domain.
struct Credentials {
  std::string password_hash;
  std::optional<std::vector<std::uint8_t>> totp_secret_sealed;  // field-encrypted
  std::int64_t totp_last_step = 0;
  std::int64_t failed_logins = 0;
  UnixSeconds last_failed_login_at = 0;
};

struct UserWithCredentials {
  User user;
  Credentials credentials;
};

struct SessionRecord {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  UnixSeconds created_at = 0;
  UnixSeconds last_seen_at = 0;
};

// A page of a listing ordered by id; `next_cursor` is the last id when more may follow.
template <class T>
struct Page {
  std::vector<T> items;
  std::optional<std::int64_t> next_cursor;
};

struct NewUser {
  std::int64_t organisation_id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
};

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<std::vector<std::string>> roles;
  std::optional<bool> disabled;
};

}  // namespace lifeline::domain
