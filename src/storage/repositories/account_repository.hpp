// The accounts domain's store on the shared database adapter.
#pragma once

#include "domain/accounts/account_store.hpp"
#include "storage/database.hpp"

namespace lifeline::storage {

class AccountRepository final : public domain::AccountStore {
 public:
  explicit AccountRepository(Database& db) : db_(db) {}
  Result<void> read(const std::function<Result<void>(domain::AccountTransaction&)>& work) override;
  Result<void> write(const std::function<Result<void>(domain::AccountTransaction&)>& work) override;

 private:
  Database& db_;
};

}  // namespace lifeline::storage
