// Feeds arbitrary bytes to what reads the hotline's public requests, as anyone on the network
// may send them without an account: the JSON body parser, the report and follow-up message
// readers, and the follow-up code normaliser. Each must return a result or an error, never
// crash, hang or read out of bounds; and what it returns must keep the hotline's promises:
// an accepted report is within the size caps and has no honeypot, an error names its fields
// in plain ASCII, and a normalised code is twelve symbols of the code alphabet in groups.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/hotline_input.hpp"
#include "domain/hotline/hotline.hpp"
#include "domain/hotline/proof_of_work.hpp"
#include "http/json_body.hpp"

#include "fuzz_checks.hpp"

namespace {

using lifeline::fuzz::check;
using lifeline::fuzz::is_printable_ascii;

namespace hotline = lifeline::domain::hotline;

void check_errors(const lifeline::Error& error) {
  for (const auto& field : error.fields) {
    check(field.field.size() <= 64);
    check(is_printable_ascii(field.message));
  }
}

void check_code(std::string_view typed) {
  const auto code = hotline::normalise_code(typed);
  if (!code) return;
  check(code->size() == hotline::kCodeSymbols + 2);
  for (std::size_t i = 0; i < code->size(); ++i) {
    const char c = (*code)[i];
    check(i % 5 == 4 ? c == '-' : hotline::kCodeAlphabet.find(c) != std::string_view::npos);
  }
  check(hotline::normalise_code(*code) == code);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_code(text.substr(0, 64));
  lifeline::http::Request request;
  request.method = lifeline::http::Method::post;
  request.headers.set("Content-Type", "application/json");
  request.body = std::string(text);
  auto body = lifeline::http::parse_json_body(request);
  if (!body) return 0;
  if (auto report = lifeline::api::public_report_input(*body)) {
    const auto& account = report->account;
    check(account.what.size() <= hotline::kMaxNarrative * 4);  // code points, UTF-8 bytes
    check(account.where.size() <= hotline::kMaxShortText * 4);
    check(account.contact.size() <= hotline::kMaxShortText * 4);
    check(hotline::is_one_of(hotline::kinds(), account.kind));
    check(account.exploitation_types.size() <= 20);
    check(report->pow.challenge.size() <= 200 * 4);
    check(report->pow.solution.size() <= hotline::kMaxPowSolution * 4);
  } else {
    check_errors(report.error());
  }
  if (auto message = lifeline::api::public_message_input(*body)) {
    check(!message->empty() && message->size() <= hotline::kMaxMessage * 4);
  } else {
    check_errors(message.error());
  }
  return 0;
}
