// The subcommands of `lifeline`. Each returns the process exit code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/config.hpp"

namespace lifeline::app {

int run_serve(const Config& config);
int run_migrate(const Config& config);
int run_org_add(const Config& config, const std::string& name, const std::string& type);
struct UserAddOptions {
  std::int64_t organisation_id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  bool password_from_stdin = false;
};
int run_user_add(const Config& config, const UserAddOptions& options);
int run_user_passwd(const Config& config, const std::string& username, bool password_from_stdin);
int run_user_disable(const Config& config, const std::string& username);
int run_audit_verify(const Config& config);
int run_keys_rotate(const Config& config, bool wait_for_servers);
int run_backup(const Config& config, const std::string& destination);
int run_version();

}  // namespace lifeline::app
