// Resolves the session cookie of a request into the principal the pipeline checks rules with.
#pragma once

#include "domain/accounts/account_service.hpp"
#include "http/pipeline.hpp"

namespace lifeline::app {

class SessionAuthenticator final : public http::Authenticator {
 public:
  explicit SessionAuthenticator(domain::AccountService& accounts) : accounts_(accounts) {}
  Result<std::optional<http::Principal>> authenticate(const http::Request& request) override;

 private:
  domain::AccountService& accounts_;
};

}  // namespace lifeline::app
