#include "app/case_import.hpp"

#include <chrono>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "app/cli_support.hpp"
#include "app/environment.hpp"
#include "domain/nrm/htcds_import.hpp"

namespace lifeline::app {
namespace {

using domain::nrm::CaseActor;

// The progress line is redrawn every this many rows.
constexpr std::size_t kProgressEvery = 100;

// The case worker the cases are referred in the name of: an enabled user with the case worker
// role in an organisation of the competent authority.
Result<CaseActor> importing_case_worker(Environment& env, const std::string& username) {
  auto refused = [&] {
    return fail(Errc::forbidden,
                fmt::format("{} is not an enabled case worker of the competent authority; "
                            "imported cases are referred in such a user's name",
                            username));
  };
  auto user = env.accounts->find_user_by_username(username);
  if (!user) return user.error().code == Errc::not_found ? refused() : tl::unexpected(user.error());
  auto party = env.case_repository->case_party(user->id);
  if (!party) return tl::unexpected(party.error());
  if (!*party || (*party)->organisation_type != domain::nrm::kCompetentAuthority ||
      !domain::nrm::has_role(**party, domain::nrm::nrm_role::case_worker)) {
    return refused();
  }
  return std::move(**party);
}

// The civil date in UTC, as the API dates referrals until a time zone is configured.
domain::nrm::Date utc_date(std::int64_t now) {
  const std::chrono::sys_seconds at{std::chrono::seconds{now}};
  return domain::nrm::Date{std::chrono::floor<std::chrono::days>(at)};
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string counts_line(const std::vector<domain::nrm::ImportedCase>& cases) {
  const auto counts = domain::nrm::count_import(cases);
  return fmt::format(
      "{}, {}; {}; {}", plural(counts.identified, "identified referral", "identified referrals"),
      plural(counts.anonymous_notifications, "anonymous notification", "anonymous notifications"),
      plural(counts.children, "child", "children"),
      plural(counts.closed, "closed case", "closed cases"));
}

int report_rejections(const domain::nrm::HtcdsImport& read) {
  std::set<std::size_t> rows;
  for (const auto& r : read.rejections) rows.insert(r.row);
  std::cerr << fmt::format("lifeline: {} of {} break the import rules; nothing was imported\n",
                           rows.size(), plural(read.rows, "row", "rows"));
  for (const auto& r : read.rejections) {
    std::cerr << "  row " << r.row;
    if (!r.column.empty()) std::cerr << ", " << r.column;
    std::cerr << ": " << r.rule << "\n";
  }
  return 1;
}

}  // namespace

int run_cases_import(const Config& config, const CaseImportOptions& options) {
  auto text = read_text_file(options.file, domain::nrm::kMaxImportBytes, "an import file");
  if (!text) return report(text.error());
  auto env = open_environment(config, config.database_auto_migrate);
  if (!env) return report(env.error());
  auto actor = importing_case_worker(**env, options.username);
  if (!actor) return report(actor.error());
  const auto referrer = options.referring_organisation_id.value_or(actor->organisation_id);
  auto referrer_type = (*env)->case_repository->organisation_type(referrer);
  if (!referrer_type) return report(referrer_type.error());
  if (referrer_type->empty()) {
    std::cerr << "lifeline: there is no organisation " << referrer << "\n";
    return 1;
  }
  const auto now = (*env)->clock.now();
  auto read = domain::nrm::read_htcds_import(*text, utc_date(now));
  if (!read) return report(read.error());

  const auto& cases = read->cases;
  std::cout << fmt::format("{} read; {} pass every rule: {}\n", plural(read->rows, "row", "rows"),
                           cases.size(), counts_line(cases))
            << std::flush;
  if (!read->rejections.empty()) return report_rejections(*read);
  if (options.dry_run) {
    std::cout << "dry run: nothing was imported\n";
    return 0;
  }
  if (cases.empty()) {
    std::cout << "nothing to import\n";
    return 0;
  }

  const auto started = std::chrono::steady_clock::now();
  auto ids =
      (*env)->case_repository->import_cases(cases, referrer, *actor, now, [&](std::size_t stored) {
        if (stored % kProgressEvery == 0 || stored == cases.size()) {
          std::cerr << "\rimported " << stored << " / " << cases.size() << " rows" << std::flush;
        }
      });
  std::cerr << "\n";
  if (!ids) {
    std::cerr << "lifeline: the import failed and was undone; nothing was imported\n";
    return report(ids.error());
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::cout << fmt::format("imported {} (case ids {} to {}) in {:.1f} s, referred by {}\n",
                           plural(ids->size(), "case", "cases"), ids->front(), ids->back(),
                           took.count(), options.username);
  return 0;
}

}  // namespace lifeline::app
