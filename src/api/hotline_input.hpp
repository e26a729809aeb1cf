// Reading what the public sends the hotline: a report or advice request, and a follow-up
// message. Outside input from anyone on the network, so it has a fuzz target of its own.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "domain/hotline/hotline.hpp"
#include "http/json_body.hpp"

namespace lifeline::api {

// What someone tells the hotline, as the public report form and an operator's log of a call
// both send it; errors are added to `fields`.
domain::hotline::Account account_input(http::JsonFields& fields);

// The proof of work a public form sends as {"pow": {"challenge", "solution"}}; both empty
// when the body has none.
struct PowAnswer {
  std::string challenge;
  std::string solution;
};

struct PublicReport {
  domain::hotline::Account account;
  PowAnswer pow;
};

// The report in the body of POST /api/v1/public/reports, checked against the hotline's rules;
// every broken rule (unknown fields, sizes, vocabularies, the honeypot, the shape of "pow") is
// a field error. Whether the proof of work solves its challenge is checked by the handler.
Result<PublicReport> public_report_input(const nlohmann::json& body);

// The text of POST /api/v1/public/reports/{code}/messages.
Result<std::string> public_message_input(const nlohmann::json& body);

}  // namespace lifeline::api
