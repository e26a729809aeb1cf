#include "crypto/detail/aead.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"

namespace lifeline::crypto::detail {
namespace {

std::vector<std::uint8_t> hex(std::string_view text) {
  return from_hex(text).value();
}

// draft-irtf-cfrg-xchacha-03, Appendix A.3.1: AEAD_XChaCha20_Poly1305.
struct XChaChaVector {
  std::vector<std::uint8_t> key =
      hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
  std::vector<std::uint8_t> nonce = hex("404142434445464748494a4b4c4d4e4f5051525354555657");
  std::vector<std::uint8_t> aad = hex("50515253c0c1c2c3c4c5c6c7");
  std::string plaintext =
      "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the "
      "future, sunscreen would be it.";
  std::vector<std::uint8_t> ciphertext = hex(
      "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4e"
      "da7e39ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2"
      "383565d3fff921f9664c97637da9768812f615c68b13b52e");
  std::vector<std::uint8_t> tag = hex("c0875924c1c7987947deafd8780acf49");

  std::span<const std::uint8_t, aead_key_bytes> key_span() const {
    return std::span<const std::uint8_t, aead_key_bytes>(key.data(), aead_key_bytes);
  }
  std::span<const std::uint8_t, aead_nonce_bytes> nonce_span() const {
    return std::span<const std::uint8_t, aead_nonce_bytes>(nonce.data(), aead_nonce_bytes);
  }
};

TEST(XChaCha20Poly1305, MatchesTheDraftTestVector) {
  const XChaChaVector v;
  std::vector<std::uint8_t> sealed(v.plaintext.size() + aead_tag_bytes);
  aead_seal(sealed, as_bytes(v.plaintext), v.aad, v.nonce_span(), v.key_span());
  std::vector<std::uint8_t> expected = v.ciphertext;
  expected.insert(expected.end(), v.tag.begin(), v.tag.end());
  EXPECT_EQ(sealed, expected);

  std::string opened(v.plaintext.size(), '\0');
  ASSERT_TRUE(aead_open({reinterpret_cast<std::uint8_t*>(opened.data()), opened.size()}, sealed,
                        v.aad, v.nonce_span(), v.key_span()));
  EXPECT_EQ(opened, v.plaintext);
}

TEST(XChaCha20Poly1305, RejectsChangedAssociatedDataAndZeroesOutput) {
  const XChaChaVector v;
  std::vector<std::uint8_t> sealed = v.ciphertext;
  sealed.insert(sealed.end(), v.tag.begin(), v.tag.end());
  std::vector<std::uint8_t> aad = v.aad;
  aad.back() ^= 1U;
  std::vector<std::uint8_t> out(v.plaintext.size(), 0xAA);
  EXPECT_FALSE(aead_open(out, sealed, aad, v.nonce_span(), v.key_span()));
  EXPECT_EQ(out, std::vector<std::uint8_t>(out.size(), 0));
}

TEST(XChaCha20Poly1305, SealsAndOpensEmptyPlaintext) {
  const XChaChaVector v;
  std::vector<std::uint8_t> sealed(aead_tag_bytes);
  aead_seal(sealed, {}, {}, v.nonce_span(), v.key_span());
  std::vector<std::uint8_t> out;
  EXPECT_TRUE(aead_open(out, sealed, {}, v.nonce_span(), v.key_span()));
}

}  // namespace
}  // namespace lifeline::crypto::detail
