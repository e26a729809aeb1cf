#include "api/hotline_input.hpp"

#include <vector>

#include "domain/hotline/proof_of_work.hpp"

namespace lifeline::api {
namespace {
constexpr std::size_t kMaxListItems = 20;
constexpr std::size_t kMaxChallenge = 200;

PowAnswer pow_input(http::JsonFields& fields) {
  const auto* value = fields.raw("pow", false);
  if (value == nullptr) return {};
  if (!value->is_object()) {
    fields.add_error("pow", "must be an object with challenge and solution");
    return {};
  }
  http::JsonFields inner(*value);
  PowAnswer answer;
  answer.challenge = inner.text("challenge", true, kMaxChallenge).value_or("");
  answer.solution = inner.text("solution", true, domain::hotline::kMaxPowSolution).value_or("");
  if (auto finished = inner.finish(); !finished) {
    for (const auto& error : finished.error().fields) {
      fields.add_error("pow." + error.field, error.message);
    }
    return {};
  }
  return answer;
}
}  // namespace

domain::hotline::Account account_input(http::JsonFields& fields) {
  namespace hotline = domain::hotline;
  hotline::Account account;
  account.kind = fields.text("kind", false, 16).value_or("report");
  account.language = fields.text("language", false, 2).value_or("");
  account.what = fields.text("what", true, hotline::kMaxNarrative).value_or("");
  account.where = fields.text("where", false, hotline::kMaxShortText).value_or("");
  account.when = fields.text("when", false, hotline::kMaxShortText).value_or("");
  account.people_count = fields.integer("people_count", false);
  account.children_involved = fields.text("children_involved", false, 16).value_or("unknown");
  account.exploitation_types = fields.text_list("exploitation_types", false, kMaxListItems, 64)
                                   .value_or(std::vector<std::string>{});
  account.contact = fields.text("contact", false, hotline::kMaxShortText).value_or("");
  return account;
}

Result<PublicReport> public_report_input(const nlohmann::json& body) {
  namespace hotline = domain::hotline;
  http::JsonFields fields(body);
  auto account = account_input(fields);
  const auto honeypot = fields.text("website", false, hotline::kMaxShortText).value_or("");
  const auto pow = pow_input(fields);
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  auto checked = hotline::validate_public_report(std::move(account), honeypot);
  if (!checked) return tl::unexpected(checked.error());
  return PublicReport{std::move(*checked), pow};
}

Result<std::string> public_message_input(const nlohmann::json& body) {
  http::JsonFields fields(body);
  auto text = fields.text("body", true, domain::hotline::kMaxMessage);
  const auto honeypot = fields.text("website", false, domain::hotline::kMaxShortText).value_or("");
  if (!honeypot.empty()) fields.add_error("website", "must be left empty");
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  return *text;
}

}  // namespace lifeline::api
