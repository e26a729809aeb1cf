// GET /api/v1/audit: the audit trail for auditors, filtered by record or by actor. Entries name
// records by id only, so reading them reveals nobody's identity.
#include "api/common.hpp"
#include "api/services.hpp"
#include "audit/audit_trail.hpp"

namespace lifeline::api {
namespace {

constexpr std::size_t kMaxFilterLength = 64;

Result<audit::AuditQuery> audit_query(const http::Request& request) {
  auto paging = list_parameters(request);
  if (!paging) return tl::unexpected(paging.error());
  audit::AuditQuery query;
  query.after_id = paging->after_id;
  query.limit = paging->limit > 0 ? paging->limit : 50;
  query.object_type = request.query_param("object_type").value_or("");
  query.object_id = request.query_param("object_id").value_or("");
  if (query.object_type.size() > kMaxFilterLength || query.object_id.size() > kMaxFilterLength) {
    return fail(Errc::malformed, "object_type and object_id are at most 64 characters");
  }
  if (!query.object_id.empty() && query.object_type.empty()) {
    return fail(Errc::malformed, "object_id needs object_type");
  }
  if (auto actor = request.query_param("actor_id"); actor && !actor->empty()) {
    auto id = parse_integer(*actor);
    if (!id || *id <= 0) return fail(Errc::malformed, "actor_id must be a user id");
    query.actor_id = *id;
  }
  return query;
}

nlohmann::json entry_json(const audit::StoredAuditEntry& stored) {
  const auto& e = stored.entry;
  auto optional_id = [](const std::optional<std::int64_t>& id) {
    return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
  };
  return {{"id", stored.id},
          {"at", format_iso8601(stored.at)},
          {"actor_id", optional_id(e.actor_id)},
          {"actor_org_id", optional_id(e.actor_org_id)},
          {"action", e.action},
          {"object_type", e.object_type},
          {"object_id", e.object_id},
          {"outcome", e.outcome}};
}

http::Response list_audit(Services& services, http::Context& context) {
  auto query = audit_query(context.request);
  if (!query) return http::problem_from(query.error());
  const int limit = query->limit;
  query->limit = limit + 1;
  auto entries = audit::list(services.database, *query);
  if (!entries) return http::problem_from(entries.error());
  return http::json_response(
      200, fetched_page_json(
               *entries, limit, [](const audit::StoredAuditEntry& e) { return e.id; }, entry_json));
}

}  // namespace

void add_audit_routes(http::Router& router, Services& services) {
  router.add({http::Method::get, "/api/v1/audit", http::AccessRule::roles_any({"auditor"}),
              [&](http::Context& c) { return list_audit(services, c); },
              "The audit trail, by record or by actor (auditors)"});
}

}  // namespace lifeline::api
