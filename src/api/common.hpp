// Small pieces every handler shares: who is calling, JSON renderings, list parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/accounts/account_service.hpp"
#include "domain/accounts/model.hpp"
#include "http/problem.hpp"
#include "http/router.hpp"

namespace lifeline::api {

// The session cookie: the __Host- prefix pins it to this origin when it can be Secure.
std::string_view session_cookie_name(bool secure);

domain::Actor actor_of(const http::Context& context);
std::int64_t session_id_of(const http::Context& context);

nlohmann::json organisation_json(const domain::Organisation& organisation);
nlohmann::json user_json(const domain::User& user);

template <class T, class Render>
nlohmann::json page_json(const domain::Page<T>& page, Render render) {
  auto items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(render(item));
  nlohmann::json next = nullptr;
  if (page.next_cursor) next = std::to_string(*page.next_cursor);
  return {{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

// A page of rows fetched with one more than `limit`: the extra row is dropped and only says
// that more follow, from the id of the last row kept.
template <class T, class IdOf, class Render>
nlohmann::json fetched_page_json(std::vector<T>& rows, int limit, IdOf id_of, Render render) {
  nlohmann::json next = nullptr;
  if (static_cast<int>(rows.size()) > limit) {
    rows.pop_back();
    next = std::to_string(id_of(rows.back()));
  }
  auto items = nlohmann::json::array();
  for (const auto& row : rows) items.push_back(render(row));
  return {{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

// A whole decimal number and nothing else ("12"; not "12a", " 12" or "").
std::optional<std::int64_t> parse_integer(std::string_view text);

struct ListParameters {
  std::int64_t after_id = 0;
  int limit = 0;
};
// Reads ?cursor=&limit=; a malformed value is a 400, not a silent default.
Result<ListParameters> list_parameters(const http::Request& request);

// Parses a path parameter that must be a positive integer id.
Result<std::int64_t> id_parameter(const http::Context& context, std::string_view name);

}  // namespace lifeline::api
