#include "app/session_authenticator.hpp"

#include "api/common.hpp"

namespace lifeline::app {

Result<std::optional<http::Principal>> SessionAuthenticator::authenticate(
    const http::Request& request) {
  const auto token = request.cookie(api::session_cookie_name(request.secure));
  if (!token || token->empty()) return std::optional<http::Principal>{};
  auto session = accounts_.resume(*token);
  if (!session) {
    // An unknown or ended session is an anonymous caller; a database fault is not.
    if (session.error().code == Errc::unauthorized) return std::optional<http::Principal>{};
    return tl::unexpected(session.error());
  }
  http::Principal principal;
  principal.user_id = session->user.id;
  principal.organisation_id = session->user.organisation_id;
  principal.roles = session->user.roles;
  principal.must_change_password = session->user.must_change_password;
  principal.session_key = std::to_string(session->session_id);
  principal.csrf_token = std::move(session->csrf_token);
  return std::optional<http::Principal>{std::move(principal)};
}

}  // namespace lifeline::app
