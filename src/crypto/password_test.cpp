#include "crypto/password.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "crypto/detail/common_passwords.hpp"
#include "crypto/detail/utf8.hpp"

namespace lifeline::crypto {
namespace {

constexpr auto fast = PasswordHashCost::fast_for_tests();

TEST(PasswordHash, RoundTrips) {
  const auto encoded = hash_password("correct horse battery", fast);
  ASSERT_TRUE(encoded.has_value()) << encoded.error().message;
  EXPECT_TRUE(encoded->starts_with("$argon2id$v=19$m=8192,t=1,p=1$"));
  EXPECT_TRUE(verify_password(*encoded, "correct horse battery"));
  EXPECT_FALSE(verify_password(*encoded, "correct horse batterY"));
  EXPECT_FALSE(verify_password(*encoded, ""));
}

TEST(PasswordHash, SaltsEveryHash) {
  EXPECT_NE(hash_password("same password here", fast).value(),
            hash_password("same password here", fast).value());
}

TEST(PasswordHash, HandlesEmptyAndNonAsciiPasswords) {
  const auto empty = hash_password("", fast);
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(verify_password(*empty, ""));
  EXPECT_TRUE(verify_password(*empty, std::string_view()));
  const auto cyrillic = hash_password("пароль для Ольги", fast);
  ASSERT_TRUE(cyrillic.has_value());
  EXPECT_TRUE(verify_password(*cyrillic, "пароль для Ольги"));
  EXPECT_FALSE(verify_password(*cyrillic, "ПАРОЛЬ ДЛЯ ОЛЬГИ"));
}

TEST(PasswordHash, DefaultCostIsInteractive) {
  const auto encoded = hash_password("correct horse battery");
  ASSERT_TRUE(encoded.has_value());
  EXPECT_TRUE(encoded->starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
  EXPECT_TRUE(verify_password(*encoded, "correct horse battery"));
}

TEST(PasswordHash, RefusesCostsOutsideArgon2Limits) {
  const auto result = hash_password("whatever", PasswordHashCost{0, 8U << 20U});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, Errc::invalid_argument);
}

TEST(PasswordHash, VerifyRejectsMalformedHashes) {
  EXPECT_FALSE(verify_password("", "x"));
  EXPECT_FALSE(verify_password("$argon2id$garbage", "x"));
  EXPECT_FALSE(verify_password(std::string(500, 'a'), "x"));
}

TEST(PasswordHash, NeedsRehashWhenTheCostChanges) {
  const std::string encoded = hash_password("correct horse battery", fast).value();
  EXPECT_FALSE(needs_rehash(encoded, fast));
  EXPECT_TRUE(needs_rehash(encoded, PasswordHashCost::interactive()));
  EXPECT_TRUE(needs_rehash("not a hash", fast));
  // Argon2i, an algorithm this code never produces.
  EXPECT_TRUE(
      needs_rehash("$argon2i$v=19$m=8192,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", fast));
}

std::vector<std::string> policy_messages(std::string_view password, std::string_view username) {
  std::vector<std::string> messages;
  for (const FieldError& error : check_password_policy(password, username)) {
    EXPECT_EQ(error.field, "new_password");
    messages.push_back(error.message);
  }
  return messages;
}

bool breaks(std::string_view password, std::string_view username, std::string_view words) {
  const auto messages = policy_messages(password, username);
  return std::any_of(messages.begin(), messages.end(), [&](const std::string& message) {
    return message.find(words) != std::string::npos;
  });
}

TEST(PasswordPolicy, AcceptsAGoodPassword) {
  EXPECT_TRUE(check_password_policy("violet kettle drums at noon", "ana").empty());
  EXPECT_TRUE(check_password_policy("Xk9#mQ2!vL7p", "ana").empty());
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  // 11 Cyrillic letters are 22 bytes but still too short; 12 are enough.
  EXPECT_TRUE(breaks("жёлтыйтюльп", "ana", "at least 12 characters"));
  EXPECT_TRUE(check_password_policy("жёлтыйтюльпа", "ana").empty());
  EXPECT_TRUE(breaks("short", "ana", "at least 12 characters"));
}

TEST(PasswordPolicy, LimitsTheLengthInBytes) {
  EXPECT_TRUE(breaks(std::string(257, 'x') + "yz", "ana", "at most 256 bytes"));
  EXPECT_FALSE(breaks("qx7" + std::string(250, 'w') + "abc", "ana", "at most 256 bytes"));
}

TEST(PasswordPolicy, RefusesTheUsernameInAnyCase) {
  EXPECT_TRUE(breaks("Caseworker.Popescu", "caseworker.popescu", "must not be the username"));
  EXPECT_TRUE(breaks("my name is POPESCU, ok?", "popescu", "must not contain the username"));
  EXPECT_TRUE(breaks("я ОЛЕНА і я тут", "олена", "must not contain the username"));
  // A two-letter username occurs in good passwords by chance.
  EXPECT_FALSE(breaks("violet kettle drums at noon", "at", "username"));
  EXPECT_FALSE(breaks("violet kettle drums at noon", "", "username"));
}

TEST(PasswordPolicy, RefusesCommonPasswords) {
  EXPECT_TRUE(breaks("password1234", "ana", "too common"));
  EXPECT_TRUE(breaks("QWERTYUIOPASDF", "ana", "too common"));
  EXPECT_TRUE(breaks("1q2w3e4r5t6y", "ana", "too common"));
  EXPECT_TRUE(breaks("ЙЦУКЕНГШЩЗХЪ", "ana", "too common"));
  EXPECT_TRUE(breaks("iloveyou2024!!", "ana", "too common"));  // common word plus suffix
  EXPECT_TRUE(breaks("monkey", "ana", "too common"));
}

TEST(PasswordPolicy, RefusesRepetitionsAndSequences) {
  EXPECT_TRUE(breaks("aaaaaaaaaaaaaaaa", "ana", "repeated"));
  EXPECT_TRUE(breaks("ЯЯЯЯЯЯЯЯЯЯЯЯ", "ana", "repeated"));
  EXPECT_TRUE(breaks("aAaAaAaAaAaA", "ana", "repeated"));
  EXPECT_TRUE(breaks("xyz1xyz1xyz1xyz1", "ana", "repeated"));
  EXPECT_TRUE(breaks("3456789012345", "ana", "sequence"));
  EXPECT_TRUE(breaks("zyxwvutsrqpon", "ana", "sequence"));
  EXPECT_TRUE(breaks("абвгдежзийклм", "ana", "sequence"));
}

TEST(PasswordPolicy, RefusesInvalidUtf8) {
  const auto messages = policy_messages("valid start \xC3\x28 then more", "ana");
  ASSERT_EQ(messages.size(), 1U);
  EXPECT_NE(messages[0].find("UTF-8"), std::string::npos);
}

TEST(PasswordPolicy, MessagesNeverRepeatThePassword) {
  for (const std::string_view password :
       {"brief1", "password1234", "aaaaaaaaaaaaaaaa", "popescu-popescu", "3456789012345"}) {
    for (const FieldError& error : check_password_policy(password, "popescu")) {
      EXPECT_EQ(error.message.find(password), std::string::npos) << error.message;
    }
  }
}

TEST(CommonPasswords, AreLowercaseAndUnique) {
  const auto list = detail::common_passwords();
  EXPECT_GE(list.size(), 200U);
  std::vector<std::string_view> sorted(list.begin(), list.end());
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  for (const std::string_view entry : list) EXPECT_EQ(detail::to_lower(entry), entry);
}

}  // namespace
}  // namespace lifeline::crypto
