#include "api/hotline_input.hpp"

#include <vector>

namespace lifeline::api {
namespace {
constexpr std::size_t kMaxListItems = 20;
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

Result<domain::hotline::Account> public_report_input(const nlohmann::json& body) {
  namespace hotline = domain::hotline;
  http::JsonFields fields(body);
  auto account = account_input(fields);
  const auto honeypot = fields.text("website", false, hotline::kMaxShortText).value_or("");
  if (auto finished = fields.finish(); !finished) return tl::unexpected(finished.error());
  return hotline::validate_public_report(std::move(account), honeypot);
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
