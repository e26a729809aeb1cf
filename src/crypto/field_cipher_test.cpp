#include "crypto/field_cipher.hpp"

#include <gtest/gtest.h>

namespace lifeline::crypto {
namespace {

constexpr std::string_view name = "Ana-Maria Kováčová";

class FieldCipherTest : public ::testing::Test {
 protected:
  KeyStore keys = KeyStore::generate_in_memory();
  FieldCipher cipher{keys};
  FieldContext place{"person", "full_name", 42};

  std::vector<std::uint8_t> seal(std::string_view plaintext = name) {
    auto sealed = cipher.encrypt(plaintext, place);
    EXPECT_TRUE(sealed.has_value());
    return sealed.value_or(std::vector<std::uint8_t>{});
  }
  Error decrypt_error(const std::vector<std::uint8_t>& sealed, const FieldContext& context) {
    auto opened = cipher.decrypt(sealed, context);
    EXPECT_FALSE(opened.has_value());
    return opened ? Error{} : opened.error();
  }
};

TEST_F(FieldCipherTest, RoundTripsText) {
  for (const std::string_view text : {name, std::string_view(""), std::string_view("x"),
                                      std::string_view("Ольга\0binary\xFF", 17)}) {
    const auto sealed = seal(text);
    EXPECT_EQ(sealed.size(), FieldCipher::overhead + text.size());
    EXPECT_EQ(cipher.decrypt(sealed, place).value(), text);
  }
}

TEST_F(FieldCipherTest, LaysOutVersionKeyIdAndNonce) {
  const auto sealed = seal();
  EXPECT_EQ(sealed[0], 1);
  EXPECT_EQ(FieldCipher::key_id_of(sealed), keys.current_field_key_id());
  EXPECT_EQ(sealed[1], 0);
  EXPECT_EQ(sealed[4], 1);
  // The plaintext does not appear in the sealed value.
  const std::string raw(sealed.begin(), sealed.end());
  EXPECT_EQ(raw.find("Kov"), std::string::npos);
}

TEST_F(FieldCipherTest, UsesAFreshNonceEveryTime) {
  EXPECT_NE(seal(), seal());
}

TEST_F(FieldCipherTest, DetectsEverySingleByteChange) {
  const auto sealed = seal();
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    for (const std::uint8_t flip : {0x01, 0x80}) {
      auto tampered = sealed;
      tampered[i] ^= flip;
      SCOPED_TRACE(testing::Message() << "byte " << i << " flip " << int{flip});
      const auto opened = cipher.decrypt(tampered, place);
      ASSERT_FALSE(opened.has_value());
      EXPECT_EQ(opened.error().code, Errc::internal);
      EXPECT_EQ(opened.error().message.find("Kov"), std::string::npos);
    }
  }
}

TEST_F(FieldCipherTest, DetectsTruncationAndExtension) {
  auto sealed = seal();
  auto longer = sealed;
  longer.push_back(0);
  EXPECT_FALSE(cipher.decrypt(longer, place).has_value());
  for (std::size_t size = 0; size < sealed.size(); ++size) {
    EXPECT_FALSE(cipher.decrypt(std::span(sealed).first(size), place).has_value()) << size;
  }
}

TEST_F(FieldCipherTest, RefusesAValueMovedToAnotherPlace) {
  const auto sealed = seal();
  const std::string tampered = "field failed authentication (tampered or wrong row)";
  EXPECT_EQ(decrypt_error(sealed, {"person", "full_name", 43}).message, tampered);
  EXPECT_EQ(decrypt_error(sealed, {"person", "full_name", -42}).message, tampered);
  EXPECT_EQ(decrypt_error(sealed, {"person", "alias", 42}).message, tampered);
  EXPECT_EQ(decrypt_error(sealed, {"contact", "full_name", 42}).message, tampered);
  // Moving the separator between table and column changes the associated data too.
  EXPECT_EQ(decrypt_error(sealed, {"perso", "nfull_name", 42}).message, tampered);
}

TEST_F(FieldCipherTest, RefusesContextsThatCouldCollide) {
  for (const FieldContext& bad :
       {FieldContext{"", "full_name", 1}, FieldContext{"person", "", 1},
        FieldContext{"per|son", "full_name", 1}, FieldContext{"person", "full|name", 1}}) {
    const auto sealed = cipher.encrypt(name, bad);
    ASSERT_FALSE(sealed.has_value());
    EXPECT_EQ(sealed.error().code, Errc::internal);
  }
}

TEST_F(FieldCipherTest, NamesAKeyItDoesNotHold) {
  const KeyStore other = KeyStore::generate_in_memory();
  auto sealed = seal();
  sealed[4] = 9;  // key id 9
  EXPECT_EQ(FieldCipher::key_id_of(sealed), 9U);
  const Error error = decrypt_error(sealed, place);
  EXPECT_EQ(error.code, Errc::internal);
  EXPECT_EQ(error.message, "encrypted with key 9 which the key file does not hold");
}

TEST_F(FieldCipherTest, RefusesAnotherKeyStoresValues) {
  const KeyStore other_keys = KeyStore::generate_in_memory();  // also holds a key 1
  const auto sealed = FieldCipher(other_keys).encrypt(name, place).value();
  EXPECT_EQ(decrypt_error(sealed, place).message,
            "field failed authentication (tampered or wrong row)");
}

TEST(FieldCipherKeyId, IsNulloptForUnknownFormats) {
  std::vector<std::uint8_t> value(FieldCipher::overhead, 0);
  EXPECT_EQ(FieldCipher::key_id_of(value), std::nullopt);  // version 0
  value[0] = 1;
  value[1] = 0x12, value[2] = 0x34, value[3] = 0x56, value[4] = 0x78;
  EXPECT_EQ(FieldCipher::key_id_of(value), 0x12345678U);
  value.pop_back();
  EXPECT_EQ(FieldCipher::key_id_of(value), std::nullopt);  // too short
}

}  // namespace
}  // namespace lifeline::crypto
