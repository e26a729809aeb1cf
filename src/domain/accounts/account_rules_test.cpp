#include "domain/accounts/account_rules.hpp"

#include <gtest/gtest.h>

#include "domain/accounts/vocabulary.hpp"

namespace lifeline::domain {
namespace {

TEST(AccountRules, UsernamesAreCaseInsensitive) {
  EXPECT_EQ(canonical_username("Anna.Petrova"), "anna.petrova");
  EXPECT_TRUE(check_username("Anna.Petrova").empty());
}

TEST(AccountRules, UsernameRejectsShortLongAndOddCharacters) {
  EXPECT_FALSE(check_username("ab").empty());
  EXPECT_FALSE(check_username(std::string(65, 'a')).empty());
  EXPECT_FALSE(check_username("anna petrova").empty());
  EXPECT_FALSE(check_username("anna/../x").empty());
  EXPECT_FALSE(check_username("анна").empty());
}

TEST(AccountRules, DisplayNameAcceptsCyrillicButNotControlCharacters) {
  EXPECT_TRUE(check_display_name("Анна Петрова").empty());
  EXPECT_FALSE(check_display_name("").empty());
  EXPECT_FALSE(check_display_name("   ").empty());
  EXPECT_FALSE(check_display_name("Anna\nPetrova").empty());
  EXPECT_FALSE(check_display_name("\xff\xfe").empty());
}

TEST(AccountRules, RolesMustBeKnownUniqueAndPresent) {
  EXPECT_TRUE(check_roles({"administrator", "auditor"}).empty());
  EXPECT_FALSE(check_roles({}).empty());
  EXPECT_FALSE(check_roles({"administrator", "administrator"}).empty());
  EXPECT_FALSE(check_roles({"superuser"}).empty());
}

TEST(AccountRules, Utf8ValidationRejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(is_valid_utf8("Ölçü — ёлка 🌍"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
}

TEST(Vocabulary, HoldsTheContractIdentifiers) {
  EXPECT_EQ(organisation_types().size(), 15u);
  EXPECT_EQ(roles().size(), 10u);
  EXPECT_TRUE(is_organisation_type("labour_inspectorate"));
  EXPECT_FALSE(is_organisation_type("Police"));
  EXPECT_TRUE(is_role("hotline_operator"));
}

}  // namespace
}  // namespace lifeline::domain
