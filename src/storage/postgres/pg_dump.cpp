#include "storage/postgres/pg_dump.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <string_view>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "storage/values.hpp"

namespace lifeline::storage::postgres {

namespace {

// "PGHOST=db1" etc. for every setting in `conninfo` that libpq also reads from the environment.
Result<std::vector<std::string>> connection_environment(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
      PQconninfoParse(conninfo.c_str(), &error), PQconninfoFree);
  if (error != nullptr) PQfreemem(error);  // may quote the URL: not repeated
  if (!options) return fail(Errc::invalid_argument, "invalid PostgreSQL connection URL");
  std::vector<std::string> assignments;
  for (const auto* option = options.get(); option->keyword != nullptr; ++option) {
    if (option->val == nullptr || option->val[0] == '\0') continue;
    if (option->envvar == nullptr) {
      spdlog::warn("pg_dump: connection setting {} has no environment variable; ignored",
                   option->keyword);
      continue;
    }
    assignments.push_back(fmt::format("{}={}", option->envvar, option->val));
  }
  return assignments;
}

std::string_view variable_name(std::string_view assignment) {
  return assignment.substr(0, assignment.find('='));
}

// This process's environment with the connection settings put over it.
std::vector<std::string> child_environment(const std::vector<std::string>& settings) {
  std::set<std::string_view> overridden;
  for (const auto& setting : settings) overridden.insert(variable_name(setting));
  std::vector<std::string> out;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (!overridden.contains(variable_name(*entry))) out.emplace_back(*entry);
  }
  out.insert(out.end(), settings.begin(), settings.end());
  return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// Starts pg_dump with no shell in between; stdin and stdout go to /dev/null.
Result<pid_t> spawn(std::vector<std::string> argv, std::vector<std::string> env) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  auto argv_pointers = pointers(argv);
  auto env_pointers = pointers(env);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, argv.front().c_str(), &actions, nullptr, argv_pointers.data(),
                              env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return fail(Errc::unavailable, fmt::format("cannot run pg_dump: {}", std::strerror(rc)));
  }
  return pid;
}

Result<void> wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      return fail(Errc::internal, fmt::format("waiting for pg_dump: {}", std::strerror(errno)));
    }
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  if (WIFEXITED(status)) {
    return fail(Errc::unavailable,
                fmt::format("pg_dump failed with exit status {}", WEXITSTATUS(status)));
  }
  return fail(Errc::unavailable, fmt::format("pg_dump was killed by signal {}",
                                             WIFSIGNALED(status) ? WTERMSIG(status) : 0));
}

Result<void> dump(const std::string& conninfo, const std::filesystem::path& destination) {
  auto settings = connection_environment(conninfo);
  if (!settings) return tl::unexpected(settings.error());
  std::vector<std::string> argv{"pg_dump", "--format=custom", "--no-password",
                                "--file=" + destination.string()};
  auto pid = spawn(std::move(argv), child_environment(*settings));
  if (!pid) return tl::unexpected(pid.error());
  return wait_for(*pid);
}

}  // namespace

Result<void> run_pg_dump(const std::string& conninfo, const std::filesystem::path& destination) {
  // Created here, private, so pg_dump writes into a file nobody else can read.
  if (auto created = detail::create_private_file(destination); !created) return created;
  auto dumped = dump(conninfo, destination);
  if (!dumped) {
    std::error_code ignored;
    std::filesystem::remove(destination, ignored);
  }
  return dumped;
}

}  // namespace lifeline::storage::postgres
