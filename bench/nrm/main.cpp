// bench_nrm: see nrm_bench.hpp; driven by bench/nrm/run.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "nrm_bench.hpp"

namespace {

using namespace lifeline::bench;

// A file of "username password" lines, one per client.
std::vector<User> read_users(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::vector<User> users;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    User user;
    if (fields >> user.name >> user.password) users.push_back(std::move(user));
  }
  if (users.empty()) throw std::runtime_error(file + " names no user");
  return users;
}

void add_generator_options(CLI::App& command, GeneratorOptions& options, std::string& today) {
  command.add_option("--seed", options.seed, "Seed of the generated cases");
  command.add_option("--bulk", options.bulk_count, "Rows of the bulk load")->required();
  command.add_option("--today", today, "The referral date of rows after the bulk (YYYY-MM-DD)")
      ->required();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bench_nrm: the NRM benchmark's loader, baseline and load clients"};
  app.require_subcommand(1);

  LoadOptions load;
  std::string load_today;
  auto* load_command = app.add_subcommand("load",
                                          "Bulk-load generated referrals (needs "
                                          "LIFELINE_DATA_DIR like the lifeline CLI)");
  add_generator_options(*load_command, load.generator, load_today);
  load_command->add_option("--first-row", load.first_row);
  load_command->add_option("--count", load.count)->required();
  load_command->add_option("--batch", load.batch, "Referrals per transaction");

  CompareOptions compare;
  std::string compare_today;
  std::string compare_users;
  auto* compare_command = app.add_subcommand(
      "compare", "The raw sqlite3 baseline and POST /api/v1/referrals, in alternating slices");
  add_generator_options(*compare_command, compare.raw.generator, compare_today);
  compare_command->add_option("--db", compare.raw.database, "A copy of the Lifeline SQLite file")
      ->required();
  compare_command->add_option("--url", compare.post.url)->required();
  compare_command->add_option("--users", compare_users, "One first responder per client")
      ->required();
  std::uint64_t first_row = 0;
  compare_command->add_option("--first-row", first_row, "Both write rows first-row, ...");
  compare_command->add_option("--seconds", compare.seconds, "Of each, over all slices");
  compare_command->add_option("--slices", compare.slices);
  compare_command->add_option("--warmup", compare.warmup_seconds, "Before the first HTTP slice");
  bool let_cores_halt = false;
  compare_command->add_flag("--let-cores-halt", let_cores_halt,
                            "Do not keep idle cores busy at the lowest priority");

  PageOptions page;
  std::string page_today;
  std::string page_users;
  auto* page_command = app.add_subcommand("page", "Case pages at random ids");
  add_generator_options(*page_command, page.generator, page_today);
  page_command->add_option("--url", page.url)->required();
  page_command->add_option("--users", page_users, "Case workers, as many as the most clients")
      ->required();
  page_command->add_option("--clients", page.clients, "Clients of each round")->delimiter(',');
  page_command->add_option("--pages", page.pages, "Pages per round");
  page_command->add_option("--max-id", page.max_id)->required();

  CLI11_PARSE(app, argc, argv);
  spdlog::set_level(spdlog::level::warn);  // stdout carries the figures

  auto date = [](const std::string& text) {
    auto parsed = lifeline::domain::nrm::parse_iso_date(text);
    if (!parsed) throw std::runtime_error("--today must be YYYY-MM-DD");
    return *parsed;
  };
  try {
    if (*load_command) {
      load.generator.today = date(load_today);
      return run_load(load);
    }
    if (*compare_command) {
      compare.raw.generator.today = date(compare_today);
      compare.post.generator = compare.raw.generator;
      compare.raw.first_row = first_row;
      compare.post.first_row = first_row;
      compare.post.users = read_users(compare_users);
      compare.keep_cores_awake = !let_cores_halt;
      return run_compare(compare);
    }
    if (*page_command) {
      page.generator.today = date(page_today);
      page.users = read_users(page_users);
      if (page.clients.empty()) page.clients = {1};
      return run_page(page);
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_nrm: " << e.what() << "\n";
    return 1;
  }
  return 1;
}
